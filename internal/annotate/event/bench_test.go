package event_test

import (
	"context"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/annotate/event"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// seeds returns the seed articles annotated by every stage the event stage
// requires, with their events cleared.
func seeds(b testing.TB) []*news.Article {
	var arts []*news.Article
	err := annotate.Run(context.Background(), []string{"../../../examples"}, annotate.Options{Ordered: true, Workers: 1}, func(r pipeline.Result) error {
		if r.Err != nil {
			return r.Err
		}
		arts = append(arts, r.Article)
		return nil
	})
	if err != nil || len(arts) == 0 {
		b.Fatal(err, len(arts))
	}
	return arts
}

// BenchmarkCode measures the event stage alone on the seed articles (after
// the stages before it), one article per iteration.
func BenchmarkCode(b *testing.B) {
	arts := seeds(b)
	d, err := event.Default()
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	b.SetBytes(bytes / int64(len(arts)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := event.Code(context.Background(), d, arts[i%len(arts)]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPipeline measures every stage on the seed texts, one article per
// iteration, the way annotate runs them.
func BenchmarkPipeline(b *testing.B) {
	arts := seeds(b)
	chain, err := annotate.Chain(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer chain.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := arts[i%len(arts)]
		a := &news.Article{ID: src.ID, Raw: src.Raw, Format: src.Format, Source: src.Source}
		if err := chain.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}
