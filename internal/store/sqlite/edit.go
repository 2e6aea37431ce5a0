package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
	"github.com/newsgraph/newsgraph/internal/store"
)

var _ store.EntityEditor = (*Store)(nil)

// MergeEntities merges global entity from into into: every mention, alias,
// blocking key, document link, quote, place and event of from becomes
// into's, from's name becomes an alias of into, and from is gone. The
// decision is recorded; since into now holds from's blocking keys, articles
// stored later that name from resolve to into.
func (s *Store) MergeEntities(ctx context.Context, into, from string) error {
	a, ok1 := parseEntityID(into)
	b, ok2 := parseEntityID(from)
	if !ok1 || !ok2 {
		return fmt.Errorf("merging %q into %q: %w", from, into, store.ErrNotFound)
	}
	if a == b {
		return fmt.Errorf("merging %q into itself: %w", from, store.ErrBadQuery)
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var name, typ string
		if err := tx.QueryRowContext(ctx, "SELECT name, type FROM entities WHERE rowid = ?", b).Scan(&name, &typ); err != nil {
			return notFound(err, from)
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM entities WHERE rowid = ?", a).Scan(&n); err != nil || n == 0 {
			return notFound(sql.ErrNoRows, into)
		}
		oldID, newID := entityID(b), entityID(a)
		for _, st := range []struct {
			q    string
			args []any
		}{
			{`INSERT INTO entity_aliases (entity, alias, documents) SELECT ?, alias, documents FROM entity_aliases WHERE entity = ?
				ON CONFLICT (entity, alias) DO UPDATE SET documents = documents + excluded.documents`, []any{a, b}},
			{`INSERT INTO entity_aliases (entity, alias, documents) SELECT ?, name, documents FROM entities WHERE rowid = ?
				ON CONFLICT (entity, alias) DO NOTHING`, []any{a, b}},
			{"DELETE FROM entity_aliases WHERE entity = ?", []any{b}},
			{"INSERT OR IGNORE INTO entity_keys (key, entity) SELECT key, ? FROM entity_keys WHERE entity = ?", []any{a, b}},
			{"DELETE FROM entity_keys WHERE entity = ?", []any{b}},
			{`INSERT INTO entity_documents (entity, doc, local_id, mentions) SELECT ?, doc, local_id, mentions FROM entity_documents WHERE entity = ?
				ON CONFLICT (entity, doc) DO UPDATE SET mentions = mentions + excluded.mentions`, []any{a, b}},
			{"DELETE FROM entity_documents WHERE entity = ?", []any{b}},
			{"UPDATE mentions SET entity = ? WHERE entity = ?", []any{a, b}},
			{"UPDATE quotes SET speaker = ? WHERE speaker = ?", []any{a, b}},
			{"INSERT OR IGNORE INTO quote_about (quote, entity) SELECT quote, ? FROM quote_about WHERE entity = ?", []any{a, b}},
			{"DELETE FROM quote_about WHERE entity = ?", []any{b}},
			{"UPDATE places SET entity = ? WHERE entity = ?", []any{a, b}},
			{"UPDATE events SET actor = ?, event = json_set(CAST(event AS TEXT), '$.actor', ?) WHERE actor = ?", []any{a, newID, b}},
			{"UPDATE events SET target = ?, event = json_set(CAST(event AS TEXT), '$.target', ?) WHERE target = ?", []any{a, newID, b}},
			{`UPDATE events SET event = json_set(CAST(event AS TEXT), '$.place', ?)
				WHERE doc IN (SELECT doc FROM entity_documents WHERE entity = ?) AND json_extract(CAST(event AS TEXT), '$.place') = ?`, []any{newID, a, oldID}},
			{"UPDATE entity_decisions SET entity = ? WHERE entity = ?", []any{a, b}},
			{"UPDATE entity_decisions SET other = ? WHERE other = ?", []any{a, b}},
			{`UPDATE entities SET mentions = mentions + (SELECT mentions FROM entities WHERE rowid = ?),
				documents = (SELECT count(*) FROM entity_documents WHERE entity = ?),
				country = CASE WHEN country = '' THEN (SELECT country FROM entities WHERE rowid = ?) ELSE country END WHERE rowid = ?`, []any{b, a, b, a}},
			{"DELETE FROM entities WHERE rowid = ?", []any{b}},
			{"INSERT INTO entity_decisions (kind, entity, other, name, made) VALUES ('merge', ?, ?, ?, ?)", []any{a, b, name, now()}},
		} {
			if _, err := tx.ExecContext(ctx, st.q, st.args...); err != nil {
				return fmt.Errorf("merging entity %s into %s: %w", oldID, newID, err)
			}
		}
		return nil
	})
}

// SplitEntity takes the name off global entity id into a new global entity
// of the same type: the alias, the mentions that read that name (up to case
// and diacritics) and the document links they make. The decision is
// recorded, and resolution never links a name that was split off an entity
// back to it. It returns the new entity's ID.
func (s *Store) SplitEntity(ctx context.Context, id, name string) (string, error) {
	g, ok := parseEntityID(id)
	if !ok {
		return "", fmt.Errorf("splitting %q: %w", id, store.ErrNotFound)
	}
	want := resolve.Normalize(name)
	if want == "" {
		return "", fmt.Errorf("splitting %q off %s: %w", name, id, store.ErrBadQuery)
	}
	var newID string
	err := s.write(ctx, func(tx *sql.Tx) error {
		var cur, typ, country string
		if err := tx.QueryRowContext(ctx, "SELECT name, type, country FROM entities WHERE rowid = ?", g).Scan(&cur, &typ, &country); err != nil {
			return notFound(err, id)
		}
		// The names the entity goes by, and which of them are split off.
		names := []string{cur}
		rows, err := tx.QueryContext(ctx, "SELECT alias FROM entity_aliases WHERE entity = ?", g)
		if err != nil {
			return err
		}
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				rows.Close()
				return err
			}
			names = append(names, a)
		}
		rows.Close()
		var gone, keep []string
		for _, n := range names {
			if resolve.Normalize(n) == want {
				gone = append(gone, n)
			} else {
				keep = append(keep, n)
			}
		}
		if len(gone) == 0 {
			return fmt.Errorf("%s has no name %q: %w", id, name, store.ErrNotFound)
		}
		if len(keep) == 0 {
			return fmt.Errorf("%q is the only name of %s; nothing to split: %w", name, id, store.ErrBadQuery)
		}
		t := news.EntityType(typ)
		// A free content-derived ID for the new entity.
		key := resolve.EntityKey(t, gone)
		var nw int64
		for n := 1; ; n++ {
			cand := resolve.EntityID(t, key, n)
			r, _ := parseEntityID(cand)
			var k int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM entities WHERE rowid = ?", r).Scan(&k); err != nil {
				return err
			}
			if k == 0 {
				nw, newID = r, cand
				break
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO entities (rowid, name, type, country) VALUES (?, ?, ?, ?)", nw, gone[0], typ, country); err != nil {
			return err
		}
		// Mentions that read the name move, document by document.
		moved := map[int64]int{}
		rows, err = tx.QueryContext(ctx, "SELECT rowid, doc, text FROM mentions WHERE entity = ?", g)
		if err != nil {
			return err
		}
		var ids []int64
		for rows.Next() {
			var rid, doc int64
			var text string
			if err := rows.Scan(&rid, &doc, &text); err != nil {
				rows.Close()
				return err
			}
			if resolve.Normalize(text) == want || resolve.Normalize(stripPossessive(text)) == want {
				ids = append(ids, rid)
				moved[doc]++
			}
		}
		rows.Close()
		for _, rid := range ids {
			if _, err := tx.ExecContext(ctx, "UPDATE mentions SET entity = ? WHERE rowid = ?", nw, rid); err != nil {
				return err
			}
		}
		for doc, k := range moved {
			if _, err := tx.ExecContext(ctx, `INSERT INTO entity_documents (entity, doc, local_id, mentions)
				SELECT ?, doc, local_id, ? FROM entity_documents WHERE entity = ? AND doc = ?`, nw, k, g, doc); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE entity_documents SET mentions = mentions - ? WHERE entity = ? AND doc = ?", k, g, doc); err != nil {
				return err
			}
			// A document whose every mention moved no longer names the
			// entity.
			if _, err := tx.ExecContext(ctx, `DELETE FROM entity_documents WHERE entity = ? AND doc = ? AND mentions <= 0
				AND NOT EXISTS (SELECT 1 FROM mentions WHERE entity = ? AND doc = ?)`, g, doc, g, doc); err != nil {
				return err
			}
		}
		// Aliases and keys: each entity keeps those of its own names.
		for _, n := range gone {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO entity_aliases (entity, alias, documents) VALUES (?, ?, ?)", nw, n, len(moved)); err != nil {
				return err
			}
		}
		for _, n := range gone {
			if _, err := tx.ExecContext(ctx, "DELETE FROM entity_aliases WHERE entity = ? AND alias = ?", g, n); err != nil {
				return err
			}
		}
		if resolve.Normalize(cur) == want {
			// The entity's own name was split off: it takes its most used
			// remaining alias.
			var next string
			if err := tx.QueryRowContext(ctx, "SELECT alias FROM entity_aliases WHERE entity = ? ORDER BY documents DESC, length(alias) DESC LIMIT 1", g).Scan(&next); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE entities SET name = ? WHERE rowid = ?", next, g); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DELETE FROM entity_aliases WHERE entity = ? AND alias = ?", g, next); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM entity_keys WHERE entity = ?", g); err != nil {
			return err
		}
		for _, k := range resolve.Keys(news.Entity{Name: keep[0], Aliases: keep[1:], Type: t}) {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO entity_keys (key, entity) VALUES (?, ?)", k, g); err != nil {
				return err
			}
		}
		for _, k := range resolve.Keys(news.Entity{Name: gone[0], Aliases: gone[1:], Type: t}) {
			if _, err := tx.ExecContext(ctx, "INSERT OR IGNORE INTO entity_keys (key, entity) VALUES (?, ?)", k, nw); err != nil {
				return err
			}
		}
		for _, e := range []int64{g, nw} {
			if _, err := tx.ExecContext(ctx, `UPDATE entities SET mentions = (SELECT count(*) FROM mentions WHERE entity = ?),
				documents = (SELECT count(*) FROM entity_documents WHERE entity = ?) WHERE rowid = ?`, e, e, e); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO entity_decisions (kind, entity, other, name, made) VALUES ('split', ?, ?, ?, ?)", g, nw, name, now())
		return err
	})
	return newID, err
}

// Decisions lists the user's decisions about a global entity, oldest
// first.
func (s *Store) Decisions(ctx context.Context, id string) ([]store.Decision, error) {
	g, ok := parseEntityID(id)
	if !ok {
		return nil, fmt.Errorf("%q: %w", id, store.ErrNotFound)
	}
	var out []store.Decision
	err := s.each(ctx, "SELECT kind, entity, other, name, made FROM entity_decisions WHERE entity = ? OR other = ? ORDER BY rowid", []any{g, g}, func(r *sql.Rows) error {
		var d store.Decision
		var e, o int64
		if err := r.Scan(&d.Kind, &e, &o, &d.Name, &d.Made); err != nil {
			return err
		}
		d.Entity, d.Other = entityID(e), entityID(o)
		out = append(out, d)
		return nil
	})
	return out, err
}

// splitNames returns, for each of the given global entities, the names
// split off it by a user.
func splitNames(ctx context.Context, w *writer, ids []int64) (map[int64][]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	st, err := w.stmt(ctx, "SELECT entity, name FROM entity_decisions WHERE kind = 'split' AND entity IN ("+placeholders(len(ids))+")")
	if err != nil {
		return nil, err
	}
	rows, err := st.QueryContext(ctx, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var e int64
		var n string
		if err := rows.Scan(&e, &n); err != nil {
			return nil, err
		}
		out[e] = append(out[e], n)
	}
	return out, rows.Err()
}

func notFound(err error, id string) error {
	if err == sql.ErrNoRows {
		return fmt.Errorf("entity %s: %w", id, store.ErrNotFound)
	}
	return err
}

func now() string { return time.Now().UTC().Format(time.RFC3339) }

func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}
