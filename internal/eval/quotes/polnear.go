package quotes

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Doc is one PolNeAR article with its gold attributions.
type Doc struct {
	Name string // text file name without ".txt"
	Text string
	Gold []Gold
}

// Load reads a PolNeAR compartment directory (one with text/ and
// attributions/ inside). Attribution files are named after their text file
// plus "_" and the annotator's ID; where several annotators did one text,
// the first file in name order is the gold.
func Load(dir string) ([]Doc, error) {
	texts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	if len(texts) == 0 {
		return nil, fmt.Errorf("quotes: %s: no text/*.txt files (want a PolNeAR compartment such as polnear/dev)", dir)
	}
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	sort.Strings(anns)
	byText := map[string]string{}
	for _, a := range anns {
		base := strings.TrimSuffix(filepath.Base(a), ".ann")
		i := strings.LastIndex(base, "_")
		if i < 0 {
			continue
		}
		if _, ok := byText[base[:i]]; !ok {
			byText[base[:i]] = a
		}
	}
	sort.Strings(texts)
	var docs []Doc
	for _, tp := range texts {
		name := strings.TrimSuffix(filepath.Base(tp), ".txt")
		ap, ok := byText[name]
		if !ok {
			continue // not annotated
		}
		raw, err := os.ReadFile(tp)
		if err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		if !utf8.Valid(raw) {
			return nil, fmt.Errorf("quotes: %s: not UTF-8", tp)
		}
		f, err := os.Open(ap)
		if err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		b, err := ParseBRAT(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ap, err)
		}
		gold, err := Attributions(b, string(raw))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ap, err)
		}
		docs = append(docs, Doc{Name: name, Text: string(raw), Gold: gold})
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("quotes: %s: no text has an attributions/*.ann file", dir)
	}
	return docs, nil
}

// Article returns d as an article ready for the stages after extraction:
// its text kept byte for byte (gold offsets point into it) and split into
// paragraphs at line breaks.
func (d Doc) Article() *news.Article {
	a := &news.Article{ID: d.Name, Text: d.Text, Language: "en", Format: news.FormatText, Raw: []byte(d.Text)}
	start := 0
	for i := 0; i <= len(d.Text); i++ {
		if i == len(d.Text) || d.Text[i] == '\n' {
			s, e := start, i
			for s < e && (d.Text[s] == ' ' || d.Text[s] == '\r' || d.Text[s] == '\t') {
				s++
			}
			for e > s && (d.Text[e-1] == ' ' || d.Text[e-1] == '\r' || d.Text[e-1] == '\t') {
				e--
			}
			if e > s {
				a.Paragraphs = append(a.Paragraphs, news.Span{Start: s, End: e})
			}
			start = i + 1
		}
	}
	return a
}

// Evaluate annotates every document with annotate and scores it.
// When explain is not nil, it receives each document's [Explain] lines.
func Evaluate(ctx context.Context, docs []Doc, annotate func(context.Context, *news.Article) error, explain func(doc string, lines []string)) (Counts, error) {
	var total Counts
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		a := d.Article()
		if err := annotate(ctx, a); err != nil {
			return total, fmt.Errorf("quotes: annotating %s: %w", d.Name, err)
		}
		total.Add(Score(a, d.Gold))
		if explain != nil {
			explain(d.Name, Explain(a, d.Gold))
		}
	}
	return total, nil
}
