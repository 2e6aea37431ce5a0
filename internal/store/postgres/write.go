package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

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
	recs := make([][]byte, len(as))
	for i, a := range as {
		if a == nil || a.ID == "" {
			return nil, fmt.Errorf("postgres: article %d has no ID", i)
		}
		b, err := json.Marshal(a)
		if err == nil {
			b, err = store.PackRecord(b)
		}
		if err != nil {
			return nil, fmt.Errorf("postgres: encoding article %s: %w", a.ID, err)
		}
		recs[i] = b
	}
	err := s.write(ctx, func(tx pgx.Tx) error {
		w := &writer{tx: tx, now: time.Now().UTC().Format(time.RFC3339)}
		for i, a := range as {
			c, err := w.put(ctx, a, recs[i])
			if err != nil {
				return fmt.Errorf("storing article %s: %w", a.ID, err)
			}
			created[i] = c
		}
		return w.flush(ctx)
	})
	if err != nil {
		return nil, err
	}
	return created, nil
}

// write runs fn in a transaction holding the store's write lock, which
// serialises writers across every process using the database.
func (s *Store) write(ctx context.Context, fn func(tx pgx.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return store.ErrClosed
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(lockWrite)); err != nil {
			return err
		}
		return fn(tx)
	})
	if err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	return nil
}

// Has implements [store.Store].
func (s *Store) Has(ctx context.Context, id string) (bool, error) {
	var ok bool
	if err := s.pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1)", id).Scan(&ok); err != nil {
		return false, fmt.Errorf("postgres: has %s: %w", id, err)
	}
	return ok, nil
}

// writer stores articles inside one transaction. The rows nothing in the
// transaction reads back (mentions, times, places, events) are collected
// and copied in bulk (COPY) at the end.
type writer struct {
	tx  pgx.Tx
	now string

	mentions, times, places, events [][]any
}

// flush copies the collected rows.
func (w *writer) flush(ctx context.Context) error {
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"mentions", []string{"doc", "ord", "start_cp", "end_cp", "text", "type", "entity", "confidence"}, w.mentions},
		{"times", []string{"doc", "ord", "start_cp", "end_cp", "text", "value", "kind"}, w.times},
		{"places", []string{"doc", "ord", "start_cp", "end_cp", "text", "name", "country", "lat", "lon", "geonames", "entity"}, w.places},
		{"events", []string{"id", "doc", "type", "actor", "target", "date", "confidence", "event", "evidence"}, w.events},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := w.tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copying %s: %w", c.table, err)
		}
	}
	w.mentions, w.times, w.places, w.events = nil, nil, nil, nil
	return nil
}

// txt makes a string storable in a text column, which cannot hold NUL.
func txt(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "\uFFFD")
}

func (w *writer) put(ctx context.Context, a *news.Article, rec []byte) (bool, error) {
	var doc int64
	err := w.tx.QueryRow(ctx, `INSERT INTO documents (id, title, published, outlet, url, path, chars, text, record, ingested, tsv)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
			setweight(to_tsvector('newsgraph', $11), 'A') || setweight(to_tsvector('newsgraph', $12), 'B'))
		ON CONFLICT (id) DO NOTHING RETURNING rowid`,
		a.ID, txt(a.Title), txt(a.Published), txt(a.Source.Outlet), txt(a.Source.URL), txt(a.Source.Path),
		utf8.RuneCountInString(a.Text), txt(a.Text), rec, w.now, ftsWords(a.Title), ftsWords(a.Text)).Scan(&doc)
	if isNoRows(err) {
		return false, nil // stored already
	}
	if err != nil {
		return false, err
	}
	cp := codePoints(a.Text)

	ew := &entityWriter{w: w, tx: w.tx, doc: doc, linked: map[int64]bool{}}
	links, err := resolve.Link(ctx, ew, a)
	if err == nil {
		err = ew.sendCreated(ctx)
	}
	if err != nil {
		return false, fmt.Errorf("linking entities: %w", err)
	}
	global := func(localID string) any { return rowidOf(links.Global(localID)) }
	mentionEntity := func(m news.Mention) any { return rowidOf(links.Mention(m)) }

	b := &pgx.Batch{}
	for i, m := range a.Mentions {
		w.mentions = append(w.mentions, []any{doc, int32(i), int32(cp(m.Start)), int32(cp(m.End)), txt(m.Text), string(m.Type), mentionEntity(m), m.Confidence})
	}
	for _, q := range a.Quotes {
		speaker := global(q.Speaker)
		// The quote is about the entities mentioned inside it.
		about := []int64{}
		seen := map[int64]bool{}
		for _, m := range a.Mentions {
			if !q.Span.Contains(m.Span) {
				continue
			}
			if g, ok := mentionEntity(m).(int64); ok && g != speaker && !seen[g] {
				seen[g] = true
				about = append(about, g)
			}
		}
		b.Queue(`WITH q AS (INSERT INTO quotes (doc, start_cp, end_cp, text, speaker, speaker_name, cue, kind, confidence)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING rowid)
			INSERT INTO quote_about (quote, entity) SELECT q.rowid, e FROM q, unnest($10::bigint[]) AS e ON CONFLICT DO NOTHING`,
			doc, cp(q.Start), cp(q.End), txt(q.Text), speaker, txt(q.SpeakerName), txt(q.Cue), string(q.Kind), q.Confidence, about)
	}
	for i, t := range a.Times {
		w.times = append(w.times, []any{doc, int32(i), int32(cp(t.Start)), int32(cp(t.End)), txt(t.Text), txt(t.Value), string(t.Kind)})
	}
	// Dates in photo captions, with start_cp = end_cp = -1 (no span in
	// the text), as in the SQLite store.
	ord := len(a.Times)
	for _, c := range a.Captions {
		for _, t := range c.Times {
			w.times = append(w.times, []any{doc, int32(ord), int32(-1), int32(-1), txt(t.Text), txt(t.Value), string(t.Kind)})
			ord++
		}
	}
	for i, p := range a.Places {
		w.places = append(w.places, []any{doc, int32(i), int32(cp(p.Start)), int32(cp(p.End)), txt(p.Text), txt(p.Name), txt(p.Country), p.Lat, p.Lon, int32(p.GeoNames), global(p.Entity)})
	}
	for i, e := range a.Events {
		ev := e
		actor, target, place := global(e.Actor), global(e.Target), global(e.Place)
		ev.Actor, ev.Target, ev.Place = globalID(actor), globalID(target), globalID(place)
		ev.Trigger.Start, ev.Trigger.End = cp(e.Trigger.Start), cp(e.Trigger.End)
		evidence := ""
		if e.Sentence >= 0 && e.Sentence < len(a.Sentences) {
			evidence = a.Slice(a.Sentences[e.Sentence])
		}
		js, err := json.Marshal(ev)
		if err != nil {
			return false, err
		}
		w.events = append(w.events, []any{resolve.EventID(a.ID, i, ev), doc, txt(e.Type), actor, target, txt(e.Date), e.Confidence, js, txt(evidence)})
	}
	if b.Len() > 0 {
		if err := w.tx.SendBatch(ctx, b).Close(); err != nil {
			return false, err
		}
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
	w   *writer
	tx  pgx.Tx
	doc int64
	// linked holds the global entities linked to the document so far: the
	// document is new, so only this article links entities to it.
	linked map[int64]bool
	// created is the entity NewEntity made, not yet written: resolve.Link
	// links a new entity right after creating it, so the row goes to the
	// server with the link, in one round trip.
	created []any
}

// sendCreated writes an entity NewEntity made and nothing linked yet.
func (ew *entityWriter) sendCreated(ctx context.Context) error {
	if ew.created == nil {
		return nil
	}
	_, err := ew.tx.Exec(ctx, "INSERT INTO entities (rowid, name, type, country) VALUES ($1, $2, $3, $4)", ew.created...)
	ew.created = nil
	return err
}

var _ resolve.Writer = (*entityWriter)(nil)

func (ew *entityWriter) CandidatesByKey(ctx context.Context, keys []string) ([]resolve.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	if err := ew.sendCreated(ctx); err != nil {
		return nil, err
	}
	rows, err := ew.tx.Query(ctx, `SELECT e.rowid, e.name, e.type,
		coalesce((SELECT json_agg(alias ORDER BY documents DESC, alias) FROM entity_aliases WHERE entity = e.rowid), '[]')::text
		FROM entities e WHERE e.rowid IN (SELECT entity FROM entity_keys WHERE key = ANY($1) ORDER BY key, entity LIMIT `+strconv.Itoa(maxCandidates)+`)
		ORDER BY e.rowid`, keys)
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
	return cands, rows.Err()
}

func (ew *entityWriter) NewEntity(ctx context.Context, id string, e news.Entity) error {
	g, ok := parseEntityID(id)
	if !ok {
		return fmt.Errorf("not a global entity ID: %q", id)
	}
	if err := ew.sendCreated(ctx); err != nil {
		return err
	}
	ew.created = []any{g, txt(e.Name), string(e.Type), txt(e.Country)}
	return nil
}

func (ew *entityWriter) EntityExists(ctx context.Context, id string) (bool, error) {
	g, ok := parseEntityID(id)
	if !ok {
		return false, fmt.Errorf("not a global entity ID: %q", id)
	}
	if ew.created != nil && ew.created[0] == g {
		return true, nil
	}
	if err := ew.sendCreated(ctx); err != nil {
		return false, err
	}
	var exists bool
	err := ew.tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM entities WHERE rowid = $1)", g).Scan(&exists)
	return exists, err
}

func (ew *entityWriter) MoveEntity(ctx context.Context, from, to string) error {
	old, ok1 := parseEntityID(from)
	nw, ok2 := parseEntityID(to)
	if !ok1 || !ok2 {
		return fmt.Errorf("moving entity %q to %q: not global entity IDs", from, to)
	}
	// Rows collected for copying may refer to the entity: copy them first,
	// so the move updates them too.
	if err := ew.sendCreated(ctx); err != nil {
		return err
	}
	if err := ew.w.flush(ctx); err != nil {
		return err
	}
	// The document's link moves with the entity.
	if ew.linked[old] {
		delete(ew.linked, old)
		ew.linked[nw] = true
	}
	return moveEntity(ctx, ew.tx, old, nw)
}

// moveEntity renumbers global entity old as nw in every table, and in the
// events' JSON.
func moveEntity(ctx context.Context, tx pgx.Tx, old, nw int64) error {
	oldID, newID := entityID(old), entityID(nw)
	setJSON := func(field string) string {
		return `convert_to(jsonb_set(convert_from(event, 'UTF8')::jsonb, '{` + field + `}', to_jsonb($2::text))::text, 'UTF8')`
	}
	b := &pgx.Batch{}
	b.Queue("INSERT INTO entities (rowid, name, type, country, mentions, documents) SELECT $1, name, type, country, mentions, documents FROM entities WHERE rowid = $2", nw, old)
	b.Queue("UPDATE entity_aliases SET entity = $1 WHERE entity = $2", nw, old)
	b.Queue("UPDATE entity_keys SET entity = $1 WHERE entity = $2", nw, old)
	b.Queue("UPDATE entity_documents SET entity = $1 WHERE entity = $2", nw, old)
	b.Queue("UPDATE mentions SET entity = $1 WHERE entity = $2", nw, old)
	b.Queue("UPDATE quotes SET speaker = $1 WHERE speaker = $2", nw, old)
	b.Queue("UPDATE quote_about SET entity = $1 WHERE entity = $2", nw, old)
	b.Queue("UPDATE places SET entity = $1 WHERE entity = $2", nw, old)
	b.Queue("UPDATE events SET actor = $1, event = "+setJSON("actor")+" WHERE actor = $3", nw, newID, old)
	b.Queue("UPDATE events SET target = $1, event = "+setJSON("target")+" WHERE target = $3", nw, newID, old)
	b.Queue(`UPDATE events SET event = `+setJSON("place")+`
		WHERE doc IN (SELECT doc FROM entity_documents WHERE entity = $1) AND convert_from(event, 'UTF8')::jsonb->>'place' = $3`, nw, newID, oldID)
	b.Queue("DELETE FROM entities WHERE rowid = $1", old)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("renumbering entity %s as %s: %w", oldID, newID, err)
	}
	return nil
}

func (ew *entityWriter) LinkEntity(ctx context.Context, id string, e news.Entity, names, keys []string, n int) error {
	g, ok := parseEntityID(id)
	if !ok {
		return fmt.Errorf("not a global entity ID: %q", id)
	}
	newDoc := int32(1)
	if ew.linked[g] {
		newDoc = 0 // a second local entity of the article is this global one
	}
	ew.linked[g] = true
	// Each name counts once per occurrence in names, as the SQLite store
	// counts it: a new alias row starts at 1 and every further occurrence
	// adds newDoc.
	var uniq []string
	times := map[string]int32{}
	for _, name := range names {
		name = txt(name)
		if times[name] == 0 {
			uniq = append(uniq, name)
		}
		times[name]++
	}
	mult := make([]int32, len(uniq))
	for i, name := range uniq {
		mult[i] = times[name]
	}
	for i := range keys {
		keys[i] = txt(keys[i])
	}
	b := &pgx.Batch{}
	if ew.created != nil {
		b.Queue("INSERT INTO entities (rowid, name, type, country) VALUES ($1, $2, $3, $4)", ew.created...)
		ew.created = nil
	}
	// A second local entity of one article linked to the same global one
	// adds its mentions to the existing link.
	b.Queue(`INSERT INTO entity_documents (entity, doc, local_id, mentions) VALUES ($1, $2, $3, $4)
		ON CONFLICT (entity, doc) DO UPDATE SET mentions = entity_documents.mentions + EXCLUDED.mentions`, g, ew.doc, txt(e.ID), int32(n))
	if len(uniq) > 0 {
		b.Queue(`INSERT INTO entity_aliases (entity, alias, documents)
			SELECT $1, a, 1 + (c - 1) * $4 FROM unnest($2::text[], $3::int[]) AS t(a, c)
			ON CONFLICT (entity, alias) DO UPDATE SET documents = entity_aliases.documents + $4 * EXCLUDED.documents`,
			g, uniq, mult, newDoc)
	}
	if len(keys) > 0 {
		b.Queue("INSERT INTO entity_keys (key, entity) SELECT k, $2 FROM unnest($1::text[]) AS k ON CONFLICT DO NOTHING", keys, g)
	}
	// The entity's name is the alias most documents use, the longest on a
	// tie; the statement sees the aliases the one before wrote.
	b.Queue(`UPDATE entities SET mentions = mentions + $1, documents = documents + $2,
		country = CASE WHEN country = '' THEN $3 ELSE country END,
		name = (SELECT alias FROM entity_aliases WHERE entity = $4 ORDER BY documents DESC, length(alias) DESC, alias LIMIT 1)
		WHERE rowid = $4`, int32(n), newDoc, txt(e.Country), g)
	return ew.tx.SendBatch(ctx, b).Close()
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
		return fmt.Errorf("postgres: story has no ID: %w", store.ErrBadQuery)
	}
	return s.write(ctx, func(tx pgx.Tx) error {
		sid, err := upsertStory(ctx, tx, st.ID, st.Title)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, "DELETE FROM story_documents WHERE story = $1", sid); err != nil {
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

// SetStory implements [store.Store]. It is one call of the server-side
// function newsgraph_set_story (migration 003), which takes the write lock.
func (s *Store) SetStory(ctx context.Context, docID, storyID, duplicateOf string) error {
	if storyID == "" {
		return fmt.Errorf("postgres: story has no ID: %w", store.ErrBadQuery)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return store.ErrClosed
	}
	var found bool
	if err := s.pool.QueryRow(ctx, "SELECT newsgraph_set_story($1, $2, $3, $4)", txt(docID), txt(storyID), txt(duplicateOf),
		time.Now().UTC().Format(time.RFC3339)).Scan(&found); err != nil {
		return fmt.Errorf("postgres: %w", err)
	}
	if !found {
		return fmt.Errorf("postgres: document %s: %w", docID, store.ErrNotFound)
	}
	return nil
}

var _ store.StoryBatcher = (*Store)(nil)

// SetStories implements [store.StoryBatcher]: SetStory for each
// assignment, in order, in one transaction and one round trip.
func (s *Store) SetStories(ctx context.Context, as []store.StoryAssignment) error {
	if len(as) == 0 {
		return nil
	}
	for _, a := range as {
		if a.Story == "" {
			return fmt.Errorf("postgres: story has no ID: %w", store.ErrBadQuery)
		}
	}
	now := time.Now().UTC().Format(time.RFC3339)
	return s.write(ctx, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, a := range as {
			b.Queue("SELECT newsgraph_set_story($1, $2, $3, $4)", txt(a.Doc), txt(a.Story), txt(a.DuplicateOf), now)
		}
		br := tx.SendBatch(ctx, b)
		defer br.Close()
		for _, a := range as {
			var found bool
			if err := br.QueryRow().Scan(&found); err != nil {
				return err
			}
			if !found {
				return fmt.Errorf("document %s: %w", a.Doc, store.ErrNotFound)
			}
		}
		return br.Close()
	})
}

func upsertStory(ctx context.Context, tx pgx.Tx, id, title string) (int64, error) {
	now := time.Now().UTC().Format(time.RFC3339)
	var sid int64
	err := tx.QueryRow(ctx, `INSERT INTO stories (id, title, updated) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET title = CASE WHEN EXCLUDED.title = '' THEN stories.title ELSE EXCLUDED.title END, updated = EXCLUDED.updated
		RETURNING rowid`, txt(id), txt(title), now).Scan(&sid)
	return sid, err
}

// addToStory moves the document docID into the story sid and returns the
// story it was in before (0 if none).
func addToStory(ctx context.Context, tx pgx.Tx, sid int64, docID, duplicateOf string) (prev int64, err error) {
	var doc int64
	err = tx.QueryRow(ctx, "SELECT rowid FROM documents WHERE id = $1", docID).Scan(&doc)
	if isNoRows(err) {
		return 0, fmt.Errorf("document %s: %w", docID, store.ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	err = tx.QueryRow(ctx, "DELETE FROM story_documents WHERE doc = $1 RETURNING story", doc).Scan(&prev)
	if err != nil && !isNoRows(err) {
		return 0, err
	}
	_, err = tx.Exec(ctx, "INSERT INTO story_documents (story, doc, duplicate_of) VALUES ($1, $2, $3)", sid, doc, txt(duplicateOf))
	return prev, err
}

// dropIfEmpty deletes those of the given stories that have no document
// left. Only the stories a write touched are checked, so recording a story
// costs the same however many stories the store holds.
func dropIfEmpty(ctx context.Context, tx pgx.Tx, stories ...int64) error {
	for _, sid := range stories {
		if sid == 0 {
			continue
		}
		if _, err := tx.Exec(ctx, `DELETE FROM stories WHERE rowid = $1
			AND NOT EXISTS (SELECT 1 FROM story_documents WHERE story = $1)`, sid); err != nil {
			return err
		}
	}
	return nil
}
