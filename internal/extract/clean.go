package extract

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Cleaned is article text after [Clean].
type Cleaned struct {
	Title      string
	Text       string
	Paragraphs []news.Span
	Removed    []news.Removed
	Captions   []news.Caption
}

// Clean splits body into paragraphs and removes what is not the article.
func Clean(body, title string) Cleaned {
	var c Cleaned
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(body, "\r\n", "\n"), "\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		c.Paragraphs = append(c.Paragraphs, news.Span{Start: start, End: b.Len()})
	}
	c.Text = b.String()
	return c
}
