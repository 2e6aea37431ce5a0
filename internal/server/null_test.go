package server_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestNoNullLists: on an empty store and on the seeds, no endpoint
// answers null for a list (an unknown date, "published", is null by
// design); and impossible dates and unknown enum values are 400s.
func TestNoNullLists(t *testing.T) {
	empty, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "e.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Close()
	null := regexp.MustCompile(`"([a-z_]+)":null`)
	for _, st := range []*sqlite.Store{empty, seeded(t)} {
		h := server.New(st, server.Options{})
		first := func(path, pat string) string {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
			if m := regexp.MustCompile(pat).FindStringSubmatch(rec.Body.String()); m != nil {
				return m[1]
			}
			return "none"
		}
		doc, ent, story := first("/api/v1/documents", `"id":"([0-9a-f]+)"`), first("/api/v1/entities", `"id":"(g[0-9a-f]+)"`), first("/api/v1/stories", `"id":"(s[0-9a-f]+)"`)
		for _, p := range []string{"/api/v1/documents", "/api/v1/search?q=Belarus", "/api/v1/entities", "/api/v1/quotes", "/api/v1/events",
			"/api/v1/timeline", "/api/v1/places", "/api/v1/stories", "/api/v1/graph", "/api/v1/health", "/api/v1/documents/" + doc,
			"/api/v1/timeline?entity=" + ent, "/api/v1/graph?entity=" + ent, "/api/v1/events?entity=" + ent, "/api/v1/entities/" + ent,
			"/api/v1/stories/" + story, "/api/v1/stories/" + story + "/compare", "/api/v1/quotes?speaker=nobody"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
			for _, m := range null.FindAllStringSubmatch(rec.Body.String(), -1) {
				if m[1] != "published" {
					t.Errorf("%s: %q is null", p, m[1])
				}
			}
		}
		for _, p := range []string{"/api/v1/documents?from=2022-13", "/api/v1/documents?to=2022-02-30", "/api/v1/search?q=x&from=2022-00",
			"/api/v1/entities?type=PEOPLE", "/api/v1/events?type=FIGHT", "/api/v1/timeline?bucket=week"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
			if rec.Code != 400 {
				t.Errorf("%s: status %d; want 400", p, rec.Code)
			}
		}
		for _, p := range []string{"/api/v1/entities?type=person", "/api/v1/events?type=assault", "/api/v1/documents?from=2022-02&to=2024-02-29"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
			if rec.Code != 200 {
				t.Errorf("%s: status %d; want 200", p, rec.Code)
			}
		}
	}
}
