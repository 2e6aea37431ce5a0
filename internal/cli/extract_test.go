package cli

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestEvalExtract(t *testing.T) {
	dir := t.TempDir()
	pages := map[string]string{
		"a": `<html><head><title>Bridge reopens</title></head><body><nav><a href="/">Home</a></nav><article><h1>Bridge reopens</h1>
<p>The old bridge reopened to traffic on Monday after two years of repairs, the city said in a statement.</p>
<p>Drivers had faced detours of up to twenty minutes while the work went on, local businesses said.</p></article></body></html>`,
		"b": `<html><body><article><p>The council approved the budget on Tuesday by nine votes to two after a long debate.</p>
<p>Spending on schools will rise by four percent next year, the finance office said.</p></article></body></html>`,
	}
	gold := map[string]map[string]string{}
	for id, html := range pages {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(html))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, id+".html.gz"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	gold["a"] = map[string]string{"articleBody": "The old bridge reopened to traffic on Monday after two years of repairs, the city said in a statement.\nDrivers had faced detours of up to twenty minutes while the work went on, local businesses said."}
	gold["b"] = map[string]string{"articleBody": "The council approved the budget on Tuesday by nine votes to two after a long debate."}
	gb, _ := json.Marshal(gold)
	goldPath := filepath.Join(dir, "ground-truth.json")
	os.WriteFile(goldPath, gb, 0o644)
	predPath := filepath.Join(dir, "pred.json")

	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), &Env{Stdout: &stdout, Stderr: &stderr}, []string{"eval", "extract", "--html", dir, "--gold", goldPath, "--predict", predPath})
	if code != ExitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	last := lines[len(lines)-1]
	if !regexp.MustCompile(`^extract pages=2 P=1\.0000 R=1\.0000 F1=1\.0000$`).MatchString(last) &&
		!regexp.MustCompile(`^extract pages=2 P=0\.\d{4} R=1\.0000 F1=0\.\d{4}$`).MatchString(last) {
		t.Errorf("last line %q", last)
	}
	var pred map[string]map[string]string
	b, err := os.ReadFile(predPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pred); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(pred["a"]["articleBody"], "old bridge reopened") || strings.Contains(pred["a"]["articleBody"], "Home") {
		t.Errorf("prediction for a: %q", pred["a"]["articleBody"])
	}
}

func TestEvalExtractUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := Run(context.Background(), &Env{Stdout: &stdout, Stderr: &stderr}, []string{"eval", "extract"}); code != ExitUsage {
		t.Errorf("exit %d without flags, want %d", code, ExitUsage)
	}
	if code := Run(context.Background(), &Env{Stdout: &stdout, Stderr: &stderr}, []string{"eval", "extract", "--html", t.TempDir(), "--gold", "/nonexistent.json"}); code != ExitUsage {
		t.Errorf("exit %d with a missing gold file, want %d", code, ExitUsage)
	}
}
