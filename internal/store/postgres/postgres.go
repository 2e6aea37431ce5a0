// Package postgres is newsgraph's scale-out store: PostgreSQL through
// github.com/jackc/pgx/v5. It holds the same tables as the embedded SQLite
// store (docs/format/store.md) and passes the same conformance suite
// (store/storetest), so the CLI, the API and the web UI work on it
// unchanged.
//
// Full-text search is a tsvector column (title weighted A, text B) with a
// GIN index, computed on insert from the words newsgraph finds in the
// title and text (split as store.ParseQuery splits queries), searched with
// a tsquery built from the parsed user query (quoted phrases, OR, -word,
// prefix*), ranked with ts_rank_cd and excerpted with ts_headline. Entity
// names are looked up by substring through pg_trgm trigram indexes.
//
// The schema is a list of numbered migrations (migrations/NNN_*.sql), as
// in the SQLite store: the number of the last one applied is the
// database's format version, kept in the newsgraph_meta table. Opening a
// database written by a newer newsgraph fails with [store.ErrNewerFormat]
// and touches nothing; migrations run one at a time under an advisory
// lock, so processes starting together migrate once.
//
// Writes take a transaction-level advisory lock, so one writer at a time
// resolves entities across all processes sharing the database, as in the
// SQLite store; reads run concurrently from a connection pool.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsgraph/newsgraph/internal/store"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// application marks a PostgreSQL database as a newsgraph store.
const application = "newsgraph"

// Advisory lock keys: one for migrations, one for writes.
const (
	lockMigrate = 0x4e477068_0001
	lockWrite   = 0x4e477068_0002
)

// FormatVersion is the format version this package writes: the number of
// its migrations.
var FormatVersion = len(migrations())

func migrations() []string {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, err := migrationFiles.ReadFile(n)
		if err != nil {
			panic(err)
		}
		if want := fmt.Sprintf("migrations/%03d_", i+1); !strings.HasPrefix(n, want) {
			panic("postgres: migration " + n + " is out of sequence")
		}
		out[i] = string(b)
	}
	return out
}

// IsURL reports whether s names a PostgreSQL database rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Options controls [Open].
type Options struct {
	// MustExist makes Open fail with store.ErrNoDatabase when the database
	// holds no newsgraph store yet, instead of creating the tables.
	MustExist bool
	// MaxConns caps the connection pool; zero means pgx's default.
	MaxConns int
}

// Store is the PostgreSQL store. It implements [store.Store].
type Store struct {
	name string // the URL without its password, for messages
	pool *pgxpool.Pool

	mu     sync.Mutex // serialises writers within this process
	closed bool
}

var _ store.Store = (*Store)(nil)

// Open connects to the database at url (postgres://…) and brings its
// schema up to date.
func Open(ctx context.Context, rawURL string, opt Options) (*Store, error) {
	name := Redact(rawURL)
	cfg, err := pgxpool.ParseConfig(rawURL)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", name, err)
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = int32(opt.MaxConns)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: %s: %w", name, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: connecting to %s: %w", name, err)
	}
	s := &Store{name: name, pool: pool}
	if err := s.migrate(ctx, opt.MustExist); err != nil {
		pool.Close()
		return nil, err
	}
	return s, nil
}

// Redact returns a database URL without its password, for messages.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the PostgreSQL database"
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// migrate checks the database's identity and format and applies the
// missing migrations, each in its own transaction, under an advisory lock.
func (s *Store) migrate(ctx context.Context, mustExist bool) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("postgres: %s: %w", s.name, err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", int64(lockMigrate)); err != nil {
		return fmt.Errorf("postgres: locking %s for migration: %w", s.name, err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", int64(lockMigrate))

	var hasMeta, hasDocs bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('newsgraph_meta') IS NOT NULL, to_regclass('documents') IS NOT NULL`).Scan(&hasMeta, &hasDocs); err != nil {
		return fmt.Errorf("postgres: reading %s: %w", s.name, err)
	}
	version := 0
	if hasMeta {
		var app, v string
		err := conn.QueryRow(ctx, `SELECT (SELECT value FROM newsgraph_meta WHERE key = 'application'), (SELECT value FROM newsgraph_meta WHERE key = 'format')`).Scan(&app, &v)
		if err != nil || app != application {
			return fmt.Errorf("%w: %s has a newsgraph_meta table not written by newsgraph", store.ErrNotStore, s.name)
		}
		if version, err = strconv.Atoi(v); err != nil {
			return fmt.Errorf("%w: %s has format version %q", store.ErrNotStore, s.name, v)
		}
	} else {
		if hasDocs {
			return fmt.Errorf("%w: %s has a documents table of another program", store.ErrNotStore, s.name)
		}
		if mustExist {
			return fmt.Errorf("%w: %s holds no newsgraph store (run newsgraph ingest --db %s first)", store.ErrNoDatabase, s.name, s.name)
		}
	}
	ms := migrations()
	if version > len(ms) {
		return fmt.Errorf("%w: %s has format version %d, this newsgraph reads up to %d; use a newer newsgraph",
			store.ErrNewerFormat, s.name, version, len(ms))
	}
	for i := version; i < len(ms); i++ {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS newsgraph_meta (key text PRIMARY KEY, value text NOT NULL)`); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, ms[i]); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO newsgraph_meta (key, value) VALUES ('application', $1), ('format', $2)
				ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, application, strconv.Itoa(i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("postgres: migration %d on %s: %w", i+1, s.name, err)
		}
	}
	return nil
}

// Name returns the database's URL without its password.
func (s *Store) Name() string { return s.name }

// Close closes the connection pool.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.pool.Close()
	return nil
}

// rebind rewrites SQLite-style placeholders (? and ?N) as PostgreSQL's
// $N, so queries read like the SQLite store's. Queries hold no other
// question marks.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] != '?' {
			b.WriteByte(q[i])
			continue
		}
		j := i + 1
		for j < len(q) && q[j] >= '0' && q[j] <= '9' {
			j++
		}
		if j > i+1 {
			b.WriteString("$" + q[i+1:j])
			i = j - 1
			continue
		}
		n++
		b.WriteString("$" + strconv.Itoa(n))
	}
	return b.String()
}

// ErrNoRows reports whether err is "no rows".
func isNoRows(err error) bool { return errors.Is(err, pgx.ErrNoRows) }
