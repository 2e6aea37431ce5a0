package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
	"github.com/newsgraph/newsgraph/internal/store"
)

const docCols = "d.id, d.title, d.published, d.outlet, d.url, d.path, d.ingested, d.chars"

type scanner interface{ Scan(dest ...any) error }

func scanDoc(r scanner, extra ...any) (store.DocSummary, error) {
	var d store.DocSummary
	dest := append([]any{&d.ID, &d.Title, &d.Published, &d.Outlet, &d.URL, &d.Path, &d.Ingested, &d.Chars}, extra...)
	return d, r.Scan(dest...)
}

// contains is an SQL condition that col contains the next argument,
// ignoring ASCII case as LIKE does. It is not LIKE because SQLite refuses
// LIKE patterns longer than 50,000 bytes ("LIKE or GLOB pattern too
// complex"), and a filter string from the web may be that long.
func contains(col string) string {
	return "instr(lower(" + col + "), lower(?)) > 0"
}

func (s *Store) docRowID(ctx context.Context, id string) (int64, error) {
	var doc int64
	err := s.r.QueryRowContext(ctx, "SELECT rowid FROM documents WHERE id = ?", id).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("document %q: %w", id, store.ErrNotFound)
	}
	return doc, err
}

// entityRowID returns the rowid of an existing global entity.
func (s *Store) entityRowID(ctx context.Context, id string) (int64, error) {
	g, ok := parseEntityID(id)
	if ok {
		var n int
		if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM entities WHERE rowid = ?", g).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			return g, nil
		}
	}
	return 0, fmt.Errorf("entity %q: %w", id, store.ErrNotFound)
}

// filterSQL returns the conditions (each beginning with " AND ") and
// arguments of a document filter on documents aliased d.
func filterSQL(f store.DocFilter) (string, []any, error) {
	var where string
	var args []any
	for _, v := range []struct{ name, val string }{{"from", f.From}, {"to", f.To}} {
		if v.val != "" && !validDate(v.val) {
			return "", nil, fmt.Errorf("%w: %s date %q is not YYYY, YYYY-MM or YYYY-MM-DD", store.ErrBadQuery, v.name, v.val)
		}
	}
	if f.From != "" {
		where += " AND d.published != '' AND d.published >= ?"
		args = append(args, f.From)
	}
	if f.To != "" {
		where += " AND d.published != '' AND substr(d.published, 1, ?) <= ?"
		args = append(args, len(f.To), f.To)
	}
	if f.Outlet != "" {
		where += " AND d.outlet = ? COLLATE NOCASE"
		args = append(args, f.Outlet)
	}
	return where, args, nil
}

// validDate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD.
func validDate(s string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(s)]
	if layout == "" {
		return false
	}
	// A real date: no month 13, no 30 February.
	_, err := time.Parse(layout, s)
	return err == nil
}

// Document implements [store.Store].
func (s *Store) Document(ctx context.Context, id string) (*store.Document, error) {
	var doc int64
	d := &store.Document{Entities: map[string]store.EntityRef{}}
	err := s.r.QueryRowContext(ctx, "SELECT rowid, record, ingested FROM documents WHERE id = ?", id).Scan(&doc, &d.Record, &d.Ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	if d.Record, err = store.UnpackRecord(d.Record); err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	d.Article = new(news.Article)
	if err := json.Unmarshal(d.Record, d.Article); err != nil {
		return nil, fmt.Errorf("sqlite: document %s: decoding record: %w", id, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT ed.local_id, e.rowid, e.name, e.type FROM entity_documents ed
		JOIN entities e ON e.rowid = ed.entity WHERE ed.doc = ?`, doc)
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var local, name, typ string
		var g int64
		if err := rows.Scan(&local, &g, &name, &typ); err != nil {
			return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
		}
		d.Entities[local] = store.EntityRef{ID: entityID(g), Name: name, Type: news.EntityType(typ)}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	mrows, err := s.r.QueryContext(ctx, "SELECT entity FROM mentions WHERE doc = ? ORDER BY rowid", doc)
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	defer mrows.Close()
	for mrows.Next() {
		var g sql.NullInt64
		if err := mrows.Scan(&g); err != nil {
			return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
		}
		ref := ""
		if g.Valid {
			ref = entityID(g.Int64)
		}
		d.MentionEntities = append(d.MentionEntities, ref)
	}
	if err := mrows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	err = s.r.QueryRowContext(ctx, `SELECT s.id FROM story_documents sd JOIN stories s ON s.rowid = sd.story WHERE sd.doc = ?`, doc).Scan(&d.Story)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: document %s: %w", id, err)
	}
	return d, nil
}

// Documents implements [store.Store].
func (s *Store) Documents(ctx context.Context, q store.DocQuery) (*store.DocList, error) {
	p := q.Page.Norm()
	out := &store.DocList{Page: p, Documents: []store.DocSummary{}}
	where, args := "1", []any{}
	if q.Entity != "" {
		g, err := s.entityRowID(ctx, q.Entity)
		if err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		where += " AND d.rowid IN (SELECT doc FROM entity_documents WHERE entity = ?)"
		args = append(args, g)
	}
	if q.Story != "" {
		where += " AND d.rowid IN (SELECT sd.doc FROM story_documents sd JOIN stories s ON s.rowid = sd.story WHERE s.id = ?)"
		args = append(args, q.Story)
	}
	fw, fargs, err := filterSQL(q.DocFilter)
	if err != nil {
		return nil, err
	}
	where += fw
	args = append(args, fargs...)
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM documents d WHERE "+where, args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+docCols+" FROM documents d WHERE "+where+
		" ORDER BY d.published DESC, d.rowid DESC LIMIT ? OFFSET ?", append(args, p.Limit, p.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: documents: %w", err)
		}
		out.Documents = append(out.Documents, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: documents: %w", err)
	}
	return out, nil
}

// Search implements [store.Store].
func (s *Store) Search(ctx context.Context, q store.SearchQuery) (*store.SearchResult, error) {
	p := q.Page.Norm()
	pq := store.ParseQuery(q.Text)
	match := ftsQuery(pq)
	if match == "" {
		return nil, fmt.Errorf("%w: the search %q has no words to look for", store.ErrBadQuery, q.Text)
	}
	fw, fargs, err := filterSQL(q.DocFilter)
	if err != nil {
		return nil, err
	}
	out := &store.SearchResult{Query: pq.String(), Page: p, Hits: []store.SearchHit{}}
	countQ := "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
	if fw != "" {
		countQ = "SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?" + fw
	}
	if err := s.r.QueryRowContext(ctx, countQ, append([]any{match}, fargs...)...).Scan(&out.Total); err != nil {
		return nil, searchErr(q.Text, err)
	}
	args := append([]any{store.MarkOpen, store.MarkClose, store.Ellipsis, match}, fargs...)
	rows, err := s.r.QueryContext(ctx, "SELECT "+docCols+`,
		snippet(documents_fts, 1, ?, ?, ?, 32), -bm25(documents_fts, 4.0, 1.0) AS score
		FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
		WHERE documents_fts MATCH ?`+fw+` ORDER BY score DESC, d.rowid LIMIT ? OFFSET ?`,
		append(args, p.Limit, p.Offset)...)
	if err != nil {
		return nil, searchErr(q.Text, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h store.SearchHit
		var snip string
		d, err := scanDoc(rows, &snip, &h.Score)
		if err != nil {
			return nil, searchErr(q.Text, err)
		}
		h.DocSummary, h.Snippet = d, store.SnippetHTML(snip)
		out.Hits = append(out.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, searchErr(q.Text, err)
	}
	return out, nil
}

// searchErr reports an FTS5 failure as a bad query: ftsQuery quotes every
// word, so this is a safety net, not a path user input should reach.
func searchErr(text string, err error) error {
	if strings.Contains(err.Error(), "fts5") {
		return fmt.Errorf("%w: cannot search for %q (%w)", store.ErrBadQuery, text, &store.Detail{Err: err})
	}
	return fmt.Errorf("sqlite: search %q: %w", text, err)
}

const entityCols = "e.rowid, e.name, e.type, e.country, e.mentions, e.documents"

func scanEntity(r scanner, extra ...any) (store.EntitySummary, error) {
	var e store.EntitySummary
	var g int64
	var typ string
	err := r.Scan(append([]any{&g, &e.Name, &typ, &e.Country, &e.Mentions, &e.Documents}, extra...)...)
	e.ID, e.Type = entityID(g), news.EntityType(typ)
	return e, err
}

// Entities implements [store.Store].
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) (*store.EntityList, error) {
	p := q.Page.Norm()
	out := &store.EntityList{Page: p, Entities: []store.EntitySummary{}}
	where, args := "1", []any{}
	if q.Name != "" {
		where += ` AND e.rowid IN (SELECT entity FROM entity_aliases WHERE ` + contains("alias") + `)`
		args = append(args, q.Name)
	}
	if q.Type != "" {
		where += " AND e.type = ?"
		args = append(args, string(q.Type))
	}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM entities e WHERE "+where, args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	rows, err := s.r.QueryContext(ctx, "SELECT "+entityCols+" FROM entities e WHERE "+where+
		" ORDER BY e.documents DESC, e.mentions DESC, e.rowid LIMIT ? OFFSET ?", append(args, p.Limit, p.Offset)...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntity(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: entities: %w", err)
		}
		out.Entities = append(out.Entities, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: entities: %w", err)
	}
	return out, nil
}

// Entity page limits.
const (
	entityArticles    = 100
	entityQuotes      = 100
	entityEvents      = 100
	entityCooccurring = 30
)

// Entity implements [store.Store].
func (s *Store) Entity(ctx context.Context, id string) (*store.EntityPage, error) {
	g, err := s.entityRowID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	fail := func(err error) (*store.EntityPage, error) {
		return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	pg := &store.EntityPage{Aliases: []store.Alias{}, Articles: []store.EntityArticle{},
		QuotesBy: []store.QuoteHit{}, QuotesAbout: []store.QuoteHit{}, Events: []store.EventHit{}, Cooccurring: []store.Cooccurrence{}}
	if pg.EntitySummary, err = scanEntity(s.r.QueryRowContext(ctx, "SELECT "+entityCols+" FROM entities e WHERE rowid = ?", g)); err != nil {
		return fail(err)
	}
	if err := s.each(ctx, "SELECT alias, documents FROM entity_aliases WHERE entity = ? ORDER BY documents DESC, alias", []any{g}, func(r *sql.Rows) error {
		var a store.Alias
		if err := r.Scan(&a.Name, &a.Documents); err != nil {
			return err
		}
		pg.Aliases = append(pg.Aliases, a)
		return nil
	}); err != nil {
		return fail(err)
	}
	if pg.Decisions, err = s.Decisions(ctx, id); err != nil {
		return fail(err)
	}
	merged := map[string]bool{}
	for _, d := range pg.Decisions {
		if d.Kind == "merge" && d.Entity == id {
			merged[resolve.Normalize(d.Name)] = true
		}
	}
	for i := range pg.Aliases {
		pg.Aliases[i].Evidence = resolve.Evidence(pg.Type, pg.Name, pg.Aliases[i].Name)
		if pg.Aliases[i].Evidence == "" && merged[resolve.Normalize(pg.Aliases[i].Name)] {
			pg.Aliases[i].Evidence = "merged by a user (newsgraph entity merge)"
		}
	}
	byDoc := map[int64]int{}
	if err := s.each(ctx, "SELECT d.rowid, "+docCols+` FROM entity_documents ed JOIN documents d ON d.rowid = ed.doc
		WHERE ed.entity = ? ORDER BY d.published DESC, d.rowid DESC LIMIT ?`, []any{g, entityArticles}, func(r *sql.Rows) error {
		var doc int64
		var d store.DocSummary
		if err := r.Scan(&doc, &d.ID, &d.Title, &d.Published, &d.Outlet, &d.URL, &d.Path, &d.Ingested, &d.Chars); err != nil {
			return err
		}
		byDoc[doc] = len(pg.Articles)
		pg.Articles = append(pg.Articles, store.EntityArticle{DocSummary: d, Mentions: []store.MentionRef{}})
		return nil
	}); err != nil {
		return fail(err)
	}
	if err := s.each(ctx, "SELECT doc, start_cp, end_cp, text FROM mentions WHERE entity = ? ORDER BY doc, start_cp", []any{g}, func(r *sql.Rows) error {
		var doc int64
		var m store.MentionRef
		if err := r.Scan(&doc, &m.Start, &m.End, &m.Text); err != nil {
			return err
		}
		if i, ok := byDoc[doc]; ok {
			pg.Articles[i].Mentions = append(pg.Articles[i].Mentions, m)
		}
		return nil
	}); err != nil {
		return fail(err)
	}
	if pg.QuotesBy, err = s.quotes(ctx, "q.speaker = ?", []any{g}, entityQuotes, 0); err != nil {
		return fail(err)
	}
	if pg.QuotesAbout, err = s.quotes(ctx, "q.rowid IN (SELECT quote FROM quote_about WHERE entity = ?)", []any{g}, entityQuotes, 0); err != nil {
		return fail(err)
	}
	if pg.Events, err = s.events(ctx, "(ev.actor = ? OR ev.target = ?)", []any{g, g}, entityEvents, 0); err != nil {
		return fail(err)
	}
	if pg.Cooccurring, err = s.cooccurring(ctx, g, entityCooccurring); err != nil {
		return fail(err)
	}
	return pg, nil
}

func (s *Store) cooccurring(ctx context.Context, g int64, limit int) ([]store.Cooccurrence, error) {
	out := []store.Cooccurrence{}
	err := s.each(ctx, "SELECT "+entityCols+`, count(*) AS shared FROM entity_documents a
		JOIN entity_documents b ON b.doc = a.doc AND b.entity != a.entity
		JOIN entities e ON e.rowid = b.entity
		WHERE a.entity = ? GROUP BY b.entity ORDER BY shared DESC, e.documents DESC, e.rowid LIMIT ?`, []any{g, limit}, func(r *sql.Rows) error {
		var c store.Cooccurrence
		var err error
		c.EntitySummary, err = scanEntity(r, &c.Shared)
		out = append(out, c)
		return err
	})
	return out, err
}

// each runs a read query and calls fn for every row.
func (s *Store) each(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

const quoteSelect = `SELECT d.id, d.title, d.published, q.start_cp, q.end_cp, q.text, q.speaker,
	COALESCE(e.name, ''), q.speaker_name, q.cue, q.kind, q.confidence
	FROM quotes q JOIN documents d ON d.rowid = q.doc LEFT JOIN entities e ON e.rowid = q.speaker`

func (s *Store) quotes(ctx context.Context, where string, args []any, limit, offset int) ([]store.QuoteHit, error) {
	out := []store.QuoteHit{}
	q := quoteSelect + " WHERE " + where + " ORDER BY d.published DESC, d.rowid, q.start_cp"
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(offset)
	}
	err := s.each(ctx, q, args, func(r *sql.Rows) error {
		h, err := scanQuote(r)
		out = append(out, h)
		return err
	})
	return out, err
}

func scanQuote(r scanner) (store.QuoteHit, error) {
	var h store.QuoteHit
	var speaker sql.NullInt64
	var globalName, localName, kind string
	err := r.Scan(&h.Document, &h.DocumentTitle, &h.Published, &h.Start, &h.End, &h.Text, &speaker,
		&globalName, &localName, &h.Cue, &kind, &h.Confidence)
	if speaker.Valid {
		h.Speaker = entityID(speaker.Int64)
	}
	h.SpeakerName, h.Kind = localName, news.QuoteKind(kind)
	if h.SpeakerName == "" {
		h.SpeakerName = globalName
	}
	return h, err
}

// Quotes implements [store.Store].
func (s *Store) Quotes(ctx context.Context, q store.QuoteQuery) (*store.QuoteList, error) {
	p := q.Page.Norm()
	where, args := "1", []any{}
	if q.Speaker != "" {
		if g, err := s.entityRowID(ctx, q.Speaker); err == nil {
			where += " AND q.speaker = ?"
			args = append(args, g)
		} else {
			where += ` AND (q.speaker IN (SELECT entity FROM entity_aliases WHERE ` + contains("alias") + `) OR ` + contains("q.speaker_name") + `)`
			args = append(args, q.Speaker, q.Speaker)
		}
	}
	if q.Document != "" {
		doc, err := s.docRowID(ctx, q.Document)
		if err != nil {
			return nil, fmt.Errorf("sqlite: quotes: %w", err)
		}
		where += " AND q.doc = ?"
		args = append(args, doc)
	}
	out := &store.QuoteList{Page: p}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM quotes q WHERE "+where, args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	var err error
	if out.Quotes, err = s.quotes(ctx, where, args, p.Limit, p.Offset); err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	return out, nil
}

const eventSelect = `SELECT ev.id, d.id, d.title, d.published, ev.event, ev.evidence
	FROM events ev JOIN documents d ON d.rowid = ev.doc`

func (s *Store) events(ctx context.Context, where string, args []any, limit, offset int) ([]store.EventHit, error) {
	out := []store.EventHit{}
	q := eventSelect + " WHERE " + where + " ORDER BY ev.date DESC, d.published DESC, ev.rowid"
	if limit > 0 {
		q += " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(offset)
	}
	err := s.each(ctx, q, args, func(r *sql.Rows) error {
		h, err := scanEvent(r)
		out = append(out, h)
		return err
	})
	return out, err
}

func scanEvent(r scanner) (store.EventHit, error) {
	var h store.EventHit
	var ev []byte
	if err := r.Scan(&h.ID, &h.Document, &h.DocumentTitle, &h.Published, &ev, &h.Evidence); err != nil {
		return h, err
	}
	if err := json.Unmarshal(ev, &h.Event); err != nil {
		return h, fmt.Errorf("decoding event: %w", err)
	}
	return h, nil
}

// Events implements [store.Store].
func (s *Store) Events(ctx context.Context, q store.EventQuery) (*store.EventList, error) {
	p := q.Page.Norm()
	where, args := "1", []any{}
	if q.Type != "" {
		where += " AND ev.type = ?"
		args = append(args, strings.ToUpper(q.Type))
	}
	if q.Entity != "" {
		g, err := s.entityRowID(ctx, q.Entity)
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		where += " AND (ev.actor = ? OR ev.target = ?)"
		args = append(args, g, g)
	}
	if q.Document != "" {
		doc, err := s.docRowID(ctx, q.Document)
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		where += " AND ev.doc = ?"
		args = append(args, doc)
	}
	if !q.AllStatus {
		where += " AND " + shownStatus
	}
	out := &store.EventList{Page: p}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM events ev WHERE "+where, args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	var err error
	if out.Events, err = s.events(ctx, where, args, p.Limit, p.Offset); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return out, nil
}

// shownStatus selects the events shown by default: asserted and reported
// ones (news.ShownByDefault; records without a status are asserted).
const shownStatus = "coalesce(json_extract(ev.event, '$.status'), '') IN ('', 'asserted', 'reported')"

// shownStatusBare is shownStatus for queries that do not alias the table.
const shownStatusBare = "coalesce(json_extract(event, '$.status'), '') IN ('', 'asserted', 'reported')"

// Timeline implements [store.Store].
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) (*store.Timeline, error) {
	n := map[string]int{"day": 10, "month": 7, "year": 4}
	bucket := q.Bucket
	if bucket == "" {
		bucket = "month"
	}
	width, ok := n[bucket]
	if !ok {
		return nil, fmt.Errorf("%w: bucket %q is not day, month or year", store.ErrBadQuery, q.Bucket)
	}
	out := &store.Timeline{Bucket: bucket, Entity: q.Entity, Periods: []store.TimeBucket{}}
	docWhere, evWhere, args := "", "", []any{width}
	if q.Entity != "" {
		g, err := s.entityRowID(ctx, q.Entity)
		if err != nil {
			return nil, fmt.Errorf("sqlite: timeline: %w", err)
		}
		docWhere = " AND rowid IN (SELECT doc FROM entity_documents WHERE entity = ?2)"
		evWhere = " AND (actor = ?2 OR target = ?2)"
		args = append(args, g)
	}
	periods := map[string]*store.TimeBucket{}
	get := func(p string) *store.TimeBucket {
		b := periods[p]
		if b == nil {
			b = &store.TimeBucket{Period: p}
			periods[p] = b
		}
		return b
	}
	// Dates look like 2022, 2022-05 or 2022-05-21; TIMEX values like 186X
	// or 2022-W20 are left out.
	const datePat = "'[0-9][0-9][0-9][0-9]*'"
	if err := s.each(ctx, `SELECT substr(published, 1, ?1) p, count(*) FROM documents
		WHERE length(published) >= ?1 AND published GLOB `+datePat+docWhere+` GROUP BY p`, args, func(r *sql.Rows) error {
		var p string
		var c int
		err := r.Scan(&p, &c)
		get(p).Documents += c
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: timeline: %w", err)
	}
	if err := s.each(ctx, `SELECT substr(date, 1, ?1) p, count(*) FROM events
		WHERE length(date) >= ?1 AND date GLOB `+datePat+evWhere+` AND `+shownStatusBare+` GROUP BY p`, args, func(r *sql.Rows) error {
		var p string
		var c int
		err := r.Scan(&p, &c)
		get(p).Events += c
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: timeline: %w", err)
	}
	for _, b := range periods {
		if validPeriod(b.Period) {
			out.Periods = append(out.Periods, *b)
		}
	}
	sort.Slice(out.Periods, func(i, j int) bool { return out.Periods[i].Period < out.Periods[j].Period })
	return out, nil
}

// validPeriod reports whether p is made of digits and dashes only.
func validPeriod(p string) bool {
	for _, c := range p {
		if (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return p != "" && !strings.HasSuffix(p, "-")
}

// placeDocs caps the documents listed under each place.
const placeDocs = 20

// Places implements [store.Store].
func (s *Store) Places(ctx context.Context, q store.PlaceQuery) (*store.PlaceList, error) {
	p := q.Page.Norm()
	where, args := "1", []any{}
	if q.Country != "" {
		where += " AND country = ?"
		args = append(args, strings.ToUpper(q.Country))
	}
	const key = "CASE WHEN geonames > 0 THEN CAST(geonames AS TEXT) ELSE name || '|' || country END"
	out := &store.PlaceList{Page: p, Places: []store.PlaceCount{}}
	if err := s.r.QueryRowContext(ctx, "SELECT count(DISTINCT "+key+") FROM places WHERE "+where, args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	var docLists []string
	if err := s.each(ctx, `SELECT max(name), max(country), avg(lat), avg(lon), max(geonames), count(*) AS n, group_concat(DISTINCT doc)
		FROM places WHERE `+where+` GROUP BY `+key+` ORDER BY n DESC, max(name) LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset), func(r *sql.Rows) error {
		var pc store.PlaceCount
		var docs string
		if err := r.Scan(&pc.Name, &pc.Country, &pc.Lat, &pc.Lon, &pc.GeoNames, &pc.Mentions, &docs); err != nil {
			return err
		}
		pc.Documents = []store.DocSummary{}
		out.Places = append(out.Places, pc)
		docLists = append(docLists, docs)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("sqlite: places: %w", err)
	}
	for i, list := range docLists {
		ids := strings.Split(list, ",")
		if len(ids) > placeDocs {
			ids = ids[:placeDocs]
		}
		args := make([]any, 0, len(ids))
		for _, id := range ids {
			if n, err := strconv.ParseInt(id, 10, 64); err == nil {
				args = append(args, n)
			}
		}
		if len(args) == 0 {
			continue
		}
		if err := s.each(ctx, "SELECT "+docCols+" FROM documents d WHERE d.rowid IN ("+placeholders(len(args))+
			") ORDER BY d.published DESC, d.rowid DESC", args, func(r *sql.Rows) error {
			d, err := scanDoc(r)
			out.Places[i].Documents = append(out.Places[i].Documents, d)
			return err
		}); err != nil {
			return nil, fmt.Errorf("sqlite: places: %w", err)
		}
	}
	return out, nil
}

// Stories implements [store.Store].
func (s *Store) Stories(ctx context.Context, pg store.Page) (*store.StoryList, error) {
	p := pg.Norm()
	out := &store.StoryList{Page: p, Stories: []news.Story{}}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM stories").Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	var rowids []int64
	if err := s.each(ctx, `SELECT s.rowid, s.id, s.title FROM stories s JOIN story_documents sd ON sd.story = s.rowid
		GROUP BY s.rowid ORDER BY count(*) DESC, s.updated DESC, s.rowid LIMIT ? OFFSET ?`, []any{p.Limit, p.Offset}, func(r *sql.Rows) error {
		var st news.Story
		var id int64
		if err := r.Scan(&id, &st.ID, &st.Title); err != nil {
			return err
		}
		rowids = append(rowids, id)
		out.Stories = append(out.Stories, st)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	for i, id := range rowids {
		if err := s.fillStory(ctx, id, &out.Stories[i], nil); err != nil {
			return nil, fmt.Errorf("sqlite: stories: %w", err)
		}
	}
	return out, nil
}

// fillStory sets the documents, outlets and duplicates of a story, and
// appends the documents' summaries to docs when it is not nil.
func (s *Store) fillStory(ctx context.Context, story int64, st *news.Story, docs *[]store.DocSummary) error {
	st.Documents, st.Outlets = []string{}, []string{}
	outlets := map[string]bool{}
	return s.each(ctx, "SELECT "+docCols+`, sd.duplicate_of FROM story_documents sd JOIN documents d ON d.rowid = sd.doc
		WHERE sd.story = ? ORDER BY d.published, d.rowid`, []any{story}, func(r *sql.Rows) error {
		var dup string
		d, err := scanDoc(r, &dup)
		if err != nil {
			return err
		}
		st.Documents = append(st.Documents, d.ID)
		if o := outletOf(d); o != "" && !outlets[o] && dup == "" {
			outlets[o] = true
			st.Outlets = append(st.Outlets, o)
		}
		if dup != "" {
			if st.Duplicates == nil {
				st.Duplicates = map[string]string{}
			}
			st.Duplicates[d.ID] = dup
		}
		if docs != nil {
			*docs = append(*docs, d)
		}
		return nil
	})
}

// outletOf names a document's outlet: its outlet, else the host of its URL
// without "www.", else "" (unknown: a file name is not an outlet).
func outletOf(d store.DocSummary) string {
	if d.Outlet != "" {
		return d.Outlet
	}
	if u, err := url.Parse(d.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return ""
}

// Story implements [store.Store].
func (s *Store) Story(ctx context.Context, id string) (*store.StoryPage, error) {
	var rowid int64
	pg := &store.StoryPage{Articles: []store.DocSummary{}}
	err := s.r.QueryRowContext(ctx, "SELECT rowid, id, title FROM stories WHERE id = ?", id).Scan(&rowid, &pg.ID, &pg.Title)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: story %s: %w", id, err)
	}
	if err := s.fillStory(ctx, rowid, &pg.Story, &pg.Articles); err != nil {
		return nil, fmt.Errorf("sqlite: story %s: %w", id, err)
	}
	return pg, nil
}

// Graph implements [store.Store].
func (s *Store) Graph(ctx context.Context, q store.GraphQuery) (*store.Graph, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, store.MaxLimit)
	g := &store.Graph{Nodes: []store.GraphNode{}, Edges: []store.GraphEdge{}}
	var ids []any
	if q.Entity != "" {
		center, err := s.entityRowID(ctx, q.Entity)
		if err != nil {
			return nil, fmt.Errorf("sqlite: graph: %w", err)
		}
		e, err := scanEntity(s.r.QueryRowContext(ctx, "SELECT "+entityCols+" FROM entities e WHERE rowid = ?", center))
		if err != nil {
			return nil, fmt.Errorf("sqlite: graph: %w", err)
		}
		g.Nodes = append(g.Nodes, store.GraphNode{EntitySummary: e})
		ids = append(ids, center)
		co, err := s.cooccurring(ctx, center, limit-1)
		if err != nil {
			return nil, fmt.Errorf("sqlite: graph: %w", err)
		}
		for _, c := range co {
			g.Nodes = append(g.Nodes, store.GraphNode{EntitySummary: c.EntitySummary})
			n, _ := parseEntityID(c.ID)
			ids = append(ids, n)
		}
	} else {
		if err := s.each(ctx, "SELECT "+entityCols+" FROM entities e ORDER BY e.documents DESC, e.mentions DESC, e.rowid LIMIT ?", []any{limit}, func(r *sql.Rows) error {
			e, err := scanEntity(r)
			g.Nodes = append(g.Nodes, store.GraphNode{EntitySummary: e})
			n, _ := parseEntityID(e.ID)
			ids = append(ids, n)
			return err
		}); err != nil {
			return nil, fmt.Errorf("sqlite: graph: %w", err)
		}
	}
	if len(ids) == 0 {
		return g, nil
	}
	set := placeholders(len(ids))
	args := append(append([]any{}, ids...), ids...)
	if err := s.each(ctx, `SELECT a.entity, b.entity, count(*) FROM entity_documents a
		JOIN entity_documents b ON b.doc = a.doc AND a.entity < b.entity
		WHERE a.entity IN (`+set+`) AND b.entity IN (`+set+`) GROUP BY a.entity, b.entity ORDER BY 3 DESC`, args, func(r *sql.Rows) error {
		var a, b int64
		e := store.GraphEdge{Kind: "cooccur"}
		err := r.Scan(&a, &b, &e.Weight)
		e.Source, e.Target = entityID(a), entityID(b)
		g.Edges = append(g.Edges, e)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	if err := s.each(ctx, `SELECT actor, target, group_concat(DISTINCT type), count(*) FROM events
		WHERE actor IN (`+set+`) AND target IN (`+set+`) GROUP BY actor, target ORDER BY 4 DESC`, args, func(r *sql.Rows) error {
		var a, b int64
		var types string
		e := store.GraphEdge{Kind: "event"}
		err := r.Scan(&a, &b, &types, &e.Weight)
		e.Source, e.Target = entityID(a), entityID(b)
		e.Types = strings.Split(types, ",")
		sort.Strings(e.Types)
		g.Edges = append(g.Edges, e)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	return g, nil
}

// Stats implements [store.Store].
func (s *Store) Stats(ctx context.Context) (*store.Stats, error) {
	st := &store.Stats{}
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM places),
		(SELECT count(*) FROM stories)`).Scan(&st.Documents, &st.Entities, &st.Mentions, &st.Quotes, &st.Events, &st.Places, &st.Stories)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	if err := s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&st.Format); err != nil {
		return nil, fmt.Errorf("sqlite: stats: %w", err)
	}
	return st, nil
}

// Export implements [store.Store].
func (s *Store) Export(ctx context.Context, x store.Exporter) error {
	fail := func(what string, err error) error { return fmt.Errorf("sqlite: exporting %s: %w", what, err) }
	if x.Document != nil {
		if err := s.each(ctx, "SELECT id, record FROM documents ORDER BY rowid", nil, func(r *sql.Rows) error {
			var id string
			var rec []byte
			if err := r.Scan(&id, &rec); err != nil {
				return err
			}
			js, err := store.UnpackRecord(rec)
			if err != nil {
				return fmt.Errorf("document %s: %w", id, err)
			}
			return x.Document(id, js)
		}); err != nil {
			return fail("documents", err)
		}
	}
	if x.Entity != nil {
		if err := s.each(ctx, `SELECT e.rowid, e.name, e.type, e.country, e.mentions,
			(SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity = e.rowid ORDER BY documents DESC, alias)),
			(SELECT json_group_array(id) FROM (SELECT d.id FROM entity_documents ed JOIN documents d ON d.rowid = ed.doc WHERE ed.entity = e.rowid ORDER BY d.rowid))
			FROM entities e ORDER BY e.rowid`, nil, func(r *sql.Rows) error {
			var g int64
			var e news.Entity
			var typ, aliases, docs string
			if err := r.Scan(&g, &e.Name, &typ, &e.Country, &e.Mentions, &aliases, &docs); err != nil {
				return err
			}
			e.ID, e.Type = entityID(g), news.EntityType(typ)
			var all []string
			if err := json.Unmarshal([]byte(aliases), &all); err != nil {
				return err
			}
			e.Aliases = []string{}
			for _, a := range all {
				if a != e.Name {
					e.Aliases = append(e.Aliases, a)
				}
			}
			if err := json.Unmarshal([]byte(docs), &e.Documents); err != nil {
				return err
			}
			return x.Entity(e)
		}); err != nil {
			return fail("entities", err)
		}
	}
	if x.Quote != nil {
		if err := s.each(ctx, quoteSelect+" ORDER BY q.doc, q.rowid", nil, func(r *sql.Rows) error {
			h, err := scanQuote(r)
			if err != nil {
				return err
			}
			return x.Quote(h)
		}); err != nil {
			return fail("quotes", err)
		}
	}
	if x.Event != nil {
		if err := s.each(ctx, eventSelect+" ORDER BY ev.doc, ev.rowid", nil, func(r *sql.Rows) error {
			h, err := scanEvent(r)
			if err != nil {
				return err
			}
			return x.Event(h)
		}); err != nil {
			return fail("events", err)
		}
	}
	if x.Story != nil {
		var rowids []int64
		var stories []news.Story
		if err := s.each(ctx, "SELECT rowid, id, title FROM stories ORDER BY rowid", nil, func(r *sql.Rows) error {
			var id int64
			var st news.Story
			err := r.Scan(&id, &st.ID, &st.Title)
			rowids = append(rowids, id)
			stories = append(stories, st)
			return err
		}); err != nil {
			return fail("stories", err)
		}
		for i := range stories {
			if err := s.fillStory(ctx, rowids[i], &stories[i], nil); err != nil {
				return fail("stories", err)
			}
			if err := x.Story(stories[i]); err != nil {
				return fail("stories", err)
			}
		}
	}
	return nil
}
