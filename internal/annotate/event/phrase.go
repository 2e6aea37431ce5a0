package event

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// tok is one token of a sentence with what the coder needs to know.
type tok struct {
	news.Span
	text   string
	low    string
	cap    bool // starts with an upper-case letter
	quoted bool // inside quotation marks
}

// phrase is a candidate actor or target: a name, a described group
// ("Belarusian volunteers", "Russian forces"), a title with a name, or a
// pronoun.
type phrase struct {
	start, end int // token indices, half-open
	name       string
	country    string // ISO 3166-1 alpha-3
	sector     string // CAMEO sector codes, e.g. GOV, MIL, CVLOPP
	entity     string // document-local entity ID
	person     bool
	pronoun    bool
	adjective  bool // a bare nationality adjective ("Russian" in "a Russian ambush")
	named      bool // carries a proper name (not only a role noun)
	inferred   bool // country taken from context
	bare       bool // capitalised words only, found without NER or dictionary
}

var determiners = set("the a an this these those its their his her our my your some any no every each such another other both all many several")

var prepositions = set("in on at by for with from to of against into onto over under near about after before during since through toward towards across around between among within without via despite amid upon behind beyond alongside")

var pronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true, "they": true, "them": true, "it": true}

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func newTok(text string, t news.Token) tok {
	r, _ := utf8.DecodeRuneInString(t.Text)
	low := strings.ToLower(t.Text)
	low = strings.ReplaceAll(low, "’", "'")
	return tok{Span: t.Span, text: t.Text, low: low, cap: unicode.IsUpper(r)}
}

// singular strips a regular plural from a lower-case word.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// isClosedClass reports words that never start a name even when capitalised.
var closedClass = set("the a an this that these those it its he she they we i you his her their our in on at by for with from to of and or but if as when while after before since because although though yet so not no there here what which who whom whose where how why then also still today yesterday monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december last next one many some most all both each every according mr mrs ms dr")

// findPhrases finds the actor phrases of one sentence.
func (c *coder) findPhrases(toks []tok, ments []news.Mention) []phrase {
	n := len(toks)
	// What each token is.
	const (
		kNone = iota
		kMention
		kActor
		kAgent
		kName
	)
	kind := make([]int, n)
	info := make([]actorInfo, n)
	group := make([]int, n) // tokens of one multi-word unit share a group number
	mentionOf := make([]int, n)
	for i := range mentionOf {
		mentionOf[i] = -1
	}
	g := 0
	// Mentions from the NER and entity stages.
	for mi, m := range ments {
		switch m.Type {
		case news.Person, news.Org, news.GPE, news.NORP, news.Fac, news.Loc, news.Misc:
		default:
			continue
		}
		g++
		for i := range toks {
			if m.Span.Contains(toks[i].Span) || (toks[i].Start < m.End && m.Start < toks[i].End) {
				kind[i] = kMention
				mentionOf[i] = mi
				group[i] = g
			}
		}
	}
	// Dictionary actors and agents, longest first.
	for i := 0; i < n; {
		if kind[i] == kMention {
			// A mention may still name a dictionary actor: look it up whole.
			j := i
			for j < n && mentionOf[j] == mentionOf[i] {
				j++
			}
			if ai, ok := c.lookupActor(toks[i:j]); ok {
				for k := i; k < j; k++ {
					info[k] = ai
				}
			}
			i = j
			continue
		}
		if toks[i].quoted && !toks[i].cap {
			i++
			continue
		}
		if l, ai := c.matchActor(toks, i); l > 0 {
			g++
			for k := i; k < i+l; k++ {
				kind[k], info[k], group[k] = kActor, ai, g
			}
			i += l
			continue
		}
		if l, sector := c.matchAgent(toks, i); l > 0 {
			g++
			for k := i; k < i+l; k++ {
				kind[k], info[k], group[k] = kAgent, actorInfo{sector: sector}, g
			}
			i += l
			continue
		}
		i++
	}
	// Capitalised words the stages before did not name: a fallback when no
	// NER ran, and for names the NER missed.
	if len(ments) == 0 {
		for i := 0; i < n; i++ {
			if kind[i] != kNone || !toks[i].cap || closedClass[toks[i].low] || !isWordy(toks[i].text) {
				continue
			}
			if i == 0 || (i > 0 && toks[i-1].low == "\"") {
				// A sentence-initial capital is a name only when a name follows.
				if i+1 >= n || !toks[i+1].cap || closedClass[toks[i+1].low] {
					continue
				}
			}
			if _, isVerb := c.d.forms[toks[i].low]; isVerb && i == 0 {
				continue
			}
			g++
			j := i
			for j < n && kind[j] == kNone && isWordy(toks[j].text) {
				if toks[j].cap && !closedClass[toks[j].low] {
					kind[j], group[j] = kName, g
					j++
					continue
				}
				// Name particles: "bin Khalifa al-Thani", "de Mello".
				if j > i && (nameParticles[toks[j].low] || hasParticlePrefix(toks[j].text)) && j+1 < n && (toks[j+1].cap || hasParticlePrefix(toks[j+1].text)) {
					kind[j], group[j] = kName, g
					j++
					continue
				}
				if j > i && hasParticlePrefix(toks[j].text) {
					kind[j], group[j] = kName, g
					j++
					continue
				}
				break
			}
			i = j - 1
		}
	}
	// Join units into phrases: [adjective|name]* [agent]* [name]*, with
	// "X's" and "of X" attached to a role noun.
	var out []phrase
	for i := 0; i < n; {
		if kind[i] == kNone {
			if pronouns[toks[i].low] && !toks[i].quoted {
				out = append(out, phrase{start: i, end: i + 1, name: toks[i].text, pronoun: true})
			}
			i++
			continue
		}
		p := phrase{start: i}
		// Group modifiers before a role noun: "foreign fighters".
		if kind[i] == kAgent && i > 0 && groupModifiers[toks[i-1].low] && (len(out) == 0 || out[len(out)-1].end < i) {
			p.start = i - 1
		}
		j := i
		hasAgent, hasName := false, false
		for j < n {
			switch {
			case kind[j] != kNone:
				k := j
				for k < n && group[k] == group[j] && kind[k] == kind[j] {
					k++
				}
				c.absorb(&p, toks[j:k], kind[j] == kAgent, info[j], mentionOf[j], ments)
				if kind[j] == kAgent {
					hasAgent = true
				} else {
					hasName = true
				}
				j = k
				continue
			case toks[j].low == "'s" || toks[j].low == "'":
				// "Lukashenko's government", "the country's security service"
				if j+1 < n && kind[j+1] == kAgent {
					j++
					continue
				}
			case toks[j].low == "of" && hasAgent && !hasName && j+1 < n && (kind[j+1] == kActor || kind[j+1] == kMention || kind[j+1] == kName):
				// "president of Armenia", "members of Kastus Kalinouski"
				j++
				continue
			case toks[j].text == "-" && j+1 < n && kind[j+1] != kNone:
				j++
				continue
			}
			break
		}
		p.end = j
		if p.end <= p.start {
			i++
			continue
		}
		if hasAgent && hasName && !p.person {
			// "President Abdelaziz Bouteflika": a title and a name.
			for k := p.start; k < p.end; k++ {
				if kind[k] == kName || (kind[k] == kActor && info[k].sector != "" && info[k].country != "") {
					p.person = true
				}
			}
		}
		p.name = joinToks(toks[p.start:p.end])
		p.named = hasName
		p.bare = !hasAgent
		for k := p.start; k < p.end; k++ {
			if kind[k] != kName && kind[k] != kNone {
				p.bare = false
			}
		}
		// A lone nationality adjective before a lower-case noun modifies
		// it ("Belarusian territory"); it is no actor, but nominal events
		// use it ("a Russian ambush").
		// A bare role noun before another noun modifies it ("joint military
		// exercises", "police custody"); it names no actor there.
		if hasAgent && !hasName && p.country == "" && p.end < n && !toks[p.end].cap && isWordy(toks[p.end].text) &&
			!prepositions[toks[p.end].low] && !closedClass[toks[p.end].low] && !determiners[toks[p.end].low] && !boundaries[toks[p.end].low] && !auxiliaries[toks[p.end].low] && !strings.HasSuffix(toks[p.end].low, "ly") {
			next := toks[p.end].low
			_, verb := c.d.forms[next]
			singularAgent := !strings.HasSuffix(toks[p.end-1].low, "s")
			determined := p.start > 0 && (determiners[toks[p.start-1].low] || groupModifiers[toks[p.start-1].low])
			// "joint military exercises", "an official protest": a singular
			// role noun before a plural or after a determiner modifies.
			if !verb || (singularAgent && (strings.HasSuffix(next, "s") || determined) && !strings.HasSuffix(next, "ed")) {
				p.adjective = true
			}
		}
		if !hasAgent && p.end < n && p.sector == "" && !c.isCountryWord(toks[p.start].low) && isAdjective(toks[p.start:p.end]) && !toks[p.end].cap && isWordy(toks[p.end].text) && !prepositions[toks[p.end].low] && toks[p.end].low != "and" {
			p.adjective = true
		}
		// "a 19-year-old, Ales,", "a deputy commander, Aliaksiej Skoblia":
		// a name in apposition to a description of a person is a person,
		// whatever type the NER gave it.
		if p.named && !p.person && p.start >= 2 && toks[p.start-1].low == "," {
			if d := toks[p.start-2].low; strings.HasSuffix(d, "-old") || (kind[p.start-2] == kAgent && info[p.start-2].country == "") {
				p.person = true
			}
		}
		out = append(out, p)
		i = j
	}
	return out
}

var groupModifiers = set("foreign local senior top former ethnic armed unarmed radical young angry international national regional federal western pro-government pro-russian anti-government masked unidentified suspected")

var nameParticles = set("bin ibn bint abu al el de del della da di van von der den la le du dos das")

// hasParticlePrefix reports words such as "al-Thani" and "el-Sisi".
func hasParticlePrefix(w string) bool {
	for _, p := range []string{"al-", "el-", "ad-", "as-", "ash-", "at-", "ar-", "an-"} {
		if strings.HasPrefix(w, p) && len(w) > len(p) {
			r, _ := utf8.DecodeRuneInString(w[len(p):])
			return unicode.IsUpper(r)
		}
	}
	return false
}

// isCountryWord reports whether w is a one-word name of a country ("Iran"),
// not an adjective.
func (c *coder) isCountryWord(w string) bool {
	ai, ok := c.d.actors[w]
	if !ok || ai.country == "" {
		return false
	}
	for _, n := range countryWords[ai.country] {
		if n == w {
			return true
		}
	}
	return false
}

func isWordy(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// isAdjective reports whether a unit reads as a nationality adjective
// (Russian, Belarusian, Ukrainian, Afghan, ...).
func isAdjective(ts []tok) bool {
	if len(ts) != 1 {
		return false
	}
	w := ts[0].low
	for _, suf := range []string{"ian", "ean", "ese", "ish", "i", "ic", "ch"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	// "Afghan", "American", "Cuban", but not "Afghanistan", "Iran", "Sudan".
	return strings.HasSuffix(w, "an") && len(w) >= 5 && !strings.HasSuffix(w, "stan") && !anNouns[w]
}

// anNouns are country and capital names ending in "an".
var anNouns = set("sudan japan taiwan jordan bhutan vatican tehran amman isfahan abidjan yerevan milan lebanon yunnan sichuan wuhan")

func (c *coder) absorb(p *phrase, ts []tok, agent bool, ai actorInfo, mention int, ments []news.Mention) {
	if ai.country != "" && p.country == "" {
		p.country = ai.country
	}
	if ai.sector != "" && (agent || p.sector == "") {
		p.sector = ai.sector
	}
	if mention >= 0 {
		m := ments[mention]
		if m.Type == news.Person {
			p.person = true
		}
		if m.Entity != "" && m.Type != news.NORP {
			p.entity = m.Entity
		}
	}
	if !agent && ai.sector == "" && ai.country == "" && mention < 0 {
		p.person = p.person || len(ts) >= 2
	}
}

func joinToks(ts []tok) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && t.Start > ts[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return strings.TrimSpace(b.String())
}

// lookupActor finds a whole unit (a mention) in the actor dictionary.
func (c *coder) lookupActor(ts []tok) (actorInfo, bool) {
	key := wordsKey(ts)
	if ai, ok := c.d.actors[key]; ok {
		return ai, true
	}
	if ai, ok := c.known[key]; ok {
		return ai, true
	}
	// A person named in full in the dictionary may appear by surname.
	if len(ts) >= 1 {
		if ai, ok := c.known[ts[len(ts)-1].low]; ok {
			return ai, true
		}
	}
	return actorInfo{}, false
}

func wordsKey(ts []tok) string {
	var b strings.Builder
	for i, t := range ts {
		if t.low == "'s" {
			continue
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.low)
	}
	return b.String()
}

// matchActor returns the length of the longest dictionary actor starting at
// toks[i]. Names must be capitalised in the text.
func (c *coder) matchActor(toks []tok, i int) (int, actorInfo) {
	if !toks[i].cap {
		return 0, actorInfo{}
	}
	if !c.d.actorFirst[toks[i].low] && len(c.known) == 0 {
		return 0, actorInfo{}
	}
	max := c.d.maxActor
	if max > 6 {
		max = 6
	}
	for l := min(max, len(toks)-i); l >= 1; l-- {
		if toks[i+l-1].low == "'s" || toks[i+l-1].low == "'" {
			continue
		}
		if ai, ok := c.d.actors[wordsKey(toks[i:i+l])]; ok {
			if l == 1 && (closedClass[toks[i].low] || len(toks[i].low) < 2) {
				continue
			}
			return l, ai
		}
		if ai, ok := c.known[wordsKey(toks[i:i+l])]; ok {
			return l, ai
		}
	}
	return 0, actorInfo{}
}

// matchAgent returns the length and sector of the longest role noun phrase
// starting at toks[i] (the last word may be plural).
func (c *coder) matchAgent(toks []tok, i int) (int, string) {
	if closedClass[toks[i].low] || !(c.d.agentFirst[toks[i].low] || c.d.agentFirst[singular(toks[i].low)]) {
		return 0, ""
	}
	max := c.d.maxAgent
	if max > 4 {
		max = 4
	}
	for l := min(max, len(toks)-i); l >= 1; l-- {
		ws := make([]string, l)
		for k := 0; k < l; k++ {
			ws[k] = toks[i+k].low
		}
		key := strings.Join(ws, " ")
		if s, ok := c.d.agents[key]; ok && s != "NON" {
			return l, s
		}
		ws[l-1] = singular(ws[l-1])
		if s, ok := c.d.agents[strings.Join(ws, " ")]; ok && s != "NON" {
			return l, s
		}
	}
	return 0, ""
}
