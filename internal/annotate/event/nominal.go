package event

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// nominal is an event noun: "the invasion of Ukraine", "a call by X for Y",
// "a brutal government crackdown", "street protests against X".
type nominal struct {
	event, mode string
	// preps introduce the target ("of", "against", "on", "for").
	preps string
	// noSource: the event stands without a named source (protests are
	// carried out by protesters).
	noSource bool
	// needsPrep: the noun is also common in other senses and counts only
	// with one of preps or "by" after it ("a call for", "support for").
	needsPrep bool
}

// nominals lists event nouns (singular) and the multi-word ones, newsgraph's
// own list, after the PLOVER manual's category definitions.
var nominalNouns = map[string]nominal{
	"invasion":      {event: "ASSAULT", mode: "seize", preps: "of into"},
	"attack":        {event: "ASSAULT", preps: "on against", needsPrep: true},
	"assault":       {event: "ASSAULT", preps: "on against", needsPrep: true},
	"offensive":     {event: "ASSAULT", preps: "on against in", needsPrep: true},
	"onslaught":     {event: "ASSAULT", preps: "on against"},
	"ambush":        {event: "ASSAULT", preps: "on against"},
	"airstrike":     {event: "ASSAULT", mode: "aerial", preps: "on against"},
	"air strike":    {event: "ASSAULT", mode: "aerial", preps: "on against"},
	"shelling":      {event: "ASSAULT", mode: "heavy-weapons", preps: "of on"},
	"bombardment":   {event: "ASSAULT", mode: "heavy-weapons", preps: "of on"},
	"massacre":      {event: "ASSAULT", mode: "massacre", preps: "of in"},
	"explosion":     {event: "ASSAULT", mode: "bomb", preps: "at in near outside"},
	"blast":         {event: "ASSAULT", mode: "bomb", preps: "at in near outside"},
	"bombing":       {event: "ASSAULT", mode: "bomb", preps: "of at in on"},
	"protest":       {event: "PROTEST", mode: "demo", preps: "against over", noSource: true},
	"demonstration": {event: "PROTEST", mode: "demo", preps: "against over", noSource: true},
	"riot":          {event: "PROTEST", mode: "riot", preps: "against over", noSource: true},
	"rally":         {event: "PROTEST", mode: "demo", preps: "against", noSource: true, needsPrep: true},
	"hunger strike": {event: "PROTEST", mode: "hunger", preps: "against over", noSource: true},
	"boycott":       {event: "PROTEST", mode: "boycott", preps: "of"},
	"crackdown":     {event: "COERCE", preps: "on against"},
	"repression":    {event: "COERCE", preps: "of against"},
	"arrest":        {event: "COERCE", mode: "arrest", preps: "of", needsPrep: true},
	"detention":     {event: "COERCE", mode: "arrest", preps: "of", needsPrep: true},
	"wanted list":   {event: "COERCE", mode: "arrest"},
	"criminal case": {event: "COERCE", mode: "arrest", preps: "against"},
	"curfew":        {event: "COERCE", mode: "curfew", preps: "on in", needsPrep: true},
	"martial law":   {event: "COERCE", mode: "martial-law", preps: "in"},
	"call":          {event: "REQUEST", preps: "for that", needsPrep: true},
	"appeal":        {event: "REQUEST", preps: "for to that", needsPrep: true},
	"demand":        {event: "REQUEST", preps: "for that", needsPrep: true},
	"mediation":     {event: "CONSULT", preps: "between in"},
	"plea":          {event: "REQUEST", preps: "for to", needsPrep: true},
	"support":       {event: "SUPPORT", preps: "for of", needsPrep: true},
	"withdrawal":    {event: "RETREAT", mode: "withdraw", preps: "from of", needsPrep: true},
	"condemnation":  {event: "ACCUSE", mode: "disapprove", preps: "of"},
	"investigation": {event: "ACCUSE", mode: "investigate", preps: "into of", needsPrep: true},
	"talks":         {event: "CONSULT", preps: "with between on", needsPrep: true},
	"talk":          {event: "CONSULT", preps: "with between on", needsPrep: true},
}

var possessives = set("its their his her")

var possessives2pronoun = map[string]string{"its": "it", "their": "they", "his": "he", "her": "she"}

var timeWords = set("today yesterday tonight now again monday tuesday wednesday thursday friday saturday sunday")

// nominals codes the event nouns of a sentence that no coded verb covers.
func (c *coder) nominals(toks []tok, phrases []phrase, inPhrase []int, verbs []verb, hypothetical bool) []news.Event {
	if hypothetical {
		return nil
	}
	var out []news.Event
	for i := 0; i < len(toks); i++ {
		if toks[i].quoted {
			continue
		}
		l, nm, ok := c.nominalAt(toks, i)
		if !ok {
			continue
		}
		end := i + l
		// The noun must not be a verb here: after a determiner,
		// possessive, adjective or number, or before a preposition.
		prevOK := i > 0 && !c.isVerbAt(verbs, i)
		if !prevOK {
			continue
		}
		next := ""
		if end < len(toks) {
			next = toks[end].low
			if timeWords[next] && end+1 < len(toks) {
				next = toks[end+1].low
			}
		}
		if nm.needsPrep && !strings.Contains(" "+nm.preps+" by ", " "+next+" ") {
			continue
		}
		// Negated or hypothetical nouns: "no invasion", "a possible attack".
		if toks[i-1].low == "no" || toks[i-1].low == "possible" || toks[i-1].low == "planned" || toks[i-1].low == "potential" {
			continue
		}
		e := news.Event{Type: nm.event, Mode: nm.mode}
		var src, tgt *phrase
		// Source before the noun: "Russia's invasion", "a Russian ambush",
		// "a brutal government crackdown", "Zelenskyy's call".
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			if pi := inPhrase[k]; pi >= 0 {
				p := phrases[pi]
				src = &p
				break
			}
			if possessives[toks[k].low] {
				// "its demand", "their call": whose, from before.
				pr := phrase{start: k, end: k + 1, name: possessives2pronoun[toks[k].low], pronoun: true}
				if r, ok := c.resolvePronoun(pr, toks, phrases, phrase{}); ok {
					src = &r
				}
				break
			}
			w := toks[k].low
			if w == "," || w == "." || prepositions[w] || boundaries[w] || w == "and" {
				break
			}
		}
		// After the noun: "by X" is the source, the target follows its
		// preposition.
		for k := end; k < len(toks) && k < end+10; k++ {
			w := toks[k].low
			if w == ";" || boundaries[w] || w == "," && k > end || w == "and" || c.isVerbAt(verbs, k) {
				break
			}
			if w == "by" || strings.Contains(" "+nm.preps+" ", " "+w+" ") {
				for m := k + 1; m < len(toks) && m < k+5; m++ {
					if pi := inPhrase[m]; pi >= 0 && !phrases[pi].adjective {
						p := phrases[pi]
						if w == "by" {
							if src == nil || src.adjective {
								src = &p
							}
						} else if tgt == nil {
							tgt = &p
						}
						k = phrases[pi].end - 1
						break
					}
					if prepositions[toks[m].low] && toks[m].low != "of" {
						break
					}
				}
			}
		}
		if src != nil && strings.HasPrefix(strings.ToLower(src.name), "anti-") {
			// "anti-Lukashenko protests": against, not by.
			if tgt == nil {
				t := *src
				t.name = src.name[len("anti-"):]
				tgt = &t
			}
			src = nil
		}
		if src != nil && src.pronoun {
			if r, ok := c.resolvePronoun(*src, toks, phrases, phrase{}); ok {
				src = &r
			} else {
				src = nil
			}
		}
		if src == nil && !nm.noSource {
			// "return to Geneva for talks", "put them on a wanted list":
			// the subject of the verb whose phrase holds the noun.
			for vi := len(verbs) - 1; vi >= 0; vi-- {
				v := verbs[vi]
				if v.end > i || i-v.end > 8 {
					continue
				}
				clear := true
				for k := v.end; k < i; k++ {
					if boundaries[toks[k].low] || toks[k].low == "," {
						clear = false
					}
				}
				if !clear || v.passive {
					break
				}
				g := v.group
				if g > 0 && toks[g-1].low == "and" && vi > 0 {
					g = verbs[vi-1].group // "put them on a list and initiated cases": one subject
				}
				if subj := c.subjectAt(toks, phrases, inPhrase, g); len(subj) > 0 {
					src = &subj[0]
					if tgt == nil {
						if t := c.firstAfter(toks, phrases, inPhrase, v.end, verbs, vi); t >= 0 && phrases[t].end <= i && !phrases[t].adjective {
							p := phrases[t]
							tgt = &p
						}
					}
				}
				break
			}
		}
		if src == nil && !nm.noSource {
			continue
		}
		if nm.event == "PROTEST" && (tgt == nil || !tgt.named || tgt.country != "") {
			if at := c.againstTarget(toks, phrases, inPhrase, end); at >= 0 {
				p := phrases[at]
				tgt = &p
			}
		}
		if tgt != nil && tgt.pronoun {
			before := *tgt
			before.start = i // what the pronoun stands for comes before the noun
			if r, ok := c.resolvePronoun(before, toks, phrases, phrase{}); ok {
				tgt = &r
			} else {
				tgt = nil
			}
		}
		if src != nil {
			c.setActor(&e, *src, false)
		} else {
			e.ActorName = "protesters"
			e.ActorType = "civilian"
			e.ActorCountry = c.lastCountry
		}
		if tgt != nil {
			c.setActor(&e, *tgt, true)
		}
		if e.ActorName == e.TargetName {
			continue
		}
		e.Trigger = news.Trigger{Span: news.Span{Start: toks[i].Start, End: toks[end-1].End}}
		e.Confidence = 0.5
		if src != nil && (src.named || src.country != "") {
			e.Confidence += 0.1
		}
		if tgt != nil {
			e.Confidence += 0.1
		}
		out = append(out, e)
		i = end - 1
	}
	return out
}

func (c *coder) nominalAt(toks []tok, i int) (int, nominal, bool) {
	if i+1 < len(toks) {
		two := toks[i].low + " " + singular(toks[i+1].low)
		if nm, ok := nominalNouns[two]; ok {
			return 2, nm, true
		}
	}
	w := toks[i].low
	if nm, ok := nominalNouns[w]; ok {
		return 1, nm, true
	}
	if nm, ok := nominalNouns[singular(w)]; ok {
		return 1, nm, true
	}
	return 0, nominal{}, false
}

func (c *coder) isVerbAt(verbs []verb, i int) bool {
	for _, v := range verbs {
		if v.i <= i && i < v.end {
			return true
		}
	}
	return false
}
