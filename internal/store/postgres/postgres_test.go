package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/postgres/pgtest"
	"github.com/newsgraph/newsgraph/internal/store/storetest"
)

func open(t *testing.T) store.Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.NewDB(t), Options{})
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
	u := pgtest.NewDB(t)
	s, err := Open(ctx, u, Options{})
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
	s.Close()
	// Opening again applies nothing and keeps the data.
	if s, err = Open(ctx, u, Options{MustExist: true}); err != nil {
		t.Fatalf("reopening: %v", err)
	}
	s.Close()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "UPDATE newsgraph_meta SET value = '999' WHERE key = 'format'"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	_, err = Open(ctx, u, Options{})
	if !errors.Is(err, store.ErrNewerFormat) || !strings.Contains(err.Error(), "999") {
		t.Errorf("Open of a newer database: err = %v; want store.ErrNewerFormat naming its version", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	u := pgtest.NewDB(t)
	if _, err := Open(ctx, u, Options{MustExist: true}); !errors.Is(err, store.ErrNoDatabase) {
		t.Errorf("Open(MustExist) of an empty database: err = %v; want store.ErrNoDatabase", err)
	}
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE documents (x int)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if _, err := Open(ctx, u, Options{}); !errors.Is(err, store.ErrNotStore) {
		t.Errorf("Open of another program's database: err = %v; want store.ErrNotStore", err)
	}
	if _, err := Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", Options{}); err == nil || !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Errorf("Open of an unreachable server: err = %v; want an error naming it", err)
	}
}

// TestNUL stores text with NUL bytes, which PostgreSQL text cannot hold.
func TestNUL(t *testing.T) {
	ctx := context.Background()
	s := open(t)
	defer s.Close()
	a := &news.Article{ID: "nul1", Title: "A\x00B", Text: "Minsk\x00 talks resumed.", Language: "en"}
	if _, err := s.Put(ctx, a); err != nil {
		t.Fatalf("Put of text with NUL: %v", err)
	}
	r, err := s.Search(ctx, store.SearchQuery{Text: "minsk"})
	if err != nil || r.Total != 1 {
		t.Errorf("Search(minsk) = %+v, %v; want the article", r, err)
	}
}

func TestTSQuery(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"kalinouski battalion", "(('kalinouski')) & (('battalion'))"},
		{`"kastus kalinouski" -putin`, "(('kastus' <-> 'kalinouski')) & !('putin')"},
		{"minsk OR warsaw belarus*", "(('minsk') | ('warsaw')) & (('belarus':*))"},
		{"o'neill", "(('o' <-> 'neill'))"},
		{"-- * \"\"", ""},
	} {
		if got := tsQuery(store.ParseQuery(tc.in)); got != tc.want {
			t.Errorf("tsQuery(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SELECT ? , ?", "SELECT $1 , $2"},
		{"a = ?1 AND b = ?2 OR c = ?1", "a = $1 AND b = $2 OR c = $1"},
		{"no placeholders", "no placeholders"},
	} {
		if got := rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

// TestSetStoryLock checks that the server-side SetStory takes the same
// advisory lock as every other write.
func TestSetStoryLock(t *testing.T) {
	sql := migrations()[2]
	if want := fmt.Sprintf("pg_advisory_xact_lock(%d)", int64(lockWrite)); !strings.Contains(sql, want) {
		t.Errorf("migration 003 does not take the write lock: no %q", want)
	}
}

func TestFTSWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"A New York-based bank", "A New York based bank"},
		{"U.S. output rose 3.5 pct", "U S output rose 3 5 pct"},
		{"  Zürich's café\x00, naïve ", "Zürich s café naïve"},
	} {
		if got := ftsWords(tc.in); got != tc.want {
			t.Errorf("ftsWords(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
