package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/server"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// seeded returns a store holding the annotated example articles.
func seeded(t *testing.T) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var as []*news.Article
	err = annotate.Run(ctx, []string{"../../examples"}, annotate.Options{}, func(r pipeline.Result) error {
		if r.Err != nil {
			t.Errorf("annotating examples: %v", r.Err)
			return nil
		}
		as = append(as, r.Article)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 2 {
		t.Fatalf("annotated %d example articles; want 2", len(as))
	}
	if _, err := st.PutMany(ctx, as); err != nil {
		t.Fatal(err)
	}
	return st
}

func get(t *testing.T, h http.Handler, method, url string, v any) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, url, nil))
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("%s %s: Content-Type %q; want JSON", method, url, ct)
	}
	if v != nil {
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatalf("%s %s: decoding %q: %v", method, url, rec.Body.String(), err)
		}
	}
	return rec
}

func TestSearchSeeds(t *testing.T) {
	h := server.New(seeded(t), server.Options{})
	var res store.SearchResult
	rec := get(t, h, "GET", "/api/v1/search?q=Kalinouski", &res)
	if rec.Code != http.StatusOK {
		t.Fatalf("search: status %d: %s", rec.Code, rec.Body)
	}
	if res.Total != 2 || len(res.Hits) != 2 {
		t.Fatalf("search Kalinouski: %d hits (total %d); want both seed articles", len(res.Hits), res.Total)
	}
	outlets := map[string]bool{}
	for _, hit := range res.Hits {
		outlets[hit.Outlet] = true
		if !strings.Contains(hit.Snippet, "<mark>Kalinouski</mark>") {
			t.Errorf("hit %s snippet %q has no highlighted Kalinouski", hit.ID, hit.Snippet)
		}
	}
	if !outlets[""] || !outlets["Fox News"] {
		t.Errorf("search hits from outlets %v; want Fox News and the seed that names no outlet", outlets)
	}
	// Paging.
	rec = get(t, h, "GET", "/api/v1/search?q=Kalinouski&limit=1&offset=1", &res)
	if rec.Code != http.StatusOK || len(res.Hits) != 1 || res.Total != 2 {
		t.Errorf("search page 2 of 1: status %d, %d hits, total %d; want 1 hit of 2", rec.Code, len(res.Hits), res.Total)
	}
}

func TestDocument(t *testing.T) {
	st := seeded(t)
	h := server.New(st, server.Options{})
	var list store.DocList
	if rec := get(t, h, "GET", "/api/v1/documents", &list); rec.Code != http.StatusOK || list.Total != 2 {
		t.Fatalf("documents: status %d, total %d; want 200 and 2", rec.Code, list.Total)
	}
	var body struct {
		Document news.Article `json:"document"`
	}
	id := list.Documents[0].ID
	if rec := get(t, h, "GET", "/api/v1/documents/"+id, &body); rec.Code != http.StatusOK {
		t.Fatalf("document %s: status %d", id, rec.Code)
	}
	if body.Document.ID != id || !strings.Contains(body.Document.Text, "Kalinouski") {
		t.Errorf("document %s: got id %q and text %.60q", id, body.Document.ID, body.Document.Text)
	}
}

func TestErrors(t *testing.T) {
	h := server.New(seeded(t), server.Options{})
	tests := []struct {
		method, url string
		status      int
		msg         string
	}{
		{"GET", "/api/v1/documents/0000", 404, "not found"},
		{"GET", "/api/v1/entities/g99999", 404, "not found"},
		{"GET", "/api/v1/entities/nonsense", 404, "not found"},
		{"GET", "/api/v1/stories/none", 404, "not found"},
		{"GET", "/api/v1/stories/none/compare", 404, "not found"},
		{"GET", "/api/v1/nothing", 404, "no API endpoint"},
		{"POST", "/api/v1/search?q=x", 405, "not allowed"},
		{"DELETE", "/api/v1/documents/0000", 405, "not allowed"},
		{"GET", "/api/v1/search", 400, "?q="},
		{"GET", "/api/v1/search?q=%22%22+-+*", 400, "no words"},
		{"GET", "/api/v1/search?q=" + strings.Repeat("a", 2000), 400, "over"},
		{"GET", "/api/v1/documents?limit=0", 400, "limit"},
		{"GET", "/api/v1/documents?limit=100000", 400, "limit"},
		{"GET", "/api/v1/documents?offset=-1", 400, "offset"},
		{"GET", "/api/v1/documents?offset=x", 400, "offset"},
		{"GET", "/api/v1/timeline?bucket=week", 400, "bucket"},
		{"GET", "/api/v1/graph?limit=-3", 400, "limit"},
		{"GET", "/api/v1/events?entity=g424242", 404, "not found"},
	}
	for _, tc := range tests {
		var body server.ErrorBody
		rec := get(t, h, tc.method, tc.url, &body)
		if rec.Code != tc.status || body.Error.Status != tc.status || !strings.Contains(body.Error.Message, tc.msg) {
			t.Errorf("%s %.60s: status %d, body %s; want %d with a message containing %q", tc.method, tc.url, rec.Code, rec.Body, tc.status, tc.msg)
		}
	}
}

func TestEndpoints(t *testing.T) {
	h := server.New(seeded(t), server.Options{Version: "test"})
	for _, url := range []string{
		"/api/v1/health", "/api/v1/documents?limit=1", "/api/v1/entities", "/api/v1/quotes?speaker=Kulazhanka",
		"/api/v1/events?type=ASSAULT", "/api/v1/timeline?bucket=year", "/api/v1/places", "/api/v1/stories", "/api/v1/graph",
		"/api/v1/search?q=%22Kastus+Kalinouski%22+OR+Minsk&limit=200",
	} {
		var v map[string]any
		if rec := get(t, h, "GET", url, &v); rec.Code != http.StatusOK {
			t.Errorf("GET %s: status %d: %s", url, rec.Code, rec.Body)
		}
	}
	var health server.Health
	get(t, h, "GET", "/api/v1/health", &health)
	if health.Status != "ok" || health.Store.Documents != 2 || health.Store.Format < 1 {
		t.Errorf("health = %+v", health)
	}
}

// FuzzSearchAPI checks that no query string gets a 5xx from the API.
func FuzzSearchAPI(f *testing.F) {
	for _, q := range []string{"Kalinouski", `"Kastus`, "a OR", "NOT x", "col:x", "*", "^x", "NEAR(a b)", "\x00"} {
		f.Add(q)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	st.Put(context.Background(), &news.Article{ID: "x", Title: "Minsk", Text: "Minsk and Warsaw, Kastus Kalinouski."})
	h := server.New(st, server.Options{})
	f.Fuzz(func(t *testing.T, q string) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/api/v1/search", nil)
		req.URL.RawQuery = "q=" + url.QueryEscape(q)
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("search %q: status %d: %s", q, rec.Code, rec.Body)
		}
	})
}
