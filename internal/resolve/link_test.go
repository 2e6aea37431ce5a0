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
	ents  map[string]*Candidate
	keys  map[string][]string
	links []string
}

func (m *memWriter) CandidatesByKey(_ context.Context, keys []string) ([]Candidate, error) {
	seen := map[string]bool{}
	var out []Candidate
	for _, k := range keys {
		for _, id := range m.keys[k] {
			if !seen[id] {
				seen[id] = true
				out = append(out, *m.ents[id])
			}
		}
	}
	return out, nil
}

func (m *memWriter) NewEntity(_ context.Context, id string, e news.Entity) error {
	if m.ents == nil {
		m.ents, m.keys = map[string]*Candidate{}, map[string][]string{}
	}
	if m.ents[id] != nil {
		return fmt.Errorf("entity %s exists", id)
	}
	m.ents[id] = &Candidate{ID: id, Name: e.Name, Type: e.Type}
	return nil
}

func (m *memWriter) EntityExists(_ context.Context, id string) (bool, error) {
	return m.ents[id] != nil, nil
}

func (m *memWriter) MoveEntity(_ context.Context, from, to string) error {
	c := m.ents[from]
	delete(m.ents, from)
	c.ID = to
	m.ents[to] = c
	for k, ids := range m.keys {
		for i, id := range ids {
			if id == from {
				ids[i] = to
			}
		}
		m.keys[k] = ids
	}
	m.links = append(m.links, "move "+from+" "+to)
	return nil
}

func (m *memWriter) LinkEntity(_ context.Context, id string, e news.Entity, names, keys []string, n int) error {
	c := m.ents[id]
	for _, name := range names {
		if name != c.Name && !contains(c.Aliases, name) {
			c.Aliases = append(c.Aliases, name)
		}
	}
	for _, k := range keys {
		if !contains(m.keys[k], id) {
			m.keys[k] = append(m.keys[k], id)
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

// id is the ID of a global entity with one name.
func id(t news.EntityType, name string) string {
	return EntityID(t, CanonicalKey(t, []string{name}), 1)
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
			wantLinks: []string{"E1=" + id(news.Person, "Pavel Kulazhanka") + "(2)", "E1=" + id(news.Person, "Pavel Kulazhanka") + "(1)",
				"E2=" + id(news.Person, "Pavel Kukhta") + "(1)"},
		},
		{
			name: "mentions without entities, a repeated local ID",
			articles: []*news.Article{
				{Mentions: []news.Mention{ment("Warsaw", news.GPE, ""), ment("WARSAW", news.GPE, ""), ment("May 5", news.Date, "")}},
				{Entities: []news.Entity{{ID: "E1", Name: "Warsaw", Type: news.GPE}, {ID: "E1", Name: "Minsk", Type: news.GPE}},
					Mentions: []news.Mention{ment("Warsaw", news.GPE, "E1")}},
			},
			wantLinks: []string{"m1=" + id(news.GPE, "Warsaw") + "(2)", "E1=" + id(news.GPE, "Warsaw") + "(1)"},
			wantMent:  map[string]string{"Warsaw": id(news.GPE, "Warsaw"), "May 5": ""},
		},
		{
			name: "a fuller name moves the entity to its ID",
			articles: []*news.Article{
				{Entities: []news.Entity{{ID: "E1", Name: "Zelensky", Type: news.Person}}},
				{Entities: []news.Entity{{ID: "E1", Name: "Volodymyr Zelenskyy", Type: news.Person}}},
				{Entities: []news.Entity{{ID: "E1", Name: "Zelenskiy", Type: news.Person}}},
			},
			wantLinks: []string{"E1=" + id(news.Person, "Zelensky") + "(0)",
				"move " + id(news.Person, "Zelensky") + " " + id(news.Person, "Volodymyr Zelensky"),
				"E1=" + id(news.Person, "Volodymyr Zelensky") + "(0)", "E1=" + id(news.Person, "Volodymyr Zelensky") + "(0)"},
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

// When an entity of an article moves its global entity to a new ID, the
// article's earlier entities linked to it follow: their rows must not
// name the old ID, which no longer exists.
func TestLinkMoveWithinArticle(t *testing.T) {
	w := &memWriter{}
	a := &news.Article{Entities: []news.Entity{
		{ID: "E1", Name: "Zelensky", Type: news.Person},
		{ID: "E2", Name: "Volodymyr Zelenskyy", Type: news.Person},
	}}
	l, err := Link(context.Background(), w, a)
	if err != nil {
		t.Fatal(err)
	}
	moved := id(news.Person, "Volodymyr Zelensky")
	if l.Local["E1"] != moved || l.Local["E2"] != moved {
		t.Errorf("Local = %v; want E1 and E2 → %s (links %v)", l.Local, moved, w.links)
	}
	if w.ents[l.Global("E1")] == nil {
		t.Errorf("E1 links to %s, which does not exist", l.Global("E1"))
	}
}
