package quote

import (
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/news"
)

// objectCues take the hearer as an object before what was said ("told
// reporters that…").
var objectCues = set("tell", "tells", "told", "telling", "assure", "assured", "assures", "warn", "warned", "warns", "remind",
	"reminded", "reminds", "inform", "informed", "informs", "ask", "asked", "asks", "urge", "urged", "urges", "promise",
	"promised", "promises", "convince", "convinced", "persuade", "persuaded")

// prepositions that, right after a cue, open an adjunct ("said in a
// statement that…") rather than what was said.
var prepositions = set("in", "on", "at", "during", "after", "before", "of", "about", "for", "with", "to", "from", "by",
	"last", "this", "on", "earlier", "later", "yesterday", "today", "repeatedly", "publicly", "privately", "again", "also", "recently",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "tonight", "while", "when", "as", "after")

// weakCues are reporting verbs too ambiguous to attribute an indirect
// quote without a "that" ("found", "see", "know", "called", "ordered").
var weakCues = set("found", "find", "finds", "see", "sees", "saw", "know", "knows", "knew", "feel", "feels", "felt",
	"call", "calls", "called", "calling", "order", "orders", "ordered", "cite", "cites", "cited", "presented", "describe",
	"describes", "described", "describing", "report", "recommend", "recommended", "decline", "declined", "declines",
	"charge", "charged", "charges", "observe", "want", "wants", "wanted", "expect", "expects", "expected", "ask", "asks",
	"asked", "urge", "urged", "urges", "agree", "agreed", "agrees", "add", "adds", "adding", "estimate", "estimated",
	"mention", "mentioned", "accuse", "accused", "accuses", "blame", "blamed", "blames", "criticize", "criticized",
	"criticizes", "order", "testify", "testified", "promise", "promised", "promises", "saying", "telling", "writing",
	"read", "reads", "chant", "chanted", "chanting", "answer", "answered", "react", "reacted", "blast", "blasted", "slam",
	"slammed", "mock", "mocked", "question", "questioned", "quote", "quoted", "quoting", "asking", "state", "states",
	"promises", "reports", "point", "points", "order", "cite")

// indirect finds reported speech in sentences that hold no attributed
// quotation: "X said (that) C", "X told reporters that C", "C, X said",
// "According to X, C" and "C, according to X".
// Cues in used already attribute a quotation.
func (d *doc) indirect(r *resolver, used map[int]bool) []news.Quote {
	d.usedCue = used
	var out []news.Quote
	for s := range d.sents {
		if d.sentTok[s][0] < 0 {
			continue
		}
		a, b := d.sentTok[s][0], d.sentTok[s][1]
		// the sentence's last word token
		e := b
		for e > a && !d.toks[e-1].word {
			e--
		}
		if countWords(d.toks[a:b]) < 5 {
			continue
		}
		if q, ok := d.colonLine(a, e, r); ok {
			out = append(out, q)
			continue
		}
		out = append(out, d.indirectIn(a, e, r)...)
	}
	return out
}

// indirectIn returns the reported speech of the sentence tokens [a, e):
// the first frame found and, when its content holds a second frame
// ("there was no evidence, but X says…"), that one too.
func (d *doc) indirectIn(a, e int, r *resolver) []news.Quote {
	q, ok := d.indirectOne(a, e, r)
	if !ok {
		return nil
	}
	out := []news.Quote{q}
	// a second attribution inside the content ends the first one at the
	// conjunction or comma before its subject
	if q.CueSpan.Start < q.Start {
		c := d.tokAt(q.Start)
		ce := d.tokAt(q.End-1) + 1
		for k := c + 2; k < ce; k++ {
			t := d.toks[k]
			if t.inQuote != 0 || !speechForms[t.lower] && !cognitionForms[t.lower] || weakCues[t.lower] && t.lower != "added" {
				continue
			}
			if p := d.toks[k-1].lower; p == "and" || p == "but" {
				// "said that C1 and predicted that C2": one speaker, two
				// attributions
				j := k - 1
				for j > c && (d.toks[j].lower == "and" || d.toks[j].lower == "but" || d.toks[j].text == ",") {
					j--
				}
				if countWords(d.toks[c:j+1]) < 4 {
					break
				}
				out[0].End = d.toks[j].end
				out[0].Text = d.a.Text[out[0].Start:out[0].End]
				sp := speaker{entity: q.Speaker, name: q.SpeakerName, span: *q.SpeakerSpan, ok: true}
				n := k + 1
				if n < ce && d.toks[n].lower == "that" {
					n++
				}
				if q2, ok := d.makeIndirect(n, ce, k, k+1, sp); ok {
					out = append(out, q2)
				}
				break
			}
			sp := d.subjectOf(k, c, r, 0)
			if !sp.ok || sp.common() {
				continue
			}
			j := d.tokAt(sp.span.Start) - 1
			// "…, Real Time host Bill Maher said": title words before the name
			for n := 0; n < 4 && j > c && d.toks[j].word && !clauseBreak[d.toks[j].lower]; n++ {
				j--
			}
			if j <= c || !(d.toks[j].text == "," || d.toks[j].lower == "but" || d.toks[j].lower == "and" || d.toks[j].lower == "while") {
				continue
			}
			for j > c && (d.toks[j].text == "," || d.toks[j].lower == "but" || d.toks[j].lower == "and" || d.toks[j].lower == "while") {
				j--
			}
			if countWords(d.toks[c:j+1]) < 4 {
				break
			}
			out[0].End = d.toks[j].end
			out[0].Text = d.a.Text[out[0].Start:out[0].End]
			out = append(out, d.indirectIn(d.tokAt(sp.span.Start), ce, r)...)
			break
		}
	}
	return out
}

// colonLine matches a headline or transcript line "Name: what they said"
// ("Rubio: I Still Believe Trump Can’t Be Trusted", "MATTHEWS: Well, …"):
// a sentence that opens with a person's or organisation's name and a colon.
func (d *doc) colonLine(a, e int, r *resolver) (news.Quote, bool) {
	t := d.toks[a]
	if t.mention == 0 {
		return news.Quote{}, false
	}
	m := d.mentions[t.mention-1]
	if m.Type != news.Person && m.Type != news.Org && m.Type != news.Misc {
		return news.Quote{}, false
	}
	last := d.mentionEnd(a)
	if last+1 >= e || d.toks[last+1].text != ":" {
		return news.Quote{}, false
	}
	sp := d.npEndingAt(last, a, r, 0)
	if !sp.ok || sp.entity == "" {
		return news.Quote{}, false
	}
	return d.makeIndirectFrame(last+2, e, last+1, last+2, sp, false, 3)
}

// tokAt returns the index of the token that starts at or covers byte off.
func (d *doc) tokAt(off int) int {
	lo, hi := 0, len(d.toks)
	for lo < hi {
		m := (lo + hi) / 2
		if d.toks[m].end <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

func (d *doc) indirectOne(a, e int, r *resolver) (news.Quote, bool) {
	for k := a; k < e; k++ {
		t := d.toks[k]
		if t.inQuote == 0 && intentForms[t.lower] && !d.usedCue[k] {
			if q, ok := d.intention(a, e, k, r); ok {
				return q, true
			}
		}
		if t.inQuote == 0 && findingForms[t.lower] && !d.usedCue[k] && !(k > a && d.nounContext(k-1)) {
			// "polls show Clinton ahead", "the survey found that …"
			c := k + 1
			if c < e && d.toks[c].lower == "that" {
				c++
			} else if c >= e || !(d.toks[c].mention > 0 || subjectPronouns[d.toks[c].lower] || numberWords[d.toks[c].lower] || d.toks[c].word && unicode.IsDigit([]rune(d.toks[c].text)[0])) {
				continue
			}
			if sp := d.subjectOf(k, a, r, 0); sp.ok {
				if q, ok := d.makeIndirect(c, e, k, k+1, sp); ok {
					return q, true
				}
			}
			continue
		}
		if t.inQuote == 0 && !d.isCue(k) && !d.usedCue[k] && k+1 < e && d.toks[k+1].lower == "that" && d.verbish(k) &&
			!auxWords[t.lower] && (strings.HasSuffix(t.lower, "ed") || strings.HasSuffix(t.lower, "s")) {
			// "X realized that …", "X conceded that …": any verb with a
			// that-clause, when a name or a pronoun is its subject
			if sp := d.subjectOf(k, a, r, 0); sp.ok && !sp.common() && (sp.pronoun || d.speakerMention(sp.span)) {
				if q, ok := d.makeIndirect(k+2, e, k, k+1, sp); ok {
					return q, true
				}
			}
		}
		if t.inQuote != 0 || !d.isCue(k) || d.usedCue[k] {
			continue
		}
		if t.lower == "according" {
			if k+1 >= e || d.toks[k+1].lower != "to" {
				continue
			}
			sp := d.npAfter(k+2, e, r, 0)
			if !sp.ok {
				continue
			}
			if k == a {
				// According to X, C.
				c := k + 2
				for c < e && d.toks[c].text != "," {
					c++
				}
				if q, ok := d.makeIndirect(c+1, e, k, k+2, sp); ok {
					return q, true
				}
				continue
			}
			if k > a && d.toks[k-1].text == "," {
				// C, according to X.
				if q, ok := d.makeIndirect(a, k-1, k, k+2, sp); ok {
					return q, true
				}
			}
			continue
		}
		// C, X said. / C, said X.
		if q, ok := d.endFrame(a, e, k, r); ok {
			return q, true
		}
		// C1, X said, C2: a parenthetical frame; the content is the
		// sentence around it
		if k+1 < e && d.toks[k+1].text == "," && !weakCues[t.lower] {
			if sp := d.subjectOf(k, a, r, 0); sp.ok {
				if i := d.tokAt(sp.span.Start) - 1; i > a && d.toks[i].text == "," {
					if q, ok := d.makeIndirectFrame(a, e, k, k+1, sp, true, 4); ok {
						return q, true
					}
				}
			}
		}
		// "…, saying C": a participle takes its clause's subject
		if strings.HasSuffix(t.lower, "ing") && k > a && d.toks[k-1].text == "," && !weakCues[t.lower] || t.lower == "saying" || t.lower == "adding" {
			if k > a && d.toks[k-1].text == "," {
				if sp := d.clauseSubject(k, a, r, 0); sp.ok {
					c := k + 1
					if c < e && d.toks[c].lower == "that" {
						c++
					}
					if q, ok := d.makeIndirect(c, e, k, k+1, sp); ok {
						return q, true
					}
				}
			}
			continue
		}
		sp := d.subjectOf(k, a, r, 0)
		if !sp.ok {
			continue
		}
		c := k + 1
		that := false
		// "asked whether C"
		if (t.lower == "asked" || t.lower == "asks" || t.lower == "wondered") && c < e && whWords[d.toks[c].lower] {
			if q, ok := d.makeIndirect(c, e, k, k+1, sp); ok {
				return q, true
			}
			continue
		}
		// "told CNN the plan was final", "told reporters he would run"
		if (t.lower == "told" || t.lower == "tells" || t.lower == "tell") && c < e {
			n := c
			if d.toks[n].mention > 0 {
				n = d.mentionEnd(n) + 1
			} else if hearers[d.toks[n].lower] {
				n++
			}
			if n > c && n < e && d.toks[n].lower != "that" && d.toks[n].word && !prepositions[d.toks[n].lower] && d.toks[n].lower != "to" {
				if q, ok := d.makeIndirect(n, e, k, k+1, sp); ok {
					return q, true
				}
			}
		}
		// skip the hearer of "told reporters that"
		if objectCues[t.lower] {
			for i := c; i < e && i < c+6; i++ {
				if d.toks[i].lower == "that" {
					c, that = i+1, true
					break
				}
			}
			if !that {
				continue
			}
		}
		// skip an adjunct before "that": "said in a statement that"
		if !that && c < e && prepositions[d.toks[c].lower] {
			for i := c; i < e && i < c+10; i++ {
				if d.toks[i].lower == "that" {
					c, that = i+1, true
					break
				}
			}
			if !that {
				continue
			}
		}
		if !that && c < e && d.toks[c].lower == "that" {
			c, that = c+1, true
		}
		if !that && c < e && d.toks[c].text == ":" {
			c++
		}
		if !that && (weakCues[t.lower] || !speechForms[t.lower] && !cognitionForms[t.lower]) {
			continue
		}
		if q, ok := d.makeIndirect(c, e, k, k+1, sp); ok {
			return q, true
		}
	}
	return news.Quote{}, false
}

// intentForms report intentions and stances with an infinitive ("Clinton
// wants to raise taxes", "Sanders declined to comment"), which news
// attributes as it does speech.
var intentForms = set("want", "wants", "wanted", "plan", "plans", "planned", "intend", "intends", "intended", "vow", "vows",
	"vowed", "pledge", "pledges", "pledged", "threaten", "threatens", "threatened", "refuse", "refuses", "refused",
	"decline", "declines", "declined", "agree", "agrees", "agreed", "promise", "promises", "promised", "seek", "seeks",
	"sought", "hope", "hopes", "hoped", "expect", "expects", "expected", "urge", "urges", "urged", "ask", "asks", "asked",
	"call", "calls", "called", "demand", "demands", "demanded", "offer", "offers", "offered", "opted", "decided", "decides")

// intention matches "S wants to VP" and "S urged X to VP" with the verb at
// k; the content runs from "to" to the end of the sentence.
func (d *doc) intention(a, e, k int, r *resolver) (news.Quote, bool) {
	c := k + 1
	switch d.toks[k].lower {
	case "urge", "urges", "urged", "ask", "asks", "asked":
		// an object before "to": "urged Congress to act"
		for i := c; i < e && i < c+5; i++ {
			if d.toks[i].lower == "to" {
				c = i
				break
			}
		}
	case "call", "calls", "called":
		// "called for X" / "called on X to"
		if c < e && (d.toks[c].lower == "for" || d.toks[c].lower == "on") {
			c++
			if d.toks[c-1].lower == "for" {
				sp := d.subjectOf(k, a, r, 0)
				if !sp.ok {
					return news.Quote{}, false
				}
				return d.makeIndirectFrame(c, e, k, c, sp, false, 2)
			}
			for i := c; i < e && i < c+5; i++ {
				if d.toks[i].lower == "to" {
					c = i
					break
				}
			}
		}
	}
	if c >= e || d.toks[c].lower != "to" {
		return news.Quote{}, false
	}
	sp := d.subjectOf(k, a, r, 0)
	if !sp.ok {
		return news.Quote{}, false
	}
	return d.makeIndirectFrame(c, e, k, k+1, sp, false, 2)
}

// findingForms report what polls, studies and documents show.
var findingForms = set("show", "shows", "showed", "shown", "indicate", "indicates", "indicated", "reveal", "reveals",
	"revealed", "found", "finds", "suggest", "suggests", "suggested", "confirm", "confirms", "confirmed")

var subjectPronouns = set("he", "she", "they", "we", "i", "it", "you")

var whWords = set("whether", "if", "why", "how", "what", "who", "when", "where", "which")

// hearers are the usual objects of "told" before what was told.
var hearers = set("reporters", "journalists", "him", "her", "them", "me", "us", "supporters", "voters", "viewers", "listeners",
	"members", "lawmakers", "donors", "delegates", "students", "crowds", "audiences", "officials")

// cognitionForms report beliefs and intentions, which news attributes as
// it does speech ("Democrats believe the bill will pass").
var cognitionForms = set("believe", "believes", "believed", "think", "thinks", "thought", "fear", "fears", "feared",
	"hope", "hopes", "hoped", "worry", "worries", "worried", "predict", "predicts", "predicted", "suggest", "suggests",
	"suggested", "acknowledge", "acknowledges", "acknowledged", "concede", "concedes", "conceded", "deny", "denies", "denied")

// endFrame matches "C, X said." and "C, said X." with the cue at k.
func (d *doc) endFrame(a, e, k int, r *resolver) (news.Quote, bool) {
	if e-k > 9 || weakCues[d.toks[k].lower] && d.toks[k].lower != "adding" || !speechForms[d.toks[k].lower] && !cognitionForms[d.toks[k].lower] {
		return news.Quote{}, false
	}
	// inverted: ", said X."
	if k > a && d.toks[k-1].text == "," {
		if sp := d.npAfter(k+1, e, r, 0); sp.ok && !sp.pronoun {
			return d.makeIndirect(a, k-1, k, k+1, sp)
		}
	}
	sp := d.subjectOf(k, a, r, 0)
	if !sp.ok {
		return news.Quote{}, false
	}
	// the comma before the subject phrase
	i := k - 1
	for i > a && d.toks[i].start >= sp.span.Start {
		i--
	}
	for i > a && d.toks[i].word && (auxWords[d.toks[i].lower] || isAdverb(d.toks[i].lower)) {
		i--
	}
	if d.toks[i].text != "," || i-a < 4 {
		return news.Quote{}, false
	}
	// what follows the cue must be an adjunct, not a clause
	for j := k + 1; j < e; j++ {
		if d.toks[j].lower == "that" {
			return news.Quote{}, false
		}
	}
	return d.makeIndirect(a, i, k, k+1, sp)
}

// makeIndirect builds an indirect quote whose content is tokens [c, e).
func (d *doc) makeIndirect(c, e, cue, cueEnd int, sp speaker) (news.Quote, bool) {
	return d.makeIndirectFrame(c, e, cue, cueEnd, sp, false, 4)
}

// makeIndirectFrame is makeIndirect; with around set the content may hold
// the frame (a parenthetical "C1, X said, C2").
func (d *doc) makeIndirectFrame(c, e, cue, cueEnd int, sp speaker, around bool, minWords int) (news.Quote, bool) {
	for c < e && !d.toks[c].word && markOf(d.toks[c].text) == notMark {
		c++
	}
	if !around {
		// reported speech ends before another attribution's frame ("…,
		// a man yelled “Stay there!”")
		for i := c + 1; i < e; i++ {
			if d.usedCue[i] {
				j := i - 1
				for j > c && d.toks[j].text != "," && d.toks[j].lower != "and" && d.toks[j].lower != "but" {
					j--
				}
				if j > c {
					e = j
				}
				break
			}
		}
		// reported speech ends where a quotation it frames begins
		// ("said he welcomed it and added, “I'll plead guilty”")
		for i := c; i < e; i++ {
			if d.toks[i].inQuote != 0 && d.quoteAttributed(d.toks[i].inQuote) {
				e = i
				for e > c && (!d.toks[e-1].word || d.toks[e-1].lower == "and" || d.toks[e-1].lower == "but" || d.isCue(e-1)) {
					e--
				}
				break
			}
		}
	}
	for e > c && !d.toks[e-1].word && markOf(d.toks[e-1].text) == notMark {
		e--
	}
	if c >= e || countWords(d.toks[c:e]) < minWords || isUpperWord(d.toks[cue].text) {
		return news.Quote{}, false
	}
	span := news.Span{Start: d.toks[c].start, End: d.toks[e-1].end}
	if span.Overlaps(sp.span) && !around {
		return news.Quote{}, false
	}
	cs := news.Span{Start: d.toks[cue].start, End: d.toks[cueEnd-1].end}
	ss := sp.span
	conf := 0.7
	if sp.entity == "" {
		conf = 0.5
	}
	return news.Quote{
		Span:        span,
		Text:        d.a.Text[span.Start:span.End],
		Speaker:     sp.entity,
		SpeakerName: sp.name,
		SpeakerSpan: &ss,
		Cue:         d.a.Text[cs.Start:cs.End],
		CueSpan:     &cs,
		Kind:        news.QuoteIndirect,
		Confidence:  conf,
	}, true
}
