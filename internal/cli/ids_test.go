package cli_test

import (
	"context"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// idsOf returns every global entity (ID and type), story (ID and articles)
// and event ID of a store, sorted.
func idsOf(t *testing.T, st store.Store) (entities, stories, events []string) {
	t.Helper()
	ctx := context.Background()
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Entities(ctx, store.EntityQuery{Page: store.Page{Offset: off, Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range l.Entities {
			entities = append(entities, e.ID+" "+string(e.Type))
		}
		if len(l.Entities) < store.MaxLimit {
			break
		}
	}
	l, err := st.Stories(ctx, store.Page{Limit: store.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Stories {
		docs := append([]string(nil), s.Documents...)
		sort.Strings(docs)
		stories = append(stories, s.ID+" "+strings.Join(docs, ","))
	}
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Events(ctx, store.EventQuery{Page: store.Page{Offset: off, Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range l.Events {
			events = append(events, e.ID+" "+e.Type+" "+e.Actor+" "+e.Target)
		}
		if len(l.Events) < store.MaxLimit {
			break
		}
	}
	sort.Strings(entities)
	sort.Strings(stories)
	sort.Strings(events)
	return entities, stories, events
}

// TestIDsIndependentOfOrder ingests the seed articles into two fresh stores
// in opposite orders: the stores must give every entity, story and event
// the same ID.
func TestIDsIndependentOfOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every stage on the seeds")
	}
	ctx := context.Background()
	seeds := []string{"../../testdata/seeds/000_c6a7f52a561d1da7.txt", "../../testdata/seeds/004_5d72647e57bd1dce.txt"}
	var got [2][3][]string
	for i, order := range [][]string{seeds, {seeds[1], seeds[0]}} {
		st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "ids.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range order { // one at a time, so that the order is the order of storing
			if _, err := ingest.Run(ctx, st, []string{p}, ingest.Options{Workers: 1, Errors: io.Discard}); err != nil {
				t.Fatal(err)
			}
		}
		got[i][0], got[i][1], got[i][2] = idsOf(t, st)
		st.Close()
	}
	for k, what := range []string{"entity", "story", "event"} {
		if len(got[0][k]) == 0 {
			t.Errorf("no %s IDs", what)
		}
		if d := cmp.Diff(got[0][k], got[1][k]); d != "" {
			t.Errorf("%s IDs differ with the order of ingest (-000 first +004 first):\n%s", what, d)
		}
	}
	t.Logf("%d entities, %d stories, %d events", len(got[0][0]), len(got[0][1]), len(got[0][2]))
	if len(got[0][1]) != 1 {
		t.Errorf("stories %v, want one", got[0][1])
	}
}
