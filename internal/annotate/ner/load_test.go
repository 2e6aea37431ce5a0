package ner

import (
	"runtime"
	"testing"
	"time"
)

// TestLoadFootprint loads the shipped model afresh and checks the issue's
// budgets: memory held by the loaded model ≤ 300 MB. (Load time is
// measured by BenchmarkLoad; the 1 s budget is checked there, not with a
// timed unit test.)
func TestLoadFootprint(t *testing.T) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	m, err := loadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("model loaded in %v, holds %.1f MB of heap", elapsed, float64(held)/(1<<20))
	if held > 300<<20 {
		t.Errorf("loaded model holds %d MB, budget 300 MB", held>>20)
	}
	runtime.KeepAlive(m)
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := loadEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
}
