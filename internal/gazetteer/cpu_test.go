package gazetteer

import (
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/cputime"
)

// BenchmarkLoadCPU is BenchmarkLoad reporting the process CPU time per load
// as well, which a shared, loaded machine does not inflate the way it
// inflates wall time (it includes the garbage collector's work).
func BenchmarkLoadCPU(b *testing.B) {
	c0 := cputime.Process()
	for b.Loop() {
		if _, err := loadGzip(embedded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cputime.Process()-c0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
