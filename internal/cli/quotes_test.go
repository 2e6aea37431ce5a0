package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestEvalQuotes(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"text", "attributions"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	text := "“We will rebuild every bridge,” said Maria Kovalenko, the mayor.\n"
	ann := "T1\tContent 1 30\tWe will rebuild every bridge,\n" +
		"T2\tCue 32 36\tsaid\n" +
		"T3\tSource 37 52\tMaria Kovalenko\n" +
		"E1\tAttribution:T2 Content:T1 Cue:T2 Source:T3\n"
	if err := os.WriteFile(filepath.Join(dir, "text", "a.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "attributions", "a_x.ann"), []byte(ann), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "eval", "quotes", "--polnear", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^quotes P=[0-9.]+ R=[0-9.]+ F1=[0-9.]+ direct_F1=[0-9.]+$`).MatchString(last) {
		t.Errorf("last line %q is not the score line", last)
	}
	if last != "quotes P=1.000 R=1.000 F1=1.000 direct_F1=1.000" {
		t.Errorf("last line %q, want a perfect score on one plain quote", last)
	}
	if code, _, _ := run(t, "", "eval", "quotes"); code != ExitUsage {
		t.Errorf("no --polnear: exit %d, want %d", code, ExitUsage)
	}
	if code, _, _ := run(t, "", "eval", "quotes", "--polnear", t.TempDir()); code != ExitUsage {
		t.Errorf("empty directory: exit %d, want %d", code, ExitUsage)
	}
}

func TestEvalCoref(t *testing.T) {
	dir := t.TempDir()
	conllu := "# newdoc id = d\n# newpar\n" +
		"1\tAnna\tAnna\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-s-cf1-1,2-coref-Anna_Berg\n" +
		"2\tBerg\tBerg\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)\n" +
		"3\tspoke\tspeak\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n" +
		"1\tBerg\tBerg\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-s-cf1-1-coref)\n" +
		"2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n" +
		"3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	if err := os.WriteFile(filepath.Join(dir, "d.conllu"), []byte(conllu), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := run(t, "", "eval", "coref", "--gum", dir)
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^coref B3 P=[0-9.]+ R=[0-9.]+ F1=[0-9.]+ docs=1 mentions=2 aligned=[0-9]+$`).MatchString(strings.TrimSpace(out)) {
		t.Errorf("output %q is not the score line", out)
	}
	if code, _, _ := run(t, "", "eval", "coref", "--gum", t.TempDir()); code != ExitUsage {
		t.Errorf("empty directory: exit %d, want %d", code, ExitUsage)
	}
}
