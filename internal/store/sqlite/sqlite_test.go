package sqlite

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, open)
}

func TestFormatVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "f.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Format != FormatVersion {
		t.Errorf("new store format = %d; want %d", st.Format, FormatVersion)
	}
	// Pretend a newer newsgraph wrote the file.
	if _, err := s.w.Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	_, err = Open(ctx, path, Options{})
	if !errors.Is(err, store.ErrNewerFormat) || !strings.Contains(err.Error(), "999") || !strings.Contains(err.Error(), path) {
		t.Errorf("Open of a newer file: err = %v; want store.ErrNewerFormat naming the file and its version", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	_, err := Open(ctx, filepath.Join(dir, "missing.db"), Options{MustExist: true})
	if !errors.Is(err, store.ErrNoDatabase) {
		t.Errorf("Open(missing, MustExist): err = %v; want store.ErrNoDatabase", err)
	}
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database at all\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(ctx, junk, Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("Open(text file): err = %v; want store.ErrNotStore", err)
	}
	other := filepath.Join(dir, "other.db")
	s, err := Open(ctx, other, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.w.Exec("PRAGMA application_id = 42")
	s.Close()
	if _, err := Open(ctx, other, Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("Open(another program's SQLite file): err = %v; want store.ErrNotStore", err)
	}
}

// FuzzSearch checks that no query string makes the full-text index fail:
// every query either runs or is reported as store.ErrBadQuery (no words).
func FuzzSearch(f *testing.F) {
	for _, q := range storetest.SearchQueries {
		f.Add(q)
	}
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.w.Exec(`INSERT INTO documents (id, title, published, outlet, url, path, chars, text, record, ingested)
		VALUES ('x', 'Minsk', '', '', '', '', 10, 'Minsk and Warsaw', '{}', '');
		INSERT INTO documents_fts (rowid, title, text) SELECT rowid, title, text FROM documents`); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		_, err := s.Search(context.Background(), store.SearchQuery{Text: q})
		if err == nil {
			return
		}
		if !errors.Is(err, store.ErrBadQuery) || !store.ParseQuery(q).Empty() {
			t.Fatalf("Search(%q) = %v; FTS query %q", q, err, ftsQuery(store.ParseQuery(q)))
		}
	})
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Put(ctx, &news.Article{ID: "r1", Title: "Minsk", Text: "A report from Minsk."}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// A clean close leaves no write-ahead log behind.
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		t.Errorf("%s-wal holds %d bytes after Close; want it checkpointed", path, fi.Size())
	}
	s, err = Open(ctx, path, Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 1 || st.Format != FormatVersion {
		t.Errorf("after reopening: %+v; want 1 document, format %d", st, FormatVersion)
	}
	if r, err := s.Search(ctx, store.SearchQuery{Text: "minsk"}); err != nil || r.Total != 1 {
		t.Errorf("search after reopening = %+v, %v", r, err)
	}
}
