package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
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
	// The matching documents (a sample of FacetScan when there are more:
	// ranking them all would cost as much as the search itself) into a
	// list of rowids that the facet queries share.
	args := append([]any{match}, fargs...)
	var rowids []any
	if err := s.each(ctx, `SELECT d.rowid FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
		WHERE documents_fts MATCH ?`+fw+` LIMIT ?`, append(args, store.FacetScan+1), func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		rowids = append(rowids, id)
		return err
	}); err != nil {
		return nil, searchErr(q.Text, err)
	}
	if len(rowids) > store.FacetScan {
		rowids, out.More = rowids[:store.FacetScan], true
	}
	out.Scanned = len(rowids)
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
	// The year bounds repeat the test in a form the date index can use.
	if from != "" {
		where += " AND " + col + " >= ? AND " + col + " >= substr(?, 1, length(" + col + "))"
		args = append(args, from[:4], from)
	}
	if to != "" {
		y, _ := strconv.Atoi(to[:4])
		where += " AND " + col + " < ? AND substr(" + col + ", 1, ?) <= ?"
		args = append(args, strconv.Itoa(y+1), len(to), to)
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
	evWhere = datedExpr("ev.date") + evWhere + " AND " + shownStatus // asserted and reported events (docs/events.md)
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
	// Three ordered queries (events, dates in the text, photo dates: once
	// per article and date, however many photos), each walking its date
	// index, merged here; counts stop at DatedCountCap.
	type ref struct {
		kind, date string
		doc, id    int64
	}
	arms := []struct {
		kind, q string
		args    []any
	}{
		{"event", `SELECT ev.date, ev.doc, ev.rowid FROM events ev WHERE ` + evWhere + ` ORDER BY ev.date, ev.rowid`, evArgs},
		{"time", `SELECT t.value, t.doc, t.rowid FROM times t WHERE t.start_cp >= 0 AND ` + tWhere + ` ORDER BY t.value, t.rowid`, tArgs},
		{"photo", `SELECT t.value, t.doc, min(t.rowid) FROM times t WHERE t.start_cp < 0 AND ` + tWhere + ` GROUP BY t.value, t.doc ORDER BY t.value, t.doc`, tArgs},
	}
	out := &store.DatedList{Page: p, Items: []store.DatedItem{}}
	var refs []ref
	for _, arm := range arms {
		var n int
		if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM ("+arm.q+" LIMIT ?)", append(append([]any{}, arm.args...), store.DatedCountCap+1)...).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlite: dated: %w", err)
		}
		out.Total += n
		if err := s.each(ctx, arm.q+" LIMIT ?", append(append([]any{}, arm.args...), p.Offset+p.Limit), func(r *sql.Rows) error {
			x := ref{kind: arm.kind}
			err := r.Scan(&x.date, &x.doc, &x.id)
			refs = append(refs, x)
			return err
		}); err != nil {
			return nil, fmt.Errorf("sqlite: dated: %w", err)
		}
	}
	out.Total = min(out.Total, store.DatedCountCap+1)
	order := map[string]int{"event": 0, "time": 1, "photo": 2}
	sort.SliceStable(refs, func(i, j int) bool {
		if refs[i].date != refs[j].date {
			return refs[i].date < refs[j].date
		}
		return order[refs[i].kind] < order[refs[j].kind]
	})
	if p.Offset >= len(refs) {
		refs = nil
	} else {
		refs = refs[p.Offset:min(len(refs), p.Offset+p.Limit)]
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

// PlaceEvents implements [store.Explorer]: the latest events whose place
// the geo stage linked, with the coordinates that place has in the same
// article. It looks at the latest stored events only (four times the
// page), so that its cost does not grow with the store.
func (s *Store) PlaceEvents(ctx context.Context, q store.PlaceQuery) ([]store.PlacedEvent, error) {
	p := q.Page.Norm()
	out := []store.PlacedEvent{}
	skipped := 0
	rows, err := s.r.QueryContext(ctx, eventSelect+` WHERE ev.rowid IN (SELECT rowid FROM events ORDER BY rowid DESC LIMIT ?)
		ORDER BY ev.rowid DESC`, 4*(p.Offset+p.Limit)+50)
	if err != nil {
		return nil, fmt.Errorf("sqlite: place events: %w", err)
	}
	type pending struct {
		h   store.EventHit
		doc string
	}
	var evs []pending
	for rows.Next() && len(evs) < 4*(p.Offset+p.Limit)+50 {
		h, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: place events: %w", err)
		}
		if h.Place != "" {
			evs = append(evs, pending{h: h, doc: h.Document})
		}
	}
	rows.Close()
	for _, e := range evs {
		if len(out) >= p.Limit {
			break
		}
		g, ok := parseEntityID(e.h.Place)
		if !ok {
			continue
		}
		pe := store.PlacedEvent{EventHit: e.h}
		err := s.r.QueryRowContext(ctx, `SELECT p.lat, p.lon, p.country FROM places p INDEXED BY places_doc
			WHERE p.doc = (SELECT rowid FROM documents WHERE id = ?) AND p.entity = ? LIMIT 1`, e.doc, g).Scan(&pe.Lat, &pe.Lon, &pe.Country)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: place events: %w", err)
		}
		if q.Country != "" && !strings.EqualFold(pe.Country, q.Country) {
			continue
		}
		if skipped < p.Offset {
			skipped++
			continue
		}
		out = append(out, pe)
	}
	return out, nil
}

// MapPlaces implements [store.Explorer] from place_stats, which the write
// path keeps (migration 004).
func (s *Store) MapPlaces(ctx context.Context, q store.PlaceQuery) (*store.PlaceList, error) {
	p := q.Page.Norm()
	where, args := "1", []any{}
	if q.Country != "" {
		where += " AND country = ?"
		args = append(args, strings.ToUpper(q.Country))
	}
	out := &store.PlaceList{Page: p, Places: []store.PlaceCount{}}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM place_stats WHERE "+where, args...).Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: map places: %w", err)
	}
	if err := s.each(ctx, `SELECT name, country, lat, lon, geonames, mentions, documents FROM place_stats WHERE `+where+`
		ORDER BY mentions DESC, name LIMIT ? OFFSET ?`, append(args, p.Limit, p.Offset), func(r *sql.Rows) error {
		var pc store.PlaceCount
		var docs int
		if err := r.Scan(&pc.Name, &pc.Country, &pc.Lat, &pc.Lon, &pc.GeoNames, &pc.Mentions, &docs); err != nil {
			return err
		}
		// Documents holds only a count here: empty summaries, one per
		// article, so that len() is the number of articles.
		pc.Documents = make([]store.DocSummary, docs)
		out.Places = append(out.Places, pc)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("sqlite: map places: %w", err)
	}
	return out, nil
}

// EgoGraph implements [store.Explorer].
func (s *Store) EgoGraph(ctx context.Context, centre string, limit int) (*store.Graph, error) {
	if limit <= 0 || limit > store.MaxLimit {
		limit = 50
	}
	c, err := s.entityRowID(ctx, centre)
	if err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	g := &store.Graph{Nodes: []store.GraphNode{}, Edges: []store.GraphEdge{}}
	e, err := scanEntity(s.r.QueryRowContext(ctx, "SELECT "+entityCols+" FROM entities e WHERE rowid = ?", c))
	if err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	g.Nodes = append(g.Nodes, store.GraphNode{EntitySummary: e})
	ids := []any{c}
	if err := s.each(ctx, "SELECT "+entityCols+`, n FROM (SELECT b.entity AS id, count(*) AS n FROM entity_documents a
		JOIN entity_documents b ON b.doc = a.doc AND b.entity != a.entity WHERE a.entity = ? GROUP BY b.entity ORDER BY n DESC, b.entity LIMIT ?) x
		JOIN entities e ON e.rowid = x.id ORDER BY n DESC, e.rowid`, []any{c, limit - 1}, func(r *sql.Rows) error {
		var n int
		e, err := scanEntity(r, &n)
		g.Nodes = append(g.Nodes, store.GraphNode{EntitySummary: e})
		id, _ := parseEntityID(e.ID)
		ids = append(ids, id)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	set := placeholders(len(ids))
	args := append(append([]any{c}, ids...), ids...)
	if err := s.each(ctx, `SELECT x.entity, y.entity, count(*) FROM entity_documents k
		JOIN entity_documents x ON x.doc = k.doc JOIN entity_documents y ON y.doc = k.doc AND x.entity < y.entity
		WHERE k.entity = ? AND x.entity IN (`+set+`) AND y.entity IN (`+set+`) GROUP BY x.entity, y.entity ORDER BY 3 DESC`, args, func(r *sql.Rows) error {
		var a, b int64
		ed := store.GraphEdge{Kind: "cooccur"}
		err := r.Scan(&a, &b, &ed.Weight)
		ed.Source, ed.Target = entityID(a), entityID(b)
		g.Edges = append(g.Edges, ed)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	// Events between them, as reported in the centre's articles (like the
	// co-occurrences).
	args = append(append([]any{c}, ids...), ids...)
	if err := s.each(ctx, `SELECT actor, target, group_concat(DISTINCT type), count(*) FROM events INDEXED BY events_doc
		WHERE doc IN (SELECT doc FROM entity_documents WHERE entity = ?) AND actor IN (`+set+`) AND target IN (`+set+`)
		GROUP BY actor, target ORDER BY 4 DESC`, args, func(r *sql.Rows) error {
		var a, b int64
		var types string
		ed := store.GraphEdge{Kind: "event"}
		err := r.Scan(&a, &b, &types, &ed.Weight)
		ed.Source, ed.Target = entityID(a), entityID(b)
		ed.Types = strings.Split(types, ",")
		sort.Strings(ed.Types)
		g.Edges = append(g.Edges, ed)
		return err
	}); err != nil {
		return nil, fmt.Errorf("sqlite: graph: %w", err)
	}
	return g, nil
}

// EntitySummary implements [store.Explorer].
func (s *Store) EntitySummary(ctx context.Context, id string) (*store.EntitySummary, error) {
	g, err := s.entityRowID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	e, err := scanEntity(s.r.QueryRowContext(ctx, "SELECT "+entityCols+" FROM entities e WHERE rowid = ?", g))
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity %s: %w", id, err)
	}
	return &e, nil
}

// SharedDocuments implements [store.Explorer].
func (s *Store) SharedDocuments(ctx context.Context, a, b string, limit int) ([]string, error) {
	ga, err := s.entityRowID(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	gb, err := s.entityRowID(ctx, b)
	if err != nil {
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	var out []string
	err = s.each(ctx, `SELECT d.id FROM entity_documents x JOIN entity_documents y ON y.doc = x.doc AND y.entity = ?
		JOIN documents d ON d.rowid = x.doc WHERE x.entity = ? ORDER BY x.doc DESC LIMIT ?`, []any{gb, ga, limit}, func(r *sql.Rows) error {
		var id string
		err := r.Scan(&id)
		out = append(out, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: shared documents: %w", err)
	}
	return out, nil
}

// EventsOf implements [store.Explorer].
func (s *Store) EventsOf(ctx context.Context, a, b string, limit int) ([]store.EventHit, error) {
	ga, err := s.entityRowID(ctx, a)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	where, args := "(ev.actor = ? AND ev.target IS NULL) OR (ev.target = ? AND ev.actor IS NULL)", []any{ga, ga}
	if b != "" {
		gb, err := s.entityRowID(ctx, b)
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		where, args = "ev.actor = ? AND ev.target = ?", []any{ga, gb}
	}
	var out []store.EventHit
	err = s.each(ctx, eventSelect+" WHERE "+where+" ORDER BY ev.rowid DESC LIMIT ?", append(args, limit), func(r *sql.Rows) error {
		h, err := scanEvent(r)
		out = append(out, h)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return out, nil
}

// Counts implements [store.Explorer].
func (s *Store) Counts(ctx context.Context) (*store.Stats, error) {
	st := &store.Stats{Format: FormatVersion}
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM entities),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM place_stats), (SELECT count(*) FROM stories)`).
		Scan(&st.Documents, &st.Entities, &st.Quotes, &st.Events, &st.Places, &st.Stories)
	if err != nil {
		return nil, fmt.Errorf("sqlite: counts: %w", err)
	}
	return st, nil
}

// RecentQuotes implements [store.Explorer].
func (s *Store) RecentQuotes(ctx context.Context, pg store.Page) (*store.QuoteList, error) {
	p := pg.Norm()
	out := &store.QuoteList{Page: p, Quotes: []store.QuoteHit{}}
	if err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM quotes").Scan(&out.Total); err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
	}
	err := s.each(ctx, quoteSelect+" WHERE q.rowid IN (SELECT rowid FROM quotes ORDER BY rowid DESC LIMIT ? OFFSET ?) ORDER BY q.rowid DESC",
		[]any{p.Limit, p.Offset}, func(r *sql.Rows) error {
			h, err := scanQuote(r)
			out.Quotes = append(out.Quotes, h)
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("sqlite: quotes: %w", err)
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
	err := s.each(ctx, "SELECT "+docCols+", p.start_cp, p.end_cp, p.text FROM places p INDEXED BY places_key JOIN documents d ON d.rowid = p.doc WHERE "+where+
		" ORDER BY p.rowid DESC LIMIT ?", append(args, limit), func(r *sql.Rows) error {
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
