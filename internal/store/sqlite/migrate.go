package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
)

// migrationHooks run in Go right after the SQL of the migration with their
// number, in the same transaction.
var migrationHooks = map[int]func(context.Context, *sql.Tx) error{
	2: renumber,
}

// renumber gives every global entity, event and story of a format-1 file its
// content-derived ID (migration 2).
func renumber(ctx context.Context, tx *sql.Tx) error {
	if err := renumberEntities(ctx, tx); err != nil {
		return err
	}
	if err := numberEvents(ctx, tx); err != nil {
		return err
	}
	return renameStories(ctx, tx)
}

func renumberEntities(ctx context.Context, tx *sql.Tx) error {
	type ent struct {
		rowid int64
		typ   news.EntityType
		names []string
		key   string
	}
	var ents []*ent
	byID := map[int64]*ent{}
	rows, err := tx.QueryContext(ctx, "SELECT rowid, name, type FROM entities")
	if err != nil {
		return err
	}
	for rows.Next() {
		e := &ent{}
		var name, typ string
		if err := rows.Scan(&e.rowid, &name, &typ); err != nil {
			rows.Close()
			return err
		}
		e.typ, e.names = news.EntityType(typ), []string{name}
		ents = append(ents, e)
		byID[e.rowid] = e
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, "SELECT entity, alias FROM entity_aliases")
	if err != nil {
		return err
	}
	for rows.Next() {
		var g int64
		var alias string
		if err := rows.Scan(&g, &alias); err != nil {
			rows.Close()
			return err
		}
		if e := byID[g]; e != nil {
			e.names = append(e.names, alias)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range ents {
		e.key = resolve.EntityClass(e.typ) + "\x00" + resolve.EntityKey(e.typ, e.names)
	}
	// Entities sharing a key are numbered in the order they were created.
	sort.Slice(ents, func(i, j int) bool {
		if ents[i].key != ents[j].key {
			return ents[i].key < ents[j].key
		}
		return ents[i].rowid < ents[j].rowid
	})
	taken := map[int64]bool{}
	for _, e := range ents {
		taken[e.rowid] = true
	}
	exec := func(ctx context.Context, q string, args ...any) (sql.Result, error) {
		return tx.ExecContext(ctx, q, args...)
	}
	for _, e := range ents {
		key := resolve.EntityKey(e.typ, e.names)
		var ng int64
		for n := 1; ; n++ {
			ng, _ = resolve.EntityRowID(resolve.EntityID(e.typ, key, n))
			if ng == e.rowid || !taken[ng] {
				break
			}
		}
		if ng == e.rowid {
			continue
		}
		if err := moveEntity(ctx, exec, e.rowid, ng); err != nil {
			return err
		}
		delete(taken, e.rowid)
		taken[ng] = true
	}
	return nil
}

func numberEvents(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "SELECT ev.rowid, d.id, ev.event FROM events ev JOIN documents d ON d.rowid = ev.doc ORDER BY ev.doc, ev.rowid")
	if err != nil {
		return err
	}
	type upd struct {
		rowid int64
		id    string
	}
	var ups []upd
	prev, i := "", 0
	for rows.Next() {
		var rowid int64
		var doc string
		var b []byte
		if err := rows.Scan(&rowid, &doc, &b); err != nil {
			rows.Close()
			return err
		}
		if doc != prev {
			prev, i = doc, 0
		}
		var ev news.Event
		if err := json.Unmarshal(b, &ev); err != nil {
			rows.Close()
			return fmt.Errorf("event %d of %s: %w", i, doc, err)
		}
		ups = append(ups, upd{rowid, resolve.EventID(doc, i, ev)})
		i++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, u := range ups {
		if _, err := tx.ExecContext(ctx, "UPDATE events SET id = ? WHERE rowid = ?", u.id, u.rowid); err != nil {
			return err
		}
	}
	return nil
}

func renameStories(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT sd.story, d.id, d.published FROM story_documents sd JOIN documents d ON d.rowid = sd.doc
		WHERE sd.duplicate_of = ''`)
	if err != nil {
		return err
	}
	type founder struct{ id, date string }
	founders := map[int64]founder{}
	for rows.Next() {
		var sid int64
		var f founder
		if err := rows.Scan(&sid, &f.id, &f.date); err != nil {
			rows.Close()
			return err
		}
		if cur, ok := founders[sid]; !ok || resolve.StoryFounder(f.id, f.date, cur.id, cur.date) {
			founders[sid] = f
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for sid, f := range founders {
		if _, err := tx.ExecContext(ctx, "UPDATE OR IGNORE stories SET id = ? WHERE rowid = ?", resolve.StoryID(f.id), sid); err != nil {
			return err
		}
	}
	return nil
}
