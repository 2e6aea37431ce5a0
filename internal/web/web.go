// Package web is newsgraph's HTML interface: server-rendered pages from
// html/template over a [store.Store], with the templates and the one
// stylesheet embedded in the binary. It needs no JavaScript and loads
// nothing from other sites, so it works offline.
//
// Pages: / (search and the article list), /doc/{id} (an article's clean
// text with its annotations highlighted, its captions and, set apart, what
// cleaning removed), /entities and /entity/{id}, /quotes, /timeline,
// /places (a map drawn as SVG from coordinates, with a table), /graph,
// /stories and /story/{id} (how each outlet told the story).
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

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed templates/*.html static/*
var files embed.FS

// Options configures [New].
type Options struct {
	Logger  *slog.Logger
	Version string
}

// UI serves the HTML pages. It is an http.Handler, safe for concurrent
// use.
type UI struct {
	st    store.Store
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
}

// New returns the UI for st.
func New(st store.Store, opt Options) (*UI, error) {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	u := &UI{st: st, opt: opt, pages: map[string]*template.Template{}, mux: http.NewServeMux()}
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
	u.mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	u.mux.HandleFunc("GET /{$}", u.page(u.home))
	u.mux.HandleFunc("GET /doc/{id}", u.page(u.document))
	u.mux.HandleFunc("GET /entities", u.page(u.entities))
	u.mux.HandleFunc("GET /entity/{id}", u.page(u.entity))
	u.mux.HandleFunc("GET /quotes", u.page(u.quotes))
	u.mux.HandleFunc("GET /timeline", u.page(u.timeline))
	u.mux.HandleFunc("GET /places", u.page(u.places))
	u.mux.HandleFunc("GET /graph", u.page(u.graph))
	u.mux.HandleFunc("GET /stories", u.page(u.stories))
	u.mux.HandleFunc("GET /story/{id}", u.page(u.story))
	u.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		u.render(w, http.StatusNotFound, "error", view{Title: "Not found", Data: "No page " + r.URL.Path})
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
	Data    any
}

// page adapts a handler returning a template name and view.
func (u *UI) page(h func(*http.Request) (string, view, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 30*time.Second)
		defer cancel()
		name, v, err := h(r.WithContext(ctx))
		if err != nil {
			status, msg := http.StatusInternalServerError, "Something went wrong; the server log has details."
			switch {
			case errors.Is(err, store.ErrNotFound):
				status, msg = http.StatusNotFound, "Not found: "+strings.TrimSuffix(store.UserMessage(err), " not found")
			case errors.Is(err, store.ErrBadQuery):
				status, msg = http.StatusBadRequest, store.UserMessage(err)
			default:
				u.opt.Logger.Error("page failed", "path", r.URL.Path, "err", err)
			}
			u.render(w, status, "error", view{Title: http.StatusText(status), Data: msg})
			return
		}
		u.render(w, http.StatusOK, name, v)
	}
}

func (u *UI) render(w http.ResponseWriter, status int, name string, v view) {
	v.Version = u.opt.Version
	var buf bytes.Buffer
	if err := u.pages[name].ExecuteTemplate(&buf, "layout", v); err != nil {
		u.opt.Logger.Error("template failed", "template", name, "err", err)
		http.Error(w, "template error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; img-src 'self' data:")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
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
}

func newPager(r *http.Request, p store.Page, total, shown int) pager {
	pg := pager{Total: total, From: p.Offset + 1, To: p.Offset + shown}
	link := func(off int) string {
		q := r.URL.Query()
		q.Set("offset", strconv.Itoa(off))
		return r.URL.Path + "?" + q.Encode()
	}
	if p.Offset > 0 {
		pg.Prev = link(max(0, p.Offset-p.Limit))
	}
	if p.Offset+shown < total {
		pg.Next = link(p.Offset + p.Limit)
	}
	return pg
}

type homeData struct {
	From, To, Outlet string
	Search           *store.SearchResult
	Docs             *store.DocList
	Stats            *store.Stats
	Pager            pager
	Error            string
}

func (u *UI) home(r *http.Request) (string, view, error) {
	ctx := r.Context()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := pageOf(r)
	d := homeData{}
	var err error
	if d.Stats, err = u.st.Stats(ctx); err != nil {
		return "", view{}, err
	}
	if q != "" {
		f := store.DocFilter{From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to"), Outlet: r.URL.Query().Get("outlet")}
		d.From, d.To, d.Outlet = f.From, f.To, f.Outlet
		d.Search, err = u.st.Search(ctx, store.SearchQuery{Text: q, Page: p, DocFilter: f})
		if errors.Is(err, store.ErrBadQuery) {
			d.Error, err = "Cannot search: "+strings.TrimPrefix(err.Error(), "store: bad query: "), nil
		}
		if err != nil {
			return "", view{}, err
		}
		if d.Search != nil {
			d.Pager = newPager(r, p, d.Search.Total, len(d.Search.Hits))
		}
		return "home", view{Title: q + " – search", Nav: "home", Query: q, Data: d}, nil
	}
	if d.Docs, err = u.st.Documents(ctx, store.DocQuery{Page: p}); err != nil {
		return "", view{}, err
	}
	d.Pager = newPager(r, p, d.Docs.Total, len(d.Docs.Documents))
	return "home", view{Title: "Articles", Nav: "home", Data: d}, nil
}

type docData struct {
	Doc      *store.Document
	A        *news.Article
	Body     template.HTML
	Entities []store.EntityRef
	Quotes   []store.QuoteHit
	Events   []store.EventHit
	Legend   []string
}

func (u *UI) document(r *http.Request) (string, view, error) {
	ctx := r.Context()
	d, err := u.st.Document(ctx, r.PathValue("id"))
	if err != nil {
		return "", view{}, err
	}
	qs, err := u.st.Quotes(ctx, store.QuoteQuery{Document: d.Article.ID, Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		return "", view{}, err
	}
	evs, err := u.st.Events(ctx, store.EventQuery{Document: d.Article.ID, Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		return "", view{}, err
	}
	data := docData{Doc: d, A: d.Article, Body: annotatedHTML(d), Quotes: qs.Quotes, Events: evs.Events}
	seen := map[string]bool{}
	for _, id := range d.MentionEntities {
		if id != "" && !seen[id] {
			seen[id] = true
		}
	}
	for _, ref := range d.Entities {
		if seen[ref.ID] {
			data.Entities = append(data.Entities, ref)
			seen[ref.ID] = false
		}
	}
	sortRefs(data.Entities)
	title := d.Article.Title
	if title == "" {
		title = d.Article.ID
	}
	return "document", view{Title: title, Nav: "home", Data: data}, nil
}

func sortRefs(refs []store.EntityRef) {
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && (refs[j].Type < refs[j-1].Type || refs[j].Type == refs[j-1].Type && refs[j].Name < refs[j-1].Name); j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}

type listData struct {
	Entities *store.EntityList
	Pager    pager
	Name     string
	Type     string
	Types    []news.EntityType
}

func (u *UI) entities(r *http.Request) (string, view, error) {
	p := pageOf(r)
	name, typ := r.URL.Query().Get("name"), strings.ToUpper(r.URL.Query().Get("type"))
	l, err := u.st.Entities(r.Context(), store.EntityQuery{Page: p, Name: name, Type: news.EntityType(typ)})
	if err != nil {
		return "", view{}, err
	}
	return "entities", view{Title: "Entities", Nav: "entities", Data: listData{Entities: l, Pager: newPager(r, p, l.Total, len(l.Entities)), Name: name, Type: typ,
		Types: []news.EntityType{news.Person, news.Org, news.GPE, news.Loc, news.NORP, news.Fac, news.EventType, news.Misc}}}, nil
}

type entityData struct {
	E        *store.EntityPage
	Timeline *store.Timeline
	MaxCount int
}

func (u *UI) entity(r *http.Request) (string, view, error) {
	ctx := r.Context()
	e, err := u.st.Entity(ctx, r.PathValue("id"))
	if err != nil {
		return "", view{}, err
	}
	tl, err := u.st.Timeline(ctx, store.TimelineQuery{Entity: e.ID, Bucket: "month"})
	if err != nil {
		return "", view{}, err
	}
	return "entity", view{Title: e.Name, Nav: "entities", Data: entityData{E: e, Timeline: tl, MaxCount: maxCount(tl)}}, nil
}

func maxCount(tl *store.Timeline) int {
	m := 0
	for _, p := range tl.Periods {
		m = max(m, p.Documents, p.Events)
	}
	return m
}

type quotesData struct {
	Quotes  *store.QuoteList
	Pager   pager
	Speaker string
}

func (u *UI) quotes(r *http.Request) (string, view, error) {
	p := pageOf(r)
	sp := r.URL.Query().Get("speaker")
	l, err := u.st.Quotes(r.Context(), store.QuoteQuery{Page: p, Speaker: sp})
	if err != nil {
		return "", view{}, err
	}
	return "quotes", view{Title: "Quotes", Nav: "quotes", Data: quotesData{Quotes: l, Pager: newPager(r, p, l.Total, len(l.Quotes)), Speaker: sp}}, nil
}

type timelineData struct {
	T        *store.Timeline
	MaxCount int
	Events   *store.EventList
}

func (u *UI) timeline(r *http.Request) (string, view, error) {
	ctx := r.Context()
	bucket := r.URL.Query().Get("bucket")
	tl, err := u.st.Timeline(ctx, store.TimelineQuery{Bucket: bucket, Entity: r.URL.Query().Get("entity")})
	if err != nil {
		return "", view{}, err
	}
	evs, err := u.st.Events(ctx, store.EventQuery{Entity: r.URL.Query().Get("entity"), Page: store.Page{Limit: 100}})
	if err != nil {
		return "", view{}, err
	}
	return "timeline", view{Title: "Timeline", Nav: "timeline", Data: timelineData{T: tl, MaxCount: maxCount(tl), Events: evs}}, nil
}

type placesData struct {
	Places *store.PlaceList
	Points []point
	Land   string // SVG path data of the basemap
}

type point struct {
	X, Y, R float64
	Label   string
}

func (u *UI) places(r *http.Request) (string, view, error) {
	l, err := u.st.Places(r.Context(), store.PlaceQuery{Page: store.Page{Limit: store.MaxLimit}, Country: r.URL.Query().Get("country")})
	if err != nil {
		return "", view{}, err
	}
	d := placesData{Places: l}
	if d.Land, err = landPath(); err != nil {
		u.opt.Logger.Error("basemap failed", "err", err) // the map still shows the places
	}
	maxN := 1
	for _, p := range l.Places {
		maxN = max(maxN, p.Mentions)
	}
	for _, p := range l.Places {
		// Equirectangular projection onto a 720×360 view box.
		d.Points = append(d.Points, point{X: (p.Lon + 180) * 2, Y: (90 - p.Lat) * 2, R: 2 + 8*float64(p.Mentions)/float64(maxN),
			Label: fmt.Sprintf("%s (%s): %d mentions", p.Name, p.Country, p.Mentions)})
	}
	return "places", view{Title: "Places", Nav: "places", Data: d}, nil
}

func (u *UI) graph(r *http.Request) (string, view, error) {
	g, err := u.st.Graph(r.Context(), store.GraphQuery{Entity: r.URL.Query().Get("entity"), Limit: 40})
	if err != nil {
		return "", view{}, err
	}
	return "graph", view{Title: "Graph", Nav: "graph", Data: layoutGraph(g)}, nil
}

type storiesData struct {
	Stories *store.StoryList
	Pager   pager
}

func (u *UI) stories(r *http.Request) (string, view, error) {
	p := pageOf(r)
	l, err := u.st.Stories(r.Context(), p)
	if err != nil {
		return "", view{}, err
	}
	return "stories", view{Title: "Stories", Nav: "stories", Data: storiesData{Stories: l, Pager: newPager(r, p, l.Total, len(l.Stories))}}, nil
}

func (u *UI) story(r *http.Request) (string, view, error) {
	s, err := u.st.Story(r.Context(), r.PathValue("id"))
	if err != nil {
		return "", view{}, err
	}
	cmp, err := server.Compare(r.Context(), u.st, s.ID)
	if err != nil {
		return "", view{}, err
	}
	return "story", view{Title: s.Title, Nav: "stories", Data: storyData{S: s, Compare: cmp}}, nil
}

type storyData struct {
	S       *store.StoryPage
	Compare *server.Comparison
}
