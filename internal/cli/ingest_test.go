package cli_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/ingest"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// TestHelperProcess is not a test: it runs the newsgraph command line
// when a test re-executes the test binary with NEWSGRAPH_HELPER=1 and the
// arguments after "--".
func TestHelperProcess(t *testing.T) {
	if os.Getenv("NEWSGRAPH_HELPER") != "1" {
		return
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(cli.Main(context.Background(), args, os.Stdout, os.Stderr))
}

// newsgraph returns a command running the newsgraph CLI in a subprocess.
func newsgraph(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperProcess$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "NEWSGRAPH_HELPER=1")
	return cmd
}

var (
	firstNames = []string{"Pavel", "Anna", "Ales", "Olga", "Ihar", "Maria", "Dmitri", "Sofia", "Yuri", "Elena", "Viktor", "Irina"}
	lastNames  = []string{"Kovalenko", "Shevchuk", "Lysenko", "Bondar", "Tkachenko", "Moroz", "Kravets", "Savchenko", "Marchenko", "Rudenko"}
	cities     = []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga", "Lviv", "Gdansk", "Brest", "Kharkiv", "Tallinn"}
	orgs       = []string{"the Red Cross", "the United Nations", "the European Commission", "NATO", "the city council", "the Interior Ministry"}
	verbs      = []string{"met", "criticised", "thanked", "visited", "warned", "praised", "accused", "supported"}
	topics     = []string{"the border crossings", "the new budget", "energy prices", "the refugee centres", "the railway line", "the elections", "grain exports", "the water supply"}
)

// genArticle returns a generated news article: several paragraphs with
// names, places, organisations, a quote and dates, unique by i.
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

// writeCorpus writes n generated articles as JSON Lines.
func writeCorpus(t testing.TB, path string, n int) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	r := rand.New(rand.NewPCG(1, 2))
	enc := json.NewEncoder(w)
	for i := range n {
		title, text := genArticle(r, i)
		rec := map[string]string{"title": title, "text": text, "outlet": fmt.Sprintf("Outlet %d", i%7),
			"published": fmt.Sprintf("2022-%02d-%02d", 1+i%12, 1+i%28)}
		if err := enc.Encode(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func countDocs(t *testing.T, db string) int {
	t.Helper()
	return count(t, db, "SELECT count(*) FROM documents")
}

// count runs a counting query on a database another process may be
// writing.
func count(t *testing.T, db, query string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", db+"?_pragma=query_only(ON)&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(query).Scan(&n); err != nil {
		return -1 // not created yet
	}
	return n
}

// TestIngestKilledAndResumed ingests 10,000 generated articles, kills the
// process with SIGKILL midway, runs the same command again and checks that
// every article is stored exactly once.
func TestIngestKilledAndResumed(t *testing.T) {
	testenv.Long(t, "ingests 10,000 articles in two processes")
	const n = 10000
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	db := filepath.Join(dir, "kill.db")
	writeCorpus(t, corpus, n)

	// Only the extract stage: this test is about storage, and the full
	// pipeline would make it slow.
	cmd := newsgraph("ingest", "--db", db, "--batch", "32", "--stages", "extract", corpus)
	var out1 bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out1, &out1
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(2 * time.Minute)
	stored := 0
	for {
		if stored = countDocs(t, db); stored >= 500 {
			break
		}
		select {
		case err := <-exited:
			t.Fatalf("ingest exited (%v) before it could be killed, with %d stored:\n%s", err, stored, out1.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("ingest stored only %d articles in 2 minutes:\n%s", stored, out1.String())
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	atKill := countDocs(t, db)
	if atKill >= n {
		t.Fatalf("ingest finished (%d stored) before SIGKILL; the test needs a bigger corpus", atKill)
	}
	t.Logf("killed with %d of %d articles stored", atKill, n)

	out, err := newsgraph("ingest", "--db", db, "--stages", "extract", corpus).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	last := lastLine(out)
	want := fmt.Sprintf("read %d, new %d, unchanged %d, failed 0,", n, n-atKill, atKill)
	if !strings.HasPrefix(last, want) {
		t.Errorf("second ingest summary %q; want it to begin %q", last, want)
	}

	ctx := context.Background()
	st, err := sqlite.Open(ctx, db, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != n {
		t.Errorf("store holds %d documents; want %d", stats.Documents, n)
	}
	// Every article is in the full-text index exactly once, and every one
	// of the generated articles is there (titles are unique).
	res, err := st.Search(ctx, store.SearchQuery{Text: "report"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != n {
		t.Errorf("search finds %d documents; want %d", res.Total, n)
	}
	titles := map[string]bool{}
	err = st.Export(ctx, store.Exporter{Document: func(id string, rec []byte) error {
		var a struct{ Title string }
		if err := json.Unmarshal(rec, &a); err != nil {
			return err
		}
		if titles[a.Title] {
			return fmt.Errorf("title %q stored twice", a.Title)
		}
		titles[a.Title] = true
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(titles) != n {
		t.Errorf("%d distinct articles stored; want %d", len(titles), n)
	}
	// Every article is in exactly one story, including those stored just
	// before the kill, whose story the second run assigned.
	if got := count(t, db, "SELECT count(DISTINCT doc) FROM story_documents"); got != n {
		t.Errorf("%d articles are in a story; want all %d", got, n)
	}

	// A third run adds nothing and says so.
	out, err = newsgraph("ingest", "--db", db, corpus).CombinedOutput()
	if err != nil {
		t.Fatalf("third ingest: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "nothing new") || !strings.HasPrefix(lastLine(out), fmt.Sprintf("read %d, new 0, unchanged %d, failed 0,", n, n)) {
		t.Errorf("third ingest output:\n%s\nwant 'nothing new' and 'new 0'", out)
	}
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

func TestIngestExamplesTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ex.db")
	for run, want := range []string{"read 2, new 2, unchanged 0, failed 0,", "read 2, new 0, unchanged 2, failed 0,"} {
		var stdout, stderr bytes.Buffer
		code := cli.Run(context.Background(), &cli.Env{Stdout: &stdout, Stderr: &stderr}, []string{"ingest", "--db", db, "../../examples"})
		if code != cli.ExitOK {
			t.Fatalf("run %d: exit %d: %s", run+1, code, stderr.String())
		}
		if got := lastLine(stdout.Bytes()); !strings.HasPrefix(got, want) || !strings.HasSuffix(got, "articles/s") {
			t.Errorf("run %d: summary %q; want %q… articles/s", run+1, got, want)
		}
		if run == 1 && !strings.Contains(stdout.String(), "nothing new") {
			t.Errorf("second run does not say nothing is new:\n%s", stdout.String())
		}
		if got := count(t, db, "SELECT count(DISTINCT doc) FROM story_documents"); got != 2 {
			t.Errorf("run %d: %d example articles in a story; want 2", run+1, got)
		}
	}
}

func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"bin.txt":    {0, 1, 2, 3, 0, 0, 'x'},
		"empty.txt":  nil,
		"ok.txt":     []byte("Minsk, May 20 — A short report about Warsaw.\n\nIt has two paragraphs."),
		"bad.jsonl":  []byte("{\"text\": \"A line about Kyiv.\"}\n{broken\n{\"text\": \"Another line about Riga.\"}\n"),
		"latin1.txt": []byte("Caf\xe9 in Minsk opened a new branch.\n"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "bad.db")
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), &cli.Env{Stdout: &stdout, Stderr: &stderr}, []string{"ingest", "--db", db, dir})
	if code != cli.ExitFailure {
		t.Errorf("exit %d; want %d (some inputs failed)", code, cli.ExitFailure)
	}
	if got, want := lastLine(stdout.Bytes()), "read 7, new 4, unchanged 0, failed 3,"; !strings.HasPrefix(got, want) {
		t.Errorf("summary %q; want %q…", got, want)
	}
	for _, want := range []string{"bin.txt", "empty.txt", "bad.jsonl:2"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("errors do not name %s:\n%s", want, stderr.String())
		}
	}
}

func TestIngestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := cli.Run(context.Background(), &cli.Env{Stdout: &stdout, Stderr: &stderr}, []string{"ingest"}); code != cli.ExitUsage {
		t.Errorf("ingest with no paths: exit %d; want %d", code, cli.ExitUsage)
	}
	newer := filepath.Join(t.TempDir(), "newer.db")
	st, err := sqlite.Open(context.Background(), newer, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	conn, err := sql.Open("sqlite", newer)
	if err != nil {
		t.Fatal(err)
	}
	conn.Exec("PRAGMA user_version = 99")
	conn.Close()
	stderr.Reset()
	code := cli.Run(context.Background(), &cli.Env{Stdout: &stdout, Stderr: &stderr}, []string{"ingest", "--db", newer, "../../examples"})
	if code == cli.ExitOK || !strings.Contains(stderr.String(), "newer") {
		t.Errorf("ingest into a newer database: exit %d, %q; want a failure saying the file is newer", code, stderr.String())
	}
}

// BenchmarkIngest measures annotate + store over a generated corpus: the
// articles/s metric is what a user sees from newsgraph ingest. It runs the
// whole pipeline and, for comparison, the extract stage alone.
func BenchmarkIngest(b *testing.B) {
	const n = 500
	dir := b.TempDir()
	corpus := filepath.Join(dir, "bench.jsonl")
	writeCorpus(b, corpus, n)
	for _, stages := range [][]string{nil, {"extract"}} {
		name := "stages=all"
		if stages != nil {
			name = "stages=" + strings.Join(stages, ",")
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				st, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), sqlite.Options{})
				if err != nil {
					b.Fatal(err)
				}
				sum, err := ingest.Run(context.Background(), st, []string{corpus}, ingest.Options{Stages: stages})
				if err != nil || sum.New != n {
					b.Fatalf("ingest: %v, %+v", err, sum)
				}
				st.Close()
			}
			b.StopTimer()
			elapsed := time.Since(start)
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "articles/s")
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(n*b.N), "allocs/article")
			b.ReportMetric(float64(m1.TotalAlloc-m0.TotalAlloc)/float64(n*b.N), "B/article")
		})
	}
}

// TestIngestConcurrentProcesses runs two ingests of the same corpus into
// one database at once: each article is stored exactly once, and between
// them the two runs report every article as new exactly once.
func TestIngestConcurrentProcesses(t *testing.T) {
	testenv.Long(t, "ingests 2,000 articles twice at once")
	const n = 2000
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	db := filepath.Join(dir, "two.db")
	writeCorpus(t, corpus, n)
	var outs [2]bytes.Buffer
	var cmds [2]*exec.Cmd
	for i := range cmds {
		cmds[i] = newsgraph("ingest", "--db", db, "--stages", "extract", corpus)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	newTotal := 0
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("ingest %d: %v\n%s", i+1, err, outs[i].String())
		}
		var read, nw, unchanged, failed int
		if _, err := fmt.Sscanf(lastLine(outs[i].Bytes()), "read %d, new %d, unchanged %d, failed %d,", &read, &nw, &unchanged, &failed); err != nil {
			t.Fatalf("ingest %d summary %q: %v", i+1, lastLine(outs[i].Bytes()), err)
		}
		if read != n || nw+unchanged != n || failed != 0 {
			t.Errorf("ingest %d: read %d, new %d, unchanged %d, failed %d; want %d read", i+1, read, nw, unchanged, failed, n)
		}
		newTotal += nw
	}
	if newTotal != n {
		t.Errorf("the two runs stored %d new articles between them; want %d", newTotal, n)
	}
	if got := countDocs(t, db); got != n {
		t.Errorf("store holds %d documents; want %d", got, n)
	}
}
