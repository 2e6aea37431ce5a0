package extract

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"it's 3.5% — snake_case", []string{"it", "s", "3", "5", "snake_case"}},
		{"Zürich ½ 東京", []string{"Zürich", "½", "東京"}},
	} {
		if got := Tokens(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		name        string
		truth, pred string
		p, r        float64
	}{
		{"both empty", "", "", 1, 1},
		{"nothing predicted", "a b c d e", "", 0, 0},
		{"exact", "a b c d e", "a b c d e", 1, 1},
		{"extra text", "a b c d e", "a b c d e f", 2.0 / 3, 1},
		{"short texts are one shingle", "a b", "a b", 1, 1},
		{"repeated shingle counts twice", "a b c d a b c d", "a b c d", 1, 0.2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pg := Match(tc.truth, tc.pred)
			if math.Abs(pg.Precision()-tc.p) > 1e-9 || math.Abs(pg.Recall()-tc.r) > 1e-9 {
				t.Errorf("P=%v R=%v, want P=%v R=%v", pg.Precision(), pg.Recall(), tc.p, tc.r)
			}
		})
	}
}

func TestSummariseSkipsUndefined(t *testing.T) {
	// A page with nothing predicted has no precision and is left out of
	// the precision mean, as the benchmark does.
	m := Summarise([]Page{Match("a b c d", "a b c d"), Match("a b c d", "")})
	if m.Precision != 1 || m.Recall != 0.5 {
		t.Errorf("got %+v, want P=1 R=0.5", m)
	}
}

// sharedDir is the development data shared beside the repository.
const sharedDir = "../../../../shared/eval/extraction/scrapinghub_dev"

// TestReferenceOutputs checks that the scorer reproduces the benchmark's
// own scoring of the published outputs of two extractors on the
// development pages. The expected figures were computed with the
// benchmark's evaluate.py on the same 92 pages.
func TestReferenceOutputs(t *testing.T) {
	if _, err := os.Stat(filepath.Dir(filepath.Dir(filepath.Dir(sharedDir)))); errors.Is(err, os.ErrNotExist) {
		t.Skipf("shared evaluation data not found at %s (the checkout has no ../shared)", sharedDir)
	}
	gold, err := LoadGold(filepath.Join(sharedDir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file    string
		p, r, f float64
	}{
		{"go_trafilatura.json", 0.933028, 0.982766, 0.957251},
		{"go_readability.json", 0.887194, 0.968490, 0.926061},
	} {
		t.Run(tc.file, func(t *testing.T) {
			pred, err := LoadGold(filepath.Join(sharedDir, "reference_outputs", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			m, _ := Score(gold, pred)
			got := fmt.Sprintf("pages=%d P=%.6f R=%.6f F1=%.6f", m.Pages, m.Precision, m.Recall, m.F1)
			want := fmt.Sprintf("pages=92 P=%.6f R=%.6f F1=%.6f", tc.p, tc.r, tc.f)
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}
