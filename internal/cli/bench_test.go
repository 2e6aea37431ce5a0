package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBench(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "long.jsonl")
	code, out, stderr := run(t, "", "bench", "corpus", "long", "3")
	if code != ExitOK {
		t.Fatalf("bench corpus long: exit %d, %s", code, stderr)
	}
	if err := os.WriteFile(corpus, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "bench.db")
	code, out, stderr = run(t, "", "bench", "--db", db, "--stages", "annotate.token", corpus)
	if code != ExitOK {
		t.Fatalf("bench: exit %d, %s", code, stderr)
	}
	for _, want := range []string{
		"stored: 3 articles", "| extract |", "| annotate.sentence |", "| annotate.token |",
		"| store write (without resolution) |", "| entity resolution |", "| stories: clustering |",
		"| **total (process user+sys)** |", "allocations:", "peak RSS:", "store file:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "annotate.ner") {
		t.Errorf("report has a stage that did not run:\n%s", out)
	}
	// The database is kept and never reused.
	if _, err := os.Stat(db); err != nil {
		t.Errorf("--db file: %v", err)
	}
	if code, _, stderr := run(t, "", "bench", "--db", db, corpus); code != ExitUsage || !strings.Contains(stderr, "exists") {
		t.Errorf("existing --db: exit %d, %q", code, stderr)
	}
}

func TestBenchUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"bench"}, "no input"},
		{[]string{"bench", "--stages", "nope", "x.jsonl"}, "unknown stage"},
		{[]string{"bench", "corpus", "long", "zero"}, "positive number"},
		{[]string{"bench", "corpus", "wiki", "x"}, "unknown corpus"},
		{[]string{"bench", "corpus", "reuters"}, "Usage"},
	} {
		code, _, stderr := run(t, "", tc.args...)
		if code != ExitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want usage error with %q", tc.args, code, stderr, tc.want)
		}
	}
	if code, _, stderr := run(t, "", "bench", "corpus", "reuters", t.TempDir()); code != ExitFailure || !strings.Contains(stderr, "no Reuters-21578 files") {
		t.Errorf("empty Reuters directory: exit %d, %q", code, stderr)
	}
}
