package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/web"
	"github.com/newsgraph/newsgraph/internal/web/webtest"
)

// genVersion changes when webtest's articles change, so that a cached
// generated store is rebuilt.
const genVersion = 2

// generated opens a store of n generated articles, built once and kept in
// the user's cache directory (NEWSGRAPH_GEN_DIR overrides it) because a
// 100,000-article store takes minutes to write.
func generated(tb testing.TB, n int) *sqlite.Store {
	tb.Helper()
	ctx := context.Background()
	dir := os.Getenv("NEWSGRAPH_GEN_DIR")
	if dir == "" {
		c, err := os.UserCacheDir()
		if err != nil {
			c = os.TempDir()
		}
		dir = filepath.Join(c, "newsgraph-test")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("web-gen-v%d-%d.db", genVersion, n))
	if _, err := os.Stat(path); err != nil {
		tmp := path + ".tmp"
		os.Remove(tmp)
		st, err := sqlite.Open(ctx, tmp, sqlite.Options{})
		if err != nil {
			tb.Fatal(err)
		}
		start := time.Now()
		if err := webtest.Fill(ctx, st, 1, n); err != nil {
			tb.Fatal(err)
		}
		if err := st.Close(); err != nil {
			tb.Fatal(err)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		if err := os.Rename(tmp, path); err != nil {
			tb.Fatal(err)
		}
		tb.Logf("generated %d articles into %s in %v", n, path, time.Since(start).Round(time.Second))
	}
	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st
}

// pagesOf lists one URL of every page kind for a generated store.
func pagesOf(tb testing.TB, st store.Store) map[string]string {
	ctx := context.Background()
	ents, err := st.Entities(ctx, store.EntityQuery{Page: store.Page{Limit: 1}, Type: "PERSON"})
	if err != nil || len(ents.Entities) == 0 {
		tb.Fatalf("no entities: %v", err)
	}
	stories, err := st.Stories(ctx, store.Page{Limit: 1})
	if err != nil || len(stories.Stories) == 0 {
		tb.Fatalf("no stories: %v", err)
	}
	e := ents.Entities[0].ID
	return map[string]string{
		"home":          "/",
		"search":        "/?q=" + url.QueryEscape("border talks"),
		"search-rare":   "/?q=Kazlauskas",
		"article":       "/doc/" + fmt.Sprintf("%064x", 500),
		"entities":      "/entities",
		"entity":        "/entity/" + e,
		"quotes":        "/quotes",
		"timeline":      "/timeline",
		"timeline-year": "/timeline?from=2020&to=2020",
		"timeline-ent":  "/timeline?entity=" + e,
		"map":           "/places",
		"place":         "/place?geonames=756135&name=Warsaw&country=PL",
		"graph":         "/graph?entity=" + e,
		"graph-edge":    "/graph/edge?kind=cooccur&a=" + e + "&b=" + e,
		"stories":       "/stories",
		"story":         "/story/" + stories.Stories[0].ID,
	}
}

// BenchmarkPages times every page's server side (handler and template, no
// network) on a generated store of NEWSGRAPH_BENCH_ARTICLES articles
// (default 100,000) and reports p50 and p99 per page, in wall time and in
// process CPU time.
func BenchmarkPages(b *testing.B) {
	n := 100000
	if v := os.Getenv("NEWSGRAPH_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatal(err)
		}
	}
	st := generated(b, n)
	ui, err := web.New(st, web.Options{})
	if err != nil {
		b.Fatal(err)
	}
	pages := pagesOf(b, st)
	names := make([]string, 0, len(pages))
	for k := range pages {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		u := pages[name]
		b.Run(name, func(b *testing.B) {
			var ds, cs []time.Duration
			for b.Loop() {
				rec := httptest.NewRecorder()
				t, c := time.Now(), cputime.Process()
				ui.ServeHTTP(rec, httptest.NewRequest("GET", u, nil))
				ds = append(ds, time.Since(t))
				cs = append(cs, cputime.Process()-c)
				if rec.Code != http.StatusOK {
					b.Fatalf("GET %s: %d", u, rec.Code)
				}
			}
			// Wall time (what a user waits on an idle machine) and the
			// process CPU time of the request (what it costs, whatever
			// else the machine is running).
			for _, m := range []struct {
				unit string
				xs   []time.Duration
			}{{"ms", ds}, {"cpu-ms", cs}} {
				sort.Slice(m.xs, func(i, j int) bool { return m.xs[i] < m.xs[j] })
				b.ReportMetric(float64(m.xs[len(m.xs)/2].Microseconds())/1000, "p50-"+m.unit)
				b.ReportMetric(float64(m.xs[min(len(m.xs)-1, len(m.xs)*99/100)].Microseconds())/1000, "p99-"+m.unit)
			}
		})
	}
}
