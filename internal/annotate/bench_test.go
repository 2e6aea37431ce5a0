package annotate_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/annotate/corpus"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// BenchmarkAnnotate runs every registered stage over a fixed generated
// corpus on one goroutine and reports articles/s and allocations per
// article.
func BenchmarkAnnotate(b *testing.B) {
	paras, err := corpus.Paragraphs("../../examples")
	if err != nil {
		b.Fatal(err)
	}
	docs := corpus.Generate(paras, 200)
	chain, err := annotate.Chain(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer chain.Close()
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d))
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	ctx := context.Background()
	i := 0
	for b.Loop() {
		raw := []byte(docs[i%len(docs)])
		i++
		a := source.NewArticle(raw, news.FormatText, news.Source{Path: "bench.txt"})
		if err := chain.Process(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
