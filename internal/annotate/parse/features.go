package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word holds the hashes of one word's strings, computed once per sentence.
type word struct {
	w, l, s3, s2, s1, p2, shape uint64
}

var (
	hNone = hashString("<NONE>")
	hRoot = hashString("<ROOT>")
)

func newWord(s string) word {
	l := lowerASCII(s)
	return word{
		w:     hashString(s),
		l:     hashString(l),
		s3:    hashString(suffix(l, 3)),
		s2:    hashString(suffix(l, 2)),
		s1:    hashString(suffix(l, 1)),
		p2:    hashString(prefix(l, 2)),
		shape: shapeHash(s),
	}
}

// lowerASCII lower-cases s, without allocating when s is already lower
// case; non-ASCII words go through strings.ToLower.
func lowerASCII(s string) string {
	up := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			up = true
		}
	}
	if !up {
		return s
	}
	return strings.ToLower(s)
}

// shapeHash is hashString(shape(s)) without building the string.
func shapeHash(s string) uint64 {
	h := uint64(14695981039346656037)
	var last rune = -1
	n := 0
	for _, r := range s {
		c := r
		switch {
		case r < 0x80:
			switch {
			case 'A' <= r && r <= 'Z':
				c = 'X'
			case 'a' <= r && r <= 'z':
				c = 'x'
			case '0' <= r && r <= '9':
				c = 'd'
			}
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		var buf [4]byte
		k := utf8.EncodeRune(buf[:], c)
		for _, b := range buf[:k] {
			h ^= uint64(b)
			h *= 1099511628211
		}
		if n++; n >= 6 {
			break
		}
	}
	return h
}

func suffix(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, w := utf8.DecodeLastRuneInString(s[:i])
		i -= w
	}
	return s[i:]
}

func prefix(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
	}
	return s[:i]
}

// shape maps letters to X/x, digits to d and other runes to themselves,
// collapsing runs, and caps the result at 6 runes: "Kyiv" → "Xx", "1,000" → "d,d".
func shape(s string) string {
	var b strings.Builder
	var last rune = -1
	n := 0
	for _, r := range s {
		c := r
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		}
		if c == last {
			continue
		}
		last = c
		b.WriteRune(c)
		if n++; n >= 6 {
			break
		}
	}
	return b.String()
}

func tagHash(t int) uint64 { return uint64(t+1) * 0x9E3779B97F4A7C15 }

// feats collects feature keys for one decision.
type feats struct{ k []uint32 }

func (f *feats) reset() { f.k = f.k[:0] }

func (f *feats) add1(t uint64, a uint64) { f.k = append(f.k, key(mix(t, a))) }
func (f *feats) add2(t uint64, a, b uint64) {
	f.k = append(f.k, key(mix(mix(t, a), b)))
}
func (f *feats) add3(t uint64, a, b, c uint64) {
	f.k = append(f.k, key(mix(mix(mix(t, a), b), c)))
}

// tagFeatures are the tagger's features for word i given the two previous
// tags.
func tagFeatures(f *feats, ws []word, i, p1, p2 int) {
	f.reset()
	at := func(j int) word {
		if j < 0 || j >= len(ws) {
			return word{w: hNone, l: hNone, s3: hNone, s2: hNone, s1: hNone, p2: hNone, shape: hNone}
		}
		return ws[j]
	}
	w := ws[i]
	wm1, wp1, wm2, wp2 := at(i-1), at(i+1), at(i-2), at(i+2)
	f.add1(1, 1)
	f.add1(2, w.l)
	f.add1(3, w.s3)
	f.add1(4, w.s2)
	f.add1(5, w.s1)
	f.add1(6, w.p2)
	f.add1(7, w.shape)
	f.add1(8, w.w)
	f.add1(9, wm1.l)
	f.add1(10, wp1.l)
	f.add1(11, wm2.l)
	f.add1(12, wp2.l)
	f.add1(13, tagHash(p1))
	f.add2(14, tagHash(p1), tagHash(p2))
	f.add2(15, tagHash(p1), w.l)
	f.add2(16, wm1.l, w.l)
	f.add2(17, w.l, wp1.l)
	f.add1(18, wp1.s3)
	f.add1(19, wm1.s3)
	f.add2(20, tagHash(p1), w.s3)
	if i == 0 {
		f.add1(21, w.shape)
	}
	f.add1(22, wp1.shape)
}

// Parser state for the arc-hybrid system: a stack, the buffer front b and
// the arcs so far. Word n is the root, last in the buffer.
type state struct {
	n      int
	stack  []int
	b      int
	head   []int // -1: none yet
	lc, rc []int // leftmost and rightmost child, -1 none
	lc2    []int // second leftmost child
	rc2    []int // second rightmost child
	nl, nr []int // number of left and right children
}

func (s *state) init(n int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 0
	grow := func(p *[]int) {
		if cap(*p) < n+1 {
			*p = make([]int, n+1)
		}
		*p = (*p)[:n+1]
	}
	for _, p := range []*[]int{&s.head, &s.lc, &s.rc, &s.lc2, &s.rc2, &s.nl, &s.nr} {
		grow(p)
	}
	for i := 0; i <= n; i++ {
		s.head[i], s.lc[i], s.rc[i], s.lc2[i], s.rc2[i], s.nl[i], s.nr[i] = -1, -1, -1, -1, -1, 0, 0
	}
}

const (
	shift = iota
	left  // s0 ← b, pop
	right // s1 → s0, pop
	nActions
)

func (s *state) terminal() bool { return len(s.stack) == 0 && s.b == s.n }

func (s *state) legal(a int) bool {
	switch a {
	case shift:
		return s.b < s.n
	case left:
		if len(s.stack) == 0 {
			return false
		}
		return s.b < s.n || len(s.stack) == 1
	case right:
		return len(s.stack) >= 2
	}
	return false
}

func (s *state) addArc(h, d int) {
	s.head[d] = h
	if d < h {
		s.nl[h]++
		if s.lc[h] == -1 || d < s.lc[h] {
			s.lc2[h] = s.lc[h]
			s.lc[h] = d
		} else if s.lc2[h] == -1 || d < s.lc2[h] {
			s.lc2[h] = d
		}
	} else {
		s.nr[h]++
		if s.rc[h] == -1 || d > s.rc[h] {
			s.rc2[h] = s.rc[h]
			s.rc[h] = d
		} else if s.rc2[h] == -1 || d > s.rc2[h] {
			s.rc2[h] = d
		}
	}
}

func (s *state) apply(a int) {
	switch a {
	case shift:
		s.stack = append(s.stack, s.b)
		s.b++
	case left:
		s0 := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s.b, s0)
	case right:
		s0 := s.stack[len(s.stack)-1]
		s1 := s.stack[len(s.stack)-2]
		s.stack = s.stack[:len(s.stack)-1]
		s.addArc(s1, s0)
	}
}

// cost is the number of gold arcs that action a makes unreachable
// (Goldberg and Nivre's dynamic oracle for arc-hybrid). gold[n] is unused.
func (s *state) cost(a int, gold []int) int {
	c := 0
	st := s.stack
	switch a {
	case shift:
		b := s.b
		for k, x := range st {
			if gold[x] == b {
				c++
			}
			if gold[b] == x && k != len(st)-1 {
				c++
			}
		}
	case left:
		s0 := st[len(st)-1]
		for d := s.b; d <= s.n; d++ {
			if gold[d] == s0 && d < s.n && s.head[d] == -1 {
				c++
			}
		}
		h := gold[s0]
		if h != s.b {
			if len(st) >= 2 && h == st[len(st)-2] {
				c++
			} else if h > s.b {
				c++
			}
		}
	case right:
		s0 := st[len(st)-1]
		for d := s.b; d < s.n; d++ {
			if gold[d] == s0 && s.head[d] == -1 {
				c++
			}
		}
		if h := gold[s0]; h >= s.b {
			c++
		}
	}
	return c
}

// parseFeatures are the transition classifier's features.
func parseFeatures(f *feats, s *state, ws []word, tags []int) {
	f.reset()
	wl := func(i int) uint64 {
		switch {
		case i < 0:
			return hNone
		case i == s.n:
			return hRoot
		}
		return ws[i].l
	}
	tg := func(i int) uint64 {
		switch {
		case i < 0:
			return 0x51
		case i == s.n:
			return 0x52
		}
		return tagHash(tags[i])
	}
	get := func(k int) int {
		if k < len(s.stack) {
			return s.stack[len(s.stack)-1-k]
		}
		return -1
	}
	buf := func(k int) int {
		if s.b+k <= s.n {
			return s.b + k
		}
		return -1
	}
	ch := func(p []int, i int) int {
		if i < 0 {
			return -1
		}
		return p[i]
	}
	s0, s1, s2 := get(0), get(1), get(2)
	b0, b1, b2 := buf(0), buf(1), buf(2)
	s0w, s0t, s1w, s1t, s2t := wl(s0), tg(s0), wl(s1), tg(s1), tg(s2)
	b0w, b0t, b1w, b1t, b2t := wl(b0), tg(b0), wl(b1), tg(b1), tg(b2)
	s0l, s0r, s1l, s1r, b0l := ch(s.lc, s0), ch(s.rc, s0), ch(s.lc, s1), ch(s.rc, s1), ch(s.lc, b0)
	s0l2, s0r2, b0l2 := ch(s.lc2, s0), ch(s.rc2, s0), ch(s.lc2, b0)
	dist := func(a, b int) uint64 {
		if a < 0 || b < 0 {
			return 0
		}
		d := b - a
		if d > 5 {
			d = 5 + min((d-5)/5, 3)
		}
		return uint64(d)
	}
	val := func(x int, p []int) uint64 {
		if x < 0 {
			return 99
		}
		return uint64(min(p[x], 4))
	}
	f.add1(1, 1)
	f.add1(2, s0w)
	f.add1(3, s0t)
	f.add2(4, s0w, s0t)
	f.add1(5, s1w)
	f.add1(6, s1t)
	f.add2(7, s1w, s1t)
	f.add1(8, b0w)
	f.add1(9, b0t)
	f.add2(10, b0w, b0t)
	f.add1(11, b1w)
	f.add1(12, b1t)
	f.add2(13, b1w, b1t)
	f.add1(14, b2t)
	f.add2(15, s0t, b0t)
	f.add2(16, s0w, b0w)
	f.add3(17, s0w, s0t, b0t)
	f.add3(18, s0t, b0w, b0t)
	f.add2(19, s1t, s0t)
	f.add2(20, s1w, s0w)
	f.add3(21, s1t, s0t, b0t)
	f.add3(22, s1w, s0t, b0t)
	f.add3(23, s1t, s0w, b0t)
	f.add3(24, s0t, b0t, b1t)
	f.add3(25, b0t, b1t, b2t)
	f.add3(26, s2t, s1t, s0t)
	f.add3(27, s0t, tg(s0l), b0t)
	f.add3(28, s0t, tg(s0r), b0t)
	f.add3(29, s0t, b0t, tg(b0l))
	f.add3(30, s1t, s0t, tg(s1r))
	f.add3(31, s1t, tg(s1l), s0t)
	f.add3(32, s0t, tg(s0l), tg(s0l2))
	f.add3(33, s0t, tg(s0r), tg(s0r2))
	f.add3(34, b0t, tg(b0l), tg(b0l2))
	f.add3(35, s0t, b0t, dist(s0, b0))
	f.add3(36, s0w, b0w, dist(s0, b0))
	f.add3(37, s1t, s0t, dist(s1, s0))
	f.add3(38, s0w, val(s0, s.nl), val(s0, s.nr))
	f.add3(39, s0t, val(s0, s.nl), val(s0, s.nr))
	f.add2(40, b0t, val(b0, s.nl))
	f.add2(41, b0w, val(b0, s.nl))
	f.add2(42, wl(s0l), s0t)
	f.add2(43, wl(s0r), s0t)
	f.add2(44, wl(b0l), b0t)
	f.add3(45, s0w, b0w, b0t)
	f.add3(46, s0w, s0t, b0w)
	f.add2(47, s0t, b1t)
	f.add2(48, s0w, b1w)
	f.add2(49, b0w, b1w)
	if s.b > 0 && s.b <= s.n {
		f.add2(50, tg(s.b-1), b0t)
	}
	f.add2(51, uint64(len(s.stack)), b0t)
}

// labelFeatures are the relation classifier's features for word d in a
// finished unlabeled tree (head[d] is its head, n the root).
func labelFeatures(f *feats, d int, ws []word, tags []int, head []int, kids [][]int, adp, aux, mark int) {
	f.reset()
	n := len(ws)
	h := head[d]
	hw, ht := hRoot, uint64(0x52)
	if h >= 0 && h < n {
		hw, ht = ws[h].l, tagHash(tags[h])
	}
	dw, dt := ws[d].l, tagHash(tags[d])
	dir := uint64(1)
	if h < 0 || h >= n || d > h {
		dir = 2
	}
	dist := uint64(0)
	if h >= 0 && h < n {
		dd := h - d
		if dd < 0 {
			dd = -dd
		}
		dist = uint64(min(dd, 6))
	}
	// the word's case marker (first ADP child), subordinator (SCONJ child)
	// and auxiliaries
	cw, mw, passive, hasDet, hasSubj := hNone, hNone, uint64(0), uint64(0), uint64(0)
	for _, k := range kids[d] {
		switch tags[k] {
		case adp:
			if cw == hNone {
				cw = ws[k].l
			}
		case mark:
			if mw == hNone {
				mw = ws[k].l
			}
		}
	}
	gt := uint64(0x53)
	if h >= 0 && h < n {
		for _, k := range kids[h] {
			if tags[k] == aux && isBe(ws[k].l) {
				passive = 1
			}
			if k < d && k != d && (tags[k] == tagNOUN || tags[k] == tagPROPN || tags[k] == tagPRON) {
				hasSubj = 1
			}
		}
		if g := head[h]; g >= 0 && g < n {
			gt = tagHash(tags[g])
		} else {
			gt = 0x52
		}
	}
	for _, k := range kids[d] {
		if tags[k] == tagDET {
			hasDet = 1
		}
	}
	nk := uint64(min(len(kids[d]), 3))
	prevW := hNone
	if d > 0 {
		prevW = ws[d-1].l
	}
	f.add1(1, 1)
	f.add1(2, dw)
	f.add1(3, dt)
	f.add2(4, dt, dir)
	f.add3(5, dt, ht, dir)
	f.add3(6, dw, ht, dir)
	f.add3(7, dt, hw, dir)
	f.add2(8, dw, hw)
	f.add3(9, cw, dt, ht)
	f.add2(10, cw, ht)
	f.add3(11, mw, dt, ht)
	f.add3(12, passive, dt, dir)
	f.add3(13, passive, cw, ht)
	f.add3(14, hasSubj, dt, dir)
	f.add3(15, hasDet, dt, ht)
	f.add3(16, gt, ht, dt)
	f.add3(17, dt, ht, dist)
	f.add2(18, ws[d].s3, ht)
	f.add2(19, prevW, dt)
	f.add3(20, nk, dt, ht)
	f.add3(21, dw, dt, ht)
	f.add3(22, hw, ht, dt)
	if h >= 0 && h < n {
		f.add3(23, ws[h].s2, dt, dir)
	}
	f.add3(24, cw, dw, ht)
}

func isBe(h uint64) bool {
	for _, b := range beForms {
		if h == b {
			return true
		}
	}
	return false
}

var beForms = func() []uint64 {
	var out []uint64
	for _, s := range []string{"be", "is", "was", "were", "been", "being", "are", "'s", "get", "got", "gets", "getting", "gotten"} {
		out = append(out, hashString(s))
	}
	return out
}()
