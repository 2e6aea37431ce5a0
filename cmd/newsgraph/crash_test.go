package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/testenv"
)

// buildBinary builds newsgraph into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "newsgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// count runs a counting query on a database another process may be
// writing; -1 when it cannot (not created yet).
func count(t *testing.T, db, query string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", db+"?_pragma=query_only(ON)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(query).Scan(&n); err != nil {
		return -1
	}
	return n
}

var (
	firstNames = []string{"Pavel", "Anna", "Ales", "Olga", "Ihar", "Maria", "Dmitri", "Sofia", "Yuri", "Elena", "Viktor", "Irina"}
	lastNames  = []string{"Kovalenko", "Shevchuk", "Lysenko", "Bondar", "Tkachenko", "Moroz", "Kravets", "Savchenko", "Marchenko", "Rudenko"}
	cities     = []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga", "Lviv", "Gdansk", "Brest", "Kharkiv", "Tallinn"}
	orgs       = []string{"the Red Cross", "the United Nations", "the European Commission", "NATO", "the city council", "the Interior Ministry"}
	verbs      = []string{"met", "criticised", "thanked", "visited", "warned", "praised", "accused", "supported"}
	topics     = []string{"the border crossings", "the new budget", "energy prices", "the refugee centres", "the railway line", "the elections", "grain exports", "the water supply"}
)

// genArticle returns a generated news article: paragraphs with names,
// places, organisations, a quote and dates, unique by i.
func genArticle(r *rand.Rand, i int) (title, text string) {
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	person := func() string { return pick(firstNames) + " " + pick(lastNames) }
	city := pick(cities)
	title = fmt.Sprintf("Report %d: %s talks on %s", i, city, pick(topics))
	var b strings.Builder
	for p := 0; p < 4+r.IntN(4); p++ {
		fmt.Fprintf(&b, "%s (Report %d) — %s %s %s in %s on %s, officials said on Tuesday. ",
			city, i, person(), pick(verbs), pick(orgs), pick(cities), pick(topics))
		fmt.Fprintf(&b, "“We expect a decision on %s by May %d,” said %s, who has worked on it since %d. ",
			pick(topics), 1+r.IntN(28), person(), 1990+r.IntN(30))
		fmt.Fprintf(&b, "About %d people attended, and %s said the talks would continue in %s.\n\n",
			100+r.IntN(5000), pick(orgs), pick(cities))
	}
	return title, strings.TrimSpace(b.String())
}

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
			out[name] = append(out[name], fmt.Sprintln(vals...))
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
// same. 20 trials. (The corpus is dated in file order, as crawls are: a
// resumed run replays into story clustering only the stories of the last
// 30 days before the newest stored article, ingest.RestoreWindow, so input
// far out of date order can join other stories after a kill than in one
// run.)
func TestCrashConsistency(t *testing.T) {
	testenv.Long(t, "20 killed and resumed ingests")
	const n, trials = 100, 20
	bin := buildBinary(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	writeDatedCorpus(t, corpus, n)
	ingest := func(db string) ([]byte, error) {
		return exec.Command(bin, "ingest", "--db", db, "--batch", "8", corpus).CombinedOutput()
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
		cmd := exec.Command(bin, "ingest", "--db", db, "--batch", "8", corpus)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		if trial%4 == 0 {
			// Anywhere, model loading included.
			time.Sleep(time.Duration(r.Int64N(int64(took))))
		} else {
			// Once a random number of articles is stored.
			target := 1 + r.IntN(n-1)
			for deadline := time.Now().Add(2 * took); count(t, db, "SELECT count(*) FROM documents") < target && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
		}
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

// writeDatedCorpus writes n generated articles as JSON Lines, dated in
// the order of the file over two weeks, as a crawl delivers them.
func writeDatedCorpus(t *testing.T, path string, n int) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	day := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		title, text := genArticle(r, i)
		rec, err := json.Marshal(map[string]string{"title": title, "text": text, "outlet": fmt.Sprintf("Outlet %d", i%7),
			"published": day.AddDate(0, 0, i*14/n).Format("2006-01-02")})
		if err != nil {
			t.Fatal(err)
		}
		b.Write(rec)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
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
