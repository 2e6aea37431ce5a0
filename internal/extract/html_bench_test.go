package extract

import (
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/newsgraph/newsgraph/internal/cputime"
)

// benchDir holds the development pages of the Scrapinghub article
// extraction benchmark, shared beside the repository (never copied in).
const benchDir = "../../../shared/eval/extraction/scrapinghub_dev/html"

func loadBenchPages(b *testing.B) [][]byte {
	files, _ := filepath.Glob(filepath.Join(benchDir, "*.html.gz"))
	if len(files) == 0 {
		b.Skipf("no benchmark pages under %s (the checkout has no ../shared)", benchDir)
	}
	var pages [][]byte
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			b.Fatal(err)
		}
		raw, err := io.ReadAll(zr)
		fh.Close()
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, raw)
	}
	return pages
}

// BenchmarkHTML extracts the benchmark pages one after another; run with
// -cpu 1 for pages per second per core.
func BenchmarkHTML(b *testing.B) {
	pages := loadBenchPages(b)
	var bytes int64
	cpu0 := cputime.Process()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		p := pages[i%len(pages)]
		bytes += int64(len(p))
		if _, err := HTML(p, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
	// On a shared machine wall time undercounts; CPU time is what one core
	// spends per page (garbage collection on other cores included).
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N)/cpu.Seconds(), "pages/cpu-s")
	}
	b.SetBytes(bytes / int64(b.N))
}

// BenchmarkHTMLAll extracts all the benchmark pages in each iteration and
// reports the largest heap in use seen after any page and the memory the
// process took from the system.
func BenchmarkHTMLAll(b *testing.B) {
	pages := loadBenchPages(b)
	var peak uint64
	var ms runtime.MemStats
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			if _, err := HTML(p, ""); err != nil {
				b.Fatal(err)
			}
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(ms.Sys)/(1<<20), "sys-MiB")
}
