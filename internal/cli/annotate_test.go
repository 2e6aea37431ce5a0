package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(context.Background(), &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestAnnotateExamples(t *testing.T) {
	code, out, stderr := run(t, "", "annotate", "--format", "json", "../../examples")
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d records, want 2", len(lines))
	}
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("record is not JSON: %v", err)
		}
		for _, k := range []string{"v", "id", "source", "title", "published", "text", "removed", "captions", "sentences",
			"entities", "mentions", "quotes", "times", "places", "events", "provenance"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("record lacks %q", k)
			}
		}
		if rec["title"] == "" || len(rec["sentences"].([]any)) == 0 {
			t.Errorf("empty title or sentences in %s", rec["source"])
		}
	}
}

func TestAnnotateBadInputs(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.txt"), []byte("The council met on Monday. It voted."), 0o644)
	os.WriteFile(filepath.Join(dir, "junk.txt"), []byte{0, 1, 2, 3, 0, 0xff}, 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "lines.jsonl"), []byte("{\"text\": \"One article.\"}\n{oops\n"), 0o644)
	code, out, stderr := run(t, "", "annotate", dir)
	if code != ExitFailure {
		t.Errorf("exit %d, want %d", code, ExitFailure)
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("printed %d records, want the 2 good ones", n)
	}
	for _, want := range []string{"junk.txt: source: binary data", "empty.txt: source: empty input", "lines.jsonl:2: invalid JSON"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestAnnotateStdinAndText(t *testing.T) {
	code, out, stderr := run(t, "Storm hits coast\n\nThe storm arrived on Monday. Nobody was hurt.", "annotate", "--format", "text", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "== Storm hits coast") || !strings.Contains(out, "2 sentences") {
		t.Errorf("text output:\n%s", out)
	}
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{nil, ExitUsage},
		{[]string{"nope"}, ExitUsage},
		{[]string{"annotate"}, ExitUsage},
		{[]string{"annotate", "--format", "xml", "x"}, ExitUsage},
		{[]string{"--help"}, ExitOK},
		{[]string{"version"}, ExitOK},
	} {
		if code, _, _ := run(t, "", tc.args...); code != tc.code {
			t.Errorf("newsgraph %v: exit %d, want %d", tc.args, code, tc.code)
		}
	}
}
