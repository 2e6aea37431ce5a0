package ner

// Corrections after the statistical passes, for patterns newswire
// training data rarely shows but general news is full of. They read only
// the words of a span and around it; none names a particular entity.
//
//  1. A name introduced by "called", "named", "dubbed" or "known as" after a
//     noun for a group ("a unit called Pahonia", "the security service,
//     which is still called the KGB") names an organisation.
//  2. An organisation name ending in a word for a body ("Committee",
//     "Institute", "Legion") and continued by "for (the)" or "of the" and
//     another name is one long name ("Committee for the Protection of
//     Journalists", "Institute for the Study of War").
//  3. A lone nationality word ("Ukrainians") that is not also a place or a
//     personal name is a nationality (MISC, shown as NORP), whatever the
//     model made of its context.
//  4. A one-word "place" the gazetteers know only as a personal name,
//     followed by "who", is a person ("a 19-year-old, Ales, who ...").
//  5. Capitalised names joined by "and" or "&" and ended by a company
//     designator ("Standard and Poor's Corp", "Procter & Gamble Co") are
//     one organisation, not a person and a company.

var groupNouns = map[string]bool{}

// orgHeads are last words of organisation names that take "for the ...".
var orgHeads = map[string]bool{"center": true, "centre": true, "commission": true, "office": true, "fund": true,
	"campaign": true, "league": true, "federation": true, "society": true, "ministry": true, "department": true,
	"board": true, "court": true, "front": true, "army": true, "bureau": true, "authority": true, "trust": true}

func init() {
	for _, w := range []string{"unit", "units", "group", "groups", "battalion", "regiment", "brigade", "squad", "service",
		"agency", "organisation", "organization", "company", "firm", "party", "movement", "network", "militia", "band",
		"team", "club", "outfit", "force", "forces", "legion", "union", "association", "charity", "startup", "start-up",
		"newspaper", "channel", "station", "bank", "fund", "faction", "coalition", "alliance", "initiative", "foundation",
		"council", "committee", "body", "cell", "wing", "division", "corps", "detachment", "platoon", "company's",
		"publisher", "broadcaster", "website", "outlet", "magazine", "think-tank", "institute", "school", "university"} {
		groupNouns[w] = true
	}
}

func isOpenQuote(w string) bool {
	switch w {
	case "\"", "“", "‘", "'", "``", "«", "„":
		return true
	}
	return false
}

// applyRules returns the spans of one sentence after the corrections.
func (m *Model) applyRules(ts []tok, sp []tagged) []tagged {
	// Rule 3: a lone nationality word (and nothing else: not a place, not
	// a personal name) is a nationality, whatever its context.
	for k := range sp {
		s := &sp[k]
		if s.End-s.Start == 1 && s.Class != MISC {
			cats := m.spanCats(ts, s.Start, s.End)
			if cats&gDemonym != 0 && cats&(gCountry|gCity|gCityBig|gAdmin|gCapital|gName|gRegion) == 0 {
				s.Class = MISC
			}
		}
	}
	// Rule 4: a personal name the gazetteers do not know as a place,
	// followed by "who", is a person ("a 19-year-old, Ales, who ...").
	for k := range sp {
		s := &sp[k]
		if s.Class != LOC || s.End-s.Start != 1 {
			continue
		}
		j := s.End
		if j < len(ts) && ts[j].w == "," {
			j++
		}
		if j >= len(ts) || ts[j].lw != "who" {
			continue
		}
		cats := m.spanCats(ts, s.Start, s.End)
		if cats&gName != 0 && cats&(gCountry|gCity|gCityBig|gAdmin|gCapital|gRegion|gDemonym) == 0 {
			s.Class = PER
		}
	}
	for k := range sp {
		s := &sp[k]
		if s.Class == ORG {
			continue
		}
		j := s.Start - 1
		for j >= 0 && (isOpenQuote(ts[j].w) || ts[j].lw == "the") {
			j--
		}
		if j < 0 {
			continue
		}
		cue := false
		switch ts[j].lw {
		case "called", "named", "dubbed", "nicknamed", "christened":
			cue = true
			j--
		case "as":
			if j > 0 && ts[j-1].lw == "known" {
				cue = true
				j -= 2
			}
		}
		if !cue {
			continue
		}
		for k := j; k >= 0 && k >= j-7; k-- {
			if groupNouns[ts[k].lw] {
				s.Class = ORG
				break
			}
		}
	}
	sp = companyChains(ts, sp)
	// Rule 2: merge ORG + for/of the + name.
	out := sp[:0]
	for k := 0; k < len(sp); k++ {
		s := sp[k]
		for k+1 < len(sp) && s.Class == ORG {
			n := sp[k+1]
			gap := ts[s.End:n.Start]
			ok := false
			switch len(gap) {
			case 1:
				ok = gap[0].lw == "for"
			case 2:
				ok = (gap[0].lw == "for" || gap[0].lw == "of") && gap[1].lw == "the"
			}
			if !ok || !ts[n.Start].upperInit || !groupNouns[ts[s.End-1].lw] && !orgHeads[ts[s.End-1].lw] {
				break
			}
			s.End = n.End
			s.conf = min(s.conf, n.conf)
			k++
		}
		out = append(out, s)
	}
	return out
}

// companyDesignators end a company's name.
var companyDesignators = map[string]bool{"corp": true, "corp.": true, "corporation": true, "inc": true, "inc.": true,
	"co": true, "co.": true, "ltd": true, "ltd.": true, "llc": true, "plc": true, "group": true, "holdings": true,
	"company": true, "associates": true, "partners": true}

// companyChains applies rule 5: a run of capitalised words joined by "and"
// or "&" (possessives allowed) and ended by a capitalised company
// designator becomes one ORG span, replacing the spans inside it.
func companyChains(ts []tok, sp []tagged) []tagged {
	for e := 2; e < len(ts); e++ {
		if !companyDesignators[ts[e].lw] || !ts[e].upperInit {
			continue
		}
		start, joined := e, false
		for j := e - 1; j >= 0; j-- {
			switch w := ts[j].lw; {
			case w == "'s" || w == "’s":
				continue
			case (w == "and" || w == "&") && j > 0 && ts[j-1].upperInit:
				joined = true
				continue
			case ts[j].upperInit:
				start = j
				continue
			}
			break
		}
		if !joined || start >= e-1 || !ts[start].upperInit {
			continue
		}
		conf := 1.0
		out := make([]tagged, 0, len(sp)+1)
		placed := false
		for _, s := range sp {
			if s.End <= start || s.Start > e {
				if !placed && s.Start > e {
					out = append(out, tagged{Span: Span{Start: start, End: e + 1, Class: ORG}, conf: conf})
					placed = true
				}
				out = append(out, s)
				continue
			}
			conf = min(conf, s.conf)
		}
		if !placed {
			out = append(out, tagged{Span: Span{Start: start, End: e + 1, Class: ORG}, conf: conf})
		}
		sp = out
	}
	return sp
}
