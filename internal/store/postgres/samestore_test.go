package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/news"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/postgres/pgtest"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestSameAsSQLite ingests the same articles into the embedded store and
// into PostgreSQL and checks that users get the same answers: the same
// global entities (IDs, names, counts, aliases), stories, documents and
// search hits.
func TestSameAsSQLite(t *testing.T) {
	u := pgtest.NewDB(t)
	ctx := context.Background()
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	writeCorpus(t, corpus, 40)
	paths := []string{"../../../examples", corpus}
	pg, err := postgres.Open(ctx, u, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "same.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	for _, st := range []store.Store{lite, pg} {
		if _, err := ingest.Run(ctx, st, paths, ingest.Options{Version: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	want, got := answers(t, lite), answers(t, pg)
	for _, k := range []string{"stats", "documents", "entities", "aliases", "stories", "search"} {
		if diff := cmp.Diff(want[k], got[k]); diff != "" {
			t.Errorf("%s differ (-sqlite +postgres):\n%s", k, diff)
		}
	}
	if len(want["entities"]) < 10 || len(want["stories"]) < 3 {
		t.Errorf("the corpus gave %d entities and %d stories; the test needs more", len(want["entities"]), len(want["stories"]))
	}
}

// answers collects what the API and UI show of a store.
func answers(t *testing.T, st store.Store) map[string][]string {
	t.Helper()
	ctx := context.Background()
	out := map[string][]string{}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	stats.Format = 0
	out["stats"] = []string{fmt.Sprintf("%+v", *stats)}
	docs, err := st.Documents(ctx, store.DocQuery{Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs.Documents {
		out["documents"] = append(out["documents"], d.ID+" "+d.Title+" "+d.Published)
	}
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Entities(ctx, store.EntityQuery{Page: store.Page{Offset: off, Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range l.Entities {
			out["entities"] = append(out["entities"], fmt.Sprintf("%s %q %s %s m%d d%d", e.ID, e.Name, e.Type, e.Country, e.Mentions, e.Documents))
			p, err := st.Entity(ctx, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(p.Aliases)
			out["aliases"] = append(out["aliases"], e.ID+" "+string(b))
		}
		if off+len(l.Entities) >= l.Total {
			break
		}
	}
	sort.Strings(out["entities"])
	sort.Strings(out["aliases"])
	stories, err := st.Stories(ctx, store.Page{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories.Stories {
		b, _ := json.Marshal(s)
		out["stories"] = append(out["stories"], string(b))
	}
	sort.Strings(out["stories"])
	for _, q := range []string{"Minsk", "talks", "Kalinouski", "\"Red Cross\"", "Warsaw -Kyiv", "energy OR grain", "Belarus*"} {
		r, err := st.Search(ctx, store.SearchQuery{Text: q, Page: store.Page{Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range r.Hits {
			ids = append(ids, h.ID)
		}
		sort.Strings(ids)
		out["search"] = append(out["search"], fmt.Sprintf("%s: %d %v", q, r.Total, ids))
	}
	return out
}

// writeCorpus writes n generated news articles as JSON Lines, pairs of
// which report the same talks.
func writeCorpus(t *testing.T, path string, n int) {
	t.Helper()
	people := []string{"Pavel Kovalenko", "Anna Shevchuk", "Olga Lysenko", "Ihar Bondar", "Maria Moroz"}
	cities := []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga"}
	orgs := []string{"the Red Cross", "the United Nations", "NATO", "the Interior Ministry"}
	topics := []string{"energy prices", "grain exports", "the railway line", "the border crossings"}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for i := range n {
		k := i / 2
		p, c, o, tp := people[k%len(people)], cities[(k/2)%len(cities)], orgs[k%len(orgs)], topics[(k/3)%len(topics)]
		text := fmt.Sprintf("%s met %s in %s on Tuesday to discuss %s, officials said. "+
			"“We expect a decision on %s soon,” %s told reporters in %s. Version %d of the report adds that %s will meet again.",
			p, o, c, tp, tp, p, c, i, o)
		if err := enc.Encode(map[string]string{"title": fmt.Sprintf("%s talks on %s", c, tp), "text": text,
			"outlet": fmt.Sprintf("Outlet %d", i%3), "published": fmt.Sprintf("2024-03-%02d", 1+k%20)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestSameAsSQLiteMoves stores articles whose entities get a fuller name
// (a new content ID) while an article is stored, once by a later article
// and once within one article, and compares both stores.
func TestSameAsSQLiteMoves(t *testing.T) {
	u := pgtest.NewDB(t)
	ctx := context.Background()
	art := func(id string, names ...string) *news.Article {
		text := ""
		a := &news.Article{ID: id, Title: id, Published: "2024-01-02", Language: "en"}
		for i, n := range names {
			start := len(text)
			text += n + " spoke. "
			local := fmt.Sprintf("E%d", i+1)
			a.Entities = append(a.Entities, news.Entity{ID: local, Name: n, Type: news.Person})
			a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: start, End: start + len(n)}, Text: n, Type: news.Person, Entity: local, Confidence: 1})
		}
		a.Text = text
		return a
	}
	as := []*news.Article{
		art("m1", "Zelensky", "Kulazhanka"),
		art("m2", "Zelensky", "Volodymyr Zelenskyy"),
		art("m3", "Pavel Kulazhanka", "Kulazhanka", "Zelenskyy"),
	}
	pg, err := postgres.Open(ctx, u, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "moves.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	for _, st := range []store.Store{lite, pg} {
		for _, a := range as {
			if _, err := st.Put(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
	}
	want, got := answers(t, lite), answers(t, pg)
	for _, k := range []string{"entities", "aliases"} {
		if diff := cmp.Diff(want[k], got[k]); diff != "" {
			t.Errorf("%s differ (-sqlite +postgres):\n%s", k, diff)
		}
	}
	for _, id := range []string{"m1", "m2", "m3"} {
		dl, _ := lite.Document(ctx, id)
		dp, err := pg.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(dl.MentionEntities, dp.MentionEntities); diff != "" {
			t.Errorf("document %s mention links differ (-sqlite +postgres):\n%s", id, diff)
		}
	}
}
