package cli_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/testenv"
)

// crashTables are what a store holds, each row by content (document IDs,
// content-derived entity, event and story IDs), so that two stores compare
// however their rows were written.
var crashTables = map[string]string{
	"documents":        `SELECT id, title, published, outlet, chars FROM documents`,
	"entities":         `SELECT rowid, name, type, country, mentions, documents FROM entities`,
	"entity_aliases":   `SELECT entity, alias, documents FROM entity_aliases`,
	"entity_documents": `SELECT e.entity, d.id, e.local_id, e.mentions FROM entity_documents e JOIN documents d ON d.rowid = e.doc`,
	"mentions":         `SELECT d.id, m.start_cp, m.end_cp, m.type, m.entity FROM mentions m JOIN documents d ON d.rowid = m.doc`,
	"quotes":           `SELECT d.id, q.start_cp, q.end_cp, q.speaker, q.speaker_name, q.kind FROM quotes q JOIN documents d ON d.rowid = q.doc`,
	"events":           `SELECT d.id, e.id, e.type, e.actor, e.target, e.date FROM events e JOIN documents d ON d.rowid = e.doc`,
	"places":           `SELECT d.id, p.start_cp, p.name, p.geonames, p.entity FROM places p JOIN documents d ON d.rowid = p.doc`,
	"times":            `SELECT d.id, t.start_cp, t.value FROM times t JOIN documents d ON d.rowid = t.doc`,
	"stories":          `SELECT s.id, d.id, sd.duplicate_of FROM story_documents sd JOIN stories s ON s.rowid = sd.story JOIN documents d ON d.rowid = sd.doc`,
}

// dumpStore returns each table's rows as sorted strings, after checking
// the database's integrity and its full-text index.
func dumpStore(t *testing.T, db string) map[string][]string {
	t.Helper()
	conn, err := sql.Open("sqlite", db+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var ok string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity_check: %q, %v", ok, err)
	}
	if _, err := conn.Exec("INSERT INTO documents_fts(documents_fts) VALUES('integrity-check')"); err != nil {
		t.Fatalf("full-text index check: %v", err)
	}
	out := map[string][]string{}
	for name, q := range crashTables {
		rows, err := conn.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out[name] = append(out[name], fmt.Sprint(vals...))
		}
		rows.Close()
		slices.Sort(out[name])
	}
	return out
}

// TestCrashConsistency ingests a corpus with every stage, kills the
// process with SIGKILL at a random moment, runs the same ingest again,
// and compares the store with one from a clean ingest: integrity and
// full-text checks pass, no article is lost or stored twice, and the
// entity, mention, quote, event, place, time and story tables are the
// same. 20 trials.
func TestCrashConsistency(t *testing.T) {
	testenv.Long(t, "20 killed and resumed ingests")
	const n, trials = 150, 20
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeCorpus(t, corpus, n)
	ingest := func(db string) ([]byte, error) {
		return newsgraph("ingest", "--db", db, "--batch", "8", corpus).CombinedOutput()
	}
	clean := filepath.Join(dir, "clean.db")
	start := time.Now()
	if out, err := ingest(clean); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	took := time.Since(start)
	want := dumpStore(t, clean)
	if len(want["documents"]) != n || len(want["entities"]) == 0 || len(want["quotes"]) == 0 || len(want["stories"]) != n {
		t.Fatalf("clean store: %d documents, %d entities, %d quotes, %d story rows", len(want["documents"]), len(want["entities"]), len(want["quotes"]), len(want["stories"]))
	}
	t.Logf("clean ingest: %v; %d entities, %d quotes, %d events", took, len(want["entities"]), len(want["quotes"]), len(want["events"]))

	r := rand.New(rand.NewPCG(16, 20))
	partial := 0
	for trial := range trials {
		db := filepath.Join(dir, fmt.Sprintf("kill%d.db", trial))
		cmd := newsgraph("ingest", "--db", db, "--batch", "8", corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Anywhere from model loading to the last batches.
		time.Sleep(time.Duration(r.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		atKill := count(t, db, "SELECT count(*) FROM documents")
		if atKill > 0 && atKill < n {
			partial++
		}
		if out, err := ingest(db); err != nil {
			t.Fatalf("trial %d: resumed ingest: %v\n%s", trial, err, out)
		}
		got := dumpStore(t, db)
		for name := range crashTables {
			if !slices.Equal(got[name], want[name]) {
				t.Errorf("trial %d (killed with %d of %d stored): table %s differs from a clean ingest: %d rows, want %d; first difference %s",
					trial, atKill, n, name, len(got[name]), len(want[name]), firstDiff(got[name], want[name]))
			}
		}
	}
	t.Logf("%d of %d trials were killed with part of the corpus stored", partial, trials)
	if partial < trials/2 {
		t.Errorf("only %d of %d kills fell inside the ingest; the test does not exercise what it should", partial, trials)
	}
}

func firstDiff(a, b []string) string {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return fmt.Sprintf("%q vs %q", a[i], b[i])
		}
	}
	if len(a) > len(b) {
		return "extra " + strings.Join(a[len(b):min(len(a), len(b)+2)], "; ")
	}
	if len(b) > len(a) {
		return "missing " + strings.Join(b[len(a):min(len(b), len(a)+2)], "; ")
	}
	return "none"
}
