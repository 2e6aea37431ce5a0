package event

import (
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// coder codes the events of one article; it keeps what earlier sentences
// said about actors (a titled mention types the bare surname later on).
type coder struct {
	d     *Dict
	a     *news.Article
	known map[string]actorInfo // lower-case names and surnames → country and sector
	// lastCountry is the country most recently named, for "the country's
	// security service" and bare role nouns.
	lastCountry string
	// times and places index a's times and places by span.
	times, places *news.SpanIndex
	prevPhrases   []phrase // the previous sentence's, for pronouns
	prevToks      []tok
	cond          []bool // tokens of the current sentence inside a conditional clause
	lastPattern   string // the pattern verbCode matched last, for tests
	// lastSubject is the grammatical subject of the last verb coded in
	// the sentence, for coordinated verbs.
	lastSubject []phrase
	// extraTargets are the conjoined targets of the event codeVerb
	// returned last ("Iran, Libya and Cuba").
	extraTargets []phrase
}

// verb is a verb found in a sentence.
type verb struct {
	i, end   int // tokens of the verb form (end exclusive)
	ref      verbRef
	group    int // first token of the verb group (auxiliaries, adverbs)
	aux      map[string]bool
	passive  bool
	consumed bool
}

var auxiliaries = set("will would shall 'll has have had 's is are was were be been being am do does did 'd not n't never also already reportedly allegedly still then could can may might must should just now later soon again publicly officially formally effectively finally eventually further once jointly recently repeatedly")

var beForms = set("is are was were be been being am get got gets getting 's")

var modalHypo = set("could can may might should must")

// reporting verbs introduce what someone said; "X said Y must do Z" is a
// request by X of Y.
var reportingVerbs = set("said says say declared declares announced announces reiterated reiterates insisted insists stated states concluded concludes told tells added argued maintained warned")

var futureAux = set("will would shall 'll 'd")

var negators = set("not n't never")

var boundaries = set("; : that which who whom whose because although though while whereas after before when where if unless whether but")

var agreeVerbs = set("agree offer promise pledge vow swear decide plan intend prepare volunteer undertake commit consent resolve")

var requestVerbs = set("urge ask call demand appeal request press pressure implore invite order tell encourage beg plead")

var refuseVerbs = set("refuse decline reject")

var threatenVerbs = set("threaten")

var locative = set("in at into near on inside outside across throughout")

var predictive = set("likely unlikely expected set due supposed bound poised")

var readyAdjectives = set("ready willing prepared eager determined")

var cooperative = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT")

var materialConflict = set("ASSAULT COERCE SANCTION MOBILIZE")

// sentence codes the events of sentence si.
func (c *coder) sentence(si int, toks []tok, ments []news.Mention) []news.Event {
	if len(toks) == 0 {
		return nil
	}
	phrases := c.findPhrases(toks, ments)
	c.learn(phrases, toks)
	inPhrase := make([]int, len(toks))
	for i := range inPhrase {
		inPhrase[i] = -1
	}
	for pi, p := range phrases {
		for k := p.start; k < p.end; k++ {
			inPhrase[k] = pi
		}
	}
	// Conditional clauses ("if ...", "unless ...") up to the next comma or
	// the end: what they say did not happen. A question says nothing
	// happened.
	cond := make([]bool, len(toks))
	for i, t := range toks {
		if (t.low == "if" || t.low == "unless" || t.low == "whether") && !t.quoted {
			for k := i; k < len(toks) && toks[k].low != "," && toks[k].low != ";"; k++ {
				cond[k] = true
			}
		}
	}
	hypothetical := false
	if last := toks[len(toks)-1]; last.text == "?" {
		hypothetical = true
	}
	c.cond = cond
	c.lastSubject = nil
	verbs := c.findVerbs(toks, inPhrase)

	var events []news.Event
	add := func(e news.Event, trigger news.Span, ok bool) {
		if !ok || e.Type == "" {
			return
		}
		for _, o := range events {
			if o.Type == e.Type && o.Trigger.Span.Overlaps(trigger) {
				return
			}
			if o.Type == e.Type && o.ActorName == e.ActorName && (o.TargetName == e.TargetName || e.TargetName == "") {
				return
			}
		}
		e.Sentence = si
		e.Trigger = news.Trigger{Span: trigger, Text: c.a.Slice(trigger)}
		events = append(events, e)
	}
	var prevSource []phrase
	for vi := range verbs {
		v := &verbs[vi]
		if v.consumed {
			continue
		}
		e, src, ok := c.codeVerb(toks, phrases, inPhrase, verbs, vi, prevSource, hypothetical)
		if len(src) > 0 {
			prevSource = src
		}
		trig := news.Span{Start: toks[v.i].Start, End: toks[v.end-1].End}
		add(e, trig, ok)
		if ok {
			for _, tp := range c.extraTargets {
				e2 := e
				c.setActor(&e2, tp, true)
				if e2.TargetName == e2.ActorName {
					continue
				}
				e2.Sentence = si
				e2.Trigger = news.Trigger{Span: trig, Text: c.a.Slice(trig)}
				events = append(events, e2)
			}
		}
		// Compound subjects: one event per conjunct.
		if ok && len(src) > 1 {
			for _, s := range src[1:] {
				e2 := e
				c.setActor(&e2, s, false)
				e2.Sentence = si
				e2.Trigger = news.Trigger{Span: trig, Text: c.a.Slice(trig)}
				events = append(events, e2)
			}
		}
	}
	for _, e := range c.nominals(toks, phrases, inPhrase, verbs, hypothetical) {
		add(e, e.Trigger.Span, true)
	}
	if !hypothetical {
		var last news.Span
		for _, e := range c.reportedRequests(toks, phrases, inPhrase) {
			if e.Trigger.Span == last && len(events) > 0 && events[len(events)-1].Trigger.Span == last {
				// another addressee of the same request
				e.Sentence = si
				e.Trigger.Text = c.a.Slice(e.Trigger.Span)
				events = append(events, e)
				continue
			}
			add(e, e.Trigger.Span, true)
			last = e.Trigger.Span
		}
	}
	sort.SliceStable(events, func(i, j int) bool { return events[i].Trigger.Start < events[j].Trigger.Start })
	c.prevPhrases, c.prevToks = phrases, toks
	return events
}

// learn remembers the country and sector of named phrases, so that a bare
// surname later in the article is typed like its first, titled mention.
func (c *coder) learn(ps []phrase, toks []tok) {
	for _, p := range ps {
		if p.pronoun || p.adjective {
			if p.adjective && p.country != "" {
				c.lastCountry = p.country
			}
			continue
		}
		if p.country != "" {
			c.lastCountry = p.country
		}
		if !p.named || (p.country == "" && p.sector == "") {
			continue
		}
		// The name part: capitalised tokens at the end of the phrase.
		j := p.end
		for j > p.start && toks[j-1].cap {
			j--
		}
		if j >= p.end {
			continue
		}
		nameToks := toks[j:p.end]
		ai := actorInfo{country: p.country, sector: p.sector}
		put := func(k string) {
			old, ok := c.known[k]
			switch {
			case !ok:
				c.known[k] = ai
			case old.country == "" && ai.country != "":
				// A later, fuller mention adds the country.
				if ai.sector == "" {
					ai.sector = old.sector
				}
				c.known[k] = ai
			}
		}
		if p.person || len(nameToks) >= 2 {
			put(wordsKey(nameToks))
			if len(nameToks) >= 2 {
				put(nameToks[len(nameToks)-1].low)
			}
		}
	}
}

// findVerbs finds the dictionary verbs of a sentence, longest form first,
// skipping nouns (a verb form after a determiner) and names.
func (c *coder) findVerbs(toks []tok, inPhrase []int) []verb {
	var out []verb
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if inPhrase[i] >= 0 || (t.cap && i > 0) {
			continue
		}
		refs := c.d.forms[t.low]
		best := -1
		for ri, r := range refs {
			if i+len(r.words) > len(toks) {
				continue
			}
			match := true
			for k, w := range r.words {
				if toks[i+k].low != w {
					match = false
					break
				}
			}
			if match && (best < 0 || len(r.words) > len(refs[best].words)) {
				best = ri
			}
		}
		if best < 0 {
			continue
		}
		if reportingBases[refs[best].verb] {
			continue // statements are not events (CAMEO 01)
		}
		if i > 0 && isNounContext(toks, i) {
			continue
		}
		if i > 0 && prepositions[toks[i-1].low] && toks[i-1].low != "to" && !strings.HasSuffix(t.low, "ing") {
			continue // "by phone", "of bombs", "in disputed territory"
		}
		base := !strings.HasSuffix(t.low, "ed") && !strings.HasSuffix(t.low, "ing") && !strings.HasSuffix(t.low, "en")
		if i > 0 && base && len(refs[best].words) == 1 {
			if pi := inPhrase[i-1]; pi >= 0 {
				p := toks[i-1]
				// "a key U.S. ally", "official contact", "government crackdown"
				if !p.cap && !strings.HasSuffix(p.low, "s") {
					continue
				}
				if st := phraseStart(inPhrase, i-1); (st > 0 && determiners[toks[st-1].low]) || (st > 1 && determiners[toks[st-2].low] && !toks[st-1].cap) {
					continue // "a key U.S. ally"
				}
			}
			// "suspended aid deliveries": a verb does not follow a verb.
			if len(out) > 0 && out[len(out)-1].end == i {
				continue
			}
		}
		if i > 0 && (strings.HasSuffix(t.low, "ed") || strings.HasSuffix(t.low, "ing")) && len(out) > 0 && out[len(out)-1].end == i {
			continue // "extradited suspected militants", "ban voting"
		}
		if i > 0 && base && len(refs[best].words) == 1 {
			p := toks[i-1]
			if inPhrase[i-1] < 0 && !p.cap && isWordy(p.text) && !auxiliaries[p.low] && !pronouns[p.low] && !boundaries[p.low] &&
				p.low != "to" && p.low != "and" && p.low != "or" && p.low != "we" && p.low != "i" && p.low != "you" && !strings.HasSuffix(p.low, "ly") && !prepositions[p.low] {
				if _, isVerb := c.d.forms[p.low]; !isVerb || determiners[p.low] {
					continue // "longtime ally", "criminal cases", "battle experience"
				}
			}
		}
		v := verb{i: i, end: i + len(refs[best].words), ref: refs[best], aux: map[string]bool{}}
		// The verb group: auxiliaries and adverbs before it.
		g := i
		for g > 0 {
			w := toks[g-1].low
			if auxiliaries[w] || strings.HasSuffix(w, "ly") && !toks[g-1].cap && inPhrase[g-1] < 0 {
				g--
				v.aux[w] = true
				continue
			}
			break
		}
		v.group = g
		low := t.low
		if low != v.ref.verb {
			for w := range v.aux {
				if beForms[w] && !strings.HasSuffix(low, "ing") && !strings.HasSuffix(low, "s") {
					v.passive = true
				}
			}
		}
		// "West Africans ordered out of Nigeria", "the curfew imposed in
		// Sudan": a participle after a noun, with a finite verb earlier in
		// the clause, modifies the noun.
		if strings.HasSuffix(low, "ed") && len(v.aux) == 0 && i > 0 && len(out) > 0 && !clauseBreak(toks, out[len(out)-1].end, i) {
			p := toks[i-1]
			if inPhrase[i-1] >= 0 || (!p.cap && isWordy(p.text) && !strings.HasSuffix(p.low, "ly") && !auxiliaries[p.low] && p.low != "and" && p.low != "or" && !pronouns[p.low]) {
				continue
			}
		}
		// "is prepared to", "was determined to": an adjective of intent.
		if v.passive && v.end < len(toks) && toks[v.end].low == "to" && (agreeVerbs[v.ref.verb] || readyAdjectives[low]) {
			v.passive = false
		}
		// "Ousted President X": a participle before a name is a modifier.
		if strings.HasSuffix(low, "ed") && (i == 0 || determiners[toks[i-1].low] || toks[i-1].low == ",") && v.end < len(toks) && inPhrase[v.end] >= 0 && len(v.aux) == 0 && !(i > 0 && toks[i-1].low == ",") {
			continue
		}
		// "X, killed by Y": a participle followed by "by".
		if !v.passive && v.end < len(toks) && toks[v.end].low == "by" && strings.HasSuffix(low, "ed") && (i == 0 || toks[i-1].low == "," || inPhrase[i-1] >= 0) {
			v.passive = true
		}
		out = append(out, v)
		i = v.end - 1
	}
	return out
}

// clauseBreak reports a boundary word, comma or conjunction in toks[from:to].
func clauseBreak(toks []tok, from, to int) bool {
	for k := from; k < to && k < len(toks); k++ {
		if w := toks[k].low; boundaries[w] || w == "," || w == "and" || w == "or" || w == ";" {
			return true
		}
	}
	return false
}

func phraseStart(inPhrase []int, i int) int {
	for i > 0 && inPhrase[i-1] == inPhrase[i] {
		i--
	}
	return i
}

var reportingBases = set("say tell announce declare state report confirm add reiterate insist note explain quote comment remark describe")

// isNounContext reports whether the word at i reads as a noun: after a
// determiner, a possessive, a number or an adjective-like modifier.
func isNounContext(toks []tok, i int) bool {
	p := toks[i-1].low
	if determiners[p] || p == "'s" || p == "'" {
		return true
	}
	// "a roadside bombing", "the recently imposed": a determiner two
	// words back, across a lower-case modifier.
	if i >= 2 && determiners[toks[i-2].low] && !toks[i-1].cap && isWordy(toks[i-1].text) && !auxiliaries[p] && !prepositions[p] {
		// ... but "a declaration demanding that": a participle after a
		// noun goes on with its own complement.
		if i+1 >= len(toks) || prepositions[toks[i+1].low] || !isWordy(toks[i+1].text) || auxiliaries[toks[i+1].low] {
			return true
		}
	}
	if len(p) > 0 && p[0] >= '0' && p[0] <= '9' {
		return true
	}
	return false
}

// codeVerb codes the event of verb vi, if it is one that happened.
func (c *coder) codeVerb(toks []tok, phrases []phrase, inPhrase []int, verbs []verb, vi int, prevSource []phrase, hypothetical bool) (news.Event, []phrase, bool) {
	v := &verbs[vi]
	var e news.Event
	// A verb governed by another through "to" ("agreed to send",
	// "threatened to attack", "urged X to withdraw") is coded with it.
	infinitive := v.group > 0 && toks[v.group-1].low == "to"
	governor := -1
	if infinitive {
		for k := vi - 1; k >= 0; k-- {
			if verbs[k].end <= v.group-1 && v.group-1-verbs[k].end <= 6 {
				governor = k
			}
			break
		}
	}
	cd, spec, ok := c.verbCode(toks, v)
	// The complement of a control verb.
	var ctrl string
	ctrlNeg := false
	ctrlTarget := -1
	for k := vi + 1; k < len(verbs) && k <= vi+2; k++ {
		w := verbs[k]
		maxGap := 6
		if requestVerbs[v.ref.verb] {
			maxGap = 14 // "pressuring workers of the United Bus Company of Tehran to cancel"
		}
		if w.group == 0 || toks[w.group-1].low != "to" || w.group-1-v.end > maxGap {
			continue
		}
		base := v.ref.verb
		switch {
		case agreeVerbs[base]:
			ctrl = "AGREE"
		case requestVerbs[base]:
			ctrl = "REQUEST"
		case refuseVerbs[base]:
			ctrl = "REJECT"
		case threatenVerbs[base]:
			ctrl = "THREATEN"
		}
		if ctrl == "" {
			break
		}
		wc, _, wok := c.verbCode(toks, &verbs[k])
		verbs[k].consumed = true
		switch {
		case ctrl == "AGREE" && wok && v.ref.verb == "prepare" && (wc.event == "ASSAULT" || wc.event == "MOBILIZE"):
			ctrl = "MOBILIZE" // "prepared to resume shelling": posturing, short of force
		case ctrl == "AGREE" && wok && materialConflict[wc.event]:
			ctrl = "THREATEN"
		}
		if ctrl == "REQUEST" {
			// "urged Russia to withdraw": the addressee is the target.
			for p := v.end; p < w.group-1; p++ {
				if inPhrase[p] >= 0 {
					ctrlTarget = inPhrase[p]
					break
				}
			}
		}
		if ctrlTarget < 0 {
			ctrlTarget = c.firstAfter(toks, phrases, inPhrase, verbs[k].end, verbs, k)
		}
		if wok {
			cd.mode = wc.mode
		} else {
			cd.mode = ""
		}
		for a := range verbs[k].aux {
			if negators[a] {
				ctrlNeg = true
			}
		}
		break
	}
	// "is ready to send", "was willing to meet": an adjective of intent.
	if ctrl == "" && infinitive && v.group >= 2 && readyAdjectives[toks[v.group-2].low] {
		if cooperative[cd.event] || !ok {
			ctrl = "AGREE"
		} else {
			ctrl = "THREATEN"
		}
		ok = true
	}
	if ctrl != "" {
		cd.event, ok = ctrl, true
		spec++
	}
	ok0 := ok && cd.event != "" && cd.event != "-"
	if !ok0 {
		// An uncoded verb may still code through its object ("extend the
		// curfew", "stage a hunger strike", "strengthen its forces").
		obj := objectWords(toks, v.end)
		if !(obj["curfew"] || obj["martial"] || obj["emergency"] || obj["blockade"] ||
			((obj["force"] || obj["troop"] || obj["army"] || obj["soldier"]) && mobilizeVerbs[v.ref.verb]) ||
			(stageVerbs[v.ref.verb] && protestObject(obj) != "") ||
			(gatherVerbs[v.ref.verb] && protestObject(ppWords(toks, v.end)) != "") ||
			(relaxVerbs[v.ref.verb] && (obj["curfew"] || obj["restriction"] || ppWords(toks, v.end)["curfew"])) ||
			(closeVerbs[v.ref.verb] && obj["border"]) ||
			(cutVerbs[v.ref.verb] && (obj["aid"] || obj["supply"] || obj["assistance"] || obj["food"]))) || reportingBases[v.ref.verb] {
			return e, nil, false
		}
		cd = code{event: "COERCE"} // provisional: the object rules below decide
	}
	// Modality: negation, hypotheticals, the future, quotes.
	neg := ctrlNeg && ctrl == ""
	future := false
	for a := range v.aux {
		switch {
		case negators[a]:
			neg = true
		case modalHypo[a]:
			hypothetical = true
		case futureAux[a]:
			future = true
		}
	}
	if v.group > 0 && toks[v.group-1].low == "failed" || (v.group > 1 && toks[v.group-2].low == "failed" && toks[v.group-1].low == "to") {
		neg = true
	}
	if toks[v.i].quoted || hypothetical || c.cond[v.i] {
		return e, nil, false
	}
	// "likely to dominate", "expected to be joined": predictions.
	if v.group >= 2 && toks[v.group-1].low == "to" && predictive[toks[v.group-2].low] {
		return e, nil, false
	}
	// A gerund after a preposition ("by fighting", "for joining") has no
	// subject of its own in the clause.
	if strings.HasSuffix(toks[v.i].low, "ing") && v.group == v.i && v.i > 0 && prepositions[toks[v.i-1].low] && toks[v.i-1].low != "after" {
		return e, nil, false
	}
	e.Type, e.Mode = cd.event, cd.mode
	// Roles.
	src := c.subject(toks, phrases, inPhrase, verbs, vi, governor)
	if v.group > 0 && vi > 0 && (toks[v.group-1].low == "and" || toks[v.group-1].low == "or") {
		// "authorities have put X on a list and initiated cases": the
		// coordinated verb shares the first one's subject, never its object.
		src = c.lastSubject
		if len(src) == 0 {
			src = c.subjectAt(toks, phrases, inPhrase, verbs[vi-1].group)
		}
	} else if v.group > 0 && toks[v.group-1].low == "," && strings.HasSuffix(toks[v.i].low, "ing") && v.group == v.i {
		// "police opened fire, killing one person": the participle's
		// subject is the main clause's.
		src = c.lastSubject
		if len(src) == 0 && vi > 0 {
			src = c.subjectAt(toks, phrases, inPhrase, verbs[0].group)
		}
	} else if v.group > 0 && len(c.lastSubject) > 0 && len(src) == 0 && toks[v.group-1].low == "," {
		src = c.lastSubject
	}
	if len(src) > 0 {
		c.lastSubject = src
	}
	tgt := ctrlTarget
	if tgt < 0 {
		from, at := v.end, vi
		// "donated and personally delivered goods to X": coordinated
		// verbs share their object.
		if vi+1 < len(verbs) && v.end < len(toks) && (toks[v.end].low == "and" || toks[v.end].low == "or") && verbs[vi+1].group <= v.end+2 {
			from, at = verbs[vi+1].end, vi+1
		}
		tgt = c.firstAfter(toks, phrases, inPhrase, from, verbs, at)
	}
	// "sent troops to Ukraine": the recipient, not what was sent.
	if tgt >= 0 && !phrases[tgt].named && phrases[tgt].country == "" {
		for k := phrases[tgt].end; k+1 < len(toks) && k < phrases[tgt].end+4; k++ {
			if boundaries[toks[k].low] || toks[k].low == "," {
				break
			}
			if toks[k].low == "to" || toks[k].low == "into" {
				m := k + 1
				if m < len(toks) && toks[m].low == "the" {
					m++
				}
				if m < len(toks) && inPhrase[m] >= 0 && !phrases[inPhrase[m]].adjective {
					tgt = inPhrase[m]
				}
				break
			}
		}
	}
	var byAgent = -1
	for k := v.end; v.passive && k < len(toks) && k < v.end+8; k++ {
		if toks[k].low == "by" && k+1 < len(toks) {
			for m := k + 1; m < len(toks) && m < k+5; m++ {
				if inPhrase[m] >= 0 {
					byAgent = inPhrase[m]
					break
				}
			}
			break
		}
		if boundaries[toks[k].low] {
			break
		}
	}
	if v.passive {
		var subj []phrase
		subj, src = src, nil
		if len(subj) == 0 {
			// "A camp for Congolese refugees was attacked": the patient may
			// sit in a prepositional phrase of the subject.
			for k := v.group - 1; k >= 0 && k >= v.group-6; k-- {
				if pi := inPhrase[k]; pi >= 0 && !phrases[pi].adjective && !phrases[pi].pronoun {
					subj = []phrase{phrases[pi]}
					break
				}
				if boundaries[toks[k].low] || toks[k].low == "," {
					break
				}
			}
		}
		if byAgent >= 0 {
			src = []phrase{phrases[byAgent]}
		} else {
			// "killed in a Russian ambush": an adjective inside the PP.
			for k := v.end; k < len(toks) && k < v.end+6; k++ {
				if pi := inPhrase[k]; pi >= 0 && phrases[pi].adjective {
					src = []phrase{phrases[pi]}
					break
				}
				if boundaries[toks[k].low] || toks[k].low == "," {
					break
				}
			}
		}
		tgt = -1
		if len(subj) > 0 {
			e.TargetName = subj[0].name
			c.setActor(&e, subj[0], true)
		}
	}
	if len(src) == 0 {
		// "was killed by a roadside bomb", "a blast killed two youths":
		// violence with a known victim and an unknown perpetrator; but not
		// a prediction ("if X is defeated, Y will be defeated").
		if future || neg || anyTrue(c.cond) {
			return e, nil, false
		}
		if v.passive && e.TargetName != "" && (e.Type == "RETREAT" || e.Type == "CONCEDE") {
			// "guerrillas have been demobilized": who retreats is the subject.
			e.Actor, e.ActorName, e.ActorType, e.ActorCountry = e.Target, e.TargetName, e.TargetType, e.TargetCountry
			e.Target, e.TargetName, e.TargetType, e.TargetCountry = "", "", "", ""
			e.Confidence = 0.45
			return e, nil, true
		}
		violent := e.Type == "ASSAULT" || e.Type == "COERCE"
		if (v.passive && e.TargetName != "" && (violent || e.Type == "ACCUSE")) || (violent && !v.passive && tgt >= 0) {
			if !v.passive && tgt >= 0 {
				c.setActor(&e, phrases[tgt], true)
			}
			if e.TargetName == "" {
				return e, nil, false
			}
			e.Confidence = 0.4
			return e, nil, true
		}
		return e, nil, false
	}
	c.setActor(&e, src[0], false)
	c.extraTargets = c.extraTargets[:0]
	if tgt >= 0 && !v.passive {
		for _, q := range conjuncts(toks, phrases, inPhrase, tgt) {
			c.extraTargets = append(c.extraTargets, phrases[q])
		}
		tp := phrases[tgt]
		if tp.pronoun {
			if r, ok := c.resolvePronoun(tp, toks, phrases, src[0]); ok {
				tp = r
			}
		}
		if tp.name != e.ActorName {
			c.setActor(&e, tp, true)
		}
	}
	if e.ActorName == "" || e.ActorName == e.TargetName {
		return e, nil, false
	}
	if e.Type == "PROTEST" {
		// Protests are against someone: "... against Lukashenko"; where
		// they happen is the place, not the target.
		if at := c.againstTarget(toks, phrases, inPhrase, v.end); at >= 0 && phrases[at].name != e.ActorName {
			c.setActor(&e, phrases[at], true)
			c.extraTargets = c.extraTargets[:0]
		} else if tgt >= 0 && phrases[tgt].start > 0 && locative[toks[phrases[tgt].start-1].low] {
			e.Target, e.TargetName, e.TargetType, e.TargetCountry = "", "", "", ""
			c.extraTargets = c.extraTargets[:0]
		}
	}
	if (e.Type == "RETREAT" || (e.Type == "SANCTION" && e.Mode == "withdraw")) && !v.passive {
		// "withdraw inspectors and workers from Iraq": where from.
		for k := v.end; k+1 < len(toks) && k < v.end+12; k++ {
			if boundaries[toks[k].low] || toks[k].low == ";" {
				break
			}
			if toks[k].low == "from" {
				m := k + 1
				if toks[m].low == "the" && m+1 < len(toks) {
					m++
				}
				if pi := inPhrase[m]; pi >= 0 && !phrases[pi].pronoun {
					c.setActor(&e, phrases[pi], true)
					c.extraTargets = c.extraTargets[:0]
				}
				break
			}
		}
	}
	// Civilians, opposition and rebels blocking roads protest (PLOVER
	// PROTEST, mode obstruct); the state blocking them coerces.
	if (v.ref.block == "exclude" || strings.HasPrefix(v.ref.verb, "block")) && (e.Type == "COERCE" || e.Type == "SANCTION") {
		switch e.ActorType {
		case "civilian", "opposition", "rebel", "":
			e.Type, e.Mode = "PROTEST", "obstruct"
		}
	}
	// What the object is can change the category (PLOVER's definitions):
	// acceding to demands concedes; turning down a proposal rejects;
	// stopping a demonstration coerces; expelling inspectors, diplomats or
	// aid agencies reduces relations.
	if ctrl == "" {
		obj := objectWords(toks, v.end)
		state := e.ActorType == "government" || e.ActorType == "military" || e.ActorType == "police" || e.ActorType == "intelligence"
		switch {
		case !ok0 && obj["curfew"]:
			e.Type, e.Mode = "COERCE", "curfew"
		case !ok0 && (obj["martial"] || obj["emergency"]) && !relaxVerbs[v.ref.verb]:
			e.Type, e.Mode = "COERCE", "martial-law"
		case !ok0 && obj["blockade"]:
			e.Type, e.Mode = "COERCE", "restrict"
		case !ok0 && (obj["force"] || obj["troop"] || obj["army"] || obj["soldier"]) && mobilizeVerbs[v.ref.verb]:
			e.Type, e.Mode = "MOBILIZE", "troops"
		case (v.ref.block == "apprehend" || v.ref.verb == "retake" || v.ref.verb == "occupy") && territory(obj, ppWords(toks, v.end)):
			e.Type, e.Mode = "ASSAULT", "seize" // taking territory by force (CAMEO 192)
		case closeVerbs[v.ref.verb] && (obj["border"] || obj["embassy"] || obj["consulate"] || obj["airspace"]):
			e.Type, e.Mode = "SANCTION", "discontinue" // closing borders with a country reduces relations
		case cutVerbs[v.ref.verb] && (obj["aid"] || obj["supply"] || obj["assistance"] || obj["delivery"] || obj["funding"] || obj["loan"] || obj["program"] || obj["shipment"] || (obj["food"] && !state)):
			e.Type, e.Mode = "SANCTION", "discontinue" // reducing or stopping aid
		case e.Type == "RETREAT" && (obj["inspector"] || obj["observer"] || obj["peacekeeper"] || obj["diplomat"] || obj["monitor"] || obj["ambassador"] || obj["worker"]):
			e.Type, e.Mode = "SANCTION", "withdraw" // withdrawing one's own non-military resources
		case gatherVerbs[v.ref.verb] && protestObject(ppWords(toks, v.end)) != "":
			e.Type, e.Mode = "PROTEST", protestObject(ppWords(toks, v.end))
		case stageVerbs[v.ref.verb] && protestObject(obj) != "":
			e.Type, e.Mode = "PROTEST", protestObject(obj)
		case relaxVerbs[v.ref.verb] && (obj["restriction"] || obj["measure"] || obj["curfew"] || obj["ban"] || obj["emergency"] || obj["control"] || ppWords(toks, v.end)["curfew"]):
			e.Type, e.Mode = "CONCEDE", ""
		case (e.Type == "RETREAT" || e.Type == "SANCTION" || e.Type == "REJECT") && !state && protestObject(obj) != "":
			e.Type, e.Mode = "CONCEDE", "" // "called off the strike": suspending a protest concedes
		case (e.Type == "AGREE" || e.Type == "SUPPORT") && obj["demand"]:
			e.Type, e.Mode = "CONCEDE", ""
		case (e.Type == "ACCUSE" || e.Type == "REJECT") && (obj["appeal"] || obj["proposal"] || obj["offer"] || obj["plan"] || obj["call"] || obj["request"] || obj["invitation"]):
			e.Type, e.Mode = "REJECT", ""
		case (e.Type == "REJECT" || e.Type == "SANCTION") && state && protestObject(obj) != "":
			e.Type, e.Mode = "COERCE", "restrict"
		case e.Type == "COERCE" && e.Mode == "deport" && (obj["inspector"] || obj["diplomat"] || obj["ambassador"] || obj["envoy"] || obj["observer"] || obj["peacekeeper"] || obj["monitor"] || obj["agency"]):
			e.Type, e.Mode = "SANCTION", "expel"
		}
	}
	if neg {
		if ctrl == "REJECT" {
			return e, nil, false
		}
		if !cooperative[e.Type] && e.Type != "REQUEST" {
			return e, nil, false
		}
		e.Type, e.Mode = "REJECT", ""
	}
	if future && ctrl == "" && !neg {
		if cooperative[e.Type] {
			e.Type = "AGREE"
		} else if materialConflict[e.Type] {
			e.Type = "THREATEN"
		}
	}
	// The PLOVER manual requires a recipient for these.
	if e.TargetName == "" && (e.Type == "COOPERATE" || e.Type == "AID" || e.Type == "SANCTION") {
		return e, nil, false
	}
	e.Confidence = confidence(spec, e, src[0])
	return e, src, true
}

func confidence(spec int, e news.Event, src phrase) float64 {
	c := 0.5
	if spec > 0 {
		c += 0.15
	}
	if spec > 2 {
		c += 0.05
	}
	if e.TargetName != "" {
		c += 0.1
	}
	if src.named || src.country != "" {
		c += 0.1
	}
	if src.pronoun || src.inferred {
		c -= 0.15
	}
	if c > 0.95 {
		c = 0.95
	}
	return c
}

// verbCode returns the code of a verb: its best-matching pattern, else its
// default. spec is the matched pattern's specificity.
func (c *coder) verbCode(toks []tok, v *verb) (code, int, bool) {
	best, bestSpec := -1, -1
	pats := c.d.patterns[v.ref.block]
	def, hasDef := c.d.defaults[v.ref.verb+"\t"+v.ref.block]
	hasDef = hasDef && def.event != "" && def.event != "-"
	for pi := range pats {
		p := &pats[pi]
		if p.specificity <= bestSpec {
			continue
		}
		if hasDef && (len(p.after) == 0 || (p.origin != "" && p.origin != v.ref.verb)) {
			// A verb with a code of its own keeps it against subject-only
			// patterns and patterns written for other verbs of its block
			// ("take part" says nothing of "arrest").
			continue
		}
		if c.matchAfter(p.after, toks, v.end) && c.matchBefore(p.before, toks, v.group) {
			best, bestSpec = pi, p.specificity
		}
	}
	c.lastPattern = ""
	if best >= 0 && bestSpec > 0 {
		c.lastPattern = pats[best].text
		cd := pats[best].code
		return cd, bestSpec, cd.event != "-" && cd.event != ""
	}
	cd, ok := c.d.defaults[v.ref.verb+"\t"+v.ref.block]
	if !ok || cd.event == "-" || cd.event == "" {
		return cd, 0, false
	}
	return cd, 0, true
}

// window returns the lower-case words after (or before) a position, up to
// a clause boundary.
func (c *coder) matchAfter(els []element, toks []tok, from int) bool {
	end := from
	for end < len(toks) && end < from+14 {
		w := toks[end].low
		if w == ";" || w == "." || (end > from && (w == "which" || w == "who" || w == "because" || w == "while")) {
			break
		}
		end++
	}
	_, ok := c.matchSeq(els, toks, from, end)
	return ok
}

func (c *coder) matchBefore(els []element, toks []tok, group int) bool {
	if len(els) == 0 {
		return true
	}
	start := group - 6
	if start < 0 {
		start = 0
	}
	_, ok := c.matchSeq(els, toks, start, group)
	return ok
}

// matchSeq matches pattern elements in order within toks[from:end],
// allowing other words between them. It returns the position after the
// last match.
func (c *coder) matchSeq(els []element, toks []tok, from, end int) (int, bool) {
	pos := from
	for _, e := range els {
		switch e.kind {
		case 'w', 's':
			at := -1
			var l int
			// A bare noun is the head of the phrase right there: it may
			// follow determiners and modifiers, not a preposition.
			lim := end
			for k := pos; k < end; k++ {
				if k > pos && prepositions[toks[k].low] && !(toks[k].low == "of" && (quantities[toks[k-1].low] || measureWords[toks[k-1].low])) {
					lim = k
					break
				}
			}
			if lim > pos+5 {
				lim = pos + 5
			}
			for k := pos; k < lim; k++ {
				if l = c.matchWords(e, toks, k, end); l > 0 {
					at = k
					break
				}
			}
			if at < 0 {
				return pos, false
			}
			pos = at + l
		case 'p':
			at := -1
			for k := pos; k < end; k++ {
				if matchPhrase(e.seq, toks, k, end) > 0 {
					at = k
					break
				}
			}
			if at < 0 {
				return pos, false
			}
			p := at + len(e.seq)
			if len(e.inner) > 0 {
				lim := p + 5
				if lim > end {
					lim = end
				}
				np, ok := c.matchSeq(e.inner, toks, p, lim)
				if !ok {
					return pos, false
				}
				p = np
			}
			pos = p
		}
	}
	return pos, true
}

func (c *coder) matchWords(e element, toks []tok, k, end int) int {
	if e.kind == 's' {
		set := c.d.synsets[e.set]
		for _, key := range [2]string{toks[k].low, singular(toks[k].low)} {
			for _, ph := range set[key] {
				if l := matchPhrase(ph, toks, k, end); l > 0 {
					return l
				}
			}
		}
		return 0
	}
	return matchPhrase(e.seq, toks, k, end)
}

// matchPhrase matches words, one per token, at toks[k:], allowing a plural
// or inflected last word.
func matchPhrase(ws []string, toks []tok, k, end int) int {
	if len(ws) == 0 || k+len(ws) > end {
		return 0
	}
	for j, w := range ws {
		t := toks[k+j].low
		if t == w {
			continue
		}
		if j == len(ws)-1 && len(t) > len(w) && t[:len(w)] == w && (singular(t) == w || strings.TrimSuffix(t, "ed") == w || strings.TrimSuffix(t, "d") == w || strings.TrimSuffix(t, "ing") == w) {
			continue
		}
		return 0
	}
	return len(ws)
}

// subject finds the source of verb vi: the first phrase of its clause that
// is not inside a prepositional phrase, with its conjuncts ("Jordan and
// Britain"); for an infinitive, the subject of the verb that governs it.
func (c *coder) subject(toks []tok, phrases []phrase, inPhrase []int, verbs []verb, vi, governor int) []phrase {
	v := verbs[vi]
	end := v.group
	if governor >= 0 {
		end = verbs[governor].group
	} else if end > 0 && toks[end-1].low == "to" {
		// "used Belarusian territory to invade": the governing verb may
		// be one the dictionary does not code; skip back over its object.
		for k := vi - 1; k >= 0; k-- {
			end = verbs[k].group
			break
		}
	}
	return c.subjectAt(toks, phrases, inPhrase, end)
}

// subjectAt finds the subject of a verb group starting at token end.
func (c *coder) subjectAt(toks []tok, phrases []phrase, inPhrase []int, end int) []phrase {
	// The clause start: a boundary word, or a comma that closes a clause
	// with a verb in it.
	start := 0
	for k := end - 1; k >= 0; k-- {
		w := toks[k].low
		if boundaries[w] && w != "who" && w != "which" {
			start = k + 1
			break
		}
		if w == "who" || w == "which" {
			// A relative clause: its subject is the phrase before it, or a
			// name an insertion gives it ("the security service, which is
			// still called the KGB, detained him").
			if k > 0 {
				j := k - 1
				if toks[j].low == "," && j > 0 {
					j--
				}
				if pi := inPhrase[j]; pi >= 0 {
					ante := phrases[pi]
					if end-1 > k && toks[end-1].low == "," {
						for m := k + 1; m < end-1; m++ {
							if (toks[m].low == "called" || toks[m].low == "named" || toks[m].low == "as") && !ante.named {
								for q := m + 1; q < end-1; q++ {
									if qi := inPhrase[q]; qi >= 0 && phrases[qi].named {
										al := phrases[qi]
										if al.country == "" {
											al.country = ante.country
										}
										if al.sector == "" {
											al.sector = ante.sector
										}
										return []phrase{al}
									}
								}
							}
						}
						return []phrase{ante}
					}
					if end-1 <= k || toks[end-1].low != "," {
						return []phrase{ante}
					}
				}
			}
			start = k + 1
			break
		}
	}
	// Skip parentheticals and relative clauses set off by commas
	// ("Russia, for its part, has pumped"; "the service, which is called
	// the KGB, detained him"), remembering an alias they give.
	var cands []int
	alias := -1
	inside := false
	for k := start; k < end; k++ {
		w := toks[k].low
		if w == "," && k+1 < end && (toks[k+1].low == "which" || toks[k+1].low == "who" || prepositions[toks[k+1].low]) {
			// A comma-delimited insertion up to the next comma.
			j := k + 1
			for j < end && toks[j].low != "," {
				if (toks[j].low == "called" || toks[j].low == "named" || toks[j].low == "as") && j+1 < end {
					for m := j + 1; m < end && toks[m].low != ","; m++ {
						if pi := inPhrase[m]; pi >= 0 && phrases[pi].named {
							alias = pi
							break
						}
					}
				}
				j++
			}
			if j < end {
				k = j
				continue
			}
		}
		_ = inside
		pi := inPhrase[k]
		if pi < 0 || phrases[pi].start != k || phrases[pi].adjective {
			continue
		}
		if k > 0 && prepositions[toks[k-1].low] && !quantityOf(toks, k-1) {
			continue
		}
		if k > 1 && toks[k-1].low == "the" && prepositions[toks[k-2].low] && !quantityOf(toks, k-2) {
			continue
		}
		cands = append(cands, pi)
	}
	if len(cands) == 0 {
		return nil
	}
	// The nearest candidate, and the phrases conjoined with it before.
	last := len(cands) - 1
	first := phrases[cands[last]]
	firstIdx := last
	for ci := last; ci > 0; ci-- {
		prev, cur := phrases[cands[ci-1]], phrases[cands[ci]]
		gap := toks[prev.end:cur.start]
		if len(gap) == 1 && (gap[0].low == "and" || gap[0].low == ",") {
			firstIdx = ci - 1
			continue
		}
		break
	}
	if firstIdx < last {
		// "A, B and C agreed": the list runs from firstIdx.
		hasAnd := false
		for ci := firstIdx; ci < last; ci++ {
			if toks[phrases[cands[ci]].end].low == "and" {
				hasAnd = true
			}
		}
		if !hasAnd {
			firstIdx = last // an apposition ("a commander, Skoblia,"), not a list
		}
	}
	cands = cands[firstIdx:]
	first = phrases[cands[0]]
	if alias >= 0 && !first.named {
		al := phrases[alias]
		if al.country == "" {
			al.country = first.country
		}
		if al.sector == "" {
			al.sector = first.sector
		}
		first = al
	}
	if first.pronoun {
		if r, ok := c.resolvePronoun(first, toks, phrases, phrase{}); ok {
			first = r
		} else {
			return nil
		}
	}
	out := []phrase{first}
	for _, ci := range cands[1:] {
		out = append(out, phrases[ci])
	}
	return out
}

// Verbs whose object decides the event.
var (
	mobilizeVerbs = set("strengthen reinforce boost bolster increase mass amass deploy station build move")
	stageVerbs    = set("stage hold organize organise launch begin start continue mount call")
	relaxVerbs    = set("ease lift relax loosen shorten end remove scrap")
	gatherVerbs   = set("converge gather assemble mass")
	closeVerbs    = set("close seal shut")
	cutVerbs      = set("reduce cut suspend halt stop freeze withhold slash curtail")
)

// ppWords returns the singular words of the eight tokens after a verb,
// prepositional phrases included ("converging for a rally", "shortened by
// one hour the curfew").
func ppWords(toks []tok, from int) map[string]bool {
	m := map[string]bool{}
	for k := from; k < len(toks) && k < from+8; k++ {
		if boundaries[toks[k].low] || toks[k].low == "," {
			break
		}
		m[singular(toks[k].low)] = true
	}
	return m
}

// protestObject returns the PLOVER PROTEST mode of a protest noun among
// the object's words, or "".
func protestObject(obj map[string]bool) string {
	switch {
	case obj["hunger"] && obj["strike"]:
		return "hunger"
	case obj["strike"] || obj["walkout"]:
		return "strike"
	case obj["protest"] || obj["demonstration"] || obj["rally"] || obj["march"] || obj["sit-in"] || obj["vigil"]:
		return "demo"
	case obj["boycott"]:
		return "boycott"
	case obj["riot"]:
		return "riot"
	}
	return ""
}

// objectWords returns the singular lower-case words of the phrase right
// after a verb, up to a preposition or punctuation.
func objectWords(toks []tok, from int) map[string]bool {
	m := map[string]bool{}
	for k := from; k < len(toks) && k < from+6; k++ {
		w := toks[k].low
		if prepositions[w] || boundaries[w] || (!isWordy(toks[k].text) && !startsWithDigit(w)) {
			break
		}
		m[singular(w)] = true
	}
	return m
}

// reportedRequests codes "X said Y must do Z" as a request by X of Y: the
// speaker's demand, whatever the verb after "must".
func (c *coder) reportedRequests(toks []tok, phrases []phrase, inPhrase []int) []news.Event {
	var out []news.Event
	for m, t := range toks {
		if t.low != "must" || t.quoted || c.cond[m] || m+1 >= len(toks) {
			continue
		}
		for r := m - 1; r >= 0; r-- {
			if !reportingVerbs[toks[r].low] {
				continue
			}
			speaker := c.subjectAt(toks, phrases, inPhrase, r)
			addressee := c.subjectAt(toks, phrases, inPhrase, m)
			if len(speaker) == 0 {
				break
			}
			var e news.Event
			e.Type = "REQUEST"
			c.setActor(&e, speaker[0], false)
			e.Trigger = news.Trigger{Span: news.Span{Start: t.Start, End: toks[m+1].End}}
			e.Confidence = confidence(1, e, speaker[0])
			if len(addressee) == 0 {
				out = append(out, e)
			}
			for _, ad := range addressee {
				// "the government and the rebels must reach an agreement"
				if ad.name != speaker[0].name {
					e2 := e
					c.setActor(&e2, ad, true)
					out = append(out, e2)
				}
			}
			break
		}
	}
	return out
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

// territory reports a place taken by force among a verb's object words
// ("captured part of a stronghold", "retook the town").
func territory(obj, pp map[string]bool) bool {
	for _, w := range []string{"stronghold", "town", "city", "village", "territory", "base", "position", "area", "region", "province", "capital", "airport", "port", "outpost", "garrison"} {
		if obj[w] || (obj["part"] || obj["control"]) && pp[w] {
			return true
		}
	}
	return false
}

func startsWithDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// quantityOf reports whether toks[i] is the "of" of "thousands of",
// "members of", "some of": the phrase after it is a subject, not a
// prepositional object.
func quantityOf(toks []tok, i int) bool {
	if toks[i].low != "of" || i == 0 {
		return false
	}
	w := toks[i-1].low
	if quantities[w] || (len(w) > 0 && w[0] >= '0' && w[0] <= '9') {
		return true
	}
	return false
}

// measureWords head quantity phrases whose real head follows "of":
// "billions of dollars", "tons of food".
var measureWords = set("billions millions thousands hundreds tons tonnes worth part number amount lot lots series batch shipment shipments supply supplies dozens")

var quantities = set("thousands hundreds dozens scores millions tens some many most all several members groups group leaders supporters hundred thousand dozen million one two three four five six seven eight nine ten")

// firstAfter finds the target of a verb: the first phrase after it in its
// clause, a direct object or the object of a preposition.
func (c *coder) firstAfter(toks []tok, phrases []phrase, inPhrase []int, from int, verbs []verb, vi int) int {
	next := len(toks)
	if vi+1 < len(verbs) {
		next = verbs[vi+1].group
	}
	// A gerund after a preposition ("into shoring up X") does not end the
	// clause.
	for n := vi + 1; n < len(verbs) && next < len(toks); n++ {
		if g := verbs[n].group; g == next && g > 0 && prepositions[toks[g-1].low] && toks[g-1].low != "to" && strings.HasSuffix(toks[verbs[n].i].low, "ing") {
			next = len(toks)
			if n+1 < len(verbs) {
				next = verbs[n+1].group
			}
			continue
		}
		break
	}
	// "demanded Friday that the United States ...": the clause after.
	for from < len(toks) && (timeWords[toks[from].low] || (toks[from].low == "that" && from+1 < len(toks))) {
		from++
	}
	first, named, adj := -1, -1, -1
	for k := from; k < len(toks) && k < from+16 && k < next; k++ {
		w := toks[k].low
		if w == ";" || w == "." || (k > from && boundaries[w]) || (w == "," && reportingTail(toks, k)) {
			break
		}
		if w == "by" && k == from && isPassiveAt(verbs, vi) {
			// a passive agent, not a target
			k++
			for k < len(toks) && inPhrase[k] < 0 && k < from+12 {
				k++
			}
			continue
		}
		pi := inPhrase[k]
		if pi < 0 || phrases[pi].start != k {
			continue
		}
		p := phrases[pi]
		switch {
		case p.adjective:
			if adj < 0 {
				adj = pi
			}
		case first < 0:
			first = pi
			if p.named || p.country != "" || p.pronoun {
				return pi
			}
			if s := p.sector; s != "" && !strings.HasPrefix(s, "MIL") && !strings.HasPrefix(s, "UAF") {
				return pi // people acted upon: "arrested protesters in Minsk"
			}
		case named < 0 && (p.named || p.country != ""):
			named = pi
		}
	}
	// "rejected an Indian proposal": the adjective before the object names
	// whose it is.
	if adj >= 0 && (first < 0 || phrases[adj].start < phrases[first].start) && (named < 0 || phrases[adj].start < phrases[named].start) {
		return adj
	}
	// "withdraw its troops from Lebanon", "evacuate settlements in the Gaza
	// Strip": a described object gives way to a named place or party.
	if named >= 0 {
		return named
	}
	if first >= 0 {
		return first
	}
	// "rejected a Senegalese peace plan": the adjective's country.
	return adj
}

// againstTarget finds the phrase a protest is against: after "against",
// or after "resignation of", in the rest of the sentence.
func (c *coder) againstTarget(toks []tok, phrases []phrase, inPhrase []int, from int) int {
	for k := from; k+1 < len(toks); k++ {
		w := toks[k].low
		if w == ";" {
			break
		}
		if w == "against" || (w == "of" && k > 0 && (toks[k-1].low == "resignation" || toks[k-1].low == "ouster" || toks[k-1].low == "removal")) {
			for m := k + 1; m < len(toks) && m < k+6; m++ {
				if pi := inPhrase[m]; pi >= 0 && !phrases[pi].pronoun {
					return pi
				}
			}
		}
	}
	return -1
}

// reportingTail reports whether the comma at toks[k] opens a reporting
// clause ("..., the White House announced Tuesday.").
func reportingTail(toks []tok, k int) bool {
	for j := k + 1; j < len(toks) && j <= k+8; j++ {
		w := toks[j].low
		if w == "," || w == ";" {
			return false
		}
		if reportingVerbs[w] || w == "reported" || w == "confirmed" || w == "quoted" {
			return true
		}
	}
	return false
}

// conjuncts returns the phrases conjoined after phrase pi ("Iran, Libya,
// North Korea, Sudan, and Cuba").
func conjuncts(toks []tok, phrases []phrase, inPhrase []int, pi int) []int {
	var out []int
	end := phrases[pi].end
	for {
		k := end
		sawAnd := false
		for k < len(toks) && (toks[k].low == "," || toks[k].low == "and") {
			if toks[k].low == "and" {
				sawAnd = true
			}
			k++
		}
		if k == end || k >= len(toks) {
			return nil // a list ends with "and": "A, B" alone is an apposition
		}
		q := inPhrase[k]
		if q < 0 || phrases[q].start != k || phrases[q].pronoun {
			return nil
		}
		out = append(out, q)
		end = phrases[q].end
		if sawAnd {
			return out
		}
	}
}

func isPassiveAt(verbs []verb, vi int) bool {
	return vi >= 0 && vi < len(verbs) && verbs[vi].passive
}

// resolvePronoun finds what a pronoun stands for: a person for he/him/she/
// her, a group or country for they/them/it, in this sentence before it or
// in the previous sentence.
func (c *coder) resolvePronoun(p phrase, toks []tok, phrases []phrase, not phrase) (phrase, bool) {
	w := strings.ToLower(p.name)
	personal := w == "he" || w == "him" || w == "she" || w == "her"
	fits := func(q phrase) bool {
		if q.pronoun || q.adjective || q.name == not.name {
			return false
		}
		if personal {
			if q.person {
				return true
			}
			// Without NER, any name that is not a country's.
			return q.named && !(q.sector == "" && q.country != "") && (q.end-q.start >= 2 || q.bare)
		}
		return !q.person
	}
	for pass := 0; pass < 3; pass++ {
		// Persons named as such first, then any fitting phrase, then (for
		// he and she) any name that is not a dictionary actor: the NER
		// may have mistyped a rare first name.
		ok := func(q phrase) bool {
			switch pass {
			case 0:
				return fits(q) && (!personal || q.person)
			case 1:
				return fits(q)
			}
			if !personal || q.pronoun || q.adjective || !q.named || q.name == not.name {
				return false
			}
			_, dict := c.d.actors[strings.ToLower(q.name)]
			return !dict
		}
		for i := len(phrases) - 1; i >= 0; i-- {
			if q := phrases[i]; q.end <= p.start && ok(q) {
				return q, true
			}
		}
		for i := len(c.prevPhrases) - 1; i >= 0; i-- {
			if ok(c.prevPhrases[i]) {
				return c.prevPhrases[i], true
			}
		}
	}
	return phrase{}, false
}

// setActor fills the actor (or target) fields of e from p, typing it.
func (c *coder) setActor(e *news.Event, p phrase, target bool) {
	country, typ := p.country, actorType(p)
	if country == "" && !p.named && (typ == "government" || typ == "military" || typ == "police" || typ == "intelligence") && c.lastCountry != "" {
		country = c.lastCountry
	}
	name := p.name
	if p.adjective && !target && (e.Type == "ASSAULT" || e.Type == "MOBILIZE" || e.Type == "COERCE") {
		// "a Russian ambush": the actor is the country's forces.
		name += " forces"
		if typ == "" {
			typ = "military"
		}
	}
	if target {
		e.Target, e.TargetName, e.TargetType, e.TargetCountry = p.entity, name, typ, country
	} else {
		e.Actor, e.ActorName, e.ActorType, e.ActorCountry = p.entity, name, typ, country
	}
}

var countryNames = map[string]string{}

// actorType maps CAMEO sector codes to the actor types of POLECAT and
// ACLED: government, military, police, intelligence, rebel, opposition,
// party, civilian, igo, ngo, media, business, religious, criminal.
func actorType(p phrase) string {
	s := p.sector
	switch {
	case strings.HasPrefix(s, "IGO"):
		return "igo"
	case strings.HasPrefix(s, "NGO"), strings.HasPrefix(s, "NGM"):
		return "ngo"
	}
	for len(s) >= 3 {
		switch s[:3] {
		case "GOV", "LEG", "JUD", "ELI", "PRE", "HOS", "STA":
			return "government"
		case "MIL":
			return "military"
		case "COP":
			return "police"
		case "SPY":
			return "intelligence"
		case "REB", "UAF", "INS", "IMG", "SEP":
			return "rebel"
		case "OPP":
			return "opposition"
		case "PTY":
			return "party"
		case "CVL", "REF", "AGR", "LAB", "EDU", "HLH", "SOC", "MED":
			if strings.Contains(p.sector, "OPP") {
				return "opposition"
			}
			return "civilian"
		case "JRN":
			return "media"
		case "BUS":
			return "business"
		case "REL":
			return "religious"
		case "CRM":
			return "criminal"
		}
		s = s[3:]
	}
	if p.country != "" && !p.person && !p.adjective && p.sector == "" && p.named {
		return "government" // a country named as an actor is its state
	}
	return ""
}

// sentTokens returns the tokens of sentence s, from a.Tokens when present.
func sentTokens(a *news.Article, s news.Span, all []news.Token) []tok {
	lo := sort.Search(len(all), func(i int) bool { return all[i].Start >= s.Start })
	var out []tok
	for i := lo; i < len(all) && all[i].End <= s.End; i++ {
		out = append(out, newTok(a.Text, all[i]))
	}
	return out
}

// markQuoted flags tokens inside quotation marks, and inside the direct
// quotes the quote stage found.
func markQuoted(toks []tok, quotes []news.Quote) {
	in := false
	for i := range toks {
		switch toks[i].text {
		case "\"", "“", "”", "«", "»", "``", "''":
			in = !in
			toks[i].quoted = true
			continue
		}
		if toks[i].text == "“" {
			in = true
		}
		toks[i].quoted = in
		for _, q := range quotes {
			if q.Kind != news.QuoteIndirect && q.Span.Contains(toks[i].Span) {
				toks[i].quoted = true
			}
		}
	}
}
