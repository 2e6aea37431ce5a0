package webtest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

func TestArticle(t *testing.T) {
	for i := 0; i < 50; i++ {
		a := Article(1, i)
		if a.ID != Article(1, i).ID || a.Text != Article(1, i).Text {
			t.Fatalf("article %d is not reproducible", i)
		}
		for _, q := range a.Quotes {
			if a.Slice(q.Span) != q.Text {
				t.Fatalf("article %d: quote span %v is %q, not %q", i, q.Span, a.Slice(q.Span), q.Text)
			}
		}
		for _, m := range a.Mentions {
			if a.Slice(m.Span) != m.Text {
				t.Fatalf("article %d: mention span %v is %q, not %q", i, m.Span, a.Slice(m.Span), m.Text)
			}
		}
		for _, e := range a.Events {
			if e.Sentence >= len(a.Sentences) || !a.Sentences[e.Sentence].Contains(e.Trigger.Span) {
				t.Fatalf("article %d: event trigger %v is not in sentence %d", i, e.Trigger.Span, e.Sentence)
			}
		}
	}
	h := HostileArticle()
	if h.Slice(h.Mentions[0].Span) != h.Mentions[0].Text || !strings.Contains(h.Title, "<script>") {
		t.Fatalf("hostile article spans are off")
	}
}

func TestFill(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gen.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := Fill(ctx, st, 1, 300); err != nil {
		t.Fatal(err)
	}
	s, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Documents != 301 || s.Stories == 0 || s.Events < 300 || s.Quotes < 300 {
		t.Errorf("stats %+v", s)
	}
}
