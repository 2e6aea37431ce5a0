package quote_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate/quote"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// TestSeedSpeakersPipeline runs the whole chain (extraction, sentences,
// tokens, NER, entities, quotes) over the sample articles.
func TestSeedSpeakersPipeline(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.quote"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	quote.CheckSeedSpeakers(t, func(t *testing.T, path string, raw []byte) *news.Article {
		a := &news.Article{ID: filepath.Base(path), Raw: raw, Format: news.FormatText}
		if err := chain.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		return a
	})
}

// BenchmarkFind measures the quote stage alone on the two sample articles,
// annotated once up to their entities.
func BenchmarkFind(b *testing.B) {
	chain, err := pipeline.Build([]string{"annotate.entity"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer chain.Close()
	files, _ := filepath.Glob("../../../testdata/seeds/*.txt")
	var arts []*news.Article
	bytes := 0
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		a := &news.Article{ID: filepath.Base(p), Raw: raw, Format: news.FormatText}
		if err := chain.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
		bytes += len(a.Text)
	}
	b.SetBytes(int64(bytes))
	b.ResetTimer()
	for b.Loop() {
		for _, a := range arts {
			quote.Find(a)
		}
	}
}
