package store

import (
	"html"
	"strings"
)

// Snippet markers: private-use code points that never occur in clean
// text. A store asks its full-text engine (FTS5's snippet, PostgreSQL's
// ts_headline) to put them around matches, and SnippetHTML turns them into
// <mark> tags after the text is HTML-escaped.
const (
	MarkOpen  = "\uE000"
	MarkClose = "\uE001"
	Ellipsis  = "…"
)

// SnippetHTML turns a snippet with MarkOpen/MarkClose around matches into
// escaped HTML with <mark> around them. Markers are balanced even if the
// text itself held those code points.
func SnippetHTML(s string) string {
	s = html.EscapeString(s)
	var b strings.Builder
	open := false
	for _, r := range s {
		switch string(r) {
		case MarkOpen:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case MarkClose:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		default:
			b.WriteRune(r)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}
