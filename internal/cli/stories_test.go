package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestEvalStories(t *testing.T) {
	if code, _, _ := run(t, "", "eval", "stories"); code != ExitUsage {
		t.Errorf("no --ecb: exit %d, want %d", code, ExitUsage)
	}
	if code, _, stderr := run(t, "", "eval", "stories", "--ecb", t.TempDir()); code != ExitUsage || !strings.Contains(stderr, "story_clusters.tsv") {
		t.Errorf("empty folder: exit %d, stderr %q", code, stderr)
	}
	dir := t.TempDir()
	docs := map[string]string{
		"1_1ecb": "Storm Alma floods Tampa. Alma cut power in Tampa.", "1_2ecb": "Alma hits Tampa. Power is out in Tampa after Alma.",
		"1_1ecbplus": "Typhoon Bopha hits Davao. Bopha killed dozens in Davao.", "1_2ecbplus": "Bopha strikes Davao. Dozens dead in Davao from Bopha.",
	}
	tsv := "doc\ttopic\tsubtopic\tsplit\n"
	if err := os.MkdirAll(filepath.Join(dir, "ECB+", "1"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range docs {
		sub := "1_ecb"
		if strings.HasSuffix(name, "plus") {
			sub = "1_ecbplus"
		}
		tsv += name + "\t1\t" + sub + "\tdev\n"
		var x strings.Builder
		x.WriteString("<Document>")
		for _, w := range strings.Fields(text) {
			x.WriteString(`<token sentence="0">` + w + `</token>`)
		}
		x.WriteString("</Document>")
		if err := os.WriteFile(filepath.Join(dir, "ECB+", "1", name+".xml"), []byte(x.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "story_clusters.tsv"), []byte(tsv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "eval", "stories", "--ecb", dir, "--background", "none")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !regexp.MustCompile(`^stories bcubed_F1=\d\.\d{3} tfidf_bcubed_F1=\d\.\d{3}$`).MatchString(lines[len(lines)-1]) {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
}

func TestEvalEvents(t *testing.T) {
	if code, _, _ := run(t, "", "eval", "events"); code != ExitUsage {
		t.Errorf("no --plover: exit %d, want %d", code, ExitUsage)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run(t, "", "eval", "events", "--plover", bad); code != ExitUsage || !strings.Contains(stderr, "bad.json") {
		t.Errorf("bad file: exit %d, stderr %q", code, stderr)
	}
	good := filepath.Join(t.TempDir(), "gold.json")
	gold := `[{"id": "X-GSR01-FIGHT-0001", "event": "FIGHT", "source": [{"actorText": "Ruritanian troops"}],
	  "target": [{"actorText": "Freedonia"}], "text": "Ruritanian troops attacked Freedonia on Monday."}]`
	if err := os.WriteFile(good, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "eval", "events", "--plover", good)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; !regexp.MustCompile(`^events type_acc=\d\.\d{3} actor_F1=\d\.\d{3} target_F1=\d\.\d{3}$`).MatchString(last) {
		t.Errorf("last line %q", last)
	}
}
