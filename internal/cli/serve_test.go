package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestServeExamples is what a new user does first: ingest the examples and
// open the UI and the API.
func TestServeExamples(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "serve.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if sum, err := ingest.Run(ctx, st, []string{"../../examples"}, ingest.Options{}); err != nil || sum.New != 2 {
		t.Fatalf("Ingest(examples) = %+v, %v; want 2 new", sum, err)
	}
	h, err := cli.Handler(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	get := func(path string) (int, string) {
		t.Helper()
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get("/api/v1/search?q=Kalinouski")
	var res store.SearchResult
	if err := json.Unmarshal([]byte(body), &res); code != 200 || err != nil || res.Total != 2 {
		t.Fatalf("search Kalinouski: %d %v %s", code, err, body)
	}
	code, home := get("/")
	if code != 200 {
		t.Fatalf("GET /: %d", code)
	}
	for _, h := range res.Hits {
		if !strings.Contains(home, "/doc/"+h.ID) {
			t.Errorf("the home page does not list %s", h.ID)
		}
		code, page := get("/doc/" + h.ID)
		if code != 200 || !strings.Contains(page, "Kalinouski") || !strings.Contains(page, "Removed by cleaning") {
			t.Errorf("GET /doc/%s: %d; want the article text and the removed section", h.ID, code)
		}
	}
	if code, body := get("/api/v1/documents/missing"); code != 404 || !strings.Contains(body, `"error"`) {
		t.Errorf("missing document: %d %s; want a 404 JSON error", code, body)
	}
	if code, _ := get("/api/v1"); code != 200 {
		t.Errorf("GET /api/v1 (redirected to health): %d", code)
	}
}
