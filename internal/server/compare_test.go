package server_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve/story"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

func TestCompare(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "cmp.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(id, outlet, text string, quote, speaker string, names ...string) *news.Article {
		a := &news.Article{ID: id, Title: id, Text: text, Source: news.Source{Outlet: outlet}, Sentences: []news.Span{{Start: 0, End: len(text)}}}
		for i, n := range names {
			at := strings.Index(text, n)
			eid := "E" + string(rune('1'+i))
			typ := news.Person
			if n == "200" {
				typ = news.Cardinal
				a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: at, End: at + len(n)}, Text: n, Type: typ})
				continue
			}
			a.Entities = append(a.Entities, news.Entity{ID: eid, Name: n, Type: typ})
			a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: at, End: at + len(n)}, Text: n, Type: typ, Entity: eid})
			if n == speaker {
				q := strings.Index(text, quote)
				a.Quotes = append(a.Quotes, news.Quote{Span: news.Span{Start: q, End: q + len(quote)}, Text: quote, Speaker: eid, SpeakerName: n, Kind: news.QuoteDirect})
			}
		}
		return a
	}
	as := []*news.Article{
		mk("d1", "Fox News", "Vadim Prokopiev said “power can only be taken by force” as 200 volunteers met Lukashenko critics.",
			"power can only be taken by force", "Vadim Prokopiev", "Vadim Prokopiev", "Lukashenko", "200"),
		mk("d2", "Charter 97", "Pavel Kulazhanka said “we fight here” about Lukashenko.", "we fight here", "Pavel Kulazhanka", "Pavel Kulazhanka", "Lukashenko"),
		// A syndicated copy of d1 under another outlet's name.
		mk("d3", "Yahoo News", "Vadim Prokopiev said “power can only be taken by force” as 200 volunteers met Lukashenko critics. ",
			"power can only be taken by force", "Vadim Prokopiev", "Vadim Prokopiev", "Lukashenko", "200"),
	}
	if _, err := st.PutMany(ctx, as); err != nil {
		t.Fatal(err)
	}
	if err := st.PutStory(ctx, news.Story{ID: "s1", Title: "Volunteers", Documents: []string{"d1", "d2", "d3"}, Duplicates: map[string]string{"d3": "d1"}}); err != nil {
		t.Fatal(err)
	}
	h := server.New(st, server.Options{})
	var c server.Comparison
	if rec := get(t, h, "GET", "/api/v1/stories/s1/compare", &c); rec.Code != http.StatusOK {
		t.Fatalf("compare: %d %s", rec.Code, rec.Body)
	}
	if len(c.Outlets) != 2 {
		t.Fatalf("compare: %d outlets; want 2 (the syndicated copy counts once): %+v", len(c.Outlets), c.Outlets)
	}
	by := map[string]story.OutletReport{}
	for _, o := range c.Outlets {
		by[o.Outlet] = o
	}
	fox, charter := by["Fox News"], by["Charter 97"]
	if !cmp.Equal(fox.Documents, []string{"d1"}) || !cmp.Equal(charter.Documents, []string{"d2"}) || c.Duplicates["d3"] != "d1" {
		t.Errorf("documents: Fox %v, Charter %v, duplicates %v; want d1, d2 and the copy d3 listed apart", fox.Documents, charter.Documents, c.Duplicates)
	}
	if len(fox.Quotes) != 1 || !strings.HasPrefix(fox.Quotes[0].Label, "Vadim Prokopiev: ") || !fox.Quotes[0].Only {
		t.Errorf("Fox quotes %+v; want Prokopiev's, only Fox", fox.Quotes)
	}
	if len(charter.Quotes) != 1 || !strings.HasPrefix(charter.Quotes[0].Label, "Pavel Kulazhanka: ") || !charter.Quotes[0].Only {
		t.Errorf("Charter 97 quotes %+v; want Kulazhanka's, only Charter 97", charter.Quotes)
	}
	only := map[string]bool{}
	for _, e := range fox.Entities {
		only[e.Label] = e.Only
	}
	if only["Lukashenko"] || !only["Vadim Prokopiev"] {
		t.Errorf("Fox entities only %v; want Lukashenko shared, Prokopiev only Fox", only)
	}
	if len(c.Shared.Entities) != 1 || len(c.Shared.Quotes) != 0 {
		t.Errorf("shared %+v; want 1 entity, no quotes", c.Shared)
	}
}
