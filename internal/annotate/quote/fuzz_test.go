package quote

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/annotate/entity"
	"github.com/newsgraph/newsgraph/internal/news"
)

// FuzzFind runs the entity and quote stages over arbitrary text: they
// must not panic, and every span must lie in the text.
func FuzzFind(f *testing.F) {
	f.Add("“We will win,” said Anna Berg.\n\n“Then we rest.”")
	f.Add("He said: ''It is over.'' She said, “no“ and ‘yes’.")
	f.Add("According to officials, the vote, Tom Harris said, was fair, but said nothing.")
	f.Add("“\n\n“\n\n”")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		a := &news.Article{Text: text}
		if err := entity.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, q := range Find(a) {
			spans := []news.Span{q.Span}
			if q.SpeakerSpan != nil {
				spans = append(spans, *q.SpeakerSpan)
			}
			if q.CueSpan != nil {
				spans = append(spans, *q.CueSpan)
			}
			for _, s := range spans {
				if s.Start < 0 || s.End > len(text) || s.Start > s.End {
					t.Fatalf("span %v outside text of %d bytes", s, len(text))
				}
			}
			if q.Text != text[q.Start:q.End] {
				t.Fatalf("quote text %q is not its span %v", q.Text, q.Span)
			}
			if q.Speaker != "" && a.EntityByID(q.Speaker) == nil {
				t.Fatalf("speaker %q is not an entity", q.Speaker)
			}
		}
	})
}
