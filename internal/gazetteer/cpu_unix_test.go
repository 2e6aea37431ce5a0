//go:build unix

package gazetteer

import (
	"syscall"
	"testing"
	"time"
)

func cpuTime() time.Duration {
	var r syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &r) != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// BenchmarkLoadCPU is BenchmarkLoad reporting the process CPU time per load
// as well, which a shared, loaded machine does not inflate the way it
// inflates wall time (it includes the garbage collector's work).
func BenchmarkLoadCPU(b *testing.B) {
	c0 := cpuTime()
	for b.Loop() {
		if _, err := loadGzip(embedded); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(cpuTime()-c0)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}
