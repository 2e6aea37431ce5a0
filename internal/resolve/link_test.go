package resolve

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/internal/news"
)

// memWriter is a Writer over maps, recording what Link asks of a store.
type memWriter struct {
	ents  []Candidate
	keys  map[string][]int
	links []string
}

func (m *memWriter) CandidatesByKey(_ context.Context, keys []string) ([]Candidate, error) {
	seen := map[int]bool{}
	var out []Candidate
	for _, k := range keys {
		for _, i := range m.keys[k] {
			if !seen[i] {
				seen[i] = true
				out = append(out, m.ents[i])
			}
		}
	}
	return out, nil
}

func (m *memWriter) NewEntity(_ context.Context, e news.Entity) (string, error) {
	id := fmt.Sprintf("g%d", len(m.ents)+1)
	m.ents = append(m.ents, Candidate{ID: id, Name: e.Name, Type: e.Type})
	return id, nil
}

func (m *memWriter) LinkEntity(_ context.Context, id string, e news.Entity, names, keys []string, n int) error {
	var i int
	fmt.Sscanf(id, "g%d", &i)
	c := &m.ents[i-1]
	for _, name := range names {
		if name != c.Name && !contains(c.Aliases, name) {
			c.Aliases = append(c.Aliases, name)
		}
	}
	if m.keys == nil {
		m.keys = map[string][]int{}
	}
	for _, k := range keys {
		if !containsInt(m.keys[k], i-1) {
			m.keys[k] = append(m.keys[k], i-1)
		}
	}
	m.links = append(m.links, fmt.Sprintf("%s=%s(%d)", e.ID, id, n))
	return nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

func containsInt(l []int, v int) bool {
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}

func TestLink(t *testing.T) {
	ment := func(text string, typ news.EntityType, ent string) news.Mention {
		return news.Mention{Text: text, Type: typ, Entity: ent}
	}
	tests := []struct {
		name      string
		articles  []*news.Article
		wantLinks []string // LinkEntity calls, in order
		wantMent  map[string]string
	}{
		{
			name: "same person across articles, a namesake stays apart",
			articles: []*news.Article{
				{Entities: []news.Entity{{ID: "E1", Name: "Pavel Kulazhanka", Type: news.Person}},
					Mentions: []news.Mention{ment("Pavel Kulazhanka", news.Person, "E1"), ment("Kulazhanka", news.Person, "E1")}},
				{Entities: []news.Entity{{ID: "E1", Name: "Kulazhanka", Type: news.Person}, {ID: "E2", Name: "Pavel Kukhta", Type: news.Person}},
					Mentions: []news.Mention{ment("Kulazhanka", news.Person, "E1"), ment("Pavel Kukhta", news.Person, "E2")}},
			},
			wantLinks: []string{"E1=g1(2)", "E1=g1(1)", "E2=g2(1)"},
		},
		{
			name: "mentions without entities, a repeated local ID",
			articles: []*news.Article{
				{Mentions: []news.Mention{ment("Warsaw", news.GPE, ""), ment("WARSAW", news.GPE, ""), ment("May 5", news.Date, "")}},
				{Entities: []news.Entity{{ID: "E1", Name: "Warsaw", Type: news.GPE}, {ID: "E1", Name: "Minsk", Type: news.GPE}},
					Mentions: []news.Mention{ment("Warsaw", news.GPE, "E1")}},
			},
			wantLinks: []string{"m1=g1(2)", "E1=g1(1)"},
			wantMent:  map[string]string{"Warsaw": "g1", "May 5": ""},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &memWriter{}
			var first *Links
			for i, a := range tc.articles {
				l, err := Link(context.Background(), w, a)
				if err != nil {
					t.Fatal(err)
				}
				if i == 0 {
					first = l
				}
			}
			if diff := cmp.Diff(tc.wantLinks, w.links); diff != "" {
				t.Errorf("LinkEntity calls (-want +got):\n%s", diff)
			}
			var keys []string
			for k := range tc.wantMent {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				m := ment(k, news.GPE, "")
				if k == "May 5" {
					m.Type = news.Date
				}
				if got := first.Mention(m); got != tc.wantMent[k] {
					t.Errorf("Mention(%q) = %q; want %q", k, got, tc.wantMent[k])
				}
			}
		})
	}
}
