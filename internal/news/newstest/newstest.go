// Package newstest builds news values for tests of annotation stages.
package newstest

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Mentions finds each "text/TYPE" spec in s, in order (each after the
// previous one found), and returns them as mentions with confidence 1.
func Mentions(t testing.TB, s string, specs ...string) []news.Mention {
	t.Helper()
	var out []news.Mention
	from := 0
	for _, spec := range specs {
		i := strings.LastIndex(spec, "/")
		if i < 0 {
			t.Fatalf("mention spec %q has no /TYPE", spec)
		}
		text, typ := spec[:i], news.EntityType(spec[i+1:])
		j := strings.Index(s[from:], text)
		if j < 0 {
			t.Fatalf("mention %q not found after byte %d", text, from)
		}
		start := from + j
		out = append(out, news.Mention{Span: news.Span{Start: start, End: start + len(text)}, Text: text, Type: typ, Confidence: 1})
		from = start + len(text)
	}
	return out
}
