package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
	"github.com/newsgraph/newsgraph/internal/store"
)

// maxCandidates caps the global entities one blocking key may return.
const maxCandidates = 200

// Put implements [store.Store].
func (s *Store) Put(ctx context.Context, a *news.Article) (bool, error) {
	c, err := s.PutMany(ctx, []*news.Article{a})
	if err != nil {
		return false, err
	}
	return c[0], nil
}

// PutMany implements [store.Store].
func (s *Store) PutMany(ctx context.Context, as []*news.Article) ([]bool, error) {
	created := make([]bool, len(as))
	if len(as) == 0 {
		return created, nil
	}
	// Encode outside the lock and the transaction.
	recs := make([][]byte, len(as))
	for i, a := range as {
		if a == nil || a.ID == "" {
			return nil, fmt.Errorf("sqlite: article %d has no ID", i)
		}
		// The store does not keep tokens (and their parse): they are ten
		// times the text in JSON and cheap to recompute.
		c := *a
		c.Tokens = nil
		b, err := json.Marshal(&c)
		if err == nil {
			b, err = store.PackRecord(b)
		}
		if err != nil {
			return nil, fmt.Errorf("sqlite: encoding article %s: %w", a.ID, err)
		}
		recs[i] = b
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, store.ErrClosed
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	defer tx.Rollback()
	w := &writer{tx: tx, now: time.Now().UTC().Format(time.RFC3339)}
	for i, a := range as {
		c, err := w.put(ctx, a, recs[i])
		if err != nil {
			return nil, fmt.Errorf("sqlite: storing article %s: %w", a.ID, err)
		}
		created[i] = c
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put: %w", err)
	}
	return created, nil
}

// Has implements [store.Store].
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	// Ingest asks once per article read: the statement is prepared once.
	s.hasOnce.Do(func() {
		s.has, s.hasErr = s.r.PrepareContext(context.WithoutCancel(ctx), "SELECT count(*) FROM documents WHERE id = ?")
	})
	if s.hasErr != nil {
		return false, fmt.Errorf("sqlite: has %s: %w", id, s.hasErr)
	}
	var n int
	err := s.has.QueryRowContext(ctx, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlite: has %s: %w", id, err)
	}
	return n > 0, nil
}

// writer stores articles inside one transaction. It prepares each
// statement once per transaction: a batch of articles runs the same few
// dozen statements thousands of times.
type writer struct {
	tx    *sql.Tx
	now   string
	stmts map[string]*sql.Stmt
}

func (w *writer) stmt(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := w.stmts[q]; ok {
		return st, nil
	}
	st, err := w.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if w.stmts == nil {
		w.stmts = map[string]*sql.Stmt{}
	}
	w.stmts[q] = st
	return st, nil
}

func (w *writer) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (w *writer) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := w.stmt(ctx, q)
	if err != nil {
		return w.tx.QueryRowContext(ctx, q, args...) // reports the same error
	}
	return st.QueryRowContext(ctx, args...)
}

// insertRows runs "head VALUES row, row, … tail" for rows of n values
// each (vals holds them row after row; row is the template of one row,
// "(?, ?)"), with tailArgs after the rows' values. A statement costs
// about as much as a row, so an article's dozens of mentions cost a few
// statements, not dozens. Statements have 32, 8 or 1 rows, so each table
// has at most three shapes to prepare.
func (w *writer) insertRows(ctx context.Context, head, row string, n int, vals []any, tail string, tailArgs ...any) error {
	var args []any
	for rows := len(vals) / n; rows > 0; {
		k := 1
		switch {
		case rows >= 32:
			k = 32
		case rows >= 8:
			k = 8
		}
		q := head + " VALUES " + strings.Repeat(row+",", k-1) + row + tail
		args = append(append(args[:0], vals[:k*n]...), tailArgs...)
		if _, err := w.exec(ctx, q, args...); err != nil {
			return err
		}
		vals, rows = vals[k*n:], rows-k
	}
	return nil
}

// row returns the template of a row of n values, "(?, ?, …)".
func row(n int) string { return "(" + placeholders(n) + ")" }

func (w *writer) put(ctx context.Context, a *news.Article, rec []byte) (bool, error) {
	var exists int
	if err := w.queryRow(ctx, "SELECT count(*) FROM documents WHERE id = ?", a.ID).Scan(&exists); err != nil {
		return false, err
	}
	if exists > 0 {
		return false, nil
	}
	cp := codePoints(a.Text)
	res, err := w.exec(ctx, `INSERT INTO documents (id, title, published, outlet, url, path, chars, text, record, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.Title, a.Published, a.Source.Outlet, a.Source.URL, a.Source.Path,
		utf8.RuneCountInString(a.Text), a.Text, rec, w.now)
	if err != nil {
		return false, err
	}
	doc, err := res.LastInsertId()
	if err != nil {
		return false, err
	}
	if _, err := w.exec(ctx, "INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)", doc, a.Title, a.Text); err != nil {
		return false, err
	}

	links, err := resolve.Link(ctx, &entityWriter{lookup: lookup{w: w}, w: w, doc: doc}, a)
	if err != nil {
		return false, fmt.Errorf("linking entities: %w", err)
	}
	global := func(localID string) any { return rowidOf(links.Global(localID)) }
	mentionEntity := func(m news.Mention) any { return rowidOf(links.Mention(m)) }
	vals := make([]any, 0, 7*len(a.Mentions))
	for _, m := range a.Mentions {
		vals = append(vals, doc, cp(m.Start), cp(m.End), m.Text, string(m.Type), mentionEntity(m), m.Confidence)
	}
	if err := w.insertRows(ctx, "INSERT INTO mentions (doc, start_cp, end_cp, text, type, entity, confidence)", row(7), 7, vals, ""); err != nil {
		return false, err
	}
	for _, q := range a.Quotes {
		speaker := global(q.Speaker)
		res, err := w.exec(ctx, `INSERT INTO quotes (doc, start_cp, end_cp, text, speaker, speaker_name, cue, kind, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			doc, cp(q.Start), cp(q.End), q.Text, speaker, q.SpeakerName, q.Cue, string(q.Kind), q.Confidence)
		if err != nil {
			return false, err
		}
		qid, err := res.LastInsertId()
		if err != nil {
			return false, err
		}
		// The quote is about the entities mentioned inside it.
		about := map[int64]bool{}
		for _, m := range a.Mentions {
			if !q.Span.Contains(m.Span) {
				continue
			}
			if g, ok := mentionEntity(m).(int64); ok && g != speaker && !about[g] {
				about[g] = true
				if _, err := w.exec(ctx, "INSERT OR IGNORE INTO quote_about (quote, entity) VALUES (?, ?)", qid, g); err != nil {
					return false, err
				}
			}
		}
	}
	vals = vals[:0]
	for _, t := range a.Times {
		vals = append(vals, doc, cp(t.Start), cp(t.End), t.Text, t.Value, string(t.Kind))
	}
	// Dates in photo captions (when the photos were taken) are kept with
	// start_cp = end_cp = -1: they have no span in the article text.
	for _, c := range a.Captions {
		for _, t := range c.Times {
			vals = append(vals, doc, -1, -1, t.Text, t.Value, string(t.Kind))
		}
	}
	if err := w.insertRows(ctx, "INSERT INTO times (doc, start_cp, end_cp, text, value, kind)", row(6), 6, vals, ""); err != nil {
		return false, err
	}
	vals = vals[:0]
	for _, p := range a.Places {
		vals = append(vals, doc, cp(p.Start), cp(p.End), p.Text, p.Name, p.Country, p.Lat, p.Lon, p.GeoNames, global(p.Entity))
	}
	if err := w.insertRows(ctx, "INSERT INTO places (doc, start_cp, end_cp, text, name, country, lat, lon, geonames, entity)", row(10), 10, vals, ""); err != nil {
		return false, err
	}
	if err := w.placeStats(ctx, a.Places); err != nil {
		return false, err
	}
	vals = vals[:0]
	for i, e := range a.Events {
		ev := e
		actor, target, place := global(e.Actor), global(e.Target), global(e.Place)
		ev.Actor, ev.Target, ev.Place = globalID(actor), globalID(target), globalID(place)
		ev.Trigger.Start, ev.Trigger.End = cp(e.Trigger.Start), cp(e.Trigger.End)
		evidence := ""
		if e.Sentence >= 0 && e.Sentence < len(a.Sentences) {
			evidence = a.Slice(a.Sentences[e.Sentence])
		}
		b, err := json.Marshal(ev)
		if err != nil {
			return false, err
		}
		vals = append(vals, resolve.EventID(a.ID, i, ev), doc, e.Type, actor, target, e.Date, e.Confidence, b, evidence)
	}
	if err := w.insertRows(ctx, "INSERT INTO events (id, doc, type, actor, target, date, confidence, event, evidence)", row(9), 9, vals, ""); err != nil {
		return false, err
	}
	return true, nil
}

// globalID formats a global entity rowid (an int64, or nil) as its ID.
func globalID(v any) string {
	if g, ok := v.(int64); ok {
		return entityID(g)
	}
	return ""
}

// entityID formats the public ID of a global entity. An entity's rowid is
// the number behind its content-derived ID (resolve.EntityID).
func entityID(rowid int64) string { return resolve.EntityIDOf(rowid) }

// parseEntityID returns the rowid of a global entity ID.
func parseEntityID(id string) (int64, bool) { return resolve.EntityRowID(id) }

// rowidOf returns the rowid of a global entity ID, or nil for "".
func rowidOf(id string) any {
	if g, ok := parseEntityID(id); ok {
		return g
	}
	return nil
}

// entityWriter implements resolve.Writer for one article being stored
// (doc is its rowid) inside a write transaction.
type entityWriter struct {
	lookup
	w   *writer
	doc int64
}

var _ resolve.Writer = (*entityWriter)(nil)

func (ew *entityWriter) NewEntity(ctx context.Context, id string, e news.Entity) error {
	g, ok := parseEntityID(id)
	if !ok {
		return fmt.Errorf("not a global entity ID: %q", id)
	}
	_, err := ew.w.exec(ctx, "INSERT INTO entities (rowid, name, type, country) VALUES (?, ?, ?, ?)", g, e.Name, string(e.Type), e.Country)
	return err
}

func (ew *entityWriter) EntityExists(ctx context.Context, id string) (bool, error) {
	g, ok := parseEntityID(id)
	if !ok {
		return false, fmt.Errorf("not a global entity ID: %q", id)
	}
	var n int
	err := ew.w.queryRow(ctx, "SELECT count(*) FROM entities WHERE rowid = ?", g).Scan(&n)
	return n > 0, err
}

func (ew *entityWriter) MoveEntity(ctx context.Context, from, to string) error {
	old, ok1 := parseEntityID(from)
	nw, ok2 := parseEntityID(to)
	if !ok1 || !ok2 {
		return fmt.Errorf("moving entity %q to %q: not global entity IDs", from, to)
	}
	if err := moveEntity(ctx, ew.w.exec, old, nw); err != nil {
		return err
	}
	// A user's decisions follow the entity to its new ID.
	for _, q := range []string{"UPDATE entity_decisions SET entity = ? WHERE entity = ?", "UPDATE entity_decisions SET other = ? WHERE other = ?"} {
		if _, err := ew.w.exec(ctx, q, nw, old); err != nil {
			return fmt.Errorf("renumbering the decisions of entity %s: %w", from, err)
		}
	}
	return nil
}

// moveEntity renumbers global entity old as nw in every table, and in the
// events' JSON.
func moveEntity(ctx context.Context, exec func(context.Context, string, ...any) (sql.Result, error), old, nw int64) error {
	oldID, newID := entityID(old), entityID(nw)
	for _, st := range []struct {
		q    string
		args []any
	}{
		{"INSERT INTO entities (rowid, name, type, country, mentions, documents) SELECT ?, name, type, country, mentions, documents FROM entities WHERE rowid = ?", []any{nw, old}},
		{"UPDATE entity_aliases SET entity = ? WHERE entity = ?", []any{nw, old}},
		{"UPDATE entity_keys SET entity = ? WHERE entity = ?", []any{nw, old}},
		{"UPDATE entity_documents SET entity = ? WHERE entity = ?", []any{nw, old}},
		{"UPDATE mentions SET entity = ? WHERE entity = ?", []any{nw, old}},
		{"UPDATE quotes SET speaker = ? WHERE speaker = ?", []any{nw, old}},
		{"UPDATE quote_about SET entity = ? WHERE entity = ?", []any{nw, old}},
		{"UPDATE places SET entity = ? WHERE entity = ?", []any{nw, old}},
		{"UPDATE events SET actor = ?, event = json_set(CAST(event AS TEXT), '$.actor', ?) WHERE actor = ?", []any{nw, newID, old}},
		{"UPDATE events SET target = ?, event = json_set(CAST(event AS TEXT), '$.target', ?) WHERE target = ?", []any{nw, newID, old}},
		{`UPDATE events SET event = json_set(CAST(event AS TEXT), '$.place', ?)
			WHERE doc IN (SELECT doc FROM entity_documents WHERE entity = ?) AND json_extract(CAST(event AS TEXT), '$.place') = ?`, []any{newID, nw, oldID}},
		{"DELETE FROM entities WHERE rowid = ?", []any{old}},
	} {
		if _, err := exec(ctx, st.q, st.args...); err != nil {
			return fmt.Errorf("renumbering entity %s as %s: %w", oldID, newID, err)
		}
	}
	return nil
}

func (ew *entityWriter) LinkEntity(ctx context.Context, id string, e news.Entity, names, keys []string, n int) error {
	g, ok := parseEntityID(id)
	if !ok {
		return fmt.Errorf("not a global entity ID: %q", id)
	}
	w := ew.w
	res, err := w.exec(ctx, "INSERT OR IGNORE INTO entity_documents (entity, doc, local_id, mentions) VALUES (?, ?, ?, ?)", g, ew.doc, e.ID, n)
	if err != nil {
		return err
	}
	newDoc := 0
	if k, _ := res.RowsAffected(); k > 0 {
		newDoc = 1
	} else {
		// Two local entities of one article linked to the same global
		// one: add the mentions to the existing link.
		if _, err := w.exec(ctx, "UPDATE entity_documents SET mentions = mentions + ? WHERE entity = ? AND doc = ?", n, g, ew.doc); err != nil {
			return err
		}
	}
	vals := make([]any, 0, 2*max(len(names), len(keys)))
	for _, name := range names {
		vals = append(vals, g, name)
	}
	// A new alias starts at one document; a known one counts this
	// document unless the entity was already linked to it.
	if err := w.insertRows(ctx, "INSERT INTO entity_aliases (entity, alias, documents)", "(?, ?, 1)", 2, vals,
		" ON CONFLICT (entity, alias) DO UPDATE SET documents = documents + ?", newDoc); err != nil {
		return err
	}
	vals = vals[:0]
	for _, k := range keys {
		vals = append(vals, k, g)
	}
	if err := w.insertRows(ctx, "INSERT OR IGNORE INTO entity_keys (key, entity)", row(2), 2, vals, ""); err != nil {
		return err
	}
	// The counts, the country if unknown, and the name: the alias most
	// documents use, the longest on a tie.
	_, err = w.exec(ctx, `UPDATE entities SET mentions = mentions + ?2, documents = documents + ?3,
		country = CASE WHEN country = '' THEN ?4 ELSE country END,
		name = (SELECT alias FROM entity_aliases WHERE entity = ?1 ORDER BY documents DESC, length(alias) DESC, alias LIMIT 1)
		WHERE rowid = ?1`, g, n, newDoc, e.Country)
	return err
}

// lookup implements resolve.Lookup inside a write transaction, so an
// article sees the entities the articles before it in the same batch
// created.
type lookup struct {
	w *writer
}

var _ resolve.Lookup = (*lookup)(nil)

func (l *lookup) CandidatesByKey(ctx context.Context, keys []string) ([]resolve.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	st, err := l.w.stmt(ctx, `SELECT e.rowid, e.name, e.type,
		(SELECT json_group_array(alias) FROM (SELECT alias FROM entity_aliases WHERE entity = e.rowid ORDER BY documents DESC, alias))
		FROM entities e WHERE e.rowid IN (SELECT entity FROM entity_keys WHERE key IN (`+placeholders(len(keys))+`) LIMIT `+strconv.Itoa(maxCandidates)+`)`)
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cands []resolve.Candidate
	for rows.Next() {
		var id int64
		var c resolve.Candidate
		var typ, aliases string
		if err := rows.Scan(&id, &c.Name, &typ, &aliases); err != nil {
			return nil, err
		}
		c.ID, c.Type = entityID(id), news.EntityType(typ)
		if err := json.Unmarshal([]byte(aliases), &c.Aliases); err != nil {
			return nil, fmt.Errorf("decoding aliases of %s: %w", c.ID, err)
		}
		cands = append(cands, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	var ids []int64
	for _, c := range cands {
		if g, ok := parseEntityID(c.ID); ok {
			ids = append(ids, g)
		}
	}
	split, err := splitNames(ctx, l.w, ids)
	if err != nil {
		return nil, err
	}
	for i := range cands {
		g, _ := parseEntityID(cands[i].ID)
		cands[i].NotNames = split[g]
	}
	return cands, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}

// codePoints returns a function mapping byte offsets of s to code-point
// offsets (the public contract's offsets).
func codePoints(s string) func(int) int {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return func(off int) int { return min(max(off, 0), len(s)) }
	}
	idx := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		for j := 0; j < w; j++ {
			idx[i+j] = n
		}
		i += w
		n++
	}
	idx[len(s)] = n
	return func(off int) int { return int(idx[min(max(off, 0), len(s))]) }
}

// PutStory implements [store.Store].
func (s *Store) PutStory(ctx context.Context, st news.Story) error {
	if st.ID == "" {
		return fmt.Errorf("sqlite: story has no ID: %w", store.ErrBadQuery)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		sid, err := upsertStory(ctx, tx, st.ID, st.Title)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM story_documents WHERE story = ?", sid); err != nil {
			return err
		}
		left := []int64{sid}
		for _, d := range st.Documents {
			prev, err := addToStory(ctx, tx, sid, d, st.Duplicates[d])
			if err != nil {
				return err
			}
			left = append(left, prev)
		}
		return dropIfEmpty(ctx, tx, left...)
	})
}

// SetStory implements [store.Store].
func (s *Store) SetStory(ctx context.Context, docID, storyID, duplicateOf string) error {
	return s.SetStories(ctx, []store.StoryAssignment{{Doc: docID, Story: storyID, DuplicateOf: duplicateOf}})
}

var _ store.StoryBatcher = (*Store)(nil)

// SetStories implements [store.StoryBatcher]: the assignments are
// recorded in one transaction.
func (s *Store) SetStories(ctx context.Context, as []store.StoryAssignment) error {
	for _, a := range as {
		if a.Story == "" {
			return fmt.Errorf("sqlite: story has no ID: %w", store.ErrBadQuery)
		}
	}
	if len(as) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, a := range as {
			if err := setStory(ctx, tx, a.Doc, a.Story, a.DuplicateOf); err != nil {
				return err
			}
		}
		return nil
	})
}

func setStory(ctx context.Context, tx *sql.Tx, docID, storyID, duplicateOf string) error {
	var title string
	err := tx.QueryRowContext(ctx, "SELECT title FROM documents WHERE id = ?", docID).Scan(&title)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
	}
	if err != nil {
		return err
	}
	var sid int64
	err = tx.QueryRowContext(ctx, "SELECT rowid FROM stories WHERE id = ?", storyID).Scan(&sid)
	if errors.Is(err, sql.ErrNoRows) {
		sid, err = upsertStory(ctx, tx, storyID, title)
	}
	if err != nil {
		return err
	}
	prev, err := addToStory(ctx, tx, sid, docID, duplicateOf)
	if err != nil {
		return err
	}
	return dropIfEmpty(ctx, tx, prev)
}

func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return store.ErrClosed
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: %w", err)
	}
	return nil
}

func upsertStory(ctx context.Context, tx *sql.Tx, id, title string) (int64, error) {
	now := time.Now().UTC().Format(time.RFC3339)
	if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, title, updated) VALUES (?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = CASE WHEN excluded.title = '' THEN title ELSE excluded.title END, updated = excluded.updated`,
		id, title, now); err != nil {
		return 0, err
	}
	var sid int64
	err := tx.QueryRowContext(ctx, "SELECT rowid FROM stories WHERE id = ?", id).Scan(&sid)
	return sid, err
}

// addToStory moves the document docID into the story sid and returns the
// story it was in before (0 if none).
func addToStory(ctx context.Context, tx *sql.Tx, sid int64, docID, duplicateOf string) (prev int64, err error) {
	var doc int64
	err = tx.QueryRowContext(ctx, "SELECT rowid FROM documents WHERE id = ?", docID).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, "DELETE FROM story_documents WHERE doc = ? RETURNING story", doc).Scan(&prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO story_documents (story, doc, duplicate_of) VALUES (?, ?, ?)", sid, doc, duplicateOf)
	return prev, err
}

// dropIfEmpty deletes those of the given stories that have no document
// left. Only the stories a write touched are checked, so recording a story
// costs the same however many stories the store holds.
func dropIfEmpty(ctx context.Context, tx *sql.Tx, stories ...int64) error {
	for _, sid := range stories {
		if sid == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE rowid = ?1
			AND NOT EXISTS (SELECT 1 FROM story_documents WHERE story = ?1)`, sid); err != nil {
			return err
		}
	}
	return nil
}

// placeStats adds an article's places to place_stats (migration 004): one
// more article for each place it names, and its mentions.
func (w *writer) placeStats(ctx context.Context, places []news.Place) error {
	type stat struct {
		p news.Place
		n int
	}
	var keys []string
	stats := map[string]*stat{}
	for _, p := range places {
		k := p.Name + "|" + p.Country
		if p.GeoNames > 0 {
			k = strconv.Itoa(p.GeoNames)
		}
		if stats[k] == nil {
			stats[k] = &stat{p: p}
			keys = append(keys, k)
		}
		stats[k].n++
	}
	for _, k := range keys {
		st := stats[k]
		if _, err := w.exec(ctx, `INSERT INTO place_stats (key, name, country, lat, lon, geonames, mentions, documents) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
			ON CONFLICT (key) DO UPDATE SET mentions = mentions + excluded.mentions, documents = documents + 1`,
			k, st.p.Name, st.p.Country, st.p.Lat, st.p.Lon, st.p.GeoNames, st.n); err != nil {
			return err
		}
	}
	return nil
}
