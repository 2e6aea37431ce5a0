package annotate_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/annotate/corpus"
	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
)

// placeNames is corpus.PlaceNames and every city of 100,000 or more in the
// gazetteer: thousands of distinct places, the worst case for the place
// stage's second pass.
func placeNames(tb testing.TB) []string {
	g, err := gazetteer.Default()
	if err != nil {
		tb.Fatal(err)
	}
	names := append([]string(nil), corpus.PlaceNames...)
	for i := range int32(g.Len()) {
		if e := g.Entry(i); e.Kind == gazetteer.KindCity && e.Population >= 100000 {
			names = append(names, e.Name)
		}
	}
	return names
}

// BenchmarkAnnotatePlaceNames annotates one generated text of 19 MB (just
// under the 20 MiB input limit) full of place names with every stage, and
// reports the CPU-seconds it took: every stage must be linear, or
// bounded, in the size of one document. NEWSGRAPH_BENCH_BYTES sets another
// size.
func BenchmarkAnnotatePlaceNames(b *testing.B) {
	size := 19 << 20
	if s := os.Getenv("NEWSGRAPH_BENCH_BYTES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		size = n
	}
	text := corpus.Places(placeNames(b), size)
	chain, err := annotate.Chain(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer chain.Close()
	// Load the models outside the measurement.
	if err := chain.Process(context.Background(), source.NewArticle([]byte("Officials in Warsaw said so."), news.FormatText, news.Source{})); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	var places int
	cpu0 := cputime.Process()
	for b.Loop() {
		a := source.NewArticle([]byte(text), news.FormatText, news.Source{Path: "places.txt"})
		if err := chain.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		places = len(a.Places)
	}
	cpu := cputime.Process() - cpu0
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/doc")
	b.ReportMetric(float64(places), "places")
}
