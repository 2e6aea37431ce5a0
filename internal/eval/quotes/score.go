package quotes

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Gold is one gold attribution, in byte offsets of the article text.
type Gold struct {
	Content []news.Span
	Source  []news.Span // empty when the attribution has no source
	Cue     []news.Span
	Direct  bool // the content is a quotation in marks
}

// Attributions returns the gold attributions of a PolNeAR file over text.
// BRAT offsets count code points; they are converted to byte offsets. An
// offset past the end of text is an error.
func Attributions(b *BRAT, text string) ([]Gold, error) {
	// code point → byte offset
	cp := make([]int, 0, len(text)+1)
	for i := range text {
		cp = append(cp, i)
	}
	cp = append(cp, len(text))
	conv := func(id string) ([]news.Span, error) {
		tb := b.TextBounds[id]
		var out []news.Span
		for _, f := range tb.Fragments {
			if f.End >= len(cp) {
				return nil, fmt.Errorf("quotes: %s: offset %d past the end of the text (%d characters)", id, f.End, len(cp)-1)
			}
			out = append(out, news.Span{Start: cp[f.Start], End: cp[f.End]})
		}
		return out, nil
	}
	var out []Gold
	for _, ev := range b.Events {
		if !strings.HasPrefix(ev.Type, "Attribution") {
			continue
		}
		var g Gold
		for role, dst := range map[string]*[]news.Span{"Content": &g.Content, "Source": &g.Source, "Cue": &g.Cue} {
			for _, id := range ev.Args[role] {
				spans, err := conv(id)
				if err != nil {
					return nil, err
				}
				*dst = append(*dst, spans...)
			}
		}
		if len(g.Content) == 0 {
			continue
		}
		g.Direct = quoted(text, g.Content)
		out = append(out, g)
	}
	return out, nil
}

// quoted reports whether content is a quotation in marks: one of its
// fragments starts with a quotation mark, or one stands right before it.
// Two apostrophes or backquotes count as a double quotation mark.
func quoted(text string, content []news.Span) bool {
	for _, s := range content {
		body := strings.TrimSpace(text[s.Start:s.End])
		if r, _ := utf8.DecodeRuneInString(body); isQuoteMark(r) || strings.HasPrefix(body, "''") || strings.HasPrefix(body, "``") {
			return true
		}
		before := strings.TrimRightFunc(text[:s.Start], unicode.IsSpace)
		r, _ := utf8.DecodeLastRuneInString(before)
		if r == '“' || r == '‘' || r == '«' || strings.HasSuffix(before, "``") {
			return true
		}
		// " and '' both open and close: they open this fragment only if a
		// mark closes it too
		if r == '"' || strings.HasSuffix(before, "''") {
			after := strings.TrimLeftFunc(text[s.End:], unicode.IsSpace)
			r2, _ := utf8.DecodeRuneInString(after)
			if r2 == '"' || r2 == '”' || strings.HasPrefix(after, "''") {
				return true
			}
		}
	}
	return false
}

func isQuoteMark(r rune) bool {
	switch r {
	case '“', '”', '"', '‘', '«', '»', '„':
		return true
	}
	return false
}

// Counts accumulates matches over documents.
type Counts struct {
	Pred, PredMatched int // predictions, and those that match a gold attribution
	Gold, GoldMatched int // gold attributions, and those matched
	// the same, for direct quotes only
	DirectPred, DirectPredMatched int
	DirectGold, DirectGoldMatched int
	// ContentOnly counts predictions whose content matched but whose
	// speaker did not.
	ContentOnly int
}

// Add adds o to c.
func (c *Counts) Add(o Counts) {
	c.Pred += o.Pred
	c.PredMatched += o.PredMatched
	c.Gold += o.Gold
	c.GoldMatched += o.GoldMatched
	c.DirectPred += o.DirectPred
	c.DirectPredMatched += o.DirectPredMatched
	c.DirectGold += o.DirectGold
	c.DirectGoldMatched += o.DirectGoldMatched
	c.ContentOnly += o.ContentOnly
}

// PRF returns precision, recall and F1 over all attributions.
func (c Counts) PRF() (p, r, f float64) { return prf(c.PredMatched, c.Pred, c.GoldMatched, c.Gold) }

// DirectPRF returns precision, recall and F1 over direct quotes.
func (c Counts) DirectPRF() (p, r, f float64) {
	return prf(c.DirectPredMatched, c.DirectPred, c.DirectGoldMatched, c.DirectGold)
}

func prf(pm, pn, gm, gn int) (p, r, f float64) {
	if pn > 0 {
		p = float64(pm) / float64(pn)
	}
	if gn > 0 {
		r = float64(gm) / float64(gn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// match pairs each prediction with the gold attribution its content
// overlaps most (-1 for none) and says whether the speaker matches too.
func match(a *news.Article, gold []Gold) (best []int, speakerOK []bool) {
	best = make([]int, len(a.Quotes))
	speakerOK = make([]bool, len(a.Quotes))
	for qi, q := range a.Quotes {
		best[qi] = -1
		bestOv := 0
		for i, g := range gold {
			if ov := overlap(q.Span, g.Content); ov > bestOv && contentMatch(q.Span, g.Content, ov) {
				best[qi], bestOv = i, ov
			}
		}
		if best[qi] >= 0 {
			speakerOK[qi] = sourceMatch(a, q, gold[best[qi]])
		}
	}
	return best, speakerOK
}

// Score compares the quotes of one annotated article with its gold
// attributions.
func Score(a *news.Article, gold []Gold) Counts {
	var c Counts
	c.Gold = len(gold)
	for _, g := range gold {
		if g.Direct {
			c.DirectGold++
		}
	}
	best, ok := match(a, gold)
	goldHit := make([]bool, len(gold))
	directHit := make([]bool, len(gold))
	for qi, q := range a.Quotes {
		c.Pred++
		direct := q.Kind == news.QuoteDirect
		if direct {
			c.DirectPred++
		}
		if best[qi] < 0 {
			continue
		}
		if !ok[qi] {
			c.ContentOnly++
			continue
		}
		c.PredMatched++
		goldHit[best[qi]] = true
		if direct && gold[best[qi]].Direct {
			c.DirectPredMatched++
			directHit[best[qi]] = true
		}
	}
	for i := range gold {
		if goldHit[i] {
			c.GoldMatched++
		}
		if directHit[i] {
			c.DirectGoldMatched++
		}
	}
	return c
}

// Explain lists what [Score] counts against a: each prediction that
// matches no gold attribution ("extra"), whose speaker is wrong
// ("speaker"), each direct prediction whose gold attribution is not a
// quotation in marks ("notdirect"), each gold quotation in marks found
// only by a prediction of another kind ("kind"), and each gold attribution no prediction matched ("missed").
func Explain(a *news.Article, gold []Gold) []string {
	best, ok := match(a, gold)
	hit := make([]bool, len(gold))
	var out []string
	clip := func(s string) string {
		s = strings.Join(strings.Fields(s), " ")
		if len(s) > 160 {
			s = s[:160] + "…"
		}
		return s
	}
	spans := func(ss []news.Span) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, a.Text[s.Start:s.End])
		}
		return clip(strings.Join(parts, " … "))
	}
	for qi, q := range a.Quotes {
		switch {
		case best[qi] < 0:
			out = append(out, fmt.Sprintf("extra\t%s\t%s\t%s\t%s", q.Kind, q.SpeakerName, q.Cue, clip(q.Text)))
		case !ok[qi]:
			g := gold[best[qi]]
			out = append(out, fmt.Sprintf("speaker\t%s\t%s (gold %s)\t%s\t%s", q.Kind, q.SpeakerName, spans(g.Source), q.Cue, clip(q.Text)))
		default:
			hit[best[qi]] = true
			if g := gold[best[qi]]; q.Kind == news.QuoteDirect && !g.Direct {
				out = append(out, fmt.Sprintf("notdirect\t%s\t%s\t%s\t%s\t(gold %s)", q.Kind, q.SpeakerName, q.Cue, clip(q.Text), spans(g.Content)))
			}
		}
	}
	directHit := make([]bool, len(gold))
	for qi, q := range a.Quotes {
		if best[qi] >= 0 && ok[qi] && q.Kind == news.QuoteDirect {
			directHit[best[qi]] = true
		}
	}
	for i, g := range gold {
		if hit[i] && g.Direct && !directHit[i] {
			// a direct quote found, but not as a direct one
			for qi, q := range a.Quotes {
				if best[qi] == i && ok[qi] {
					out = append(out, fmt.Sprintf("kind\t%s\t%s\t%s\t%s", q.Kind, q.SpeakerName, q.Cue, clip(q.Text)))
					break
				}
			}
		}
		if hit[i] {
			continue
		}
		kind := "other"
		if g.Direct {
			kind = "direct"
		}
		out = append(out, fmt.Sprintf("missed\t%s\t%s\t%s\t%s", kind, spans(g.Source), spans(g.Cue), spans(g.Content)))
	}
	return out
}

// overlap returns the bytes s shares with the fragments.
func overlap(s news.Span, frags []news.Span) int {
	n := 0
	for _, f := range frags {
		if lo, hi := max(s.Start, f.Start), min(s.End, f.End); hi > lo {
			n += hi - lo
		}
	}
	return n
}

// contentMatch reports whether an overlap of ov bytes covers at least half
// of the shorter of the prediction and the gold content.
func contentMatch(s news.Span, frags []news.Span, ov int) bool {
	gl := 0
	for _, f := range frags {
		gl += f.Len()
	}
	short := min(s.Len(), gl)
	return short > 0 && 2*ov >= short
}

// sourceMatch reports whether q's speaker is g's source.
func sourceMatch(a *news.Article, q news.Quote, g Gold) bool {
	if len(g.Source) == 0 {
		return true
	}
	if q.SpeakerSpan != nil && overlap(*q.SpeakerSpan, g.Source) > 0 {
		return true
	}
	// a mention of the speaker entity at the source
	if q.Speaker != "" {
		for _, m := range a.Mentions {
			if m.Entity == q.Speaker && overlap(m.Span, g.Source) > 0 {
				return true
			}
		}
	}
	// the same head word: "Pat Caddell" for "Caddell", "Guerrero" for
	// "Mr. Guerrero, who is an actor," (the head of an apposition comes
	// before its comma)
	src := a.Text[g.Source[0].Start:g.Source[len(g.Source)-1].End]
	if i := strings.IndexAny(src, ",("); i > 0 {
		src = src[:i]
	}
	if i := strings.Index(src, " who "); i > 0 {
		src = src[:i]
	}
	return q.SpeakerName != "" && lastWord(q.SpeakerName) != "" && lastWord(q.SpeakerName) == lastWord(src)
}

func lastWord(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(f) == 0 {
		return ""
	}
	w := f[len(f)-1]
	if w == "s" && len(f) > 1 { // possessive split off
		w = f[len(f)-2]
	}
	return w
}
