package server_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/server"
)

// guarded is the handler `newsgraph serve` runs, over the seed articles.
func guarded(t *testing.T, opt server.GuardOptions) http.Handler {
	t.Helper()
	h, err := cli.Handler(seeded(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	return server.Guard(h, opt)
}

func do(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	if r.Host == "example.com" { // httptest's default: as a browser on this machine sends it
		r.Host = "localhost:8080"
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// jsonError checks that a response is a JSON error with the status and
// no internals, and returns its message.
func jsonError(t *testing.T, what string, rec *httptest.ResponseRecorder, status int) string {
	t.Helper()
	if rec.Code != status {
		t.Errorf("%s: status %d; want %d (%s)", what, rec.Code, status, rec.Body)
	}
	var body server.ErrorBody
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Status != status || body.Error.Message == "" {
		t.Errorf("%s: body %q is not a JSON error", what, rec.Body)
	}
	for _, internal := range []string{"store:", "sqlite", "SQL", "fts5", ".go:", "goroutine"} {
		if strings.Contains(body.Error.Message, internal) {
			t.Errorf("%s: message %q shows internals (%q)", what, body.Error.Message, internal)
		}
	}
	return body.Error.Message
}

func TestGuardLimitsAndErrors(t *testing.T) {
	h := guarded(t, server.GuardOptions{AllowedHosts: []string{"news.example.org"}, WriteToken: "s3cret"})
	long := strings.Repeat("a", 100<<10)
	for _, tc := range []struct {
		name   string
		req    func() *http.Request
		status int
	}{
		{"rebinding host", func() *http.Request {
			r := httptest.NewRequest("GET", "/api/v1/health", nil)
			r.Host = "attacker.example:8080"
			return r
		}, http.StatusMisdirectedRequest},
		{"bad port", func() *http.Request {
			r := httptest.NewRequest("GET", "/", nil)
			r.Host = "localhost:99999"
			return r
		}, http.StatusMisdirectedRequest},
		{"100 KB URL", func() *http.Request { return httptest.NewRequest("GET", "/api/v1/entities?name="+long, nil) }, http.StatusRequestURITooLong},
		{"100 KB URL page", func() *http.Request { return httptest.NewRequest("GET", "/entities?name="+long, nil) }, http.StatusRequestURITooLong},
		{"100 KB header", func() *http.Request {
			r := httptest.NewRequest("GET", "/api/v1/health", nil)
			r.Header.Set("X-Big", long)
			return r
		}, http.StatusRequestHeaderFieldsTooLarge},
		{"2 MB body", func() *http.Request {
			return httptest.NewRequest("POST", "/api/v1/entities", strings.NewReader(strings.Repeat("x", 2<<20)))
		}, http.StatusRequestEntityTooLarge},
		{"write without token", func() *http.Request { return httptest.NewRequest("POST", "/api/v1/entities", nil) }, http.StatusUnauthorized},
		{"write with wrong token", func() *http.Request {
			r := httptest.NewRequest("DELETE", "/api/v1/entities/g1", nil)
			r.Header.Set("Authorization", "Bearer guess")
			return r
		}, http.StatusUnauthorized},
		{"write with token reaches the API", func() *http.Request {
			r := httptest.NewRequest("POST", "/api/v1/entities", nil)
			r.Header.Set("Authorization", "Bearer s3cret")
			return r
		}, http.StatusMethodNotAllowed},
		{"static listing", func() *http.Request { return httptest.NewRequest("GET", "/static/", nil) }, http.StatusNotFound},
		{"unknown document", func() *http.Request { return httptest.NewRequest("GET", "/api/v1/documents/0000", nil) }, http.StatusNotFound},
		{"unknown story", func() *http.Request { return httptest.NewRequest("GET", "/api/v1/stories/none/compare", nil) }, http.StatusNotFound},
		{"bad search", func() *http.Request { return httptest.NewRequest("GET", "/api/v1/search?q=%22%22", nil) }, http.StatusBadRequest},
	} {
		jsonError(t, tc.name, do(h, tc.req()), tc.status)
	}
	// Without a token the server is read-only.
	ro := guarded(t, server.GuardOptions{})
	msg := jsonError(t, "read-only", do(ro, httptest.NewRequest("POST", "/api/v1/entities", nil)), http.StatusForbidden)
	if !strings.Contains(msg, "read-only") {
		t.Errorf("read-only message %q", msg)
	}
	// Names that reach the server.
	for _, host := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "news.example.org", "NEWS.example.org.:80", "10.1.2.3"} {
		r := httptest.NewRequest("GET", "/api/v1/health", nil)
		r.Host = host
		if rec := do(h, r); rec.Code != http.StatusOK {
			t.Errorf("Host %s: status %d", host, rec.Code)
		}
	}
	// A long filter string is an answer, not a store failure.
	if rec := do(h, httptest.NewRequest("GET", "/api/v1/entities?name="+strings.Repeat("Lukashenko%_", 600), nil)); rec.Code != http.StatusOK {
		t.Errorf("long name filter: status %d: %s", rec.Code, rec.Body)
	}
	if rec := do(h, httptest.NewRequest("GET", "/api/v1/quotes?speaker="+strings.Repeat("Prokopiev%_", 600), nil)); rec.Code != http.StatusOK {
		t.Errorf("long speaker filter: status %d: %s", rec.Code, rec.Body)
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := guarded(t, server.GuardOptions{})
	for _, path := range []string{"/", "/entities", "/api/v1/health", "/static/style.css", "/nope"} {
		rec := do(h, httptest.NewRequest("GET", path, nil))
		hd := rec.Header()
		if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("Referrer-Policy") == "" || hd.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: headers %v", path, hd)
		}
		if csp := hd.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || !strings.Contains(csp, "object-src 'none'") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
	}
	if rec := do(h, httptest.NewRequest("GET", "/static/style.css", nil)); rec.Code != http.StatusOK {
		t.Errorf("/static/style.css: status %d", rec.Code)
	}
}

// TestOverTheWire: limits hold through net/http itself, whose own answer
// to a long request line is plain text; serve raises that limit so the
// guard answers in JSON.
func TestOverTheWire(t *testing.T) {
	srv := httptest.NewUnstartedServer(guarded(t, server.GuardOptions{}))
	srv.Config.MaxHeaderBytes = server.ServerMaxHeaderBytes
	srv.Start()
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/api/v1/entities?name=" + strings.Repeat("a", 100<<10))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusRequestURITooLong || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("100 KB URL: %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), b)
	}
}

// TestExpensiveBound: expensive requests beyond the bound wait, then get
// a JSON 503 with Retry-After; cheap ones are not held up.
func TestExpensiveBound(t *testing.T) {
	release := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/graph" {
			<-release
		}
		w.WriteHeader(http.StatusOK)
	})
	h := server.Guard(slow, server.GuardOptions{Expensive: 1, QueueWait: 50 * time.Millisecond})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		do(h, httptest.NewRequest("GET", "/api/v1/graph", nil))
	}()
	time.Sleep(20 * time.Millisecond)
	rec := do(h, httptest.NewRequest("GET", "/api/v1/graph", nil))
	jsonError(t, "second graph", rec, http.StatusServiceUnavailable)
	if rec.Header().Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	if rec := do(h, httptest.NewRequest("GET", "/api/v1/health", nil)); rec.Code != http.StatusOK {
		t.Errorf("health while busy: %d", rec.Code)
	}
	close(release)
	wg.Wait()
}
