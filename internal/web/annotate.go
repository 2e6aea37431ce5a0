package web

import (
	"html"
	"html/template"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// mark is one annotation to highlight: a byte span of the text, a layer
// class, a tooltip, for mentions the entity page to link, and the id its
// first piece carries so that the sidebar and other pages can link to it.
type mark struct {
	news.Span
	class string
	title string
	href  string
	id    string
}

// annotatedHTML renders an article's clean text as paragraphs of
// sentences (id s0, s1, …), with every mention, quote, time, place and
// event trigger highlighted. The text is cut at every annotation boundary
// and each piece is wrapped in one element carrying the classes of all
// annotations that cover it, so overlapping and nested annotations always
// give well-formed HTML. hl, when not empty, is marked with id "sp" (a
// deep link to a span).
func annotatedHTML(d *store.Document, hl news.Span) template.HTML {
	a := d.Article
	names := map[string]string{}
	for _, ref := range d.Entities {
		names[ref.ID] = ref.Name
	}
	var marks []mark
	if hl.Start < hl.End {
		marks = append(marks, mark{Span: hl, class: "hl", title: "linked passage", id: "sp"})
	}
	for i, q := range a.Quotes {
		t := "quote"
		if q.Kind == news.QuoteIndirect {
			t = "paraphrase"
		}
		if q.SpeakerName != "" {
			t += " by " + q.SpeakerName
		}
		marks = append(marks, mark{Span: q.Span, class: "q", title: t, id: "q" + strconv.Itoa(i)})
	}
	for i, e := range a.Events {
		t := e.Type
		if e.ActorName != "" || e.TargetName != "" {
			t += ": " + orDash(e.ActorName) + " → " + orDash(e.TargetName)
		}
		if e.Date != "" {
			t += " (" + e.Date + ")"
		}
		marks = append(marks, mark{Span: e.Trigger.Span, class: "e", title: "event " + t, id: "ev" + strconv.Itoa(i)})
	}
	for i, t := range a.Times {
		v := t.Value
		if v == "" {
			v = "unresolved"
		}
		marks = append(marks, mark{Span: t.Span, class: "t", title: "time " + v, id: "t" + strconv.Itoa(i)})
	}
	for i, p := range a.Places {
		t := "place " + p.Name
		if p.Country != "" {
			t += ", " + p.Country
		}
		marks = append(marks, mark{Span: p.Span, class: "p", title: t, id: "p" + strconv.Itoa(i)})
	}
	for i, m := range a.Mentions {
		mk := mark{Span: m.Span, class: "m m-" + strings.ToLower(string(m.Type)), title: string(m.Type), id: "m" + strconv.Itoa(i)}
		if i < len(d.MentionEntities) && d.MentionEntities[i] != "" {
			mk.href = "/entity/" + d.MentionEntities[i]
			if n := names[d.MentionEntities[i]]; n != "" {
				mk.title += " · " + n
			}
		}
		marks = append(marks, mk)
	}
	paras := a.Paragraphs
	if len(paras) == 0 {
		paras = []news.Span{{Start: 0, End: len(a.Text)}}
	}
	sents := a.Sentences
	if len(sents) == 0 {
		sents = paras
	}
	placed := map[string]bool{}
	var b strings.Builder
	si := 0
	for _, p := range paras {
		if p.Start < 0 || p.End > len(a.Text) || p.Start >= p.End {
			continue
		}
		b.WriteString("<p>")
		pos := p.Start
		for pos < p.End {
			for si < len(sents) && sents[si].End <= pos {
				si++
			}
			end := p.End
			open := ""
			switch {
			case si < len(sents) && sents[si].Start <= pos:
				end = min(end, sents[si].End)
				open = `<span class="s" id="s` + strconv.Itoa(si) + `">`
				if placed["s"+strconv.Itoa(si)] {
					open = `<span class="s">`
				}
				placed["s"+strconv.Itoa(si)] = true
			case si < len(sents):
				end = min(end, sents[si].Start)
			}
			b.WriteString(open)
			writeMarked(&b, a.Text, news.Span{Start: pos, End: end}, marks, placed)
			if open != "" {
				b.WriteString("</span>")
			}
			pos = end
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func writeMarked(b *strings.Builder, text string, p news.Span, marks []mark, placed map[string]bool) {
	cuts := []int{p.Start, p.End}
	var in []mark
	for _, m := range marks {
		if m.Start < m.End && m.Overlaps(p) && m.Start >= 0 && m.End <= len(text) {
			in = append(in, m)
			cuts = append(cuts, max(m.Start, p.Start), min(m.End, p.End))
		}
	}
	sort.Ints(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		if s == e {
			continue
		}
		seg := html.EscapeString(text[s:e])
		var classes, titles, ids []string
		href := ""
		for _, m := range in {
			if m.Start <= s && e <= m.End {
				classes = append(classes, m.class)
				titles = append(titles, m.title)
				if m.href != "" {
					href = m.href
				}
				if m.id != "" && !placed[m.id] {
					placed[m.id] = true
					ids = append(ids, m.id)
				}
			}
		}
		// Extra ids beyond the first are empty anchors before the piece.
		for len(ids) > 1 {
			b.WriteString(`<span id="` + ids[len(ids)-1] + `"></span>`)
			ids = ids[:len(ids)-1]
		}
		idAttr := ""
		if len(ids) == 1 {
			idAttr = ` id="` + ids[0] + `"`
		}
		switch {
		case href != "":
			b.WriteString(`<a class="` + html.EscapeString(strings.Join(classes, " ")) + `"` + idAttr + ` href="` + html.EscapeString(href) +
				`" title="` + html.EscapeString(strings.Join(titles, "; ")) + `">` + seg + `</a>`)
		case len(classes) > 0:
			b.WriteString(`<span class="` + html.EscapeString(strings.Join(classes, " ")) + `"` + idAttr + ` title="` +
				html.EscapeString(strings.Join(titles, "; ")) + `">` + seg + `</span>`)
		default:
			b.WriteString(seg)
		}
	}
}

// byteOffset converts a code-point offset into text to a byte offset
// (clamped to the text).
func byteOffset(text string, cp int) int {
	if cp <= 0 {
		return 0
	}
	n := 0
	for i := range text {
		if n == cp {
			return i
		}
		n++
	}
	return len(text)
}

// cpOffset converts a byte offset into text to a code-point offset.
func cpOffset(text string, b int) int {
	b = max(0, min(b, len(text)))
	return utf8.RuneCountInString(text[:b])
}

// sentenceAt returns the sentence of a that holds code-point span
// [start, end), its index and the span's byte offsets, or ok=false.
func sentenceAt(a *news.Article, start, end int) (sent string, idx int, span news.Span, ok bool) {
	if start < 0 || end < start {
		return "", -1, span, false
	}
	bs, be := byteOffset(a.Text, start), byteOffset(a.Text, end)
	span = news.Span{Start: bs, End: be}
	idx = a.SentenceOf(bs)
	if idx < 0 || idx >= len(a.Sentences) {
		return "", -1, span, false
	}
	s := a.Sentences[idx]
	// A span that runs on into the next sentences takes them too.
	e := s.End
	for j := idx + 1; j < len(a.Sentences) && e < be; j++ {
		e = a.Sentences[j].End
	}
	return a.Text[s.Start:e], idx, span, true
}
