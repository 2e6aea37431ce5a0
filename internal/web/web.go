// Package web is newsgraph's HTML interface: server-rendered pages from
// html/template over a [store.Store], with the templates, the stylesheet,
// the page scripts and the vendored libraries (Leaflet, Cytoscape,
// topojson-client, supercluster and the world-atlas country shapes; see
// vendor.MANIFEST) embedded in the binary. Nothing is loaded from other
// sites (Content-Security-Policy default-src 'self').
//
// Every page works without JavaScript. Only the map (/places) and the
// graph (/graph) draw with it, and each has a table twin; the timeline is
// SVG drawn on the server.
//
// Pages: / (the article list; with ?q= a search with facets and entity
// suggestions), /doc/{id} (an article's clean text with its annotations as
// toggled layers; ?span=START-END marks and scrolls to a span), /entities
// and /entity/{id}, /quotes, /timeline, /places and /place (the map and the
// sentences that name one place), /graph and /graph/edge (an entity's ego
// graph and the sentences behind one edge), /stories and /story/{id} (how
// each outlet told the story).
//
// Evidence first: every count, chip, pin and edge links to the sentences it
// stands for.
package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed templates/*.html static
var files embed.FS

// CSP is the Content-Security-Policy of every page: everything from this
// server only, no inline scripts or styles.
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Options configures [New].
type Options struct {
	Logger  *slog.Logger
	Version string
}

// UI serves the HTML pages. It is an http.Handler, safe for concurrent
// use.
type UI struct {
	st    store.Store
	ex    store.Explorer // nil when the backend does not implement it
	opt   Options
	pages map[string]*template.Template
	mux   *http.ServeMux
}

var funcs = template.FuncMap{
	"add":   func(a, b int) int { return a + b },
	"sub":   func(a, b int) int { return a - b },
	"query": url.QueryEscape,
	"path":  url.PathEscape,
	"pct": func(n, max int) int {
		if max <= 0 {
			return 0
		}
		return n * 100 / max
	},
	"short": func(id string) string {
		if len(id) > 12 {
			return id[:12]
		}
		return id
	},
	"kb":   func(n int) string { return strconv.FormatFloat(float64(n)/1000, 'f', 1, 64) + "k" },
	"join": strings.Join,
	// snippet marks a search snippet as HTML: the store escapes its text
	// and adds only <mark> elements.
	"snippet": func(s string) template.HTML { return template.HTML(s) },
	"lower":   strings.ToLower,
	"month":   monthName,
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return one
		}
		return many
	},
	"f1":      func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
	"addf":    func(a, b float64) float64 { return a + b },
	"orempty": orDash,
}

// New returns the UI for st.
func New(st store.Store, opt Options) (*UI, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	u := &UI{st: st, opt: opt, pages: map[string]*template.Template{}, mux: http.NewServeMux()}
	u.ex, _ = st.(store.Explorer)
	// Load the gazetteer the map needs in the background, so that the
	// first map request does not wait for it.
	go areaKinds()
	names, err := fs.Glob(files, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" {
			continue
		}
		t, err := template.New(base).Funcs(funcs).ParseFS(files, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		u.pages[strings.TrimSuffix(base, ".html")] = t
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, err
	}
	fileServer := http.StripPrefix("/static/", http.FileServerFS(static))
	u.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		fileServer.ServeHTTP(w, r)
	}))
	u.mux.HandleFunc("GET /{$}", u.page(u.home))
	u.mux.HandleFunc("GET /doc/{id}", u.page(u.document))
	u.mux.HandleFunc("GET /entities", u.page(u.entities))
	u.mux.HandleFunc("GET /entity/{id}", u.page(u.entity))
	u.mux.HandleFunc("GET /quotes", u.page(u.quotes))
	u.mux.HandleFunc("GET /timeline", u.page(u.timeline))
	u.mux.HandleFunc("GET /places", u.page(u.places))
	u.mux.HandleFunc("GET /place", u.page(u.place))
	u.mux.HandleFunc("GET /graph", u.page(u.graph))
	u.mux.HandleFunc("GET /graph/edge", u.page(u.graphEdge))
	u.mux.HandleFunc("GET /graph/data", u.graphData)
	u.mux.HandleFunc("GET /stories", u.page(u.stories))
	u.mux.HandleFunc("GET /story/{id}", u.page(u.story))
	u.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			u.render(w, r, http.StatusMethodNotAllowed, "error", view{Title: "Not allowed", Data: "The web pages only answer GET requests."})
			return
		}
		u.render(w, r, http.StatusNotFound, "error", view{Title: "Not found", Data: "There is no page at this address."})
	})
	return u, nil
}

// ServeHTTP implements http.Handler.
func (u *UI) ServeHTTP(w http.ResponseWriter, r *http.Request) { u.mux.ServeHTTP(w, r) }

// view is what every template receives.
type view struct {
	Title   string
	Nav     string
	Query   string
	Version string
	// Scripts are the page's scripts under /static/, in order.
	Scripts []string
	// Styles are extra stylesheets under /static/.
	Styles []string
	Data   any
}

// notFound is a page error for an unknown ID: the message names what was
// asked for, in the user's words, never the store's.
type notFound struct{ what string }

func (e notFound) Error() string { return e.what }

// badRequest is a page error for a parameter the user can fix.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

// page adapts a handler returning a template name and view.
func (u *UI) page(h func(*http.Request) (string, view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
		defer cancel()
		name, v, err := h(r.WithContext(ctx))
		if err != nil {
			u.fail(w, r, err)
			return
		}
		u.render(w, r, http.StatusOK, name, v)
	}
}

// fail renders an error page. Messages are for the reader: what was not
// found or what to change, never internals; the log has the details.
func (u *UI) fail(w http.ResponseWriter, r *http.Request, err error) {
	var nf notFound
	var br badRequest
	status, msg := http.StatusInternalServerError, "Something went wrong on our side; the server log has the details."
	switch {
	case errors.As(err, &nf):
		status, msg = http.StatusNotFound, "There is no "+nf.what+"."
	case errors.As(err, &br):
		status, msg = http.StatusBadRequest, br.msg
	case errors.Is(err, store.ErrNotFound):
		status, msg = http.StatusNotFound, "There is no "+notFoundWhat(r.URL.Path)+"."
	case errors.Is(err, store.ErrBadQuery):
		status, msg = http.StatusBadRequest, userMessage(err)
	case errors.Is(err, context.DeadlineExceeded):
		status, msg = http.StatusServiceUnavailable, "The page took too long to build. Narrow the request and try again."
	default:
		u.opt.Logger.Error("page failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
	}
	u.render(w, r, status, "error", view{Title: http.StatusText(status), Data: msg})
}

// notFoundWhat names what a path asked for.
func notFoundWhat(path string) string {
	switch {
	case strings.HasPrefix(path, "/doc/"):
		return "article with this ID"
	case strings.HasPrefix(path, "/entity/"):
		return "entity with this ID"
	case strings.HasPrefix(path, "/story/"):
		return "story with this ID"
	case strings.HasPrefix(path, "/graph"), strings.HasPrefix(path, "/timeline"):
		return "entity with this ID"
	}
	return "such item"
}

// userMessage is the part of a bad-query error meant for the user, as a
// sentence.
func userMessage(err error) string {
	msg := store.UserMessage(err)
	if msg == "" {
		return "The request cannot be answered as asked."
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

func (u *UI) render(w http.ResponseWriter, r *http.Request, status int, name string, v view) {
	v.Version = u.opt.Version
	var buf bytes.Buffer
	if err := u.pages[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		u.opt.Logger.Error("template failed", "template", name, "path", r.URL.Path, "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte("The page could not be drawn; the server log has the details.\n"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// intParam reads a non-negative whole number parameter, or def.
func intParam(r *http.Request, name string, def int) int {
	n, err := strconv.Atoi(r.URL.Query().Get(name))
	if err != nil || n < 0 {
		return def
	}
	return n
}

func pageOf(r *http.Request) store.Page {
	p := store.Page{}
	p.Offset, _ = strconv.Atoi(r.URL.Query().Get("offset"))
	p.Limit, _ = strconv.Atoi(r.URL.Query().Get("limit"))
	return p.Norm()
}

// pager links the previous and next pages of a list.
type pager struct {
	Total, From, To int
	Prev, Next      string
	// Anchor is the id of the list, kept in the links.
	Anchor string
}

func newPager(r *http.Request, p store.Page, total, shown int) pager {
	return namedPager(r, "offset", "", p, total, shown)
}

// namedPager is a pager over the parameter param (several lists on one
// page each page on their own), linking back to #anchor.
func namedPager(r *http.Request, param, anchor string, p store.Page, total, shown int) pager {
	pg := pager{Total: total, From: p.Offset + 1, To: p.Offset + shown, Anchor: anchor}
	link := func(off int) string {
		q := r.URL.Query()
		q.Set(param, strconv.Itoa(off))
		s := r.URL.Path + "?" + q.Encode()
		if anchor != "" {
			s += "#" + anchor
		}
		return s
	}
	if p.Offset > 0 {
		pg.Prev = link(max(0, p.Offset-p.Limit))
	}
	if p.Offset+shown < total {
		pg.Next = link(p.Offset + p.Limit)
	}
	return pg
}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// monthName writes YYYY-MM as "May 2022" (other values unchanged).
func monthName(ym string) string {
	if len(ym) != 7 || ym[4] != '-' {
		return ym
	}
	m, err := strconv.Atoi(ym[5:])
	if err != nil || m < 1 || m > 12 {
		return ym
	}
	return months[m-1] + " " + ym[:4]
}
