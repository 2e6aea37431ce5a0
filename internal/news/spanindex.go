package news

import "sort"

// SpanIndex answers which spans of a fixed set overlap a given span, in
// time that grows with the answer rather than with the set: stages use it
// where comparing every span with every other would be quadratic in the
// size of a document.
type SpanIndex struct {
	spans  []Span
	order  []int // the caller's positions, sorted by start
	maxEnd []int // maxEnd[k] is the largest End among spans[:k+1]
}

// NewSpanIndex indexes spans; the index refers to them by their position
// in spans.
func NewSpanIndex(spans []Span) *SpanIndex {
	x := &SpanIndex{order: make([]int, len(spans))}
	for i := range spans {
		x.order[i] = i
	}
	sort.SliceStable(x.order, func(a, b int) bool { return spans[x.order[a]].Start < spans[x.order[b]].Start })
	x.spans = make([]Span, len(spans))
	x.maxEnd = make([]int, len(spans))
	for k, i := range x.order {
		x.spans[k] = spans[i]
		x.maxEnd[k] = spans[i].End
		if k > 0 && x.maxEnd[k-1] > x.maxEnd[k] {
			x.maxEnd[k] = x.maxEnd[k-1]
		}
	}
	return x
}

// Overlapping calls f with the position of each indexed span that overlaps
// s (in no particular order) until f returns false.
func (x *SpanIndex) Overlapping(s Span, f func(i int) bool) {
	if x == nil {
		return
	}
	// The spans that start before s ends; going back from the last of
	// them, stop where no earlier span reaches past s's start.
	k := sort.Search(len(x.spans), func(k int) bool { return x.spans[k].Start >= s.End }) - 1
	for ; k >= 0 && x.maxEnd[k] > s.Start; k-- {
		if x.spans[k].Overlaps(s) && !f(x.order[k]) {
			return
		}
	}
}

// First returns the lowest position of an indexed span that overlaps s, or
// -1.
func (x *SpanIndex) First(s Span) int {
	best := -1
	x.Overlapping(s, func(i int) bool {
		if best < 0 || i < best {
			best = i
		}
		return true
	})
	return best
}

// Any reports whether an indexed span overlaps s.
func (x *SpanIndex) Any(s Span) bool {
	found := false
	x.Overlapping(s, func(int) bool { found = true; return false })
	return found
}

// SpanGrid is a set of spans that grows, answering which of them overlap
// a span by looking only at the stretch of text that span covers.
type SpanGrid struct {
	cells map[int][]int // cell → ids of the spans that touch it
	spans []Span
}

const gridCell = 1024

// Add adds s and returns its id (0, 1, 2, … in order of adding).
func (g *SpanGrid) Add(s Span) int {
	if g.cells == nil {
		g.cells = map[int][]int{}
	}
	id := len(g.spans)
	g.spans = append(g.spans, s)
	for c := s.Start / gridCell; c <= max(s.Start, s.End-1)/gridCell; c++ {
		g.cells[c] = append(g.cells[c], id)
	}
	return id
}

// Overlapping calls f with the id of each span in the set that overlaps s,
// once each, until f returns false.
func (g *SpanGrid) Overlapping(s Span, f func(id int) bool) {
	for c := s.Start / gridCell; c <= max(s.Start, s.End-1)/gridCell; c++ {
		for _, id := range g.cells[c] {
			sp := g.spans[id]
			// Report a span in the cell where it first meets s only.
			if sp.Overlaps(s) && max(sp.Start, s.Start)/gridCell == c && !f(id) {
				return
			}
		}
	}
}
