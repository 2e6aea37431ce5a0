// Package server is newsgraph's JSON API, /api/v1, over a [store.Store].
// docs/api.md documents every endpoint. Errors are JSON objects
//
//	{"error": {"status": 404, "message": "document \"x\": not found"}}
//
// with the matching HTTP status: 400 for bad parameters, 404 for unknown
// IDs and paths, 405 for methods other than GET and HEAD, 413 for bodies
// over [MaxBodyBytes], 500 for failures of the store (logged, with a
// generic message).
package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Limits.
const (
	// MaxBodyBytes caps request bodies.
	MaxBodyBytes = 1 << 20
	// MaxQueryBytes caps the length of a search query.
	MaxQueryBytes = 1000
	// RequestTimeout bounds the work of one request.
	RequestTimeout = 30 * time.Second
)

// Options configures [New].
type Options struct {
	// Logger receives store failures; nil discards them.
	Logger *slog.Logger
	// Version is reported by /api/v1/health.
	Version string
}

// Server serves /api/v1. It is an http.Handler, safe for concurrent use.
type Server struct {
	st  store.Store
	opt Options
	mux *http.ServeMux
}

// New returns the API server for st.
func New(st store.Store, opt Options) *Server {
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{st: st, opt: opt, mux: http.NewServeMux()}
	routes := map[string]func(*http.Request) (any, error){
		"/api/v1/health":               s.health,
		"/api/v1/documents":            s.documents,
		"/api/v1/documents/{id}":       s.document,
		"/api/v1/search":               s.search,
		"/api/v1/entities":             s.entities,
		"/api/v1/entities/{id}":        s.entity,
		"/api/v1/quotes":               s.quotes,
		"/api/v1/events":               s.events,
		"/api/v1/timeline":             s.timeline,
		"/api/v1/places":               s.places,
		"/api/v1/stories":              s.stories,
		"/api/v1/stories/{id}":         s.story,
		"/api/v1/stories/{id}/compare": s.compare,
		"/api/v1/graph":                s.graph,
	}
	for pattern, h := range routes {
		s.mux.Handle(pattern, s.endpoint(h))
	}
	s.mux.HandleFunc("/api/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s", r.URL.Path))
	})
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mux.ServeHTTP(w, r)
}

// apiError is an error with an HTTP status.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// endpoint adapts a handler that returns a value to encode as JSON.
func (s *Server) endpoint(h func(*http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed; the API is read-only (GET)", r.Method))
			return
		}
		if r.ContentLength > MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", MaxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		ctx, cancel := context.WithTimeout(r.Context(), RequestTimeout)
		defer cancel()
		v, err := h(r.WithContext(ctx))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, v)
	})
}

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var ae *apiError
	switch {
	case errors.As(err, &ae):
		writeError(w, ae.status, ae.msg)
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, store.UserMessage(err))
	case errors.Is(err, store.ErrBadQuery):
		writeError(w, http.StatusBadRequest, store.UserMessage(err))
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusServiceUnavailable, "the request took too long")
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads the answer.
	default:
		s.opt.Logger.Error("api request failed", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error; the server log has details")
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "encoding the response failed")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// ErrorBody is the JSON body of every error response.
type ErrorBody struct {
	Error struct {
		Status  int    `json:"status"`
		Message string `json:"message"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	var body ErrorBody
	body.Error.Status, body.Error.Message = status, msg
	b, _ := json.Marshal(body)
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// page reads offset and limit.
func page(r *http.Request) (store.Page, error) {
	var p store.Page
	q := r.URL.Query()
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, badRequest("offset must be a whole number ≥ 0, not %q", v)
		}
		p.Offset = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > store.MaxLimit {
			return p, badRequest("limit must be a whole number from 1 to %d, not %q", store.MaxLimit, v)
		}
		p.Limit = n
	}
	return p.Norm(), nil
}

// filter reads from, to and outlet.
func filter(r *http.Request) store.DocFilter {
	q := r.URL.Query()
	return store.DocFilter{From: q.Get("from"), To: q.Get("to"), Outlet: q.Get("outlet")}
}

// Health is the body of /api/v1/health.
type Health struct {
	Status  string       `json:"status"`
	Version string       `json:"version"`
	Store   *store.Stats `json:"store"`
}

func (s *Server) health(r *http.Request) (any, error) {
	st, err := s.st.Stats(r.Context())
	if err != nil {
		return nil, err
	}
	return Health{Status: "ok", Version: s.opt.Version, Store: st}, nil
}

func (s *Server) documents(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	return s.st.Documents(r.Context(), store.DocQuery{Page: p, DocFilter: filter(r), Entity: q.Get("entity"), Story: q.Get("story")})
}

// DocumentBody is the body of /api/v1/documents/{id}.
type DocumentBody struct {
	// Document is the annotate record (DESIGN §3).
	Document json.RawMessage `json:"document"`
	// Entities maps the record's document-local entity IDs to global ones.
	Entities map[string]store.EntityRef `json:"entities"`
	// MentionEntities holds the global entity of each of the record's
	// mentions, in order ("" for none).
	MentionEntities []string `json:"mention_entities"`
	Story           string   `json:"story,omitempty"`
	Ingested        string   `json:"ingested"`
}

func (s *Server) document(r *http.Request) (any, error) {
	d, err := s.st.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	me := d.MentionEntities
	if me == nil {
		me = []string{}
	}
	return DocumentBody{Document: d.Record, Entities: d.Entities, MentionEntities: me, Story: d.Story, Ingested: d.Ingested}, nil
}

func (s *Server) search(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query().Get("q")
	if strings.TrimSpace(q) == "" {
		return nil, badRequest("give a search with ?q=")
	}
	if len(q) > MaxQueryBytes {
		return nil, badRequest("the search is over %d bytes", MaxQueryBytes)
	}
	return s.st.Search(r.Context(), store.SearchQuery{Text: q, Page: p, DocFilter: filter(r)})
}

func (s *Server) entities(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	typ := news.EntityType(strings.ToUpper(q.Get("type")))
	if typ != "" && !entityTypes[typ] {
		return nil, badRequest("type must be one of %s, not %q", strings.Join(sortedKeys(entityTypes), ", "), q.Get("type"))
	}
	return s.st.Entities(r.Context(), store.EntityQuery{Page: p, Name: q.Get("name"), Type: typ})
}

func (s *Server) entity(r *http.Request) (any, error) {
	return s.st.Entity(r.Context(), r.PathValue("id"))
}

func (s *Server) quotes(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	return s.st.Quotes(r.Context(), store.QuoteQuery{Page: p, Speaker: q.Get("speaker"), Document: q.Get("document")})
}

func (s *Server) events(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	q := r.URL.Query()
	typ := strings.ToUpper(q.Get("type"))
	if typ != "" && !eventTypes[typ] {
		return nil, badRequest("type must be a PLOVER category (%s), not %q", strings.Join(sortedKeys(eventTypes), ", "), q.Get("type"))
	}
	return s.st.Events(r.Context(), store.EventQuery{Page: p, Type: typ, Entity: q.Get("entity"), Document: q.Get("document"), AllStatus: q.Get("status") == "all"})
}

// entityTypes are the types an entity filter accepts.
var entityTypes = map[news.EntityType]bool{news.Person: true, news.Org: true, news.GPE: true, news.Loc: true, news.NORP: true,
	news.Fac: true, news.EventType: true, news.WorkOfArt: true, news.Law: true, news.Misc: true}

// eventTypes are PLOVER's sixteen event categories.
var eventTypes = map[string]bool{"AGREE": true, "CONSULT": true, "SUPPORT": true, "CONCEDE": true, "COOPERATE": true, "AID": true,
	"RETREAT": true, "REQUEST": true, "ACCUSE": true, "REJECT": true, "THREATEN": true, "PROTEST": true, "SANCTION": true,
	"MOBILIZE": true, "COERCE": true, "ASSAULT": true}

func sortedKeys[K ~string](m map[K]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, string(k))
	}
	sort.Strings(out)
	return out
}

func (s *Server) timeline(r *http.Request) (any, error) {
	q := r.URL.Query()
	return s.st.Timeline(r.Context(), store.TimelineQuery{Entity: q.Get("entity"), Bucket: q.Get("bucket")})
}

func (s *Server) places(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	return s.st.Places(r.Context(), store.PlaceQuery{Page: p, Country: r.URL.Query().Get("country")})
}

func (s *Server) stories(r *http.Request) (any, error) {
	p, err := page(r)
	if err != nil {
		return nil, err
	}
	return s.st.Stories(r.Context(), p)
}

func (s *Server) story(r *http.Request) (any, error) {
	return s.st.Story(r.Context(), r.PathValue("id"))
}

func (s *Server) graph(r *http.Request) (any, error) {
	q := r.URL.Query()
	limit := 0
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > store.MaxLimit {
			return nil, badRequest("limit must be a whole number from 1 to %d, not %q", store.MaxLimit, v)
		}
		limit = n
	}
	return s.st.Graph(r.Context(), store.GraphQuery{Entity: q.Get("entity"), Limit: limit})
}
