package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

var _ store.Explorer = (*Store)(nil)

// Facets implements [store.Explorer]: it counts the best-ranked
// [store.FacetScan] matches of the search.
func (s *Store) Facets(ctx context.Context, q store.SearchQuery) (*store.Facets, error) {
	match := ftsQuery(store.ParseQuery(q.Text))
	if match == "" {
		return nil, fmt.Errorf("%w: the search %q has no words to look for", store.ErrBadQuery, q.Text)
	}
	fw, fargs, err := filterSQL(q.DocFilter)
	if err != nil {
		return nil, err
	}
	out := &store.Facets{Outlets: []store.Facet{}, Years: []store.Facet{}, Entities: []store.Facet{}, Types: []store.Facet{}}
	// The matching documents, best first, into a temporary list of rowids
	// that the facet queries share.
	args := append([]any{match}, fargs...)
	var rowids []any
	if err := s.each(ctx, `SELECT d.rowid FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
		WHERE documents_fts MATCH ?`+fw+` ORDER BY bm25(documents_fts, 4.0, 1.0) LIMIT ?`, append(args, store.FacetScan+1), func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		rowids = append(rowids, id)
		return err
	}); err != nil {
		return nil, searchErr(q.Text, err)
	}
	out.Scanned = min(len(rowids), store.FacetScan)
	out.Total = len(rowids)
	if len(rowids) > store.FacetScan {
		rowids = rowids[:store.FacetScan]
		if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?"+fw, args...).Scan(&out.Total); err != nil {
			return nil, searchErr(q.Text, err)
		}
	}
	if len(rowids) == 0 {
		return out, nil
	}
	set := placeholders(len(rowids))
	facet := func(query string, dst *[]store.Facet) error {
		return s.each(ctx, query, rowids, func(r *sql.Rows) error {
			var f store.Facet
			err := r.Scan(&f.Value, &f.Label, &f.Count)
			*dst = append(*dst, f)
			return err
		})
	}
	if err := facet(`SELECT outlet, outlet, count(*) FROM documents WHERE rowid IN (`+set+`) GROUP BY outlet ORDER BY 3 DESC, 1 LIMIT 12`, &out.Outlets); err != nil {
		return nil, fmt.Errorf("sqlite: facets: %w", err)
	}
	if err := facet(`SELECT substr(published, 1, 4), substr(published, 1, 4), count(*) FROM documents WHERE rowid IN (`+set+`) GROUP BY 1 ORDER BY 1 DESC LIMIT 30`, &out.Years); err != nil {
		return nil, fmt.Errorf("sqlite: facets: %w", err)
	}
	if err := facet(`SELECT e.type, e.type, count(DISTINCT ed.doc) FROM entity_documents ed JOIN entities e ON e.rowid = ed.entity
		WHERE ed.doc IN (`+set+`) GROUP BY e.type ORDER BY 3 DESC LIMIT 12`, &out.Types); err != nil {
		return nil, fmt.Errorf("sqlite: facets: %w", err)
	}
	if err := s.each(ctx, `SELECT ed.entity, e.name, count(*) FROM entity_documents ed JOIN entities e ON e.rowid = ed.entity
		WHERE ed.doc IN (`+set+`) GROUP BY ed.entity ORDER BY 3 DESC, e.documents DESC LIMIT 12`, rowids, func(r *sql.Rows) error {
		var f store.Facet
		var g int64
		err := r.Scan(&g, &f.Label, &f.Count)
		f.Value = entityID(g)
		out.Entities = append(out.Entities, f)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: facets: %w", err)
	}
	return out, nil
}

// SuggestEntities implements [store.Explorer]: a name matches when it or
// one of its words begins with the prefix.
func (s *Store) SuggestEntities(ctx context.Context, prefix string, limit int) ([]store.EntitySummary, error) {
	out := []store.EntitySummary{}
	prefix = strings.TrimSpace(prefix)
	if prefix == "" {
		return out, nil
	}
	if limit <= 0 || limit > store.MaxLimit {
		limit = 10
	}
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	pat := r.Replace(prefix) + "%"
	err := s.each(ctx, "SELECT "+entityCols+` FROM entities e WHERE e.rowid IN
		(SELECT entity FROM entity_aliases WHERE alias LIKE ? ESCAPE '\' OR alias LIKE ? ESCAPE '\'
		 UNION SELECT rowid FROM entities WHERE name LIKE ? ESCAPE '\' OR name LIKE ? ESCAPE '\')
		ORDER BY e.documents DESC, e.mentions DESC, e.rowid LIMIT ?`, []any{pat, "% " + pat, pat, "% " + pat, limit}, func(r *sql.Rows) error {
		e, err := scanEntity(r)
		out = append(out, e)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: suggest %q: %w", prefix, err)
	}
	return out, nil
}

// dateRange returns SQL conditions on column col (a date YYYY, YYYY-MM or
// YYYY-MM-DD) for the periods that overlap [from, to].
func dateRange(col, from, to string) (string, []any, error) {
	var where string
	var args []any
	for _, v := range []struct{ name, val string }{{"from", from}, {"to", to}} {
		if v.val != "" && !validDate(v.val) {
			return "", nil, fmt.Errorf("%w: %s date %q is not YYYY, YYYY-MM or YYYY-MM-DD", store.ErrBadQuery, v.name, v.val)
		}
	}
	// A period P overlaps [from, to] when P's end ≥ from and P's start ≤ to:
	// comparing prefixes of equal length does both for any precision.
	if from != "" {
		where += " AND " + col + " >= substr(?, 1, length(" + col + "))"
		args = append(args, from)
	}
	if to != "" {
		where += " AND substr(" + col + ", 1, ?) <= ?"
		args = append(args, len(to), to)
	}
	return where, args, nil
}

// datedExpr keeps values that are plain dates: YYYY, YYYY-MM or
// YYYY-MM-DD.
func datedExpr(col string) string {
	return "(" + col + " GLOB '[0-9][0-9][0-9][0-9]' OR " + col + " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]' OR " +
		col + " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')"
}

// Dated implements [store.Explorer].
func (s *Store) Dated(ctx context.Context, q store.DatedQuery) (*store.DatedList, error) {
	p := q.Page.Norm()
	evWhere, evArgs, err := dateRange("ev.date", q.From, q.To)
	if err != nil {
		return nil, err
	}
	tWhere, tArgs, _ := dateRange("t.value", q.From, q.To)
	evWhere = datedExpr("ev.date") + evWhere
	tWhere = datedExpr("t.value") + tWhere
	if q.Entity != "" {
		g, err := s.entityRowID(ctx, q.Entity)
		if err != nil {
			return nil, fmt.Errorf("sqlite: dated: %w", err)
		}
		evWhere += " AND (ev.actor = ? OR ev.target = ?)"
		evArgs = append(evArgs, g, g)
		tWhere += " AND t.doc IN (SELECT doc FROM entity_documents WHERE entity = ?)"
		tArgs = append(tArgs, g)
	}
	if q.Type != "" {
		evWhere += " AND ev.type = ?"
		evArgs = append(evArgs, strings.ToUpper(q.Type))
		tWhere += " AND 0"
	}
	// Photo dates count once per article and date, however many photos.
	union := `SELECT 'event' AS kind, ev.date AS date, ev.doc AS doc, ev.rowid AS id FROM events ev WHERE ` + evWhere + `
		UNION ALL SELECT 'time', t.value, t.doc, t.rowid FROM times t WHERE t.start_cp >= 0 AND ` + tWhere + `
		UNION ALL SELECT 'photo', t.value, t.doc, min(t.rowid) FROM times t WHERE t.start_cp < 0 AND ` + tWhere + ` GROUP BY t.doc, t.value`
	args := append(append(append([]any{}, evArgs...), tArgs...), tArgs...)
	out := &store.DatedList{Page: p, Items: []store.DatedItem{}}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM ("+union+")", args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: dated: %w", err)
	}
	type ref struct {
		kind, date string
		doc, id    int64
	}
	var refs []ref
	if err := s.each(ctx, "SELECT kind, date, doc, id FROM ("+union+") ORDER BY date, kind, doc, id LIMIT ? OFFSET ?",
		append(args, p.Limit, p.Offset), func(r *sql.Rows) error {
			var x ref
			err := r.Scan(&x.kind, &x.date, &x.doc, &x.id)
			refs = append(refs, x)
			return err
		}); err != nil {
		return nil, fmt.Errorf("sqlite: dated: %w", err)
	}
	for _, x := range refs {
		it := store.DatedItem{Kind: x.kind, Date: x.date}
		if x.kind == "event" {
			h, err := scanEvent(s.r.QueryRowContext(ctx, eventSelect+" WHERE ev.rowid = ?", x.id))
			if err != nil {
				return nil, fmt.Errorf("sqlite: dated: %w", err)
			}
			it.Event = &h
			it.Document, it.DocumentTitle = h.Document, h.DocumentTitle
			it.Start, it.End = h.Trigger.Start, h.Trigger.End
		} else if err := s.r.QueryRowContext(ctx, `SELECT d.id, d.title, t.text, t.start_cp, t.end_cp FROM times t
			JOIN documents d ON d.rowid = t.doc WHERE t.rowid = ?`, x.id).Scan(&it.Document, &it.DocumentTitle, &it.Text, &it.Start, &it.End); err != nil {
			return nil, fmt.Errorf("sqlite: dated: %w", err)
		}
		out.Items = append(out.Items, it)
	}
	return out, nil
}

// EntityEvents implements [store.Explorer].
func (s *Store) EntityEvents(ctx context.Context, entity, role string, pg store.Page) (*store.EventList, error) {
	p := pg.Norm()
	g, err := s.entityRowID(ctx, entity)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	col := "ev.actor"
	switch role {
	case "actor":
	case "target":
		col = "ev.target"
	default:
		return nil, fmt.Errorf("%w: role %q is not actor or target", store.ErrBadQuery, role)
	}
	out := &store.EventList{Page: p}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM events ev WHERE "+col+" = ?", g).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	if out.Events, err = s.events(ctx, col+" = ?", []any{g}, p.Limit, p.Offset); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return out, nil
}

// ReportedMonths implements [store.Explorer].
func (s *Store) ReportedMonths(ctx context.Context, ids []string) (map[string]string, error) {
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	counts := map[string]map[string]int{}
	if err := s.each(ctx, `SELECT d.id, substr(t.value, 1, 7) FROM times t JOIN documents d ON d.rowid = t.doc
		WHERE d.id IN (`+placeholders(len(ids))+`) AND (t.value GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*')`, args, func(r *sql.Rows) error {
		var id, month string
		if err := r.Scan(&id, &month); err != nil {
			return err
		}
		if counts[id] == nil {
			counts[id] = map[string]int{}
		}
		counts[id][month]++
		return nil
	}); err != nil {
		return nil, fmt.Errorf("sqlite: reported months: %w", err)
	}
	for id, c := range counts {
		best, n := "", 0
		for m, k := range c {
			if k > n || k == n && m > best {
				best, n = m, k
			}
		}
		out[id] = best
	}
	return out, nil
}

// PlaceEvents implements [store.Explorer]. An event's place is the global
// entity the geo stage linked; its coordinates are those of the places
// resolved to that entity.
func (s *Store) PlaceEvents(ctx context.Context, q store.PlaceQuery) ([]store.PlacedEvent, error) {
	p := q.Page.Norm()
	where, args := "", []any{}
	if q.Country != "" {
		where = " AND pl.country = ?"
		args = append(args, strings.ToUpper(q.Country))
	}
	type ref struct {
		id       int64
		lat, lon float64
		country  string
	}
	var refs []ref
	if err := s.each(ctx, `SELECT ev.rowid, pl.lat, pl.lon, pl.country FROM events ev
		JOIN (SELECT entity, avg(lat) AS lat, avg(lon) AS lon, max(country) AS country FROM places WHERE entity IS NOT NULL GROUP BY entity) pl
		ON pl.entity = CAST(substr(json_extract(ev.event, '$.place'), 2) AS INTEGER)
		WHERE json_extract(ev.event, '$.place') IS NOT NULL`+where+` ORDER BY ev.rowid DESC LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset), func(r *sql.Rows) error {
		var x ref
		err := r.Scan(&x.id, &x.lat, &x.lon, &x.country)
		refs = append(refs, x)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: place events: %w", err)
	}
	out := []store.PlacedEvent{}
	for _, x := range refs {
		h, err := scanEvent(s.r.QueryRowContext(ctx, eventSelect+" WHERE ev.rowid = ?", x.id))
		if err != nil {
			return nil, fmt.Errorf("sqlite: place events: %w", err)
		}
		out = append(out, store.PlacedEvent{EventHit: h, Lat: x.lat, Lon: x.lon, Country: x.country})
	}
	return out, nil
}

// PlaceMentions implements [store.Explorer].
func (s *Store) PlaceMentions(ctx context.Context, key store.PlaceKey, limit int) ([]store.PlaceMention, error) {
	if limit <= 0 || limit > store.MaxLimit {
		limit = store.DefaultLimit
	}
	where, args := "p.geonames = ?", []any{key.GeoNames}
	if key.GeoNames <= 0 {
		where, args = "p.name = ? AND p.country = ?", []any{key.Name, strings.ToUpper(key.Country)}
	}
	out := []store.PlaceMention{}
	err := s.each(ctx, "SELECT "+docCols+", p.start_cp, p.end_cp, p.text FROM places p JOIN documents d ON d.rowid = p.doc WHERE "+where+
		" ORDER BY d.published DESC, d.rowid DESC, p.start_cp LIMIT ?", append(args, limit), func(r *sql.Rows) error {
		var m store.PlaceMention
		d, err := scanDoc(r, &m.Start, &m.End, &m.Text)
		m.DocSummary = d
		out = append(out, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: place mentions: %w", err)
	}
	return out, nil
}
