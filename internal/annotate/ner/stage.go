package ner

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// StageID is the ID of the named-entity stage.
const StageID = "annotate.ner"

func init() {
	pipeline.Register(pipeline.Info{
		ID:       StageID,
		Version:  "2",
		Requires: []string{"annotate.token"},
		Doc:      "tokens → mentions: PERSON, ORG, GPE, LOC, NORP, MISC (model); MONEY, PERCENT, CARDINAL (rules)",
		New: func(cfg json.RawMessage) (pipeline.Stage, error) {
			m, err := Default()
			if err != nil {
				return nil, err
			}
			return &Stage{Model: m}, nil
		},
	})
}

// Stage fills an article's mentions with a model.
type Stage struct{ Model *Model }

// Process fills a.Mentions, sorted by start, from a.Tokens and a.Sentences.
// It replaces any mentions of the types it produces and keeps others.
func (s *Stage) Process(ctx context.Context, a *news.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sents := groupSentences(a)
	doc := make([][]string, len(sents))
	for i, ts := range sents {
		ws := make([]string, len(ts))
		for k, t := range ts {
			ws[k] = t.Text
		}
		doc[i] = ws
	}
	found := s.Model.tagDoc(doc)
	var ms []news.Mention
	for si, ts := range sents {
		covered := make([]bool, len(ts))
		for _, sp := range found.spans[si] {
			if sp.Start < 0 || sp.End > len(ts) || sp.Start >= sp.End {
				return fmt.Errorf("ner: internal error: span %v outside sentence of %d tokens", sp, len(ts))
			}
			span := news.Span{Start: ts[sp.Start].Start, End: ts[sp.End-1].End}
			ms = append(ms, news.Mention{
				Span:       span,
				Text:       a.Slice(span),
				Type:       s.Model.outputType(found.toks[si], sp),
				Confidence: sp.conf,
			})
			for k := sp.Start; k < sp.End; k++ {
				covered[k] = true
			}
		}
		for _, v := range values(ts, covered) {
			ms = append(ms, news.Mention{Span: v.Span, Text: a.Slice(v.Span), Type: v.Type, Confidence: v.Confidence})
		}
	}
	// Keep mentions of other types another stage may have added.
	var keep []news.Mention
	for _, m := range a.Mentions {
		if !ours[m.Type] {
			keep = append(keep, m)
		}
	}
	a.Mentions = append(keep, ms...)
	sort.SliceStable(a.Mentions, func(i, j int) bool {
		if a.Mentions[i].Start != a.Mentions[j].Start {
			return a.Mentions[i].Start < a.Mentions[j].Start
		}
		return a.Mentions[i].End > a.Mentions[j].End
	})
	for i := range a.Captions {
		a.Captions[i].Mentions = s.captionMentions(a.Captions[i].Text)
	}
	return nil
}

// captionMentions tags the names of a photo caption (one caption, however
// often the article shows it), with spans into the caption's text. The
// caption is split into sentences at full stops.
func (s *Stage) captionMentions(text string) []news.Mention {
	toks := token.Tokenize(text)
	var sents [][]news.Token
	start := 0
	for i, t := range toks {
		if t.Text == "." || t.Text == "?" || t.Text == "!" || i == len(toks)-1 {
			sents = append(sents, toks[start:i+1])
			start = i + 1
		}
	}
	doc := make([][]string, len(sents))
	for i, ts := range sents {
		doc[i] = make([]string, len(ts))
		for k, t := range ts {
			doc[i][k] = t.Text
		}
	}
	found := s.Model.tagDoc(doc)
	var ms []news.Mention
	for si, ts := range sents {
		for _, sp := range found.spans[si] {
			if sp.Start < 0 || sp.End > len(ts) || sp.Start >= sp.End {
				continue
			}
			span := news.Span{Start: ts[sp.Start].Start, End: ts[sp.End-1].End}
			ms = append(ms, news.Mention{Span: span, Text: text[span.Start:span.End], Type: s.Model.outputType(found.toks[si], sp), Confidence: sp.conf})
		}
	}
	return ms
}

var ours = map[news.EntityType]bool{
	news.Person: true, news.Org: true, news.GPE: true, news.Loc: true, news.NORP: true, news.Misc: true,
	news.Money: true, news.Percent: true, news.Cardinal: true,
}

// groupSentences returns the tokens of each sentence, in order; tokens
// outside every sentence form runs of their own, and all tokens are one
// sentence when there are no sentences.
func groupSentences(a *news.Article) [][]news.Token {
	toks := a.Tokens
	if len(toks) == 0 {
		return nil
	}
	si := 0
	sentOf := func(t news.Token) int {
		for si < len(a.Sentences) && a.Sentences[si].End <= t.Start {
			si++
		}
		if si < len(a.Sentences) && a.Sentences[si].Start <= t.Start {
			return si
		}
		return -1 - si // a gap before sentence si
	}
	var out [][]news.Token
	start, cur := 0, sentOf(toks[0])
	for i := 1; i < len(toks); i++ {
		if s := sentOf(toks[i]); s != cur {
			out = append(out, toks[start:i])
			start, cur = i, s
		}
	}
	return append(out, toks[start:])
}

// outputType maps a model class to newsgraph's types: LOC becomes GPE for
// countries, cities, subdivisions and unknown places, and stays LOC for
// regions and natural features; an ORG that is a listed world region is a
// LOC; MISC becomes NORP for nationalities,
// religious and political groups.
func (m *Model) outputType(ts []tok, sp tagged) news.EntityType {
	switch sp.Class {
	case PER:
		return news.Person
	case ORG:
		// A world region the gazetteers list ("Eastern Europe") is a
		// place whatever its context.
		if cats := m.spanCats(ts, sp.Start, sp.End); cats&gRegion != 0 {
			return news.Loc
		}
		return news.Org
	case LOC:
		cats := m.spanCats(ts, sp.Start, sp.End)
		if cats&(gCountry|gCityBig|gCity|gAdmin|gCapital) != 0 {
			return news.GPE
		}
		if cats&gRegion != 0 {
			return news.Loc
		}
		if last := m.spanCats(ts, sp.End-1, sp.End); last&gPlaceWord != 0 && !isAdminWord(ts[sp.End-1].lw) {
			return news.Loc
		}
		return news.GPE
	case MISC:
		cats := m.spanCats(ts, sp.Start, sp.End)
		if cats&(gDemonym|gNORPWord) != 0 {
			return news.NORP
		}
		return news.Misc
	}
	return news.Misc
}

func isAdminWord(lw string) bool {
	switch lw {
	case "state", "province", "city", "town", "village", "county", "district", "oblast":
		return true
	}
	return false
}

func (m *Model) spanCats(ts []tok, i, j int) uint16 {
	if m.lex == nil || m.lex.gaz == nil {
		return 0
	}
	return m.lex.gaz.lookup(ts, i, j)
}
