package cli

import (
	"context"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// DefaultDB is the database file commands use unless --db says otherwise.
const DefaultDB = "newsgraph.db"

// dbUsage is the help text of every --db flag.
const dbUsage = "database: a SQLite `file`, or a postgres:// URL of a PostgreSQL database"

// openDB opens the store --db names: a PostgreSQL database for a
// postgres:// (or postgresql://) URL, else a SQLite file. mustExist makes
// a missing store an error (store.ErrNoDatabase) instead of creating it.
func openDB(ctx context.Context, db string, mustExist bool) (store.Store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db, postgres.Options{MustExist: mustExist})
	}
	return sqlite.Open(ctx, db, sqlite.Options{MustExist: mustExist})
}

// openStore opens an existing store for the read commands.
func openStore(ctx context.Context, db string) (store.Store, error) {
	return openDB(ctx, db, true)
}

// dbName names a --db value in messages, without a password.
func dbName(db string) string {
	if postgres.IsURL(db) {
		return postgres.Redact(db)
	}
	return db
}
