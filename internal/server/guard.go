package server

import (
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Limits the guard enforces on every request.
const (
	// MaxURLBytes caps the request target (path and query).
	MaxURLBytes = 8 << 10
	// MaxHeaderBytes caps the request's header fields together. The
	// http.Server's own limit must be higher ([ServerMaxHeaderBytes]) so
	// that the guard, not net/http's plain-text 431, answers.
	MaxHeaderBytes = 64 << 10
	// ServerMaxHeaderBytes is what to set http.Server.MaxHeaderBytes to.
	ServerMaxHeaderBytes = 1 << 20
	// QueueWait is how long a request waits for a slot among the
	// expensive ones before it is answered 503.
	QueueWait = 10 * time.Second
)

// GuardOptions configures [Guard].
type GuardOptions struct {
	// AllowedHosts are host names, besides localhost and IP addresses,
	// that the Host header may carry (the names the server is reached by
	// on a network). Any other name is refused: a page on another site
	// that rebinds its own name to this server's address (DNS rebinding)
	// sends its own name.
	AllowedHosts []string
	// WriteToken, when set, is the bearer token that requests other than
	// GET, HEAD and OPTIONS must carry. Without it the server is
	// read-only.
	WriteToken string
	// Expensive is how many expensive requests (graphs, story
	// comparisons, searches) run at once; zero means one per CPU, at
	// least 2.
	Expensive int
	// QueueWait is how long an expensive request waits for its turn
	// before the answer is 503; zero means [QueueWait].
	QueueWait time.Duration
}

// Guard wraps the whole HTTP handler (API and UI) with what every
// response needs: the Host check against DNS rebinding, security headers,
// limits on the URL, headers and body answered in JSON, a token for
// writes, and a bound on concurrent expensive requests.
func Guard(h http.Handler, opt GuardOptions) http.Handler {
	n := opt.Expensive
	if n <= 0 {
		n = max(2, runtime.NumCPU())
	}
	if opt.QueueWait <= 0 {
		opt.QueueWait = QueueWait
	}
	g := &guard{h: h, opt: opt, slots: make(chan struct{}, n), hosts: map[string]bool{}}
	for _, host := range opt.AllowedHosts {
		g.hosts[strings.ToLower(strings.TrimSuffix(host, "."))] = true
	}
	return g
}

type guard struct {
	h     http.Handler
	opt   GuardOptions
	slots chan struct{}
	hosts map[string]bool
}

func (g *guard) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w = &headerWriter{ResponseWriter: w}
	setSecurityHeaders(w.Header())
	if !g.hostAllowed(r.Host) {
		writeError(w, http.StatusMisdirectedRequest, "this server does not answer to that host name; start it with --allow-host NAME to add one")
		return
	}
	if len(r.RequestURI) > MaxURLBytes {
		writeError(w, http.StatusRequestURITooLong, fmt.Sprintf("URL over %d bytes", MaxURLBytes))
		return
	}
	size := 0
	for k, vs := range r.Header {
		for _, v := range vs {
			size += len(k) + len(v) + 4
		}
	}
	if size > MaxHeaderBytes {
		writeError(w, http.StatusRequestHeaderFieldsTooLarge, fmt.Sprintf("request headers over %d bytes", MaxHeaderBytes))
		return
	}
	if r.ContentLength > MaxBodyBytes {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", MaxBodyBytes))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
	default:
		if g.opt.WriteToken == "" {
			writeError(w, http.StatusForbidden, "the server is read-only; start it with a write token (--write-token) to allow changes")
			return
		}
		tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(tok), []byte(g.opt.WriteToken)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
			writeError(w, http.StatusUnauthorized, "changes need the write token: Authorization: Bearer TOKEN")
			return
		}
	}
	if (r.Method == http.MethodGet || r.Method == http.MethodHead) && strings.HasPrefix(r.URL.Path, "/static/") && strings.HasSuffix(r.URL.Path, "/") {
		writeError(w, http.StatusNotFound, "not found") // no directory listings
		return
	}
	if expensive(r) {
		t := time.NewTimer(g.opt.QueueWait)
		select {
		case g.slots <- struct{}{}:
			t.Stop()
			defer func() { <-g.slots }()
		case <-t.C:
			w.Header().Set("Retry-After", "5")
			writeError(w, http.StatusServiceUnavailable, "the server is busy with other expensive requests; try again shortly")
			return
		case <-r.Context().Done():
			t.Stop()
			return
		}
	}
	g.h.ServeHTTP(w, r)
}

// hostAllowed reports whether a Host header names this server: an IP
// address, localhost, or an allowed name (with any port).
func (g *guard) hostAllowed(host string) bool {
	if host == "" {
		return true // HTTP/1.0 without Host: no browser sends that
	}
	name := host
	if h, port, err := net.SplitHostPort(host); err == nil {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return false
		}
		name = h
	}
	name = strings.ToLower(strings.TrimSuffix(strings.Trim(name, "[]"), "."))
	if net.ParseIP(name) != nil || name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	return g.hosts[name]
}

// expensive reports whether a request runs one of the queries whose cost
// grows with the store: graphs, story comparisons and full-text search.
func expensive(r *http.Request) bool {
	p := r.URL.Path
	switch {
	case p == "/graph" || p == "/api/v1/graph":
		return true
	case strings.HasSuffix(p, "/compare"):
		return true
	case p == "/api/v1/search" || p == "/" && r.URL.Query().Get("q") != "":
		return true
	}
	return false
}

// setSecurityHeaders sets the headers every response carries. Pages set
// their own Content-Security-Policy; [headerWriter] completes it.
func setSecurityHeaders(h http.Header) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// defaultCSP is the policy of responses that set none.
const defaultCSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// headerWriter completes the Content-Security-Policy when the response's
// header is written: a policy without frame-ancestors, base-uri or
// object-src gets them.
type headerWriter struct {
	http.ResponseWriter
	done bool
}

func (w *headerWriter) WriteHeader(status int) {
	if !w.done {
		w.done = true
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		if csp == "" {
			csp = defaultCSP
		}
		for _, d := range []string{"frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, strings.Fields(d)[0]+" ") {
				csp += "; " + d
			}
		}
		h.Set("Content-Security-Policy", csp)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *headerWriter) Write(b []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *headerWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
