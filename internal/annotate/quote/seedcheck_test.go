package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

// SeedWant maps the start of each direct and partial quote of the two
// sample articles to the surname of its speaker.
var SeedWant = map[string]string{
	"Life is about leaps of faith":                 "Kulazhanka",
	"Fighting Lukashenko was one":                  "Kulazhanka",
	"We understand that it’s a long journey":       "Prokopiev",
	"When the Ukraine war will be eventually over": "Prokopiev",
	"Power from Lukashenko can only be taken":      "Prokopiev",
	"If Putin is defeated":                         "Kukhta",
	"crazy Belarusian citizens":                    "Lukashenko",
	"big brother":                                  "Lukashenko",
	"but to make Belarus independent":              "Ales",
}

// CheckSeedSpeakers annotates each sample article with annotate and checks
// that every quote of SeedWant is found, is direct or partial, and has its
// speaker.
func CheckSeedSpeakers(t *testing.T, annotate func(t *testing.T, path string, raw []byte) *news.Article) {
	t.Helper()
	files, _ := filepath.Glob("../../../testdata/seeds/*.txt")
	if len(files) != 2 {
		t.Fatalf("found %d sample articles, want 2", len(files))
	}
	found := map[string]bool{}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a := annotate(t, p, raw)
		for _, q := range a.Quotes {
			for prefix, surname := range SeedWant {
				if !strings.HasPrefix(q.Text, prefix) {
					continue
				}
				found[prefix] = true
				if q.Kind == news.QuoteIndirect {
					t.Errorf("%q: kind %s, want direct or partial", prefix, q.Kind)
				}
				if !strings.HasSuffix(q.SpeakerName, surname) || q.Speaker == "" {
					t.Errorf("%q: speaker %q (%s), want %s", prefix, q.SpeakerName, q.Speaker, surname)
				}
			}
		}
	}
	for prefix := range SeedWant {
		if !found[prefix] {
			t.Errorf("quote %q not found", prefix)
		}
	}
}
