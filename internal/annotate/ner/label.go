package ner

// The model tags tokens with BILOU labels over CoNLL's four classes.

// Class is an entity class the statistical model predicts.
type Class uint8

// Classes of the model, as in CoNLL-2003.
const (
	PER Class = iota
	ORG
	LOC
	MISC
	numClasses
)

var classNames = [numClasses]string{"PER", "ORG", "LOC", "MISC"}

func (c Class) String() string {
	if c < numClasses {
		return classNames[c]
	}
	return "?"
}

// ParseClass returns the class named s ("PER", "ORG", "LOC", "MISC").
func ParseClass(s string) (Class, bool) {
	for i, n := range classNames {
		if n == s {
			return Class(i), true
		}
	}
	return 0, false
}

// label is a BILOU label: 0 is O; then B, I, L, U for each class.
type label uint8

const (
	lblO      label = 0
	numLabels       = 1 + 4*int(numClasses)
)

const (
	posB = iota
	posI
	posL
	posU
)

func mkLabel(c Class, pos int) label { return label(1 + 4*int(c) + pos) }

func (l label) class() Class { return Class((l - 1) / 4) }
func (l label) pos() int     { return int(l-1) % 4 }

// open reports whether l starts or continues an entity that must go on.
func (l label) open() bool { return l != lblO && (l.pos() == posB || l.pos() == posI) }

var labelNames = func() [numLabels]string {
	var n [numLabels]string
	n[0] = "O"
	for c := Class(0); c < numClasses; c++ {
		for p, s := range [...]string{"B-", "I-", "L-", "U-"} {
			n[mkLabel(c, p)] = s + c.String()
		}
	}
	return n
}()

func (l label) String() string { return labelNames[l] }

// allowed reports whether next may follow prev; last says next ends the
// sentence.
func allowed(prev, next label, last bool) bool {
	if prev.open() {
		if next == lblO || next.class() != prev.class() {
			return false
		}
		p := next.pos()
		return p == posL || (p == posI && !last)
	}
	if next == lblO {
		return true
	}
	p := next.pos()
	return p == posU || (p == posB && !last)
}

// Span is an entity found by the model: tokens [Start, End) of one
// sentence.
type Span struct {
	Start, End int
	Class      Class
}

// spans decodes a legal (or repaired) label sequence.
func spans(ls []label) []Span {
	var out []Span
	start := -1
	var cls Class
	for i, l := range ls {
		if l == lblO {
			if start >= 0 {
				out = append(out, Span{start, i, cls})
				start = -1
			}
			continue
		}
		c, p := l.class(), l.pos()
		if start >= 0 && (c != cls || p == posB || p == posU) {
			out = append(out, Span{start, i, cls})
			start = -1
		}
		if start < 0 {
			start, cls = i, c
		}
		if p == posL || p == posU {
			out = append(out, Span{start, i + 1, cls})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(ls), cls})
	}
	return out
}

// bilou encodes spans over n tokens.
func bilou(n int, ss []Span) []label {
	ls := make([]label, n)
	for _, s := range ss {
		if s.End-s.Start == 1 {
			ls[s.Start] = mkLabel(s.Class, posU)
			continue
		}
		ls[s.Start] = mkLabel(s.Class, posB)
		for k := s.Start + 1; k < s.End-1; k++ {
			ls[k] = mkLabel(s.Class, posI)
		}
		ls[s.End-1] = mkLabel(s.Class, posL)
	}
	return ls
}
