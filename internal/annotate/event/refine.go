package event

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate/parse"
	"github.com/newsgraph/newsgraph/internal/news"
)

// With a parse, the dictionary coder's events are checked by the trigger
// detector, the events it missed are added, roles come from the tree and
// every event gets a factuality status.

// Decision thresholds on the detector's margin (score of the class minus
// score of "no event", in perceptron update units), chosen on the even
// half of WikiEvents dev (docs/events.md).
var (
	// keepMargin: a dictionary event of a class the detector knows is
	// kept when the detector's margin for it at the trigger reaches this.
	keepMargin float32 = -16
	// addMargin: a word the dictionary coder did not code becomes an event
	// when the detector's best class beats "no event" by this much.
	addMargin float32 = -20
	// addStrong: the margin a word the dictionaries do not know needs.
	addStrong float32 = -8
)

// retypeFrom are the coder's categories that a verb loses to ASSAULT when
// the detector is sure ("attacked by troops" is not a verbal attack).
var retypeFrom = set("ACCUSE")

const retypeMargin = 0

// vetoes are the categories whose verbs the detector may reject: those
// M2E2 covers in full (its COERCE is only arrests, PLOVER's is wider; its
// PROTEST is mostly nouns).
var vetoes = set("ASSAULT CONSULT")

// sentParse is the parse of the current sentence, aligned with its toks.
type sentParse struct {
	s      parse.Sentence
	off    []int // byte offset of each word
	kids   [][]int
	scores [][]float32 // trigger detector scores per word (nil: not a candidate)
}

func (c *coder) parseOf(all []news.Token, lo, n int) *sentParse {
	if n == 0 || lo+n > len(all) || all[lo].UPOS == "" {
		return nil
	}
	p := &sentParse{s: parse.Sentence{Words: make([]string, n), UPOS: make([]string, n), Head: make([]int, n), Deprel: make([]string, n)}, off: make([]int, n)}
	for i := 0; i < n; i++ {
		t := all[lo+i]
		p.off[i] = t.Start
		p.s.Words[i], p.s.UPOS[i], p.s.Deprel[i] = t.Text, t.UPOS, t.Deprel
		h := t.Head - lo
		if t.Head < 0 || h < 0 || h >= n {
			h = -1
		}
		p.s.Head[i] = h
	}
	p.kids = childrenOf(&p.s)
	if m := defaultTriggers(); m != nil {
		p.scores = c.d.triggerScores(m, &p.s)
	}
	return p
}

// margin is the detector's margin for class k at word i, or -inf-like
// when the word is no candidate.
func (p *sentParse) margin(i, k int) float32 {
	if p.scores == nil || p.scores[i] == nil {
		return -1e9
	}
	return p.scores[i][k] - p.scores[i][0]
}

// wordsIn returns the word indices of toks inside span s.
func wordsIn(toks []tok, s news.Span) []int {
	var out []int
	for i, t := range toks {
		if s.Contains(t.Span) || t.Span.Contains(s) {
			out = append(out, i)
		}
	}
	return out
}

// refine applies the parse to the events of one sentence.
func (c *coder) refine(si int, toks []tok, phrases []phrase, events []news.Event, p *sentParse) []news.Event {
	if p == nil || len(toks) != len(p.s.Words) {
		return events
	}
	var out []news.Event
	covered := make([]bool, len(toks))
	rules := c.parseRules(si, toks, phrases, p, events)
	for _, e := range rules {
		for _, w := range wordsIn(toks, e.Trigger.Span) {
			covered[w] = true
			e.Status, e.Source, e.SourceName = c.status(toks, phrases, p, w)
		}
		out = append(out, e)
	}
	for _, e := range events {
		ws := wordsIn(toks, e.Trigger.Span)
		head := triggerHead(p, ws)
		if head >= 0 && c.abstractObject(p, head) {
			continue
		}
		if head >= 0 && c.threatened(p, head) && e.Type != "THREATEN" {
			// "threatened to attack": the threat is the event
			continue
		}
		if head >= 0 {
			if t := c.sense(p, head); t != "" {
				e.Type = t
			}
		}
		if k := triggerClass(e.Type); head >= 0 && p.scores != nil && p.s.UPOS[head] == "VERB" && (k == 0 || retypeFrom[e.Type]) {
			// a verbal "attack" is an assault when the detector says so
			if m := p.margin(head, triggerClass("ASSAULT")); m >= retypeMargin && retypeFrom[e.Type] {
				e.Type = "ASSAULT"
			}
		}
		// Only verbs are checked: the event nouns are newsgraph's own
		// short list, and the detector knows M2E2's nouns poorly.
		if k := triggerClass(e.Type); vetoes[e.Type] && p.scores != nil && head >= 0 && p.s.UPOS[head] == "VERB" {
			best := float32(-1e9)
			for _, w := range ws {
				best = max(best, p.margin(w, k))
			}
			if best < keepMargin {
				continue
			}
		}
		for _, w := range ws {
			covered[w] = true
		}
		if head >= 0 {
			// The dictionary coder's roles stand (taking the tree's instead
			// scored lower on the tuning half, docs/events.md), except where
			// the coder took the reporting source for the actor.
			e.Status, e.Source, e.SourceName = c.status(toks, phrases, p, head)
			if e.SourceName != "" && e.ActorName == e.SourceName {
				e.Actor, e.ActorName, e.ActorType, e.ActorCountry = "", "", "", ""
				c.parseRoles(&e, toks, phrases, p, head, false)
				if e.ActorName == e.SourceName {
					e.Actor, e.ActorName, e.ActorType, e.ActorCountry = "", "", "", ""
				}
			}
		}
		out = append(out, e)
	}
	if p.scores != nil {
		for i := range toks {
			if covered[i] || toks[i].quoted || p.scores[i] == nil || rel(p, i) == "compound" {
				continue
			}
			best, bm := 0, float32(-1e9)
			for k := 1; k < len(TriggerClasses); k++ {
				if m := p.margin(i, k); m > bm {
					best, bm = k, m
				}
			}
			// The dictionaries lower the bar: a word they file under the
			// detector's class needs addMargin, any other word addStrong.
			need := addStrong
			if c.d.wordCategory(toks[i].low) == TriggerClasses[best] || c.d.wordCategory(singular(toks[i].low)) == TriggerClasses[best] {
				need = addMargin
			}
			if best == 0 || bm < need {
				continue
			}
			e := news.Event{Type: TriggerClasses[best], Sentence: si, Trigger: news.Trigger{Span: toks[i].Span, Text: toks[i].text}}
			c.parseRoles(&e, toks, phrases, p, i, true)
			e.Status, e.Source, e.SourceName = c.status(toks, phrases, p, i)
			out = append(out, e)
		}
	}
	// Low-confidence events are kept: dropping the lowest group helped
	// WikiEvents but lost right PLOVER records and seed events.
	for i := range out {
		ws := wordsIn(toks, out[i].Trigger.Span)
		out[i].Confidence = calibrated(triggerClass(out[i].Type), p, triggerHead(p, ws))
	}
	return out
}

// Confidence is calibrated on the tuning half of WikiEvents dev (the
// even documents): events are grouped by the detector's margin for their
// category at the trigger, and each group's confidence is its share of
// right predictions there, smoothed as (right+1)/(n+2). Categories the
// detector does not know form one group. docs/events.md has the table.
var calibration = []struct {
	min  float32 // lowest margin of the group
	conf float64
}{
	{0, 0.79},    // 10 of 12 right
	{-16, 0.51},  // 23 of 45
	{-30, 0.33},  // 11 of 34
	{-1e9, 0.09}, // 0 of 9
}

// otherConfidence is the confidence of categories the detector does not
// know (7 of 28 right).
const otherConfidence = 0.27

func calibrated(k int, p *sentParse, head int) float64 {
	if k == 0 || head < 0 || p.scores == nil || p.scores[head] == nil {
		return otherConfidence
	}
	m := p.margin(head, k)
	for _, g := range calibration {
		if m >= g.min {
			return g.conf
		}
	}
	return calibration[len(calibration)-1].conf
}

// triggerHead is the word of a trigger that heads the others.
func triggerHead(p *sentParse, ws []int) int {
	for _, w := range ws {
		h := p.s.Head[w]
		inside := false
		for _, x := range ws {
			if x == h {
				inside = true
			}
		}
		if !inside {
			return w
		}
	}
	if len(ws) > 0 {
		return ws[0]
	}
	return -1
}

func rel(p *sentParse, i int) string { return p.s.Deprel[i] }

// caseOf returns the preposition marking word i ("by", "on"), or "".
func caseOf(p *sentParse, i int) string {
	for _, k := range p.kids[i] {
		if rel(p, k) == "case" {
			return strings.ToLower(p.s.Words[k])
		}
	}
	return ""
}

func isPassive(p *sentParse, v int) bool {
	for _, k := range p.kids[v] {
		if rel(p, k) == "aux:pass" || rel(p, k) == "nsubj:pass" {
			return true
		}
	}
	return false
}

// lightVerbs take an event noun as their object: "carried out an attack".
var lightVerbs = set("carry carried carries carrying launch launched launches launching stage staged stages staging conduct conducted conducts conducting mount mounted mounts mounting hold held holds holding unleash unleashed unleashes make made makes commit committed commits claim claimed claims claiming")

// parseRoles sets the actor and target of e from the tree around word v.
// With fill false, roles the dictionary coder found are replaced only
// where the tree names one.
func (c *coder) parseRoles(e *news.Event, toks []tok, phrases []phrase, p *sentParse, v int, fill bool) {
	actor, target := -1, -1
	if p.s.UPOS[v] == "VERB" {
		passive := isPassive(p, v)
		for _, k := range p.kids[v] {
			r := rel(p, k)
			switch {
			case r == "nsubj" && !passive:
				actor = k
			case r == "obl:agent", strings.HasPrefix(r, "obl") && passive && caseOf(p, k) == "by":
				actor = k
			case r == "obj" && target < 0:
				target = k
			case r == "nsubj:pass":
				target = k
			case strings.HasPrefix(r, "obl") && target < 0:
				switch caseOf(p, k) {
				case "against", "on", "at", "upon", "into":
					target = k
				}
			}
		}
		// A reduced relative or participle modifies its patient: "a
		// candidate endorsed by X", "the convoy attacked near Y".
		if r := rel(p, v); target < 0 && (r == "acl" || r == "amod") && passive || (r == "acl" && target < 0 && actor >= 0) {
			target = p.s.Head[v]
		}
		// Coordinated, controlled and relative verbs share a subject.
		if actor < 0 && !passive {
			switch r := rel(p, v); r {
			case "conj", "xcomp", "advcl":
				if h := p.s.Head[v]; h >= 0 {
					for _, k := range p.kids[h] {
						if rel(p, k) == "nsubj" {
							actor = k
						}
					}
				}
			case "acl:relcl":
				actor = p.s.Head[v]
			}
		}
	} else {
		for _, k := range p.kids[v] {
			r := rel(p, k)
			switch {
			case r == "nmod:poss":
				actor = k
			case strings.HasPrefix(r, "nmod"):
				switch caseOf(p, k) {
				case "by":
					actor = k
				case "on", "against", "at", "upon":
					target = k
				case "of", "in":
					if target < 0 && e.Type != "PROTEST" {
						target = k
					}
				}
			case (r == "amod" || r == "compound") && actor < 0 && c.isActorWord(p, k):
				actor = k
			}
		}
		// "X carried out an attack": the light verb's subject acts.
		if h := p.s.Head[v]; actor < 0 && h >= 0 && rel(p, v) == "obj" && lightVerbs[strings.ToLower(p.s.Words[h])] {
			for _, k := range p.kids[h] {
				if rel(p, k) == "nsubj" {
					actor = k
				}
			}
		}
	}
	// "a Russian missile attack struck X": the attack's own modifier acts.
	if actor >= 0 && p.s.UPOS[actor] == "NOUN" && c.d.wordCategory(toks[actor].low) != "" {
		a := -1
		for _, k := range p.kids[actor] {
			if r := rel(p, k); r == "nmod:poss" || ((r == "amod" || r == "compound") && c.isActorWord(p, k)) {
				a = k
			}
			if rel(p, k) == "compound" { // "Russian missile attack"
				for _, kk := range p.kids[k] {
					if r := rel(p, kk); (r == "amod" || r == "compound") && c.isActorWord(p, kk) {
						a = kk
					}
				}
			}
		}
		actor = a
	}
	if actor >= 0 && (fill || e.ActorName == "" || !c.sameRole(toks, phrases, actor, e.ActorName)) {
		c.setRole(e, toks, phrases, p, actor, false)
	}
	if target >= 0 && (fill || e.TargetName == "" || !c.sameRole(toks, phrases, target, e.TargetName)) {
		c.setRole(e, toks, phrases, p, target, true)
	}
	if e.ActorName != "" && e.ActorName == e.TargetName {
		e.Target, e.TargetName, e.TargetType, e.TargetCountry = "", "", "", ""
	}
}

// isActorWord reports a modifier that names an actor: a proper name or a
// nationality adjective ("Russian strikes", "Taliban attacks").
func (c *coder) isActorWord(p *sentParse, k int) bool {
	w := strings.ToLower(p.s.Words[k])
	if c.isCountryWord(w) {
		return true
	}
	if _, ok := c.d.actors[w]; ok {
		return true
	}
	// a name the NER stage calls an organisation or a group, not a place
	// or an event ("the Boston Marathon bombing")
	return p.s.UPOS[k] == "PROPN" && c.mentionTypeAt(p.off[k]) == news.Org || c.mentionTypeAt(p.off[k]) == news.NORP
}

// mentionTypeAt returns the type of the mention covering byte offset off.
func (c *coder) mentionTypeAt(off int) news.EntityType {
	for _, m := range c.a.Mentions {
		if m.Start <= off && off < m.End {
			return m.Type
		}
	}
	return ""
}

// sameRole reports whether name already describes the phrase at word k.
func (c *coder) sameRole(toks []tok, phrases []phrase, k int, name string) bool {
	for _, ph := range phrases {
		if ph.start <= k && k < ph.end {
			return ph.name == name || strings.Contains(name, ph.name)
		}
	}
	return strings.Contains(strings.ToLower(name), toks[k].low)
}

// setRole fills the actor or target of e from the phrase at word k: the
// coder's typed phrase when one covers it, else the word with its name
// and modifier words.
func (c *coder) setRole(e *news.Event, toks []tok, phrases []phrase, p *sentParse, k int, target bool) {
	for _, ph := range phrases {
		if ph.start <= k && k < ph.end {
			if ph.pronoun {
				if r, ok := c.resolvePronoun(ph, toks, phrases, phrase{}); ok {
					ph = r
				}
			}
			c.setActor(e, ph, target)
			return
		}
	}
	lo, hi := k, k+1
	for _, d := range p.kids[k] {
		switch rel(p, d) {
		case "compound", "flat", "amod", "nmod:poss", "nummod":
			if d < lo {
				lo = d
			}
			if d >= hi && d < k+4 {
				hi = d + 1
			}
		}
	}
	if lo < k {
		// keep the span contiguous: drop a leading possessive marker only
		for lo < k && (toks[lo].low == "the" || toks[lo].low == "a") {
			lo++
		}
	}
	name := c.a.Text[toks[lo].Start:toks[hi-1].End]
	if target {
		e.Target, e.TargetName, e.TargetType, e.TargetCountry = "", name, "", ""
	} else {
		e.Actor, e.ActorName, e.ActorType, e.ActorCountry = "", name, "", ""
	}
}

// Factuality cues.
var (
	negWords      = set("not n't never no")
	hypoAux       = set("could might may would should can must")
	futureAuxes   = set("will shall 'll")
	planVerbs     = set("plan plans planned planning intend intends intended aim aims aimed prepare prepares prepared preparing expect expected expects schedule scheduled hope hoped hopes want wants wanted seek seeks sought propose proposed consider considered considering")
	failVerbs     = set("fail failed fails refuse refused refuses deny denied denies decline declined declines")
	reportVerbs   = set("say said says claim claimed claims allege alleged alleges report reported reports accuse accused accuses tell told tells announce announced announces confirm confirmed confirms state stated states add added")
	hypoMarks     = set("if unless whether")
	plannedAdjs   = set("planned scheduled proposed expected upcoming possible potential future")
	reportAdverbs = set("reportedly allegedly purportedly apparently")
)

// status decides the factuality of the event at word v (docs/events.md)
// and, for a reported event, who reports it.
func (c *coder) status(toks []tok, phrases []phrase, p *sentParse, v int) (status, source, sourceName string) {
	status = news.StatusAsserted
	if len(toks) > 0 && toks[len(toks)-1].text == "?" {
		return news.StatusHypothetical, "", ""
	}
	low := func(i int) string { return toks[i].low }
	if planVerbs[low(v)] {
		// "wants his men to gain ...": an intention, not an act
		return news.StatusPlanned, "", ""
	}
	// An event noun takes the modality of the verb it is the object or
	// subject of ("did not launch an attack", "talks will take place").
	x := v
	if p.s.UPOS[v] != "VERB" {
		for _, k := range p.kids[v] {
			if plannedAdjs[low(k)] || (rel(p, k) == "acl" && plannedAdjs[low(k)]) {
				return news.StatusPlanned, "", ""
			}
			if rel(p, k) == "det" && low(k) == "no" {
				return news.StatusNegated, "", ""
			}
		}
		if h := p.s.Head[v]; h >= 0 && p.s.UPOS[h] == "VERB" {
			switch r := rel(p, v); {
			case r == "obj", strings.HasPrefix(r, "nsubj"):
				x = h
			}
		}
	}
	// Walk up the clause: the event's verb, then the verbs it depends on
	// through xcomp (control: "plans to attack"), ccomp and conj.
	for depth := 0; x >= 0 && depth < 6; depth++ {
		if x != v && planVerbs[low(x)] {
			// "plans an arrest", "plans to arrest" (tagged as a noun)
			return news.StatusPlanned, "", ""
		}
		if x != v && failVerbs[low(x)] {
			return news.StatusNegated, "", ""
		}
		for _, k := range p.kids[x] {
			r, w := rel(p, k), low(k)
			switch {
			case (r == "advmod" || r == "aux" || r == "neg") && negWords[w]:
				if depth == 0 || status == news.StatusAsserted {
					return news.StatusNegated, "", ""
				}
			case r == "aux" && hypoAux[w]:
				return news.StatusHypothetical, "", ""
			case r == "aux" && futureAuxes[w]:
				return news.StatusFuture, "", ""
			case r == "mark" && hypoMarks[w]:
				return news.StatusHypothetical, "", ""
			case r == "advmod" && reportAdverbs[w]:
				status = news.StatusReported
			}
		}
		r := rel(p, x)
		h := p.s.Head[x]
		if h < 0 {
			break
		}
		hw := low(h)
		switch {
		case (r == "xcomp" || r == "acl") && planVerbs[hw]:
			// "plans to arrest" (also when "plans" is tagged as a noun)
			return news.StatusPlanned, "", ""
		case r == "xcomp" && failVerbs[hw]:
			return news.StatusNegated, "", ""
		case (r == "ccomp" || r == "parataxis") && reportVerbs[hw]:
			// "X said Y attacked Z": X reports it.
			for _, k := range p.kids[h] {
				if rel(p, k) == "nsubj" {
					var e news.Event
					c.setRole(&e, toks, phrases, p, k, false)
					source, sourceName = e.Actor, e.ActorName
				}
			}
			if hw == "claimed" || hw == "claims" || hw == "alleged" || hw == "alleges" || hw == "accused" {
				status = news.StatusReported
			}
			if status == news.StatusAsserted && sourceName != "" {
				status = news.StatusReported
			}
			return status, source, sourceName
		case r == "advcl":
			// "... if X attacks": handled by the mark above; other adverbial
			// clauses keep their own modality
		case r == "xcomp", r == "conj", r == "ccomp":
		default:
			return status, source, sourceName
		}
		x = h
	}
	return status, source, sourceName
}

// Word sense and construction rules on the tree, one per error class the
// dictionary coder makes (docs/events.md).

// abstractObjects make a seizing verb figurative: "seized the initiative".
var (
	seizeVerbs      = set("seize seized seizes seizing take took takes taking grab grabbed grabs capture captured captures")
	abstractObjects = set("initiative opportunity chance moment lead momentum headlines limelight advantage spotlight imagination attention stage")
	nameCallVerbs   = set("call called calls calling brand branded brands label labelled labeled labels dub dubbed dubs")
	pejoratives     = set("crazy criminals criminal terrorists terrorist traitors traitor extremists extremist bandits thugs fascists fascist nazis nazi liars liar murderers puppets puppet enemies enemy mercenaries radicals")
	unleashVerbs    = set("unleash unleashed unleashes unleashing launch launched launches launching fire fired fires firing hurl hurled rain rained lob lobbed")
	barrageNouns    = set("barrage barrages salvo salvos volley volleys wave waves drones drone missiles missile rockets rocket shells strikes airstrikes bombs attack attacks assault offensive")
	explodeVerbs    = set("explode exploded explodes exploding detonate detonated detonates detonating blew blow blows")
	weaponNouns     = set("bomb bombs device devices ied ieds explosive explosives mine mines grenade grenades shell shells rocket rockets missile missiles vest vests car truck vehicle suicide")
	strikeAssault   = set("missile air drone rocket artillery military aerial precision retaliatory israeli russian us u.s. american airstrike naval cruise ballistic")
	strikeProtest   = set("hunger general labor labour workers union teachers nurses doctors national nationwide rail transport")
)

func (c *coder) abstractObject(p *sentParse, v int) bool {
	if !seizeVerbs[strings.ToLower(p.s.Words[v])] {
		return false
	}
	for _, k := range p.kids[v] {
		if rel(p, k) == "obj" && abstractObjects[strings.ToLower(p.s.Words[k])] {
			return true
		}
	}
	return false
}

// threatened reports a verb controlled by "threaten": the threatened act.
func (c *coder) threatened(p *sentParse, v int) bool {
	h := p.s.Head[v]
	return h >= 0 && rel(p, v) == "xcomp" && strings.HasPrefix(strings.ToLower(p.s.Words[h]), "threat")
}

// sense decides the category of an ambiguous noun from its modifiers:
// "strike" is an assault next to missile, drone or air, and a protest next
// to workers or union, or when people go "on strike".
func (c *coder) sense(p *sentParse, n int) string {
	w := strings.ToLower(p.s.Words[n])
	if w != "strike" && w != "strikes" {
		return ""
	}
	for _, k := range p.kids[n] {
		m := strings.ToLower(p.s.Words[k])
		switch r := rel(p, k); {
		case (r == "compound" || r == "amod" || r == "nmod:poss") && strikeAssault[m]:
			return "ASSAULT"
		case (r == "compound" || r == "amod" || r == "nmod:poss") && strikeProtest[m]:
			return "PROTEST"
		case r == "case" && m == "on":
			return "PROTEST"
		}
	}
	return ""
}

// parseRules codes what the dictionary coder misses and the tree shows.
func (c *coder) parseRules(si int, toks []tok, phrases []phrase, p *sentParse, have []news.Event) []news.Event {
	var out []news.Event
	taken := func(i int) bool {
		for _, e := range have {
			if e.Trigger.Span.Overlaps(toks[i].Span) {
				return true
			}
		}
		for _, e := range out {
			if e.Trigger.Span.Overlaps(toks[i].Span) {
				return true
			}
		}
		return false
	}
	newEvent := func(typ, mode string, i int) news.Event {
		return news.Event{Type: typ, Mode: mode, Sentence: si, Trigger: news.Trigger{Span: toks[i].Span, Text: toks[i].text}, Confidence: 0.6}
	}
	for v := range toks {
		if p.s.UPOS[v] != "VERB" && p.s.UPOS[v] != "NOUN" {
			continue
		}
		w := toks[v].low
		var obj, subj, xc = -1, -1, -1
		for _, k := range p.kids[v] {
			switch rel(p, k) {
			case "obj":
				if obj < 0 {
					obj = k
				} else if xc < 0 {
					xc = k // a second object: "called them criminals"
				}
			case "nsubj":
				subj = k
			case "xcomp":
				xc = k
			}
		}
		switch {
		// "X called Y 'criminals'": name-calling is an accusation.
		case nameCallVerbs[w] && obj >= 0 && xc >= 0 && subj >= 0 && !taken(v):
			if !toks[xc].quoted && !c.pejorativeIn(p, toks, xc) {
				continue
			}
			e := newEvent("ACCUSE", "disapprove", v)
			c.setRole(&e, toks, phrases, p, subj, false)
			c.nameCallTarget(&e, toks, phrases, p, obj)
			out = append(out, e)
		// "X unleashed a barrage of drones on Y": an assault.
		case unleashVerbs[w] && obj >= 0 && !taken(v) && c.barrage(p, obj):
			e := newEvent("ASSAULT", "", v)
			if subj >= 0 {
				c.setRole(&e, toks, phrases, p, subj, false)
			}
			if t := c.onTarget(p, v, obj); t >= 0 {
				c.setRole(&e, toks, phrases, p, t, true)
			}
			out = append(out, e)
		// "a bomb exploded", "detonated an IED": a bombing.
		case explodeVerbs[w] && p.s.UPOS[v] == "VERB" && !taken(v) && (c.weaponArg(p, v) || w == "blew" && c.hasParticle(p, v, "up")):
			e := newEvent("ASSAULT", "bomb", v)
			c.parseRoles(&e, toks, phrases, p, v, true)
			if subj >= 0 && weaponNouns[toks[subj].low] {
				e.Actor, e.ActorName, e.ActorType, e.ActorCountry = "", "", "", ""
			}
			out = append(out, e)
		// "threatened to attack Y": a threat.
		case strings.HasPrefix(w, "threat") && p.s.UPOS[v] == "VERB" && xc >= 0 && rel(p, xc) == "xcomp" && !taken(v):
			e := newEvent("THREATEN", "", v)
			if subj >= 0 {
				c.setRole(&e, toks, phrases, p, subj, false)
			}
			for _, k := range p.kids[xc] {
				if rel(p, k) == "obj" {
					c.setRole(&e, toks, phrases, p, k, true)
				}
			}
			out = append(out, e)
		// "strike" with a telling modifier, when nobody coded it.
		case (w == "strike" || w == "strikes") && !taken(v):
			if t := c.sense(p, v); t != "" {
				e := newEvent(t, "", v)
				c.parseRoles(&e, toks, phrases, p, v, true)
				out = append(out, e)
			}
		// "a candidate endorsed by X": a reduced passive relative the coder
		// skips; the dictionary's category for the verb, X as actor.
		case p.s.UPOS[v] == "VERB" && rel(p, v) == "acl" && !taken(v):
			cat := c.d.wordCategory(w)
			if cat == "" {
				continue
			}
			agent := -1
			for _, k := range p.kids[v] {
				if r := rel(p, k); r == "obl:agent" || (strings.HasPrefix(r, "obl") && caseOf(p, k) == "by") {
					agent = k
				}
			}
			if agent < 0 {
				continue
			}
			e := newEvent(cat, "", v)
			c.setRole(&e, toks, phrases, p, agent, false)
			c.setRole(&e, toks, phrases, p, p.s.Head[v], true)
			out = append(out, e)
		}
	}
	return out
}

func (c *coder) pejorativeIn(p *sentParse, toks []tok, k int) bool {
	if pejoratives[toks[k].low] {
		return true
	}
	for _, d := range p.kids[k] {
		if pejoratives[toks[d].low] {
			return true
		}
	}
	return false
}

// nameCallTarget sets the target of a name-calling: the object, or for a
// pronoun the group the sentence names after it ("called them ..., and
// put 50 members of X on a wanted list"), else the previous sentence's.
func (c *coder) nameCallTarget(e *news.Event, toks []tok, phrases []phrase, p *sentParse, obj int) {
	if !pronouns[toks[obj].low] {
		c.setRole(e, toks, phrases, p, obj, true)
		return
	}
	for _, ph := range phrases {
		if ph.start > obj && ph.named && !ph.person && !ph.pronoun && !ph.adjective && !toks[ph.start].quoted && ph.name != e.ActorName {
			c.setActor(e, ph, true)
			return
		}
	}
	c.setRole(e, toks, phrases, p, obj, true)
}

// barrage reports an object that is a weapon or an attack ("a barrage of
// 396 drones", "missiles", "a new offensive").
func (c *coder) barrage(p *sentParse, obj int) bool {
	if barrageNouns[strings.ToLower(p.s.Words[obj])] {
		return true
	}
	for _, k := range p.kids[obj] {
		if strings.HasPrefix(rel(p, k), "nmod") && barrageNouns[strings.ToLower(p.s.Words[k])] {
			return true
		}
	}
	return false
}

// onTarget finds the target of a launched attack: an on/at/against phrase
// of the verb or of its object.
func (c *coder) onTarget(p *sentParse, v, obj int) int {
	for _, x := range []int{v, obj} {
		for _, k := range p.kids[x] {
			r := rel(p, k)
			if strings.HasPrefix(r, "obl") || strings.HasPrefix(r, "nmod") {
				switch caseOf(p, k) {
				case "on", "at", "against", "upon", "into":
					return k
				}
			}
		}
	}
	for _, k := range p.kids[obj] {
		if strings.HasPrefix(rel(p, k), "nmod") {
			if t := c.onTarget(p, k, k); t >= 0 && t != k {
				return t
			}
		}
	}
	return -1
}

// weaponArg reports a weapon as the subject or object of v ("a bomb
// exploded", "detonated an improvised explosive device").
func (c *coder) weaponArg(p *sentParse, v int) bool {
	for _, k := range p.kids[v] {
		switch rel(p, k) {
		case "nsubj", "obj", "nsubj:pass":
			if weaponNouns[strings.ToLower(p.s.Words[k])] {
				return true
			}
			for _, kk := range p.kids[k] {
				if r := rel(p, kk); (r == "compound" || r == "amod") && weaponNouns[strings.ToLower(p.s.Words[kk])] {
					return true
				}
			}
		}
	}
	return false
}

func (c *coder) hasParticle(p *sentParse, v int, w string) bool {
	for _, k := range p.kids[v] {
		if rel(p, k) == "compound:prt" && strings.EqualFold(p.s.Words[k], w) {
			return true
		}
	}
	return false
}
