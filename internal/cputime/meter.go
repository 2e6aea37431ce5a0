package cputime

import (
	"context"
	"runtime"
	"sort"
	"sync"
	"time"
)

// A Meter adds up the CPU time spent in named parts of a program (the
// stages of the pipeline, the store write, resolution, stories) for
// newsgraph bench. Code marks a part with [Track]; without a Meter in the
// context that costs one context look-up. Parts may nest: a part's time
// includes the parts tracked inside it.
//
// Times come from the thread CPU clock, so a tracked goroutine must stay
// on its thread while it is measured: [Track] locks it there.
type Meter struct {
	mu    sync.Mutex
	parts map[string]*Part
}

// Part is the CPU time of one named part and the number of times it ran.
type Part struct {
	Name  string
	CPU   time.Duration
	Calls int
}

// NewMeter returns an empty meter.
func NewMeter() *Meter { return &Meter{parts: map[string]*Part{}} }

// Add records d of CPU time for the part name.
func (m *Meter) Add(name string, d time.Duration) {
	m.mu.Lock()
	p := m.parts[name]
	if p == nil {
		p = &Part{Name: name}
		m.parts[name] = p
	}
	p.CPU += d
	p.Calls++
	m.mu.Unlock()
}

// Parts returns the parts measured so far, sorted by name.
func (m *Meter) Parts() []Part {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Part, 0, len(m.parts))
	for _, p := range m.parts {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

type meterKey struct{}

// WithMeter returns a context that carries m.
func WithMeter(ctx context.Context, m *Meter) context.Context {
	return context.WithValue(ctx, meterKey{}, m)
}

// FromContext returns the meter ctx carries, or nil.
func FromContext(ctx context.Context) *Meter {
	m, _ := ctx.Value(meterKey{}).(*Meter)
	return m
}

// Track starts measuring the part name for the meter in ctx and returns
// the function that stops it; without a meter it does nothing. The calling
// goroutine is locked to its thread until the returned function runs.
//
//	defer cputime.Track(ctx, "store")()
func Track(ctx context.Context, name string) func() {
	m := FromContext(ctx)
	if m == nil {
		return func() {}
	}
	runtime.LockOSThread()
	t0 := Thread()
	return func() {
		m.Add(name, Thread()-t0)
		runtime.UnlockOSThread()
	}
}
