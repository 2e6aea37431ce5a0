package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestQueryCompareSeeds ingests the seeds and compares their story from
// the command line: one story; Zelenskyy and the Kastus Kalinouski
// Battalion shared as one global entity each, with both outlets'
// spellings; Prokopiev quoted only by 004 (Fox News), Kulazhanka only by
// 000.
func TestQueryCompareSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every stage on the seeds")
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "seeds.db")
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, st, []string{"../../examples"}, ingest.Options{Workers: 1, Errors: io.Discard}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	run := func(args ...string) []byte {
		t.Helper()
		var out, errs bytes.Buffer
		if code := cli.Main(ctx, args, &out, &errs); code != cli.ExitOK {
			t.Fatalf("newsgraph %s: exit %d: %s", strings.Join(args, " "), code, errs.String())
		}
		return out.Bytes()
	}
	var l store.StoryList
	if err := json.Unmarshal(run("query", "stories", "--db", db, "--json"), &l); err != nil {
		t.Fatal(err)
	}
	if l.Total != 1 || len(l.Stories[0].Documents) != 2 {
		t.Fatalf("stories %+v; want one of both seeds", l)
	}
	var c server.Comparison
	if err := json.Unmarshal(run("query", "compare", "--db", db, "--json", l.Stories[0].ID), &c); err != nil {
		t.Fatal(err)
	}
	fox, other := "Fox News", ""
	for _, o := range c.Outlets {
		if o.Outlet != fox {
			other = o.Outlet
		}
	}
	found := 0
	for _, it := range c.Shared.Entities {
		switch {
		case strings.Contains(it.Label, "Zelensk"):
			found++
			if !contains(it.Spellings[fox], "Volodymyr Zelenskyy") || !contains(it.Spellings[other], "Volodymyr Zelensky") || it.Key[0] != 'g' {
				t.Errorf("Zelenskyy: %+v; want one global entity with both spellings", it)
			}
		case strings.Contains(it.Label, "Kalinouski"):
			found++
			if !contains(it.Spellings[fox], "Kastus Kalinouski") || !contains(it.Spellings[other], "Kastus Kalinouski Battalion") {
				t.Errorf("Kastus Kalinouski: %+v; want both spellings", it)
			}
		}
	}
	if found != 2 {
		t.Errorf("shared entities %+v; want Zelenskyy and the Kastus Kalinouski Battalion", c.Shared.Entities)
	}
	for _, o := range c.Outlets {
		for _, q := range o.Quotes {
			if strings.HasPrefix(q.Label, "Vadim Prokopiev") && (o.Outlet != fox || !q.Only) ||
				strings.HasPrefix(q.Label, "Pavel Kulazhanka") && (o.Outlet != other || !q.Only) {
				t.Errorf("%s: quote %s (only %v): want Prokopiev only in 004, Kulazhanka only in 000", o.Outlet, q.Label, q.Only)
			}
		}
	}
	text := string(run("query", "compare", "--db", db, l.Stories[0].ID))
	for _, want := range []string{"reported by more than one outlet", "spelled", "Volodymyr Zelensky", "== only Fox News"} {
		if !strings.Contains(text, want) {
			t.Errorf("query compare text lacks %q:\n%s", want, text)
		}
	}
	if code := cli.Main(ctx, []string{"query", "compare", "--db", db, "s00000000000000"}, io.Discard, io.Discard); code != cli.ExitUsage {
		t.Errorf("query compare of an unknown story: exit %d; want %d", code, cli.ExitUsage)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
