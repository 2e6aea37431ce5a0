package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A small CoNLL file made up for the tests.
const nerSample = `-DOCSTART- -X- O O

Anna NNP I-NP I-PER
Marsh NNP I-NP I-PER
visited VBD I-VP O
Warsaw NNP I-NP I-LOC
with IN I-PP O
Norwin NNP I-NP I-ORG
Bank NNP I-NP I-ORG
. . O O

German JJ I-NP I-MISC
troops NNS I-NP O
left VBD I-VP O
Poland NNP I-NP I-LOC
. . O O
`

func TestTrainEvalNER(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "tiny.conll")
	if err := os.WriteFile(data, []byte(strings.Repeat(nerSample, 5)), 0o644); err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "model.gz")
	code, out, stderr := run(t, "", "train", "ner", "--train", data, "--dev", "", "--epochs", "3", "--folds", "2", "--out", model)
	if code != ExitOK {
		t.Fatalf("train: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(out, "wrote "+model) {
		t.Errorf("train output %q", out)
	}
	pred := filepath.Join(dir, "pred.txt")
	code, out, stderr = run(t, "", "eval", "ner", "--conll", data, "--model", model, "--out", pred)
	if code != ExitOK {
		t.Fatalf("eval: exit %d\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^ner P=\d+\.\d\d R=\d+\.\d\d F1=\d+\.\d\d$`).MatchString(last) {
		t.Errorf("last line %q", last)
	}
	if !strings.HasPrefix(out, "processed 70 tokens with 25 phrases;") {
		t.Errorf("report starts %q", lines[0])
	}
	b, err := os.ReadFile(pred)
	if err != nil {
		t.Fatal(err)
	}
	// Every token line has five columns: token POS chunk GOLD PRED.
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			if len(f) != 5 {
				t.Fatalf("prediction line %q", l)
			}
			n++
		}
	}
	if n != 70 {
		t.Errorf("%d prediction lines, want 70", n)
	}
}

func TestEvalNERBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.conll")
	os.WriteFile(bad, []byte("word\n"), 0o644)
	for _, args := range [][]string{
		{"eval", "ner"},
		{"eval", "ner", "--conll", filepath.Join(dir, "missing.conll")},
		{"eval", "ner", "--conll", bad},
	} {
		code, _, stderr := run(t, "", args...)
		if code != ExitUsage || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if _, _, stderr := run(t, "", "eval", "ner", "--conll", bad); !strings.Contains(stderr, "bad.conll:1") {
		t.Errorf("error does not name the input line: %q", stderr)
	}
}
