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
//  6. A capitalised word outside every span that the gazetteers know only
//     as a nationality ("Many Belarusians have fled") is a nationality.
//  7. A span of lower-case function words only ("of") names nothing; an organisation
//     ending in a word for a body and followed by "of" and capitalised words
//     that no span covers takes them ("Ministry of Defence").
//  8. A name in apposition to a noun for a group ("another unit, Kastus
//     Kalinouski, gathered") or after "members of" names an organisation,
//     unless the model reads a person or the gazetteers know it as a place.
//  1b. Rule 1 also names what the model missed: a capitalised run that no
//     span covers after "called", "named", "dubbed" or "known as" (and
//     "the" or a quote) after a noun for a group is an organisation
//     ("the security service, which is still called the KGB").
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
	// Rule 8: "another unit, NAME," names an organisation.
	for k := range sp {
		s := &sp[k]
		if s.Class == ORG || s.Class == PER || s.Start < 2 {
			continue
		}
		j := s.Start - 1
		if ts[j].lw == "the" && j > 1 {
			j--
		}
		members := ts[j].lw == "of" && (ts[j-1].lw == "members" || ts[j-1].lw == "member")
		apposition := ts[s.Start-1].w == "," && groupNouns[ts[s.Start-2].lw] && (s.End == len(ts) || ts[s.End].w == "," || ts[s.End].w == ".")
		if !members && !apposition {
			continue
		}
		if m.spanCats(ts, s.Start, s.End)&(gCountry|gCity|gCityBig|gAdmin|gCapital|gRegion) == 0 {
			s.Class = ORG
		}
	}
	sp = calledNames(ts, sp)
	sp = companyChains(ts, sp)
	sp = m.nationalityWords(ts, sp)
	sp = bodyOf(ts, sp)
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
var companyDesignators = map[string]bool{"corp": true, "corp.": true, "inc": true, "inc.": true,
	"co": true, "co.": true, "ltd": true, "ltd.": true, "llc": true, "plc": true}

// companyChains applies rule 5: one or two capitalised words, "and" or "&",
// one or two capitalised words (possessives allowed) and a capitalised
// company abbreviation (Corp, Inc, Co, Ltd, LLC, plc) become one ORG span,
// replacing the spans inside it.
func companyChains(ts []tok, sp []tagged) []tagged {
	for e := 2; e < len(ts); e++ {
		if !companyDesignators[ts[e].lw] || !ts[e].upperInit {
			continue
		}
		// words after "and", then "and", then words before it
		j, after, before := e-1, 0, 0
		for j >= 0 && (ts[j].upperInit || ts[j].lw == "'s" || ts[j].lw == "’s") {
			if ts[j].upperInit {
				after++
			}
			j--
		}
		if j < 1 || ts[j].lw != "and" && ts[j].lw != "&" || after < 1 || after > 2 {
			continue
		}
		j--
		start := j + 1
		for j >= 0 && ts[j].upperInit && before < 2 {
			before++
			start = j
			j--
		}
		if before == 0 || j >= 0 && ts[j].upperInit {
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

// nationalityWords applies rule 6.
func (m *Model) nationalityWords(ts []tok, sp []tagged) []tagged {
	var add []tagged
	k := 0
	for i := range ts {
		for k < len(sp) && sp[k].End <= i {
			k++
		}
		if k < len(sp) && sp[k].Start <= i || !ts[i].upperInit {
			continue
		}
		cats := m.spanCats(ts, i, i+1)
		if cats&gDemonym != 0 && cats&(gCountry|gCity|gCityBig|gAdmin|gCapital|gName|gRegion) == 0 {
			add = append(add, tagged{Span: Span{Start: i, End: i + 1, Class: MISC}, conf: 0.6})
		}
	}
	if len(add) == 0 {
		return sp
	}
	sp = append(sp, add...)
	sortTagged(sp)
	return sp
}

// functionWords name nothing on their own.
var functionWords = map[string]bool{"of": true, "the": true, "for": true, "and": true, "a": true, "an": true, "in": true,
	"on": true, "to": true, "at": true, "by": true, "with": true, "from": true}

// bodyOf applies rule 7.
func bodyOf(ts []tok, sp []tagged) []tagged {
	out := sp[:0]
	for k := 0; k < len(sp); k++ {
		s := sp[k]
		function := true
		for i := s.Start; i < s.End; i++ {
			function = function && functionWords[ts[i].w]
		}
		if function {
			continue
		}
		if s.Class == ORG && s.End+1 < len(ts) && ts[s.End].lw == "of" && ts[s.End+1].upperInit && (orgHeads[ts[s.End-1].lw] || groupNouns[ts[s.End-1].lw]) {
			next := len(ts)
			for j := k + 1; j < len(sp); j++ {
				if sp[j].Start >= s.End && !(sp[j].End-sp[j].Start == 1 && sp[j].Start == s.End) {
					next = sp[j].Start
					break
				}
			}
			e := s.End + 1
			for e < len(ts) && e < next && ts[e].upperInit {
				e++
			}
			if e > s.End+1 && e <= next {
				s.End = e
				for k+1 < len(sp) && sp[k+1].Start < e {
					k++ // the "of" span
				}
			}
		}
		out = append(out, s)
	}
	return out
}

func sortTagged(sp []tagged) {
	for i := 1; i < len(sp); i++ {
		for j := i; j > 0 && sp[j].Start < sp[j-1].Start; j-- {
			sp[j], sp[j-1] = sp[j-1], sp[j]
		}
	}
}

// calledNames applies rule 1b.
func calledNames(ts []tok, sp []tagged) []tagged {
	var add []tagged
	for i := 0; i+1 < len(ts); i++ {
		cue := 0
		switch ts[i].lw {
		case "called", "named", "dubbed", "nicknamed":
			cue = i
		case "as":
			if i > 0 && ts[i-1].lw == "known" {
				cue = i - 1
			} else {
				continue
			}
		default:
			continue
		}
		j := i + 1
		for j < len(ts) && (isOpenQuote(ts[j].w) || ts[j].lw == "the") {
			j++
		}
		e := j
		for e < len(ts) && ts[e].upperInit {
			e++
		}
		if e == j {
			continue
		}
		covered := false
		for _, s := range sp {
			if s.Start < e && j < s.End {
				covered = true
			}
		}
		if covered {
			continue
		}
		group := false
		for k := cue - 1; k >= 0 && k >= cue-7; k-- {
			group = group || groupNouns[ts[k].lw]
		}
		if group {
			add = append(add, tagged{Span: Span{Start: j, End: e, Class: ORG}, conf: 0.6})
		}
	}
	if len(add) == 0 {
		return sp
	}
	sp = append(sp, add...)
	sortTagged(sp)
	return sp
}
