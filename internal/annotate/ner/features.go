package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of a template number and its values; the model
// maps the hashes it kept to weight rows. Nothing here allocates per token
// beyond the lowercase and recased forms of words that need them.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hstr(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// mix combines a template or an earlier key with a value.
func mix(a, b uint64) uint64 {
	x := a*0x9e3779b97f4a7c15 ^ b
	x ^= x >> 31
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 29
	return x
}

// Templates. Their numbers are part of the model format: append only.
const (
	tBias uint64 = iota + 1
	tWord
	tLow // + offset 0..4 for -2..+2
	_
	_
	_
	_
	tShape // + offset 0..2 for -1..+1
	_
	_
	tShapePrev
	tShapeNext
	tPre // + 0..3 for lengths 1..4
	_
	_
	_
	tSuf // + 0..3
	_
	_
	_
	tBigramPrev
	tBigramNext
	tFirst
	tHead
	tCluster // + 3*(offset+1) + granularity: 9 templates
	_
	_
	_
	_
	_
	_
	_
	_
	tGaz // gazetteer code at i
	tGazPrev
	tGazNext
	tCapPrior
	tDocLower
	tPrev1
	tPrev2
	tPrev1Word
	tPrev1Shape
	tHist
	tHistWord
	tShortShape
	tClusterWord
	tLow2Shape
	tNext2
	tWordLen
	tGazShape
	tHistCls
	tS1       // pass-1 label of the token
	tS1Prev   // pass-1 label of the previous token
	tS1Next   // pass-1 label of the next token
	tS1Maj    // majority pass-1 class of the word in the document
	tS1MajSh  // the same, with the word's shape
	tS1Longer // the word is part of a longer pass-1 entity in the document
	tS1Pair   // pass-1 labels of the token and the next
	tWordPrev
	tWordNext
	tSufPrev
	tSufNext
	tClusterPair
	tLowFar // + 0..1 for -3, +3
	_
	tTable
	tShortSent
	tTopic
	tTopicShape
	tTopicGaz
	tPrev1Cluster
	tAuto     // self-tag code of the word
	tAutoPrev // of the previous word
	tAutoNext // of the next word
	tAutoShape
	numTemplates
)

var boundaryHash = hstr("<s>")

// tok is what the features look at of one token.
type tok struct {
	w, lw       string
	hW, hL      uint64
	hShape      uint64
	hShort      uint64
	hPre, hSuf  [4]uint64
	cl          [numGran]uint16
	clOK        bool
	gaz         []uint32
	capPrior    uint8 // 0 unknown, 1..4 buckets of how often the word is capitalised
	auto        uint8 // self-tag code, 0 unknown
	docLower    bool  // the word occurs in lowercase elsewhere in the document
	upperInit   bool
	head        bool // the sentence is all capitals
	first       bool
	allCapsWord bool
	table       uint8  // 1 + bucket of the share of numbers in the sentence
	short       uint8  // sentence length bucket for very short sentences
	topic       uint64 // hash of the document's first word when it opens with a headline

	// Second pass: what the first pass said about this token and word.
	stacked  bool
	s1       label
	s1Maj    uint8 // 1+class, numClasses+1 for "always O", 0 unknown
	s1Many   bool  // the word occurs more than once in the document
	s1Longer uint8 // 1+class of a longer pass-1 entity holding the word
}

// shape maps letters to X/x, digits to d, keeps other runes, and shortens
// runs of one class to two.
func shape(w string, short bool) uint64 {
	h := uint64(fnvOffset)
	var prev byte
	run := 0
	n := 0
	for _, r := range w {
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < 128:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		default:
			c = '*'
		}
		if c == prev {
			run++
			if short || run >= 2 {
				continue
			}
		} else {
			run = 0
		}
		prev = c
		h ^= uint64(c)
		h *= fnvPrime
		n++
		if n > 12 {
			break
		}
	}
	return h
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasLower(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// lower returns w in lowercase, without allocating when it already is.
func lower(w string) string {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(w)
		}
	}
	return w
}

// affixes fills prefix and suffix hashes of lengths 1..4 in runes; a
// word shorter than a length gets 0 there.
func affixes(lw string, pre, suf *[4]uint64) {
	*pre = [4]uint64{}
	*suf = [4]uint64{}
	k := 0
	for i := 0; i < len(lw) && k < 4; {
		_, sz := utf8.DecodeRuneInString(lw[i:])
		i += sz
		pre[k] = hstr(lw[:i])
		k++
	}
	k = 0
	for i := len(lw); i > 0 && k < 4; {
		_, sz := utf8.DecodeLastRuneInString(lw[:i])
		i -= sz
		suf[k] = hstr(lw[i:])
		k++
	}
}

// docInfo builds the token views of one document: recasing of all-capital
// sentences, lexicon look-ups, and document-level facts.
func (m *Model) docInfo(doc [][]string, buf [][]tok) [][]tok {
	// Casing evidence from the document's mixed-case sentences.
	cased := map[string]string{}
	lowerSeen := map[string]bool{}
	heads := make([]bool, len(doc))
	for si, s := range doc {
		heads[si] = isHeadline(s)
		if heads[si] {
			continue
		}
		for i, w := range s {
			if !hasLetter(w) {
				continue
			}
			lw := lower(w)
			if lw == w {
				if i > 0 {
					lowerSeen[lw] = true
				}
				continue
			}
			if i > 0 || cased[lw] == "" {
				cased[lw] = w
			}
		}
	}
	var topic uint64
	if len(doc) > 0 && heads[0] && len(doc[0]) > 1 {
		topic = hstr(lower(doc[0][0]))
	}
	if cap(buf) < len(doc) {
		buf = make([][]tok, len(doc))
	}
	buf = buf[:len(doc)]
	for si, s := range doc {
		ts := buf[si][:0]
		if cap(ts) < len(s) {
			ts = make([]tok, 0, len(s))
		}
		nums := 0
		for _, w := range s {
			if len(w) > 0 && w[0] >= '0' && w[0] <= '9' {
				nums++
			}
		}
		var table, short uint8
		if len(s) >= 3 {
			table = uint8(1 + 4*nums/len(s))
		}
		if len(s) <= 4 {
			short = uint8(len(s))
		}
		for i, w := range s {
			var t tok
			t.table, t.short, t.topic = table, short, topic
			t.head = heads[si]
			t.first = i == 0
			t.allCapsWord = !hasLower(w) && hasLetter(w)
			lw := lower(w)
			if t.head && hasLetter(w) {
				if c, ok := cased[lw]; ok {
					w = c
				} else if m.lex != nil && m.lex.capPrior(lw) >= 3 {
					w = titleCase(lw)
				} else if m.lex != nil && m.lex.capPrior(lw) >= 1 && len(w) > 1 {
					w = lw
				}
			}
			t.w, t.lw = w, lw
			t.upperInit = isCap(w)
			t.hW = hstr(w)
			t.hL = hstr(lw)
			t.hShape = shape(w, false)
			t.hShort = shape(w, true)
			affixes(lw, &t.hPre, &t.hSuf)
			if m.lex != nil {
				e := m.lex.entry(lw)
				t.cl, t.clOK = e.cl, e.clOK
				t.capPrior = e.cap
				t.auto = e.auto
			}
			t.docLower = lowerSeen[lw]
			ts = append(ts, t)
		}
		if m.lex != nil {
			m.lex.gazetteer(ts)
		}
		buf[si] = ts
	}
	return buf
}

func titleCase(lw string) string {
	r, n := utf8.DecodeRuneInString(lw)
	return string(unicode.ToUpper(r)) + lw[n:]
}

// isHeadline reports whether a sentence is written in capitals only.
func isHeadline(s []string) bool {
	letters := 0
	for _, w := range s {
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters >= 4
}

// static appends the features of token i that do not depend on labels.
func static(dst []uint64, s []tok, i int) []uint64 {
	t := &s[i]
	lw := func(k int) uint64 {
		j := i + k
		if j < 0 || j >= len(s) {
			return boundaryHash
		}
		return s[j].hL
	}
	sh := func(k int) uint64 {
		j := i + k
		if j < 0 || j >= len(s) {
			return boundaryHash
		}
		return s[j].hShape
	}
	dst = append(dst, tBias, mix(tWord, t.hW))
	for k := -2; k <= 2; k++ {
		dst = append(dst, mix(tLow+uint64(k+2), lw(k)))
	}
	for k := -1; k <= 1; k++ {
		dst = append(dst, mix(tShape+uint64(k+1), sh(k)))
	}
	dst = append(dst,
		mix(mix(tShapePrev, sh(-1)), t.hShape),
		mix(mix(tShapeNext, t.hShape), sh(1)),
		mix(tShortShape, t.hShort),
	)
	for k := 0; k < 4; k++ {
		if t.hPre[k] != 0 {
			dst = append(dst, mix(tPre+uint64(k), t.hPre[k]))
		}
		if t.hSuf[k] != 0 {
			dst = append(dst, mix(tSuf+uint64(k), t.hSuf[k]))
		}
	}
	dst = append(dst,
		mix(mix(tBigramPrev, lw(-1)), t.hL),
		mix(mix(tBigramNext, t.hL), lw(1)),
		mix(mix(tLow2Shape, lw(-1)), t.hShape),
		mix(mix(tNext2, t.hShape), lw(1)),
	)
	if t.first {
		dst = append(dst, mix(tFirst, t.hShape))
	}
	if t.head {
		dst = append(dst, mix(tHead, t.hShape))
	}
	for k := -1; k <= 1; k++ {
		j := i + k
		if j < 0 || j >= len(s) || !s[j].clOK {
			continue
		}
		for g := 0; g < numGran; g++ {
			dst = append(dst, mix(tCluster+uint64(3*(k+1)+g), uint64(s[j].cl[g])+1))
		}
	}
	if t.clOK {
		dst = append(dst, mix(mix(tClusterWord, uint64(t.cl[1])+1), t.hShort))
	}
	for _, g := range t.gaz {
		dst = append(dst, mix(tGaz, uint64(g)))
		dst = append(dst, mix(mix(tGazShape, uint64(g)), t.hShort))
	}
	if i > 0 {
		for _, g := range s[i-1].gaz {
			dst = append(dst, mix(tGazPrev, uint64(g)))
		}
	}
	if i+1 < len(s) {
		for _, g := range s[i+1].gaz {
			dst = append(dst, mix(tGazNext, uint64(g)))
		}
	}
	first := uint64(0)
	if t.first {
		first = 1
	}
	dst = append(dst, mix(tCapPrior, uint64(t.capPrior)*4+first*2+b2u(t.upperInit)))
	if t.upperInit {
		dst = append(dst, mix(tDocLower, b2u(t.docLower)*2+first))
	}
	wd := func(k int) uint64 {
		j := i + k
		if j < 0 || j >= len(s) {
			return boundaryHash
		}
		return s[j].hW
	}
	suf := func(k int) uint64 {
		j := i + k
		if j < 0 || j >= len(s) {
			return boundaryHash
		}
		return s[j].hSuf[2]
	}
	dst = append(dst,
		mix(tWordPrev, wd(-1)), mix(tWordNext, wd(1)),
		mix(tSufPrev, suf(-1)), mix(tSufNext, suf(1)),
		mix(tLowFar, lw(-3)), mix(tLowFar+1, lw(3)),
	)
	if t.auto != 0 {
		dst = append(dst, mix(tAuto, uint64(t.auto)), mix(mix(tAutoShape, uint64(t.auto)), t.hShort))
	}
	if i > 0 && s[i-1].auto != 0 {
		dst = append(dst, mix(tAutoPrev, uint64(s[i-1].auto)))
	}
	if i+1 < len(s) && s[i+1].auto != 0 {
		dst = append(dst, mix(tAutoNext, uint64(s[i+1].auto)))
	}
	if t.clOK && i+1 < len(s) && s[i+1].clOK {
		dst = append(dst, mix(mix(tClusterPair, uint64(t.cl[1])), uint64(s[i+1].cl[1])))
	}
	if t.table != 0 {
		dst = append(dst, mix(mix(tTable, uint64(t.table)), t.hShort))
	}
	if t.short != 0 {
		dst = append(dst, mix(mix(tShortSent, uint64(t.short)), t.hShort))
	}
	if t.topic != 0 && t.upperInit {
		dst = append(dst, mix(mix(tTopicShape, t.topic), t.hShort))
		for _, g := range t.gaz {
			dst = append(dst, mix(mix(tTopicGaz, t.topic), uint64(g)))
		}
	}
	if t.stacked {
		p, n := uint64(numLabels), uint64(numLabels)
		if i > 0 {
			p = uint64(s[i-1].s1)
		}
		if i+1 < len(s) {
			n = uint64(s[i+1].s1)
		}
		dst = append(dst,
			mix(tS1, uint64(t.s1)),
			mix(mix(tS1Prev, p), uint64(t.s1)),
			mix(mix(tS1Next, uint64(t.s1)), n),
			mix(tS1Pair, n),
		)
		if t.s1Maj != 0 {
			dst = append(dst,
				mix(tS1Maj, uint64(t.s1Maj)*2+b2u(t.s1Many)),
				mix(mix(tS1MajSh, uint64(t.s1Maj)), t.hShort))
		}
		if t.s1Longer != 0 {
			dst = append(dst, mix(tS1Longer, uint64(t.s1Longer)*2+b2u(t.upperInit)))
		}
	}
	return dst
}

// stack records first-pass labels in the token views of a document for the
// second pass: each token's label, the majority class of its word across
// the document, and whether the word belongs to a longer entity.
func stack(toks [][]tok, labs [][]label) {
	type agg struct {
		counts [numClasses + 1]int
		n      int
	}
	words := map[string]*agg{}
	longer := map[string]uint8{}
	for si, s := range toks {
		for i := range s {
			if !s[i].upperInit && !s[i].allCapsWord {
				continue
			}
			a := words[s[i].lw]
			if a == nil {
				a = &agg{}
				words[s[i].lw] = a
			}
			a.n++
			l := labs[si][i]
			if l == lblO {
				a.counts[numClasses]++
			} else {
				a.counts[l.class()]++
			}
		}
		for _, sp := range spans(labs[si]) {
			if sp.End-sp.Start < 2 {
				continue
			}
			for k := sp.Start; k < sp.End; k++ {
				if s[k].upperInit {
					longer[s[k].lw] = uint8(sp.Class) + 1
				}
			}
		}
	}
	for si, s := range toks {
		for i := range s {
			t := &s[i]
			t.stacked = true
			t.s1 = labs[si][i]
			if a := words[t.lw]; a != nil {
				best, bi := 0, 0
				for k, c := range a.counts {
					if c > best {
						best, bi = c, k
					}
				}
				t.s1Maj = uint8(bi) + 1
				t.s1Many = a.n > 1
			}
			t.s1Longer = longer[t.lw]
		}
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// history is what a document has said so far about a word.
type history struct {
	counts [numClasses + 1]uint16 // per class, and [numClasses] for O
}

func (h *history) majority() uint64 {
	best, bi := uint16(0), -1
	for k, c := range h.counts {
		if c > best {
			best, bi = c, k
		}
	}
	return uint64(bi + 1)
}

// dynamic appends the features of token i that depend on earlier labels.
func dynamic(dst []uint64, s []tok, i int, ls []label, hist map[string]*history) []uint64 {
	p1, p2 := uint64(numLabels), uint64(numLabels)
	if i > 0 {
		p1 = uint64(ls[i-1])
	}
	if i > 1 {
		p2 = uint64(ls[i-2])
	}
	t := &s[i]
	dst = append(dst,
		mix(tPrev1, p1),
		mix(mix(tPrev2, p2), p1),
		mix(mix(tPrev1Word, p1), t.hL),
		mix(mix(tPrev1Shape, p1), t.hShape),
	)
	if t.clOK {
		dst = append(dst, mix(mix(tPrev1Cluster, p1), uint64(t.cl[1])))
	}
	if t.upperInit {
		if h := hist[t.lw]; h != nil {
			maj := h.majority()
			dst = append(dst, mix(tHist, maj), mix(mix(tHistWord, maj), b2u(t.first)))
		}
	}
	return dst
}
