package quote_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// seedWant maps the start of each direct and partial quote of the two
// sample articles to the surname of its speaker.
var seedWant = map[string]string{
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

// TestSeedSpeakersPipeline runs the whole chain (extraction, sentences,
// tokens, NER, entities, quotes) over the sample articles.
func TestSeedSpeakersPipeline(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.quote"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	files, _ := filepath.Glob("../../../examples/*.txt")
	if len(files) != 2 {
		t.Fatalf("found %d sample articles, want 2", len(files))
	}
	found := map[string]bool{}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{ID: filepath.Base(p), Raw: raw, Format: news.FormatText}
		if err := chain.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			for prefix, surname := range seedWant {
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
	for prefix := range seedWant {
		if !found[prefix] {
			t.Errorf("quote %q not found", prefix)
		}
	}
}
