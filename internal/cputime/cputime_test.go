package cputime

import (
	"context"
	"testing"
)

func TestProcessAdvances(t *testing.T) {
	start := Process()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	if x == 0 || Process() <= start {
		t.Errorf("CPU time did not advance over a busy loop: %v → %v", start, Process())
	}
}

func busy(n int) int {
	x := 0
	for i := range n {
		x += i % 7
	}
	return x
}

func TestThreadAndMeter(t *testing.T) {
	if Thread() == 0 {
		t.Skip("no thread CPU clock on this system")
	}
	m := NewMeter()
	ctx := WithMeter(context.Background(), m)
	for range 3 {
		func() {
			defer Track(ctx, "outer")()
			busy(5_000_000)
			func() {
				defer Track(ctx, "inner")()
				busy(5_000_000)
			}()
		}()
	}
	parts := m.Parts()
	if len(parts) != 2 || parts[0].Name != "inner" || parts[1].Name != "outer" {
		t.Fatalf("parts = %+v, want inner and outer", parts)
	}
	inner, outer := parts[0], parts[1]
	if inner.Calls != 3 || outer.Calls != 3 {
		t.Errorf("calls: inner %d, outer %d; want 3 each", inner.Calls, outer.Calls)
	}
	if inner.CPU <= 0 || outer.CPU <= inner.CPU {
		t.Errorf("CPU: inner %v, outer %v; want 0 < inner < outer (outer includes inner)", inner.CPU, outer.CPU)
	}
	if PeakRSS() <= 0 {
		t.Errorf("PeakRSS() = %d", PeakRSS())
	}
	// Without a meter, Track does nothing.
	Track(context.Background(), "none")()
}
