package server_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// FuzzAPIParams sends any query string and Host to every API endpoint
// through the guard: the answer is never a 5xx and always a JSON object.
func FuzzAPIParams(f *testing.F) {
	paths := []string{"/api/v1/documents", "/api/v1/documents/x", "/api/v1/search", "/api/v1/entities", "/api/v1/entities/g1",
		"/api/v1/quotes", "/api/v1/events", "/api/v1/timeline", "/api/v1/places", "/api/v1/stories", "/api/v1/stories/s1",
		"/api/v1/stories/s1/compare", "/api/v1/graph", "/api/v1/health", "/api/v1/nope"}
	for i, q := range []string{"", "limit=0", "limit=200&offset=5", "offset=-1", "from=2022-13", "from=2022&to=2021-02-30",
		"bucket=week", "type=PERSON", "type=nonsense", "name=%25_%25", "speaker=Minsk", "entity=g1", "outlet=x&from=2022-05",
		"q=Minsk&limit=1", "q=%22", "limit=99999999999999999999", "document=x&speaker=g1"} {
		f.Add(uint8(i), q, "localhost:8080")
	}
	f.Add(uint8(0), "", "attacker.example")
	st, err := sqlite.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), sqlite.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer st.Close()
	st.Put(context.Background(), &news.Article{ID: "x", Title: "Minsk", Text: "Minsk and Warsaw, Kastus Kalinouski.", Published: "2022-05-21"})
	h := server.Guard(server.New(st, server.Options{}), server.GuardOptions{})
	f.Fuzz(func(t *testing.T, path uint8, query, host string) {
		req := httptest.NewRequest("GET", paths[int(path)%len(paths)], nil)
		req.URL.RawQuery = query
		req.RequestURI = req.URL.RequestURI()
		req.Host = host
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 && rec.Code != 503 {
			t.Fatalf("%s?%s: status %d: %s", req.URL.Path, query, rec.Code, rec.Body)
		}
		var v map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s?%s: not a JSON object: %q", req.URL.Path, query, rec.Body)
		}
		if rec.Code >= 400 && strings.Contains(rec.Body.String(), "store:") {
			t.Fatalf("%s?%s: internals in %s", req.URL.Path, query, rec.Body)
		}
	})
}
