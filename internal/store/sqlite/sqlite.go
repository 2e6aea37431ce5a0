// Package sqlite is newsgraph's embedded store: one SQLite file (through
// modernc.org/sqlite, pure Go) in WAL mode, with FTS5 full-text search
// (porter stemming over unicode61, bm25 ranking, highlighted snippets).
//
// The schema is a list of numbered migrations (migrations/NNN_*.sql); the
// number of the last one applied is the file's format version, kept in
// SQLite's user_version, and the file is marked as newsgraph's by its
// application_id. Opening a file written by a newer newsgraph fails with
// [store.ErrNewerFormat] and touches nothing. docs/format/store.md
// describes the tables.
//
// One connection writes (each write is one IMMEDIATE transaction); a small
// pool of read-only connections serves queries concurrently.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/store"
	_ "modernc.org/sqlite" // the database/sql driver "sqlite"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// applicationID marks a SQLite file as a newsgraph store ("NGph").
const applicationID = 0x4e477068

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
			panic("sqlite: migration " + n + " is out of sequence")
		}
		out[i] = string(b)
	}
	return out
}

// Options controls [Open].
type Options struct {
	// MustExist makes Open fail with store.ErrNoDatabase instead of
	// creating a missing file.
	MustExist bool
	// Readers is the number of read connections; zero means one per CPU
	// (at least 2).
	Readers int
}

// Store is the SQLite store. It implements [store.Store].
type Store struct {
	path string
	w    *sql.DB // one connection: all writes
	r    *sql.DB // read-only pool

	mu      sync.Mutex // serialises writers within this process
	closed  bool
	hasOnce sync.Once
	has     *sql.Stmt // Has, prepared once on the read pool
	hasErr  error
}

var _ store.Store = (*Store)(nil)

// Open opens or creates the store in the file at path and brings its
// schema up to date.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("sqlite: no database file given")
	}
	if strings.ContainsAny(path, "?#") {
		return nil, fmt.Errorf("sqlite: database file name %q may not contain '?' or '#'", path)
	}
	if _, err := os.Stat(path); err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
		if opt.MustExist {
			return nil, fmt.Errorf("%w: %s (run newsgraph ingest first)", store.ErrNoDatabase, path)
		}
	}
	w, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	s := &Store{path: path, w: w}
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, err
	}
	n := opt.Readers
	if n <= 0 {
		n = max(2, runtime.GOMAXPROCS(0))
	}
	r, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: opening %s: %w", path, err)
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.r = r
	return s, nil
}

func dsn(path string, readOnly bool) string {
	v := url.Values{}
	v.Add("_pragma", "busy_timeout(10000)")
	v.Add("_pragma", "foreign_keys(ON)")
	v.Add("_pragma", "synchronous(NORMAL)")
	// Page cache per connection (the default is 2 MiB): 32 MiB for each
	// reader, so that the indexes queries walk stay in memory; 16 MiB for
	// the writer, whose inserts touch the right-hand edge of each index and
	// a few pages per look-up. The operating system caches the file too;
	// a larger writer cache bought no measurable CPU and cost its size in
	// the peak memory of ingest (docs/performance.md).
	if readOnly {
		v.Add("_pragma", "cache_size(-32768)")
	} else {
		v.Add("_pragma", "cache_size(-16384)")
	}
	v.Add("_pragma", "temp_store(MEMORY)")
	if readOnly {
		v.Add("_pragma", "query_only(ON)")
	} else {
		v.Add("_txlock", "immediate")
	}
	return path + "?" + v.Encode()
}

// migrate checks the file's identity and format and applies the missing
// migrations, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	var appID, version int
	if err := s.w.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		if strings.Contains(err.Error(), "not a database") {
			return fmt.Errorf("%w: %s", store.ErrNotStore, s.path)
		}
		return fmt.Errorf("sqlite: reading %s: %w", s.path, err)
	}
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("sqlite: reading %s: %w", s.path, err)
	}
	if appID != applicationID {
		var tables int
		if err := s.w.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables); err != nil {
			return fmt.Errorf("sqlite: reading %s: %w", s.path, err)
		}
		if appID != 0 || tables > 0 {
			return fmt.Errorf("%w: %s is a SQLite file of another program", store.ErrNotStore, s.path)
		}
	}
	ms := migrations()
	if version > len(ms) {
		return fmt.Errorf("%w: %s has format version %d, this newsgraph reads up to %d; use a newer newsgraph",
			store.ErrNewerFormat, s.path, version, len(ms))
	}
	if _, err := s.w.ExecContext(ctx, "PRAGMA journal_mode=WAL"); err != nil {
		return fmt.Errorf("sqlite: enabling WAL on %s: %w", s.path, err)
	}
	for i := version; i < len(ms); i++ {
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("sqlite: migrating %s: %w", s.path, err)
		}
		// Another process may have migrated the file since the version was
		// read above; the write transaction (BEGIN IMMEDIATE) makes this
		// second read authoritative.
		var now int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %d on %s: %w", i+1, s.path, err)
		}
		if now > i {
			tx.Rollback()
			if now > len(ms) {
				return fmt.Errorf("%w: %s has format version %d, this newsgraph reads up to %d; use a newer newsgraph",
					store.ErrNewerFormat, s.path, now, len(ms))
			}
			i = now - 1
			continue
		}
		if _, err := tx.ExecContext(ctx, ms[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %d on %s: %w", i+1, s.path, err)
		}
		if hook := migrationHooks[i+1]; hook != nil {
			if err := hook(ctx, tx); err != nil {
				tx.Rollback()
				return fmt.Errorf("sqlite: migration %d on %s: %w", i+1, s.path, err)
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d; PRAGMA application_id = %d", i+1, applicationID)); err != nil {
			tx.Rollback()
			return fmt.Errorf("sqlite: migration %d on %s: %w", i+1, s.path, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("sqlite: migration %d on %s: %w", i+1, s.path, err)
		}
	}
	return nil
}

// Path returns the database file.
func (s *Store) Path() string { return s.path }

// Close closes the store, checkpointing the write-ahead log.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var errs []error
	if s.has != nil {
		errs = append(errs, s.has.Close())
	}
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	// A clean checkpoint leaves a single file behind.
	s.w.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	errs = append(errs, s.w.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: closing %s: %w", s.path, err)
	}
	return nil
}
