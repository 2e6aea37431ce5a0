package sqlite

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// TestEventStatusFilter: events are listed asserted and reported by
// default, every status on request.
func TestEventStatusFilter(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	a := &news.Article{ID: "st1", Text: "The army attacked the town. The army did not attack the city. Rebels reportedly shelled a base."}
	a.Sentences = []news.Span{{Start: 0, End: 27}, {Start: 28, End: 62}, {Start: 63, End: 96}}
	a.Events = []news.Event{
		{Type: "ASSAULT", Trigger: news.Trigger{Span: news.Span{Start: 9, End: 17}, Text: "attacked"}, Sentence: 0},
		{Type: "ASSAULT", Status: news.StatusNegated, Trigger: news.Trigger{Span: news.Span{Start: 49, End: 55}, Text: "attack"}, Sentence: 1},
		{Type: "ASSAULT", Status: news.StatusReported, Trigger: news.Trigger{Span: news.Span{Start: 81, End: 88}, Text: "shelled"}, Sentence: 2},
	}
	if _, err := s.PutMany(ctx, []*news.Article{a}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		all  bool
		want int
	}{{false, 2}, {true, 3}} {
		l, err := s.Events(ctx, store.EventQuery{Document: "st1", AllStatus: tt.all})
		if err != nil {
			t.Fatal(err)
		}
		if l.Total != tt.want || len(l.Events) != tt.want {
			t.Errorf("AllStatus %v: %d events (total %d), want %d", tt.all, len(l.Events), l.Total, tt.want)
		}
		for _, e := range l.Events {
			if !tt.all && !news.ShownByDefault(e.Status) {
				t.Errorf("listed a %s event by default", e.Status)
			}
		}
	}
}
