package annotate_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/annotate/corpus"
	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// BenchmarkAnnotate runs every registered stage over a fixed generated
// corpus (articles of 8 to 24 paragraphs, about 3.9 KB) on one goroutine
// and reports articles/s, articles per CPU-second and allocations per
// article. The stages are built (models loaded) before the clock starts.
func BenchmarkAnnotate(b *testing.B) {
	paras, err := corpus.Paragraphs("../../testdata/seeds")
	if err != nil {
		b.Fatal(err)
	}
	docs := corpus.Generate(paras, 200)
	chain, err := annotate.Chain(nil)
	if err != nil {
		b.Fatal(err)
	}
	// Warm up lazily loaded models outside the measurement.
	if err := chain.Process(context.Background(), source.NewArticle([]byte(docs[0]), news.FormatText, news.Source{})); err != nil {
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
	cpu0 := cputime.Process()
	for b.Loop() {
		raw := []byte(docs[i%len(docs)])
		i++
		a := source.NewArticle(raw, news.FormatText, news.Source{Path: "bench.txt"})
		if err := chain.Process(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	// Articles per CPU-second is the per-core rate; on a shared machine
	// wall time undercounts it.
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "articles/cpu-s")
	}
}
