package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/web/webtest"
)

func TestExplorer(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "x.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := webtest.Fill(ctx, s, 3, 120); err != nil {
		t.Fatal(err)
	}
	// place_stats, kept by the write path, agrees with the places table.
	want, err := s.Places(ctx, store.PlaceQuery{Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.MapPlaces(ctx, store.PlaceQuery{Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != want.Total || len(got.Places) != len(want.Places) {
		t.Fatalf("MapPlaces: %d places (total %d); Places: %d (total %d)", len(got.Places), got.Total, len(want.Places), want.Total)
	}
	byName := map[string]store.PlaceCount{}
	for _, p := range want.Places {
		byName[p.Name] = p
	}
	for _, p := range got.Places {
		w := byName[p.Name]
		if p.Mentions != w.Mentions || len(p.Documents) != min(len(w.Documents), 20) && len(w.Documents) < 20 {
			t.Errorf("%s: MapPlaces %d mentions in %d articles; Places %d in %d", p.Name, p.Mentions, len(p.Documents), w.Mentions, len(w.Documents))
		}
	}
	// Dated: sorted by date, photo dates once per article and date.
	d, err := s.Dated(ctx, store.DatedQuery{Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, it := range d.Items {
		if i > 0 && it.Date < d.Items[i-1].Date {
			t.Fatalf("item %d (%s) before %s", i, it.Date, d.Items[i-1].Date)
		}
		if it.Kind == "photo" {
			k := it.Document + it.Date
			if seen[k] {
				t.Errorf("photo date %s of %s twice", it.Date, it.Document)
			}
			seen[k] = true
		}
	}
	y, err := s.Dated(ctx, store.DatedQuery{From: "2020", To: "2020", Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range y.Items {
		if it.Date[:4] != "2020" {
			t.Errorf("2020 range holds %s", it.Date)
		}
	}
	if len(y.Items) == 0 {
		t.Errorf("nothing dated in 2020")
	}
	// EgoGraph: the centre first, at most limit nodes, edges among them.
	ents, err := s.Entities(ctx, store.EntityQuery{Page: store.Page{Limit: 1}, Type: "PERSON"})
	if err != nil {
		t.Fatal(err)
	}
	c := ents.Entities[0].ID
	g, err := s.EgoGraph(ctx, c, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) == 0 || len(g.Nodes) > 10 || g.Nodes[0].ID != c {
		t.Fatalf("EgoGraph(%s, 10): %d nodes, first %v", c, len(g.Nodes), g.Nodes)
	}
	in := map[string]bool{}
	for _, n := range g.Nodes {
		in[n.ID] = true
	}
	for _, e := range g.Edges {
		if !in[e.Source] || !in[e.Target] {
			t.Errorf("edge %v leaves the graph", e)
		}
	}
	q, err := s.RecentQuotes(ctx, store.Page{Limit: 5})
	if err != nil || len(q.Quotes) != 5 || q.Total < 100 {
		t.Errorf("RecentQuotes: %v, %v", q, err)
	}
	pe, err := s.PlaceEvents(ctx, store.PlaceQuery{Page: store.Page{Limit: 20}, Country: "PL"})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range pe {
		if e.Country != "PL" || e.Lat == 0 {
			t.Errorf("PlaceEvents(PL) gave %+v", e)
		}
	}
}
