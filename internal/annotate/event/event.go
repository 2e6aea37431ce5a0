// Package event is the "annotate.event" stage: it codes, sentence by
// sentence, the political events an article reports in the PLOVER
// categories POLECAT uses (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID,
// RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE,
// COERCE, ASSAULT), each with its actor and target, date, place, trigger
// and confidence, and the sentence that says so.
//
// The coder follows PETRARCH-2 without a parser. Verbs are found through
// the CAMEO verb dictionary (each form of each verb, labelled with PLOVER
// categories); the verb's patterns are matched against the words after
// (and before) it, the most specific match winning over the verb's default.
// Control verbs combine with the verb they govern ("agreed to send" →
// AGREE, "threatened to attack" → THREATEN, "urged X to withdraw" →
// REQUEST, "refused to meet" → REJECT). Event nouns ("the invasion of",
// "a crackdown", "protests against", "a call by X for Y") are coded from a
// small list of our own. The source is the first phrase of the verb's
// clause outside a prepositional phrase (the "by" phrase or an adjective
// in a passive: "killed in a Russian ambush"), the target the first phrase
// after the verb.
//
// Actors are named entities (from the NER and entity stages when they
// ran, else capitalised words), dictionary actors (countries and their
// adjectives, international organisations, armed groups, people) and role
// nouns with their country ("Belarusian authorities", "Russian forces"),
// typed in the style of POLECAT and ACLED (government, military, police,
// intelligence, rebel, opposition, party, civilian, igo, ...) with an ISO
// 3166-1 alpha-3 country code.
//
// What did not happen is not coded (PLOVER's modes): events inside quoted
// speech, in conditional sentences ("If Putin is defeated, ..."), under a
// hypothetical modal (could, may, might, should) or in a question, and
// negated conflict ("did not attack"); negated cooperation is REJECT, and
// promised cooperation ("will send aid") is AGREE.
//
// With a parse (annotate.parse), the dictionary coder's events are checked
// and completed on the tree (refine.go, trigger.go): a trigger detector
// trained on M2E2 adds missed conflict events and vetoes unlikely ones,
// construction rules handle name-calling, launched barrages, threats and
// word sense, the reporting source is split from the actor, every event
// gets a factuality status and a confidence calibrated on WikiEvents dev
// (docs/events.md).
//
// The date is that of a time expression in the sentence (Event.DateFrom
// "time"), else the article's publication date ("published"), which says
// only when it was reported. The place is the nearest place of the place
// stage in the sentence.
package event

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate/parse"
	"github.com/newsgraph/newsgraph/internal/annotate/sentence"
	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// StageID is the ID of the event stage.
const StageID = "annotate.event"

// Requires lists the stages the event stage reads: tokens, entities (and
// through them the NER's mentions), quotes, times and places.
var Requires = []string{token.StageID, parse.StageID, "annotate.entity", "annotate.quote", "annotate.timex", "annotate.geo"}

func init() {
	pipeline.Register(pipeline.Info{
		ID:       StageID,
		Version:  "2",
		Requires: Requires,
		Doc:      "PLOVER events with actor, target, date, place and evidence (dictionary coder after PETRARCH-2)",
		New: func(cfg json.RawMessage) (pipeline.Stage, error) {
			if _, err := Default(); err != nil {
				return nil, err
			}
			return pipeline.Func(Process), nil
		},
	})
}

// Process codes the events of a and stores them in a.Events.
func Process(ctx context.Context, a *news.Article) error {
	d, err := Default()
	if err != nil {
		return err
	}
	evs, err := Code(ctx, d, a)
	if err != nil {
		return err
	}
	a.Events = evs
	return nil
}

// Code returns the events of a, using whatever annotations it carries.
func Code(ctx context.Context, d *Dict, a *news.Article) ([]news.Event, error) {
	c := &coder{d: d, a: a, known: map[string]actorInfo{}}
	for _, e := range a.Entities {
		if e.Country == "" {
			continue
		}
		if iso3 := alpha3(e.Country); iso3 != "" {
			ai := actorInfo{country: iso3}
			for _, n := range append([]string{e.Name}, e.Aliases...) {
				c.known[strings.ToLower(n)] = ai
			}
		}
	}
	sents := a.Sentences
	if len(sents) == 0 {
		sents = sentence.Split(a.Text, a.Paragraphs)
	}
	toks := a.Tokens
	if len(toks) == 0 {
		for _, s := range sents {
			if s.Start >= 0 && s.End <= len(a.Text) && s.Start <= s.End {
				toks = token.Append(toks, a.Text, s.Start, s.End)
			}
		}
	}
	quoted := quoteRegions(a.Text, a.Paragraphs)
	// A first pass learns how the article names its actors, so that
	// "Lukashenko" early on is typed by "Belarus President Alexander
	// Lukashenko" later.
	mi := 0
	for _, s := range sents {
		st := sentTokens(a, s, toks)
		for mi < len(a.Mentions) && a.Mentions[mi].End <= s.Start {
			mi++
		}
		mj := mi
		for mj < len(a.Mentions) && a.Mentions[mj].Start < s.End {
			mj++
		}
		c.learn(c.findPhrases(st, a.Mentions[mi:mj]), st)
	}
	c.lastCountry = ""
	// Indexes, so that marking tokens and finding dates and places does
	// not scan the whole article per token or event.
	var quoteSpans []news.Span
	for _, q := range a.Quotes {
		if q.Kind != news.QuoteIndirect {
			quoteSpans = append(quoteSpans, q.Span)
		}
	}
	quotedIx, quotesIx := news.NewSpanIndex(quoted), news.NewSpanIndex(quoteSpans)
	timeSpans := make([]news.Span, len(a.Times))
	for i, t := range a.Times {
		timeSpans[i] = t.Span
	}
	placeSpans := make([]news.Span, len(a.Places))
	for i, p := range a.Places {
		placeSpans[i] = p.Span
	}
	c.times, c.places = news.NewSpanIndex(timeSpans), news.NewSpanIndex(placeSpans)
	var out []news.Event
	mi = 0
	for si, s := range sents {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		st := sentTokens(a, s, toks)
		for i := range st {
			contains := func(spans []news.Span) func(int) bool {
				return func(k int) bool {
					if spans[k].Contains(st[i].Span) {
						st[i].quoted = true
						return false
					}
					return true
				}
			}
			quotedIx.Overlapping(st[i].Span, contains(quoted))
			quotesIx.Overlapping(st[i].Span, contains(quoteSpans))
		}
		for mi < len(a.Mentions) && a.Mentions[mi].End <= s.Start {
			mi++
		}
		mj := mi
		for mj < len(a.Mentions) && a.Mentions[mj].Start < s.End {
			mj++
		}
		var sp *sentParse
		if a.Parsed() && len(toks) == len(a.Tokens) {
			lo := sort.Search(len(toks), func(i int) bool { return toks[i].Start >= s.Start })
			sp = c.parseOf(toks, lo, len(st))
		}
		prevPhrases, prevToks := c.prevPhrases, c.prevToks
		evs := c.sentence(si, st, a.Mentions[mi:mj])
		if sp != nil {
			phrases := c.prevPhrases
			c.prevPhrases, c.prevToks = prevPhrases, prevToks
			evs = c.refine(si, st, phrases, evs, sp)
			c.prevPhrases, c.prevToks = phrases, st
		}
		for i := range evs {
			c.dateAndPlace(&evs[i], s)
			evs[i].Trigger.Text = a.Slice(evs[i].Trigger.Span)
		}
		out = append(out, evs...)
	}
	return out, nil
}

// dateAndPlace sets the date and place of an event in sentence s.
func (c *coder) dateAndPlace(e *news.Event, s news.Span) {
	best := -1
	dist := 1 << 30
	// The nearest, and of those the first.
	closer := func(i, d int) bool { return d < dist || d == dist && i < best }
	c.times.Overlapping(s, func(i int) bool {
		t := c.a.Times[i]
		if !s.Contains(t.Span) || t.Value == "" || (t.Kind != news.TimeDate && t.Kind != news.TimeTime && t.Kind != "") {
			return true
		}
		if !startsWithYear(t.Value) {
			return true
		}
		if d := abs(t.Start - e.Trigger.Start); closer(i, d) {
			best, dist = i, d
		}
		return true
	})
	if best >= 0 {
		e.Date, e.DateFrom = c.a.Times[best].Value, "time"
	} else if c.a.Published != "" {
		e.Date, e.DateFrom = c.a.Published, "published"
	}
	best, dist = -1, 1<<30
	c.places.Overlapping(s, func(i int) bool {
		p := c.a.Places[i]
		if !s.Contains(p.Span) {
			return true
		}
		if d := abs(p.Start - e.Trigger.Start); closer(i, d) {
			best, dist = i, d
		}
		return true
	})
	if best >= 0 {
		p := c.a.Places[best]
		e.Place, e.PlaceName = p.Entity, p.Name
		if e.Place == "" && p.GeoNames != 0 {
			e.Place = fmt.Sprintf("geonames:%d", p.GeoNames)
		}
	}
}

func startsWithYear(v string) bool {
	if len(v) < 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if v[i] < '0' || v[i] > '9' {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// quoteRegions returns the spans between paired quotation marks, within
// paragraphs: straight quotes toggle, curly and guillemet quotes open and
// close. A quote left open at a paragraph's end closes there (news
// convention reopens it in the next paragraph).
func quoteRegions(text string, paras []news.Span) []news.Span {
	if len(paras) == 0 {
		paras = []news.Span{{Start: 0, End: len(text)}}
	}
	var out []news.Span
	for _, p := range paras {
		if p.Start < 0 || p.End > len(text) || p.Start > p.End {
			continue
		}
		open := -1
		for i, r := range text[p.Start:p.End] {
			at := p.Start + i
			switch r {
			case '"':
				if open < 0 {
					open = at
				} else {
					out = append(out, news.Span{Start: open, End: at + 1})
					open = -1
				}
			case '“', '«':
				open = at
			case '”', '»':
				if open >= 0 {
					out = append(out, news.Span{Start: open, End: at + len(string(r))})
					open = -1
				}
			case '\n':
				if open >= 0 && strings.HasPrefix(text[at:], "\n\n") {
					out = append(out, news.Span{Start: open, End: at})
					open = -1
				}
			}
		}
		if open >= 0 {
			out = append(out, news.Span{Start: open, End: p.End})
		}
	}
	return out
}
