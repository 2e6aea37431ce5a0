package news

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSpanIndex checks the index against comparing every span, on random
// sets with nested, equal, empty and overlapping spans.
func TestSpanIndex(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 300 {
		n := r.IntN(40)
		spans := make([]Span, n)
		for i := range spans {
			a := r.IntN(100)
			spans[i] = Span{Start: a, End: a + r.IntN(30)}
		}
		x := NewSpanIndex(spans)
		for range 50 {
			a := r.IntN(110)
			q := Span{Start: a, End: a + r.IntN(20)}
			var want, got []int
			for i, s := range spans {
				if s.Overlaps(q) {
					want = append(want, i)
				}
			}
			x.Overlapping(q, func(i int) bool { got = append(got, i); return true })
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("trial %d: spans %v, query %v: got %v, want %v", trial, spans, q, got, want)
			}
			first := -1
			if len(want) > 0 {
				first = want[0]
			}
			if f := x.First(q); f != first {
				t.Fatalf("trial %d: First(%v) = %d, want %d", trial, q, f, first)
			}
			if x.Any(q) != (len(want) > 0) {
				t.Fatalf("trial %d: Any(%v) = %v", trial, q, !x.Any(q))
			}
		}
	}
	var none *SpanIndex
	if none.Any(Span{0, 1}) {
		t.Fatal("a nil index has no spans")
	}
}

func TestSpanGrid(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		var g SpanGrid
		var spans []Span
		for range r.IntN(60) {
			a := r.IntN(5000)
			s := Span{Start: a, End: a + r.IntN(3000)}
			if id := g.Add(s); id != len(spans) {
				t.Fatalf("Add = %d, want %d", id, len(spans))
			}
			spans = append(spans, s)
		}
		for range 50 {
			a := r.IntN(6000)
			q := Span{Start: a, End: a + r.IntN(2500)}
			var want, got []int
			for i, s := range spans {
				if s.Overlaps(q) {
					want = append(want, i)
				}
			}
			g.Overlapping(q, func(id int) bool { got = append(got, id); return true })
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("trial %d: query %v: got %v, want %v", trial, q, got, want)
			}
		}
	}
}
