package quote

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/annotate/entity"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// StageID is the ID of the quote stage.
const StageID = "annotate.quote"

// Version changes whenever the stage's output can change.
const Version = "1"

func init() {
	pipeline.Register(pipeline.Info{
		ID:       StageID,
		Version:  Version,
		Requires: []string{entity.StageID},
		Doc:      "direct, partial and indirect quotes with their speakers and cues",
		New:      func(json.RawMessage) (pipeline.Stage, error) { return pipeline.Func(Process), nil },
	})
}

// Process fills a.Quotes. It uses a.Mentions and a.Entities (from the
// entity stage), a.Paragraphs and, when present, a.Sentences; it splits
// sentences itself otherwise.
func Process(ctx context.Context, a *news.Article) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("quote: %w", err)
	}
	a.Quotes = Find(a)
	return nil
}

// qspan is a quotation found by pairing marks.
type qspan struct {
	open, close int // token indexes of the marks; close is -1 when the paragraph end closed it
	cs, ce      int // content tokens [cs, ce)
	start, end  int // content bytes
}

// speaker is who a frame names as the source.
type speaker struct {
	entity  string
	name    string
	span    news.Span
	pronoun bool
	ok      bool
}

// Find returns the quotes of an annotated article, in text order.
func Find(a *news.Article) []news.Quote {
	d := newDoc(a)
	qs := d.pairMarks()
	for i, q := range qs {
		for k := q.open; k <= q.ce && k < len(d.toks); k++ {
			if k >= q.cs || k == q.open {
				d.toks[k].inQuote = i + 1
			}
		}
		if q.close >= 0 {
			d.toks[q.close].inQuote = i + 1
		}
	}
	r := newResolver(d)
	d.attributed = map[int]bool{}
	d.quoteName = map[int]bool{}
	for i, q := range qs {
		if n := countWords(d.toks[q.cs:q.ce]); n > 0 && n <= 4 && titleCase(d.toks[q.cs:q.ce]) {
			d.quoteName[i+1] = true
		}
	}
	var out []news.Quote
	type last struct {
		sp   speaker
		sent int
		para int
	}
	var prev *last
	var pending []int // direct quotes with no frame, for a frame that follows
	for i, q := range qs {
		content := a.Text[q.start:q.end]
		nw := countWords(d.toks[q.cs:q.ce])
		if nw == 0 {
			continue
		}
		kind := d.kindOf(q)
		cueTok := -1
		var sp speaker
		switch kind {
		case news.QuoteDirect:
			if d.startsSentence(q) {
				cueTok, sp = d.afterFrame(q, r, i+1)
				if !sp.ok {
					cueTok, sp = d.beforeFrame(q, r, i+1, 6)
				}
				if !sp.ok {
					cueTok, sp = d.colonParagraph(q, r, i+1)
				}
			} else {
				// a quote that ends in a comma hands over to the frame
				// after it: "…differently: “When he says it,” he said."
				if q.close > q.cs && d.toks[q.close-1].text == "," {
					cueTok, sp = d.afterFrame(q, r, i+1)
					if sp.ok && (sp.common() || cueTok > q.close+4) {
						cueTok, sp = -1, speaker{}
					}
				}
				if !sp.ok {
					// "Pollsters agree - Carl Bialik: “…”": a name right
					// before the colon is the speaker
					cueTok, sp = d.colonSpeaker(q, r, i+1)
				}
				if !sp.ok {
					cueTok, sp = d.beforeFrame(q, r, i+1, 30)
				}
				if !sp.ok {
					cueTok, sp = d.afterFrame(q, r, i+1)
				}
				if !sp.ok {
					cueTok, sp = d.colonFrame(q, r, i+1)
				}
			}
			if !sp.ok {
				cueTok, sp = d.mannerFrame(q, r, i+1)
			}
			if !sp.ok {
				cueTok, sp = d.colonSpeaker(q, r, i+1)
			}
			if !sp.ok {
				cueTok, sp = d.dashByline(q, r, i+1)
			}
			if !sp.ok && prev != nil && d.floating(q, prev.sent) {
				sp = prev.sp
				cueTok = -1
			}
			if !sp.ok && d.startsSentence(q) && d.toks[q.open].sent > 0 {
				// "Rubio said the real extremist is Clinton. “On abortion,
				// the Democrats are extremists.”": the speaker of the
				// reported speech just before
				ps := d.toks[q.open].sent - 1
				if a0, a1 := d.sentTok[ps][0], d.sentTok[ps][1]; a0 >= 0 && d.toks[a0].para >= d.toks[q.open].para-1 {
					if iq, ok := d.indirectOne(a0, a1, r); ok && iq.Speaker != "" {
						sp = speaker{entity: iq.Speaker, name: iq.SpeakerName, span: *iq.SpeakerSpan, ok: true}
						cueTok = -1
					}
				}
			}
			if !sp.ok && nw < 4 || nw <= 4 && titleCase(d.toks[q.cs:q.ce]) && (!sp.ok || cueTok < 0 || namingForms[d.toks[cueTok].lower]) {
				continue
			}
			if d.titleInProse(q) {
				continue // "said in his book “Doomed to Succeed,”"
			}
			if nw >= 2 && !d.startsSentence(q) && q.open > 0 && d.toks[q.open-1].word && titleCase(d.toks[q.cs:q.ce]) {
				continue // "told “Fox and Friends”", "said on “This Week with …”"
			}
		case news.QuotePartial:
			if titleCase(d.toks[q.cs:q.ce]) {
				continue // a name or a title in quotation marks
			}
			cueTok, sp = d.beforeFrame(q, r, i+1, 20)
			if sp.ok && cueTok >= 0 && cueTok < q.open {
				// "Clinton says rival Sanders accepted … and “there's
				// nothing wrong with that”": the partial quote belongs to
				// the report that holds its verb
				if k, osp := d.outerSpeech(cueTok, r, i+1); k >= 0 {
					cueTok, sp = k, osp
				}
			}
			if !sp.ok {
				cueTok, sp = d.afterFrame(q, r, i+1)
			}
			if cueTok >= 0 && namingForms[d.toks[cueTok].lower] && nw < 2 {
				continue
			}
		}
		if !sp.ok {
			if kind == news.QuoteDirect && d.startsSentence(q) && nw >= 4 {
				pending = append(pending, i)
			}
			continue // scare quotes, titles, unattributed
		}
		if cueTok >= 0 && isUpperWord(d.toks[cueTok].text) || upperText(content) {
			continue // a headline in capitals
		}
		qt := news.Quote{
			Span:        news.Span{Start: q.start, End: q.end},
			Text:        content,
			Speaker:     sp.entity,
			SpeakerName: sp.name,
			Kind:        kind,
			Confidence:  confidence(sp, cueTok),
		}
		ss := sp.span
		qt.SpeakerSpan = &ss
		if cueTok >= 0 {
			ct := d.toks[cueTok]
			cs := news.Span{Start: ct.start, End: ct.end}
			if ct.lower == "according" && cueTok+1 < len(d.toks) && d.toks[cueTok+1].lower == "to" ||
				backVerbs[ct.lower] && cueTok+1 < len(d.toks) && d.toks[cueTok+1].lower == "back" ||
				(ct.lower == "put" || ct.lower == "puts") && cueTok+1 < len(d.toks) && d.toks[cueTok+1].lower == "it" {
				cs.End = d.toks[cueTok+1].end
			}
			qt.Cue = a.Text[cs.Start:cs.End]
			qt.CueSpan = &cs
		}
		out = append(out, qt)
		d.attributed[i+1] = true
		{
			endTok := q.close
			if endTok < 0 {
				endTok = q.ce - 1
			}
			prev = &last{sp: sp, sent: d.toks[endTok].sent, para: d.toks[endTok].para}
			if sp.entity != "" {
				r.lastSpeaker = sp.entity
				r.lastSpeakerSent = d.toks[endTok].sent
			}
		}
	}
	// “Q1.” “Q2,” he said. — a framed quote right after takes the
	// unframed one before it in its paragraph
	for _, i := range pending {
		q := qs[i]
		if i+1 >= len(qs) || q.close < 0 || !d.attributed[i+2] {
			continue
		}
		n := qs[i+1]
		if d.toks[n.open].para != d.toks[q.close].para || d.toks[n.open].sent > d.toks[q.close].sent+1 {
			continue
		}
		for _, o := range out {
			if o.Start == n.start && o.Kind == news.QuoteDirect && o.Speaker != "" {
				ss := *o.SpeakerSpan
				out = append(out, news.Quote{Span: news.Span{Start: q.start, End: q.end}, Text: a.Text[q.start:q.end],
					Speaker: o.Speaker, SpeakerName: o.SpeakerName, SpeakerSpan: &ss, Kind: news.QuoteDirect, Confidence: 0.6})
				d.attributed[i+1] = true
				break
			}
		}
	}
	usedCue := map[int]bool{}
	for _, q := range out {
		if q.CueSpan != nil {
			usedCue[d.tokAt(q.CueSpan.Start)] = true
		}
	}
	// Quotes and speakers taken so far, indexed by position: a long
	// document has thousands.
	var taken, speakers news.SpanGrid
	add := func(q news.Quote) {
		taken.Add(q.Span)
		if q.SpeakerSpan != nil {
			speakers.Add(*q.SpeakerSpan)
		} else {
			speakers.Add(news.Span{Start: -1, End: -1})
		}
	}
	for _, q := range out {
		add(q)
	}
	for _, q := range d.indirect(r, usedCue) {
		clash := false
		taken.Overlapping(q.Span, func(int) bool { clash = true; return false })
		if !clash {
			speakers.Overlapping(q.Span, func(id int) bool {
				clash = q.Span.Contains(*out[id].SpeakerSpan)
				return !clash
			})
		}
		if !clash {
			out = append(out, q)
			add(q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// upperText reports whether s has letters and none in lower case.
func upperText(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

func confidence(sp speaker, cue int) float64 {
	switch {
	case cue < 0:
		return 0.6
	case sp.entity == "":
		return 0.7
	case sp.pronoun:
		return 0.8
	}
	return 0.9
}

func countWords(ts []tok) int {
	n := 0
	for _, t := range ts {
		if t.word {
			n++
		}
	}
	return n
}

// titleCase reports whether every word of ts is capitalised (a name or a
// title in quotation marks, not speech).
func titleCase(ts []tok) bool {
	n := 0
	for _, t := range ts {
		if !t.word {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.text)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !minorWords[t.lower] {
			return false
		}
		n++
	}
	return n > 0 && n <= 8
}

var minorWords = set("of", "the", "a", "an", "and", "for", "in", "on", "to", "at", "by", "with", "or")

// pairMarks pairs quotation marks within paragraphs. A paragraph that
// leaves a quotation open continues it into the next paragraph when that
// one opens with a quotation mark (the news convention for quotes that run
// over several paragraphs); otherwise the paragraph end closes it.
func (d *doc) pairMarks() []qspan {
	var out []qspan
	open := -1 // token index of the open mark
	var openPara int
	closeAt := func(closeTok, lastContent int) {
		cs := open + 1
		ce := lastContent + 1
		// trim leading/trailing marks of continued paragraphs
		for cs < ce && markOf(d.toks[cs].text) != notMark {
			cs++
		}
		for ce > cs && (markOf(d.toks[ce-1].text) != notMark) {
			ce--
		}
		if ce > cs {
			out = append(out, qspan{open: open, close: closeTok, cs: cs, ce: ce, start: d.toks[cs].start, end: d.toks[ce-1].end})
		}
		open = -1
	}
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if open >= 0 && t.para != openPara {
			// the quote was left open at the end of the previous paragraph
			if k := markOf(t.text); (k == openMark || k == eitherMark) && d.paraStartTok(i) && markFamily(t.text) == markFamily(d.toks[open].text) {
				openPara = t.para
				continue // continues
			}
			closeAt(-1, i-1)
		}
		k := markOf(t.text)
		if k == notMark {
			if t.text == "‘" && open < 0 {
				// a single-quoted quotation: ‘…’ closed by ’ followed by a non-letter
				if j := d.singleClose(i); j > 0 {
					open = i
					openPara = t.para
					closeAt(j, j-1)
					i = j
				}
			}
			continue
		}
		switch {
		case open < 0 && (k == openMark || k == eitherMark):
			open, openPara = i, t.para
		case open >= 0 && (k == closeMark || k == eitherMark):
			closeAt(i, i-1)
		case open >= 0 && k == openMark && i > 0 && d.toks[i-1].end == t.start && !d.toks[i-1].word && (i+1 >= len(d.toks) || d.toks[i+1].start > t.end):
			// “It's unusual,“ — an opening mark typed where a closing one
			// belongs: glued to the punctuation before it, apart from the
			// word after
			closeAt(i, i-1)
		case open >= 0 && k == openMark:
			// a second opening mark: treat the first as unclosed
			closeAt(-1, i-1)
			open, openPara = i, t.para
		}
	}
	if open >= 0 {
		closeAt(-1, len(d.toks)-1)
	}
	return out
}

// markFamily groups quotation marks by style: a quote continued into the
// next paragraph reopens with a mark of its own style.
func markFamily(m string) int {
	switch m {
	case "\"":
		return 1
	case "''", "``":
		return 2
	}
	return 0 // curly and angle marks
}

// singleClose returns the index of the ’ that closes a ‘ at i in the same
// paragraph, or -1.
func (d *doc) singleClose(i int) int {
	if i > 0 && d.toks[i-1].end == d.toks[i].start && d.toks[i-1].word {
		return -1 // not at a word start
	}
	for j := i + 1; j < len(d.toks) && d.toks[j].para == d.toks[i].para; j++ {
		if d.toks[j].text == "‘" || markOf(d.toks[j].text) != notMark {
			return -1
		}
		if d.toks[j].text == "’" && (j+1 >= len(d.toks) || !d.toks[j+1].word || d.toks[j+1].start > d.toks[j].end) {
			if j > i+1 {
				return j
			}
			return -1
		}
	}
	return -1
}

// paraStartTok reports whether token i is the first of its paragraph.
func (d *doc) paraStartTok(i int) bool {
	return i == 0 || d.toks[i-1].para != d.toks[i].para
}

// startsSentence reports whether nothing but punctuation precedes the
// opening mark of q in its sentence.
func (d *doc) startsSentence(q qspan) bool {
	s := d.toks[q.open].sent
	for k := d.sentTok[s][0]; k < q.open; k++ {
		if d.toks[k].word {
			return false
		}
	}
	return true
}

// kindOf tells a direct quote (a whole utterance: it opens its sentence or
// follows a colon or comma, and starts with a capital) from a partial one
// (words quoted inside the writer's sentence).
func (d *doc) kindOf(q qspan) news.QuoteKind {
	first := d.toks[q.cs]
	r, _ := utf8.DecodeRuneInString(first.text)
	upper := unicode.IsUpper(r) || unicode.IsDigit(r) || first.text == "…" || first.text == "."
	if d.startsSentence(q) {
		if upper || countWords(d.toks[q.cs:q.ce]) >= 4 {
			return news.QuoteDirect
		}
		return news.QuotePartial
	}
	if q.open > 0 && d.toks[q.open-1].lower == "that" {
		return news.QuotePartial // said that “…”: the writer's clause holds the quote
	}
	if !upper {
		// a lower-case clause right after its cue or a colon is still a
		// whole utterance: said “it gets me mad.”
		if q.open > 0 && countWords(d.toks[q.cs:q.ce]) >= 3 {
			p := d.toks[q.open-1]
			if p.text == ":" || d.isCue(q.open-1) && speechForms[p.lower] {
				return news.QuoteDirect
			}
			// Axelrod said, “she started as a favorite”; the lawyers
			// said, “all command …”: a frame ending in a comma
			if p.text == "," {
				for k := q.open - 2; k >= 0 && k >= q.open-5 && d.toks[k].sent == d.toks[q.open].sent && d.toks[k].inQuote == 0 && d.toks[k].word; k-- {
					if d.isCue(k) && speechForms[d.toks[k].lower] {
						return news.QuoteDirect
					}
				}
			}
		}
		return news.QuotePartial
	}
	if q.open > 0 {
		p := d.toks[q.open-1].text
		if p == ":" || p == "," || d.isCue(q.open-1) && !namingForms[d.toks[q.open-1].lower] {
			return news.QuoteDirect
		}
	}
	// a capitalised quotation that runs to the end of the writer's
	// sentence: "Trump told the Post in a statement “I never said it.”"
	if q.close >= 0 && countWords(d.toks[q.cs:q.ce]) >= 4 {
		s := d.toks[q.close].sent
		for k := q.close + 1; k < d.sentTok[s][1]; k++ {
			if d.toks[k].word {
				return news.QuotePartial
			}
		}
		return news.QuoteDirect
	}
	return news.QuotePartial
}

// floating reports whether q, having no frame of its own, continues the
// quote that ended in sentence prevSent: it opens the sentence right after.
func (d *doc) floating(q qspan, prevSent int) bool {
	if !d.startsSentence(q) {
		return false
	}
	s := d.toks[q.open].sent
	if s != prevSent+1 {
		return false
	}
	// the quote fills its sentence (or runs to the paragraph end)
	return true
}

// frameToks returns the indexes of the tokens of sentence s in [from, to)
// that lie outside every quotation.
func (d *doc) frameToks(from, to int) []int {
	var out []int
	for k := from; k < to; k++ {
		if d.toks[k].inQuote == 0 {
			out = append(out, k)
		}
	}
	return out
}

// afterFrame looks for "…,” X said" or "…,” said X" after the closing mark
// of q, in the sentence the mark ends.
func (d *doc) afterFrame(q qspan, r *resolver, qi int) (int, speaker) {
	c := q.close
	if c < 0 {
		return -1, speaker{}
	}
	s := d.toks[c].sent
	end := d.sentTok[s][1]
	if c+1 >= end && s+1 < len(d.sents) && d.sentTok[s+1][0] >= 0 && d.toks[d.sentTok[s+1][0]].para == d.toks[c].para {
		// "…, right?” Trump said.": the splitter ended the sentence at the
		// question mark; a short next sentence with a cue near its start
		// is the frame
		n0, n1 := d.sentTok[s+1][0], d.sentTok[s+1][1]
		if countWords(d.toks[n0:n1]) <= 15 {
			for k := n0; k < n1 && k < n0+5; k++ {
				if d.isCue(k) {
					end = n1
					break
				}
			}
		}
	}
	// the frame stops at the next quotation, unless that is a name in
	// quotation marks ("wearing “Ted Cruz” pins")
	var ks []int
	for k := c + 1; k < end; k++ {
		if qi := d.toks[k].inQuote; qi != 0 {
			if d.quoteName[qi] {
				continue
			}
			break
		}
		ks = append(ks, k)
	}
	// drop leading punctuation
	for len(ks) > 0 && !d.toks[ks[0]].word {
		if t := d.toks[ks[0]].text; t != "," && t != "—" && t != "–" && t != "-" && !(markOf(t) != notMark) {
			break
		}
		ks = ks[1:]
	}
	if len(ks) == 0 {
		return -1, speaker{}
	}
	// ", said X" / ", says X"
	if k := ks[0]; d.isCue(k) && d.toks[k].lower != "according" {
		if sp := d.npAfter(k+1, end, r, qi); sp.ok {
			return k, sp
		}
	}
	// ", according to X"
	if k := ks[0]; d.toks[k].lower == "according" && k+1 < end && d.toks[k+1].lower == "to" {
		if sp := d.npAfter(k+2, end, r, qi); sp.ok {
			return k, sp
		}
	}
	// ", X said" / ", X, a spokesman, said" / ", he told reporters"
	limit := min(len(ks), 16)
	for n := 0; n < limit; n++ {
		k := ks[n]
		if !d.isCue(k) || d.toks[k].lower == "according" {
			continue
		}
		// "…” that Sanders can win, said Steve Elmendorf": a named
		// source right after a cue that follows a comma is inverted
		if b := k - 1; b > ks[0] && d.toks[b].text == "," && invertible[d.toks[k].lower] {
			if sp := d.npAfter(k+1, end, r, qi); sp.ok && sp.entity != "" && !d.placeMention(sp.span) {
				return k, sp
			}
		}
		if sp := d.subjectOf(k, ks[0], r, qi); sp.ok && !(sp.entity != "" && d.placeMention(sp.span) && !d.frameOpener(sp.span, ks[0], k)) {
			return k, sp
		}
		// "…,” like the recent volatility, said Richard Curtin"
		if b := k - 1; b >= ks[0] && d.toks[b].text == "," {
			if sp := d.npAfter(k+1, end, r, qi); sp.ok && sp.entity != "" {
				return k, sp
			}
		}
		break
	}
	// "…,” Cecelia Purner, 67, a retired teacher in Allentown, Pa., said":
	// the name that opens the frame, across a long apposition
	if t := d.toks[ks[0]]; t.mention > 0 && !d.placeMention(d.mentions[t.mention-1].Span) {
		last := d.mentionEnd(ks[0])
		if last+1 < end && d.toks[last+1].text == "," {
			for n := 1; n < len(ks) && n < 40; n++ {
				k := ks[n]
				if !d.isCue(k) {
					continue
				}
				j := k - 1
				for j > ks[0] && d.toks[j].word && (auxWords[d.toks[j].lower] || isAdverb(d.toks[j].lower)) {
					j--
				}
				if d.toks[j].text == "," {
					if sp := d.npEndingAt(last, ks[0], r, qi); sp.ok {
						return k, sp
					}
				}
				break
			}
		}
	}
	return -1, speaker{}
}

// beforeFrame looks for "X said: “…”", "X said “…”", "According to X, “…”"
// and, for partial quotes, "X has called them “…”" before the opening mark
// of q, at most maxDist tokens before it.
func (d *doc) beforeFrame(q qspan, r *resolver, qi int, maxDist int) (int, speaker) {
	s := d.toks[q.open].sent
	from := d.sentTok[s][0]
	ks := d.frameToks(from, q.open)
	// nearest cue first
	for n := len(ks) - 1; n >= 0; n-- {
		k := ks[n]
		if q.open-k > maxDist {
			break
		}
		if !d.isCue(k) {
			continue
		}
		if d.toks[k].lower == "according" {
			if k+1 < q.open && d.toks[k+1].lower == "to" {
				if sp := d.npAfter(k+2, q.open, r, qi); sp.ok {
					return k, sp
				}
			}
			continue
		}
		// a cue that is a participle after a comma ("…, describing him as")
		// takes the subject of its main clause
		if strings.HasSuffix(d.toks[k].lower, "ing") {
			if sp := d.clauseSubject(k, from, r, qi); sp.ok {
				return k, sp
			}
			continue
		}
		if sp := d.subjectOf(k, from, r, qi); sp.ok {
			return k, sp
		}
		// "said X: “…”" (inverted, as in headlines and transcripts)
		if sp := d.npAfter(k+1, q.open, r, qi); sp.ok && !sp.pronoun {
			return k, sp
		}
	}
	return -1, speaker{}
}

// colonParagraph attributes a quotation that opens a paragraph after one
// that ends with a colon ("Jake Sullivan, her adviser, said:" or "Kerry:").
func (d *doc) colonParagraph(q qspan, r *resolver, qi int) (int, speaker) {
	p := q.open - 1
	if p < 0 || d.toks[p].text != ":" || d.toks[p].para == d.toks[q.open].para && !d.paraStartTok(q.open) && d.toks[p].sent == d.toks[q.open].sent {
		return -1, speaker{}
	}
	s := d.toks[p].sent
	from := d.sentTok[s][0]
	ks := d.frameToks(from, p)
	for n := len(ks) - 1; n >= 0 && p-ks[n] <= 12; n-- {
		k := ks[n]
		if !d.isCue(k) || d.toks[k].lower == "according" {
			continue
		}
		if sp := d.subjectOf(k, from, r, qi); sp.ok {
			return k, sp
		}
	}
	return -1, speaker{}
}

// titleInProse reports whether q is a title quoted in ordinary prose: all
// its words capitalised, not introduced by a colon or a verb of saying,
// in a sentence whose other words are not (a headline quoting someone in
// capitals is speech; a book title inside a sentence is not).
func (d *doc) titleInProse(q qspan) bool {
	nw := countWords(d.toks[q.cs:q.ce])
	if nw < 2 || !titleCase(d.toks[q.cs:q.ce]) {
		return false
	}
	if p := q.open - 1; p >= 0 && (d.toks[p].text == ":" || d.toks[p].text == "," && p > 0 && d.isCue(p-1) || d.isCue(p)) {
		return false
	}
	s := d.toks[q.open].sent
	lower := 0
	for k := d.sentTok[s][0]; k < d.sentTok[s][1]; k++ {
		t := d.toks[k]
		if t.inQuote == 0 && t.word {
			if r, _ := utf8.DecodeRuneInString(t.text); unicode.IsLower(r) {
				lower++
			}
		}
	}
	return lower >= 3
}

// colonFrame attributes "Trump leaned in and boomed: “…”" and "As
// Professor Foner put it: “…”": a quotation after a colon takes the subject
// of the clause the colon ends, whatever its verb.
func (d *doc) colonFrame(q qspan, r *resolver, qi int) (int, speaker) {
	p := q.open - 1
	if p < 1 || d.toks[p].text != ":" || d.toks[p].sent != d.toks[q.open].sent {
		return -1, speaker{}
	}
	from := d.sentTok[d.toks[p].sent][0]
	if sp := d.clauseSubject(p, from, r, qi); sp.ok && !(sp.entity != "" && d.placeMention(sp.span)) {
		return p, sp
	}
	return -1, speaker{}
}

// mannerFrame attributes "“Go back to Univision,” Trump barked" and "“This
// is fantastic!” beamed Donald Hartley": a name and a verb of any kind
// right after the closing mark.
func (d *doc) mannerFrame(q qspan, r *resolver, qi int) (int, speaker) {
	c := q.close
	if c < 0 || c+2 >= len(d.toks) || d.toks[c+1].sent != d.toks[c].sent && d.toks[c+1].para != d.toks[c].para {
		return -1, speaker{}
	}
	// the quotation must end like an utterance
	if last := d.toks[q.ce-1].text; last != "," && last != "!" && last != "?" {
		return -1, speaker{}
	}
	k := c + 1
	// "an angry Hollande retaliated": skip a determiner and adjectives
	// before a name
	if determiners[d.toks[k].lower] {
		for n := k + 1; n < len(d.toks) && n <= k+3; n++ {
			if d.toks[n].mention > 0 {
				k = n
				break
			}
			if !d.toks[n].word {
				break
			}
		}
	}
	t := d.toks[k]
	if t.inQuote != 0 || !t.word {
		return -1, speaker{}
	}
	// NAME VERB
	if t.mention > 0 || t.lower == "he" || t.lower == "she" {
		last := k
		if t.mention > 0 {
			last = d.mentionEnd(k)
		}
		if last+1 < len(d.toks) && d.mannerVerb(last+1) {
			if sp := d.npEndingAt(last, k, r, qi); sp.ok && (sp.pronoun || d.personMention(sp.span)) {
				return last + 1, sp
			}
		}
		return -1, speaker{}
	}
	// VERB NAME
	if d.mannerVerb(k) && k+1 < len(d.toks) && d.toks[k+1].mention > 0 {
		if sp := d.npAfter(k+1, min(len(d.toks), k+8), r, qi); sp.ok && d.personMention(sp.span) {
			return k, sp
		}
	}
	return -1, speaker{}
}

// mannerVerb reports whether token k is a lower-case past-tense or present
// verb form that can report speech ("barked", "screamed", "beamed",
// "quips").
func (d *doc) mannerVerb(k int) bool {
	t := d.toks[k]
	if !t.word || t.inQuote != 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	if unicode.IsUpper(r) || auxWords[t.lower] || clauseBreak[t.lower] {
		return false
	}
	return d.isCue(k) || strings.HasSuffix(t.lower, "ed") && len(t.lower) > 4
}

// speakerMention reports whether the mention at span is a person or an
// organisation (not a nationality or a place: "Belarusian fighters that
// took up arms" is no report).
func (d *doc) speakerMention(span news.Span) bool {
	for _, m := range d.mentions {
		if m.Span == span {
			return m.Type == news.Person || m.Type == news.Org || m.Type == news.Misc
		}
	}
	return false
}

// personMention reports whether the mention at span is a person (or an
// untyped name).
func (d *doc) personMention(span news.Span) bool {
	for _, m := range d.mentions {
		if m.Span == span {
			return m.Type == news.Person || m.Type == news.Misc
		}
	}
	return false
}

// colonSpeaker attributes "Kerry: “…”": a name right before the colon
// that introduces the quotation.
func (d *doc) colonSpeaker(q qspan, r *resolver, qi int) (int, speaker) {
	p := q.open - 1
	if p < 1 || d.toks[p].text != ":" {
		return -1, speaker{}
	}
	if d.toks[p-1].mention == 0 {
		return -1, speaker{}
	}
	sp := d.npEndingAt(p-1, d.sentTok[d.toks[p].sent][0], r, qi)
	if !sp.ok || sp.entity == "" {
		return -1, speaker{}
	}
	// the name must start its sentence, perhaps after a short descriptor:
	// "Kerry:", "Republican pollster Daron Shaw:", not "a letter to Kerry:";
	// "More from Jones:" continues a digest's excerpts
	if i := d.tokAt(sp.span.Start); i >= 2 && d.toks[i-1].lower == "from" && d.toks[i-2].lower == "more" {
		return p, sp
	}
	if i := d.tokAt(sp.span.Start); !d.sentenceInitial(i) {
		s0 := d.sentTok[d.toks[p].sent][0]
		// a dash starts a new line of a digest: "Pollsters agree - Carl Bialik:"
		for k := i - 1; k > s0; k-- {
			if t := d.toks[k].text; t == "-" || t == "—" || t == "–" {
				s0 = k + 1
				break
			}
		}
		if i-s0 > 3 {
			return -1, speaker{}
		}
		for k := s0; k < i; k++ {
			if t := d.toks[k]; !t.word || clauseBreak[t.lower] || auxWords[t.lower] || d.isCue(k) || d.verbish(k) {
				return -1, speaker{}
			}
		}
	}
	return p, sp
}

// invertible cue forms put their subject after them ("said Tom
// Harris"); "told", "asked" and the like take an object there.
var invertible = set("said", "says", "added", "adds", "wrote", "writes", "explained", "noted", "continued", "recalled",
	"replied", "declared", "argued", "insisted", "warned", "cautioned", "conceded", "observed", "acknowledged")

// timeWords end a time adjunct that may stand between a subject and its
// verb ("on Thursday evening", "last week"); timeLead words open one.
var timeWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon",
	"evening", "night", "week", "month", "weekend", "today", "yesterday", "tonight")
var timeLead = set("on", "last", "this", "earlier", "late", "early", "later", "next")
var weekday = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// backVerbs report a retort when "back" follows them ("shot back").
var backVerbs = set("shot", "shoots", "fired", "fires", "hit", "hits", "pushed", "pushes", "snapped", "wrote", "called")

// auxWords may stand between a subject and its verb.
var auxWords = set("has", "have", "had", "will", "would", "also", "then", "later", "previously", "once", "again", "is", "was",
	"are", "were", "did", "does", "do", "not", "never", "had", "can", "could", "may", "might", "must", "should", "shall",
	"often", "repeatedly", "recently", "already", "still", "even", "just", "first", "last", "reportedly", "allegedly",
	"initially", "since", "been", "being", "has", "now", "n’t", "n't", "long", "soon", "always", "ever", "earlier", "later",
	"privately", "once", "twice", "again",
	"didn’t", "didn't", "don’t", "don't", "doesn’t", "doesn't", "won’t", "won't", "wouldn’t", "wouldn't", "can’t", "can't",
	"couldn’t", "couldn't", "isn’t", "isn't", "wasn’t", "wasn't", "hasn’t", "hasn't", "haven’t", "haven't", "hadn’t",
	"hadn't", "shouldn’t", "shouldn't", "aren’t", "aren't", "weren’t", "weren't")

// pronouns that can stand for a speaker.
var personalPronouns = set("he", "she", "they", "we", "i", "it")

// clauseBreak words end a subject noun phrase on its left.
var clauseBreak = set("that", "and", "but", "or", "which", "who", "whom", "whose", "when", "while", "because", "as", "if",
	"although", "though", "after", "before", "since", "where", "so", "than", "said", "says", "says", "told", "in", "on", "at",
	"of", "with", "by", "from", "to", "for", "about", "into", "over", "under", "against", "during", "without", "is", "was",
	"are", "were", "be", "has", "have", "had", "will", "would", "not")

// subjectOf finds the subject of the cue verb at token k, looking left
// no further than token from: a named mention, a pronoun, or a short
// common noun phrase ("a source", "officials"), skipping auxiliaries,
// adverbs and an apposition ("Smith, a spokesman for the party, said").
func (d *doc) subjectOf(k, from int, r *resolver, qi int) speaker {
	j := k - 1
	for j >= from && d.toks[j].inQuote == 0 && d.toks[j].word && (auxWords[d.toks[j].lower] || isAdverb(d.toks[j].lower)) {
		j--
	}
	if j > from && timeWords[d.toks[j].lower] {
		// "Spicer on Thursday evening said": a time adjunct between the
		// subject and its verb
		i := j
		for i > from && j-i < 4 && (timeWords[d.toks[i].lower] || timeLead[d.toks[i].lower]) {
			i--
		}
		// the adjunct opens with "on", "last", … or is a bare weekday
		if first := d.toks[i+1].lower; d.toks[i].word && (timeLead[first] || weekday[first] || first == "today" || first == "yesterday") {
			j = i
			for j >= from && d.toks[j].inQuote == 0 && d.toks[j].word && (auxWords[d.toks[j].lower] || isAdverb(d.toks[j].lower)) {
				j--
			}
		}
	}
	if j > from && d.toks[j].lower == "to" {
		// "went on to say", "wanted to tell": the subject of the verb
		// before the infinitive
		for n := 0; n < 3 && j > from; n++ {
			j--
			if w := d.toks[j]; !w.word || w.mention > 0 || personalPronouns[w.lower] || clauseBreak[w.lower] && w.lower != "on" {
				break
			}
		}
		for j >= from && d.toks[j].inQuote == 0 && d.toks[j].word && (auxWords[d.toks[j].lower] || isAdverb(d.toks[j].lower)) {
			j--
		}
	}
	if j < from || d.toks[j].inQuote != 0 {
		return speaker{}
	}
	if (d.toks[j].lower == "and" || d.toks[j].lower == "but") && j > from {
		// "Rubio thanked Miami and said…": the subject of the verb before
		for i := j - 1; i >= from && i > j-25; i-- {
			t := d.toks[i]
			if t.inQuote != 0 || t.text == ";" {
				break
			}
			if (t.mention > 0 && (i+1 >= len(d.toks) || d.toks[i+1].mention != t.mention)) || personalPronouns[t.lower] {
				if i > from && (d.verbish(i-1) || d.toks[i-1].lower == "that") && personalPronouns[t.lower] {
					continue // "said it was too early": the subject of a reported clause
				}
				v := i + 1
				if v < j && d.toks[v].text == "," {
					// "Suu Kyi, 70, said": past an apposition
					for n := v + 1; n < j && n < v+8; n++ {
						if d.toks[n].text == "," {
							v = n + 1
							break
						}
					}
				}
				if v < j && d.verbish(v) {
					return d.npEndingAt(i, from, r, qi)
				}
			}
		}
		// "Wealth-X keeps its finances secret but says …": the noun
		// phrase that opens the sentence, before its first verb
		return d.openingNP(k, j, from, r, qi)
	}
	if d.toks[j].text == ")" {
		// a parenthesis after the name: "Sen. Dick Durbin (D-Ill.) said"
		for c := j - 1; c >= from && c > j-12; c-- {
			if d.toks[c].text == "(" {
				j = c - 1
				break
			}
		}
		if j >= from && d.toks[j].text != "," && d.toks[j].text != ")" {
			return d.npEndingAt(j, from, r, qi)
		}
	}
	if j >= from && d.toks[j].text == "," {
		// an apposition: find the comma that opens it
		c := j - 1
		for c >= from && c > j-20 && d.toks[c].text != "," && d.toks[c].inQuote == 0 && !(markOf(d.toks[c].text) != notMark) {
			c--
		}
		if c >= from && d.toks[c].text == "," {
			e := c - 1
			if e >= from && d.toks[e].text == ")" {
				for p := e - 1; p >= from && p > e-12; p-- {
					if d.toks[p].text == "(" {
						e = p - 1
						break
					}
				}
			}
			if sp := d.npEndingAt(e, from, r, qi); sp.ok && !sp.common() {
				return sp
			}
		}
		// "Clinton's campaign chairman, John Podesta, said" or "…, Gov.
		// John Kasich (R-OH), said": the name is the apposition itself
		e := j - 1
		if e >= from && d.toks[e].text == ")" {
			for p := e - 1; p >= from && p > e-12; p-- {
				if d.toks[p].text == "(" {
					e = p - 1
					break
				}
			}
		}
		if sp := d.npEndingAt(e, from, r, qi); sp.ok && sp.entity != "" {
			return sp
		}
		return speaker{}
	}
	sp := d.npEndingAt(j, from, r, qi)
	if sp.ok && !sp.pronoun {
		if hs := d.headBefore(sp, from, r, qi); hs.ok {
			return hs
		}
	}
	return sp
}

// headBefore finds the real subject when the noun phrase before a cue ends
// a modifier of it: a relative clause ("a White House official who spoke
// anonymously to discuss strategy said") or a participle ("another source
// speaking to Fox News said").
func (d *doc) headBefore(sp speaker, from int, r *resolver, qi int) speaker {
	i := d.tokAt(sp.span.Start)
	for k := i - 1; k > from && k >= i-12; k-- {
		t := d.toks[k]
		if !t.word || t.inQuote != 0 {
			return speaker{}
		}
		if t.lower == "who" || strings.HasSuffix(t.lower, "ing") && len(t.lower) > 5 && k == i-2 && (d.toks[i-1].lower == "to" || d.toks[i-1].lower == "with") {
			if hs := d.npEndingAt(k-1, from, r, qi); hs.ok && !hs.pronoun {
				return hs
			}
			return speaker{}
		}
	}
	return speaker{}
}

func (s speaker) common() bool { return s.ok && s.entity == "" && !s.pronoun }

func isAdverb(w string) bool {
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !lyWords[w]
}

// lyWords end in -ly but are not adverbs of manner (or not only).
var lyWords = set("only", "early", "likely", "daily", "weekly", "monthly", "yearly", "elderly", "friendly", "lonely",
	"lovely", "costly", "deadly", "holy", "ugly", "silly", "family", "italy", "ally", "rally", "assembly", "supply",
	"reply", "july", "bully", "kelly", "emily", "sally", "molly", "billy", "holly", "lily", "orderly", "scholarly",
	"unlikely", "wily", "burly", "surly", "homily", "anomaly", "monopoly", "italy")

// npEndingAt returns the noun phrase that ends at token j: a mention, a
// pronoun or a short common noun phrase.
func (d *doc) npEndingAt(j, from int, r *resolver, qi int) speaker {
	if j < from || j < 0 {
		return speaker{}
	}
	t := d.toks[j]
	if t.inQuote != 0 {
		return speaker{}
	}
	if t.mention > 0 {
		m := d.mentions[t.mention-1]
		if m.Type != news.Person && m.Type != news.Org && m.Type != news.Misc && m.Type != news.GPE && m.Type != news.NORP {
			return speaker{}
		}
		if strings.HasSuffix(t.text, "’s") || strings.HasSuffix(t.text, "'s") {
			// "Trump's campaign said": the possessor is not the speaker
			return speaker{}
		}
		e := d.a.EntityByID(m.Entity)
		name := m.Text
		if e != nil {
			name = e.Name
		}
		return speaker{entity: m.Entity, name: name, span: m.Span, ok: true}
	}
	if (t.lower == "who" || t.lower == "which") && j-1 >= from {
		// "Glenn Beck, who said…", "voters who say…": the antecedent
		// speaks; the relative pronoun stands for it
		ante := j - 1
		if d.toks[ante].text == "," {
			ante--
		}
		sp := d.npEndingAt(ante, from, r, qi)
		if sp.ok {
			sp.span = news.Span{Start: t.start, End: t.end}
			sp.pronoun = true
		}
		return sp
	}
	if base := uncontract(t.lower); personalPronouns[base] {
		sp := speaker{span: news.Span{Start: t.start, End: t.end}, name: t.text, pronoun: true, ok: true} // the pronoun names it until resolved
		if base == "he" || base == "she" {
			if id := r.resolve(j, qi); id != "" {
				sp.entity = id
				if e := d.a.EntityByID(id); e != nil {
					sp.name = e.Name
				}
			}
		}
		return sp
	}
	// a common noun phrase: up to 6 lower-case words back to a determiner
	// or a clause break
	if !t.word || clauseBreak[t.lower] || isAdverb(t.lower) || !isNounish(t.lower) || determiners[t.lower] {
		return speaker{}
	}
	start := j
	for i := j - 1; i >= from && i > j-6; i-- {
		u := d.toks[i]
		if !u.word || u.inQuote != 0 || clauseBreak[u.lower] {
			break
		}
		start = i
		if determiners[u.lower] {
			break
		}
	}
	sp := speaker{span: news.Span{Start: d.toks[start].start, End: t.end}, ok: true}
	sp.name = d.a.Text[sp.span.Start:sp.span.End]
	// a mention inside the phrase ("the Clinton campaign") names it
	for i := start; i <= j; i++ {
		if d.toks[i].mention > 0 {
			m := d.mentions[d.toks[i].mention-1]
			if m.Type == news.Org {
				sp.entity = m.Entity
			}
		}
	}
	return sp
}

var determiners = set("a", "an", "the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "some",
	"many", "several", "most", "other", "another", "one", "two", "three", "both", "all", "no", "each", "few", "senior")

// notNouns are words that cannot head a speaker noun phrase.
var notNouns = set("it", "there", "this", "that", "what", "which", "also", "not", "as", "so", "then", "who", "here",
	"him", "them", "me", "us", "her", "you", "yet", "just", "only", "more", "less", "now", "ago", "too", "very")

func isNounish(w string) bool {
	if notNouns[w] {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// npAfter returns the speaker named right after a cue ("said Vadim
// Prokopiev, a businessman", "according to officials").
func (d *doc) npAfter(k, end int, r *resolver, qi int) speaker {
	// skip title words and determiners before a mention
	for i := k; i < end && i < k+6; i++ {
		t := d.toks[i]
		if t.inQuote != 0 {
			return speaker{}
		}
		if t.mention > 0 {
			m := d.mentions[t.mention-1]
			if m.Type == news.Date || m.Type == news.TimeOfDay || m.Type == news.Cardinal {
				return speaker{}
			}
			// the mention's last token decides possessives ("said Trump's
			// spokesman")
			last := i
			for last+1 < end && d.toks[last+1].mention == t.mention {
				last++
			}
			lt := d.toks[last].text
			if strings.HasSuffix(lt, "’s") || strings.HasSuffix(lt, "'s") {
				break
			}
			name := m.Text
			if e := d.a.EntityByID(m.Entity); e != nil {
				name = e.Name
			}
			return speaker{entity: m.Entity, name: name, span: m.Span, ok: true}
		}
		if !t.word || clauseBreak[t.lower] {
			break
		}
		if personalPronouns[t.lower] && i == k {
			sp := speaker{span: news.Span{Start: t.start, End: t.end}, name: t.text, pronoun: true, ok: true} // the pronoun names it until resolved
			if t.lower == "he" || t.lower == "she" {
				if id := r.resolve(i, qi); id != "" {
					sp.entity = id
					if e := d.a.EntityByID(id); e != nil {
						sp.name = e.Name
					}
				}
			}
			return sp
		}
	}
	// a common noun phrase up to a comma, a clause break or the end
	i := k
	for i < end && i < k+8 && d.toks[i].word && d.toks[i].inQuote == 0 && (i == k || !clauseBreak[d.toks[i].lower]) {
		i++
	}
	if i == k || !isNounish(d.toks[i-1].lower) || clauseBreak[d.toks[k].lower] || isAdverb(d.toks[k].lower) {
		return speaker{}
	}
	sp := speaker{span: news.Span{Start: d.toks[k].start, End: d.toks[i-1].end}, ok: true}
	sp.name = d.a.Text[sp.span.Start:sp.span.End]
	return sp
}

// clauseSubject returns the subject of the clause that holds token k: the
// first mention or pronoun of the clause (after the last ", and", ";" or
// the sentence start) that a verb follows.
func (d *doc) clauseSubject(k, from int, r *resolver, qi int) speaker {
	start := from
	for i := k - 1; i > from; i-- {
		t := d.toks[i]
		if t.text == ";" || (t.lower == "and" || t.lower == "but") && d.toks[i-1].text == "," {
			start = i + 1
			break
		}
	}
	for i := start; i < k; i++ {
		t := d.toks[i]
		if t.inQuote != 0 {
			continue
		}
		if t.mention == 0 && !(t.lower == "he" || t.lower == "she") {
			continue
		}
		last := i
		for last+1 < k && t.mention > 0 && d.toks[last+1].mention == t.mention {
			last++
		}
		v := last + 1
		if v < k && d.toks[v].text == "," && t.mention > 0 {
			// "Republicans, who hold a majority, have blocked …, saying"
			for n := v + 1; n < k && n < v+16; n++ {
				if d.toks[n].text == "," {
					v = n + 1
					break
				}
			}
		}
		if v < k && (d.verbish(v) || irregularPast[d.toks[v].lower]) {
			return d.npEndingAt(last, from, r, qi)
		}
		i = last
	}
	if start == from {
		return d.openingNP(k, k, from, r, qi)
	}
	return speaker{}
}

// openingNP returns the noun phrase that opens the sentence of token k,
// when a verb follows it within six words before token j and from does
// not cut the sentence: the subject of a sentence with no named one.
func (d *doc) openingNP(k, j, from int, r *resolver, qi int) speaker {
	s0 := d.sentTok[d.toks[k].sent][0]
	if from > s0 {
		return speaker{}
	}
	for v := s0 + 1; v < j && v <= s0+6; v++ {
		t := d.toks[v]
		if !t.word || t.inQuote != 0 || clauseBreak[t.lower] {
			break
		}
		if d.verbish(v) || irregularPast[t.lower] {
			if sp := d.npEndingAt(v-1, s0, r, qi); sp.ok && d.tokAt(sp.span.Start) == s0 {
				return sp
			}
			break
		}
	}
	return speaker{}
}

// irregularPast are common irregular past tenses, which verbish cannot
// tell by their ending ("Trump went even further:", "McConnell gave …").
var irregularPast = set("went", "gave", "made", "took", "got", "came", "put", "sent", "left", "kept", "held", "brought",
	"began", "ran", "spoke", "wrote", "told", "said", "saw", "knew", "thought", "found", "stood", "felt", "met", "led",
	"won", "lost", "struck", "threw", "drew", "chose", "rose", "fell", "sought", "taught", "fought", "heard", "meant",
	"set", "let", "hit", "spent", "built", "sang", "shook", "broke", "swore", "became", "did", "had", "offered", "laid",
	"tweeted", "summed", "shot", "fired", "struck", "stuck", "upped")

// placeMention reports whether the mention at span is a place (a GPE or
// LOC), which speaks only in metonymy and is the wrong end of an
// apposition ("a teacher in Allentown, Pa., said").
func (d *doc) placeMention(span news.Span) bool {
	for _, m := range d.mentions {
		if m.Span == span {
			return m.Type == news.GPE || m.Type == news.Loc || m.Type == news.Fac
		}
	}
	return false
}

// quoteAttributed reports whether quotation qi (1-based) was given a
// speaker.
func (d *doc) quoteAttributed(qi int) bool { return d.attributed[qi] }

// uncontract strips a contraction from a pronoun: "he’d" → "he".
func uncontract(w string) string {
	for _, suf := range []string{"’d", "'d", "’ll", "'ll", "’s", "'s", "’ve", "'ve", "’re", "'re", "’m", "'m"} {
		if strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// nounContext reports whether token p makes the word after it a noun: a
// determiner, a possessive or a number.
func (d *doc) nounContext(p int) bool {
	t := d.toks[p]
	if !t.word {
		return false
	}
	if determiners[t.lower] || possessives[t.lower] || strings.HasSuffix(t.lower, "’s") || strings.HasSuffix(t.lower, "'s") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsDigit(r) || numberWords[t.lower]
}

var possessives = set("his", "her", "their", "its", "our", "my", "your", "whose")
var numberWords = set("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "hundreds", "thousands", "millions")

// isCue reports whether token k is a reporting verb: a cue form in lower
// case ("States" in "United States" is not one), or "According".
func (d *doc) isCue(k int) bool {
	t := d.toks[k]
	if t.word && backVerbs[t.lower] && k+1 < len(d.toks) && d.toks[k+1].lower == "back" {
		return true // "Bennett shot back", "fired back"
	}
	if (t.lower == "put" || t.lower == "puts") && k+1 < len(d.toks) && d.toks[k+1].lower == "it" {
		return true // "as Vulture put it, “…”"
	}
	if !t.word || !cueForms[t.lower] {
		return false
	}
	if k > 0 && d.toks[k-1].sent == t.sent && d.nounContext(k-1) {
		return false // "the state", "nine states", "his promises": nouns
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	if !unicode.IsUpper(r) || t.lower == "according" {
		return true
	}
	// "Said Dorothy Poynter, …: “…”" opens its sentence with the cue
	return !isUpperWord(t.text) && d.sentTok[t.sent][0] == k
}

// verbish reports whether token i looks like the start of a verb group.
func (d *doc) verbish(i int) bool {
	t := d.toks[i]
	if !t.word {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	if unicode.IsUpper(r) {
		return false
	}
	w := t.lower
	if auxWords[w] || cueForms[w] || isAdverb(w) || irregularPast[w] {
		return true
	}
	if strings.HasSuffix(w, "ed") && len(w) > 3 {
		return true
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 && !determiners[w] && w != "this" && w != "his" && w != "its" {
		return true
	}
	return false
}

// outerSpeech finds, before the cue at k in its sentence, a verb of saying
// whose subject is a name or a pronoun: the report that holds k's clause.
func (d *doc) outerSpeech(k int, r *resolver, qi int) (int, speaker) {
	from := d.sentTok[d.toks[k].sent][0]
	for j := from; j < k-1; j++ {
		t := d.toks[j]
		if t.inQuote != 0 || !speechForms[t.lower] || !d.isCue(j) || t.lower == "according" {
			continue
		}
		if sp := d.subjectOf(j, from, r, qi); sp.ok && !sp.common() {
			return j, sp
		}
	}
	return -1, speaker{}
}

// frameOpener reports whether the name at span opens the frame tokens
// [from, cue) and stands right before the cue or before an apposition
// ("“…,” Israel said", "“…,” Paris, who worked on Capitol Hill, said"):
// a place name there is a person's surname or a government speaking.
func (d *doc) frameOpener(span news.Span, from, cue int) bool {
	i := d.tokAt(span.Start)
	if i != from {
		return false
	}
	j := d.tokAt(span.End-1) + 1
	return j == cue || j < cue && d.toks[j].text == ","
}

// dashByline matches a quotation that fills its paragraph and is signed in
// the next one: "“…”" then "- Michelle Marks, Philadelphia." The cue is
// the dash.
func (d *doc) dashByline(q qspan, r *resolver, qi int) (int, speaker) {
	if q.close < 0 || !d.paraStartTok(q.open) {
		return -1, speaker{}
	}
	n := q.close + 1
	for n < len(d.toks) && d.toks[n].para == d.toks[q.close].para && !d.toks[n].word {
		n++
	}
	if n >= len(d.toks) || d.toks[n].para == d.toks[q.close].para || !d.paraStartTok(n) {
		return -1, speaker{}
	}
	if t := d.toks[n].text; t != "-" && t != "—" && t != "–" && t != "―" {
		return -1, speaker{}
	}
	end := n + 1
	for end < len(d.toks) && d.toks[end].para == d.toks[n].para {
		end++
	}
	if end-n > 12 || n+1 >= end || d.toks[n+1].mention == 0 {
		return -1, speaker{}
	}
	if sp := d.npAfter(n+1, end, r, qi); sp.ok && sp.entity != "" {
		return n, sp
	}
	return -1, speaker{}
}
