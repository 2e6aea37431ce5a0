package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
)

// Model is a greedy left-to-right averaged-perceptron tagger over hashed
// features, with BILOU labels and the transitions BILOU forbids masked.
// A Model is safe for concurrent use.
type Model struct {
	lex   *lexicon
	table table
	// w holds numLabels quantised weights per kept feature.
	w     []int16
	scale float32 // weight = w * scale
	pool  sync.Pool
	// next, when set, is a second-pass model that sees this model's
	// labels for the whole document.
	next *Model
}

// table maps feature hashes to weight rows (open addressing, linear
// probing). Probing reads 32-bit fingerprints (the high half of the hash;
// the slot comes from the low half), half the memory of full keys, so
// more of the table stays in cache; full keys are kept for writing. A
// feature's weights live at its slot's row, so a look-up touches the
// fingerprint array and, on a hit, one row.
type table struct {
	fp   []uint32 // 0 marks an empty slot
	keys []uint64
	mask uint64
}

func fingerprint(k uint64) uint32 { return uint32(k>>32) | 1 }

// newModel builds a model from keys and their weight rows (row r of w
// belongs to keys[r]).
func newModel(keys []uint64, w []int16, scale float32) *Model {
	size := 1
	for size < 2*len(keys)+2 {
		size <<= 1
	}
	t := table{fp: make([]uint32, size), keys: make([]uint64, size), mask: uint64(size - 1)}
	sw := make([]int16, size*numLabels)
	for r, k := range keys {
		if k == 0 {
			continue
		}
		i := k & t.mask
		for t.fp[i] != 0 {
			i = (i + 1) & t.mask
		}
		t.fp[i] = fingerprint(k)
		t.keys[i] = k
		copy(sw[int(i)*numLabels:], w[r*numLabels:(r+1)*numLabels])
	}
	return &Model{table: t, w: sw, scale: scale}
}

// get returns the slot of key k, or -1.
func (t *table) get(k uint64) int32 {
	f := fingerprint(k)
	i := k & t.mask
	for {
		switch t.fp[i] {
		case f:
			return int32(i)
		case 0:
			return -1
		}
		i = (i + 1) & t.mask
	}
}

type scratch struct {
	feats []uint64
	slots []int32
	off   []int32
	base  [][numLabels]int32
	toks  [][]tok
	ls    []label
	hist  map[string]*history
	hpool []history
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{hist: map[string]*history{}, hpool: make([]history, 0, 1024)}
}

// Tag returns the entities of each sentence of a document (a list of
// sentences of words). Sentences of one document share document-level
// evidence: casing, and what earlier sentences said about a word.
func (m *Model) Tag(doc [][]string) [][]Span {
	r := m.tagDoc(doc)
	out := make([][]Span, len(r.spans))
	for i, ss := range r.spans {
		for _, s := range ss {
			out[i] = append(out[i], s.Span)
		}
	}
	return out
}

// Confidence calibration: a mention's confidence is the logistic of its
// weakest token's score margin, (margin - confBias) / confTemp, fitted by
// log loss on the development set.
var (
	confTemp = 32.0
	confBias = 0.0
)

func confidence(margin float64) float64 { return 1 / (1 + math.Exp(-(margin-confBias)/confTemp)) }

// tagged is a span with the model's confidence in it.
type tagged struct {
	Span
	conf   float64
	margin float64
}

type tagResult struct {
	spans [][]tagged
	toks  [][]tok
}

func (m *Model) tagDoc(doc [][]string) tagResult {
	toks := m.docInfo(doc, nil)
	var res tagResult
	if m.next == nil {
		res = m.tagToks(toks, nil)
	} else {
		var labs [][]label
		m.tagToks(toks, &labs)
		stack(toks, labs)
		res = m.next.tagToks(toks, nil)
	}
	for si := range res.spans {
		res.spans[si] = m.applyRules(res.toks[si], res.spans[si])
	}
	return res
}

// tagToks tags prepared token views; labs, when not nil, receives the labels.
func (m *Model) tagToks(toks [][]tok, labs *[][]label) tagResult {
	sc := m.scratch()
	defer m.pool.Put(sc)
	res := tagResult{toks: toks, spans: make([][]tagged, len(toks))}
	clear(sc.hist)
	sc.hpool = sc.hpool[:0]
	var margins []float64
	for si, s := range res.toks {
		if cap(sc.ls) < len(s) {
			sc.ls = make([]label, len(s))
		}
		ls := sc.ls[:len(s)]
		margins = margins[:0]
		// Static features first, for the whole sentence: the look-ups
		// are independent, so their cache misses overlap.
		sc.slots = sc.slots[:0]
		sc.off = append(sc.off[:0], 0)
		for i := range s {
			sc.feats = static(sc.feats[:0], s, i)
			for _, f := range sc.feats {
				if r := m.table.get(f); r >= 0 {
					sc.slots = append(sc.slots, r)
				}
			}
			sc.off = append(sc.off, int32(len(sc.slots)))
		}
		if cap(sc.base) < len(s) {
			sc.base = make([][numLabels]int32, len(s))
		}
		base := sc.base[:len(s)]
		for i := range s {
			b := &base[i]
			*b = [numLabels]int32{}
			for _, r := range sc.slots[sc.off[i]:sc.off[i+1]] {
				row := (*[numLabels]int16)(m.w[int(r)*numLabels:])
				for l, v := range row {
					b[l] += int32(v)
				}
			}
		}
		for i := range s {
			scores := base[i]
			sc.feats = dynamic(sc.feats[:0], s, i, ls, sc.hist)
			for _, f := range sc.feats {
				if r := m.table.get(f); r >= 0 {
					row := (*[numLabels]int16)(m.w[int(r)*numLabels:])
					for l, v := range row {
						scores[l] += int32(v)
					}
				}
			}
			last := i == len(s)-1
			best := decide(&scores, ls, i, last)
			ls[i] = best
			prev := lblO
			if i > 0 {
				prev = ls[i-1]
			}
			margins = append(margins, float64(margin(&scores, best, prev, last))*float64(m.scale))
		}
		for _, sp := range spans(ls) {
			low := math.Inf(1)
			for k := sp.Start; k < sp.End; k++ {
				low = math.Min(low, margins[k])
			}
			res.spans[si] = append(res.spans[si], tagged{Span: sp, conf: confidence(low), margin: low})
		}
		sc.remember(s, ls)
		if labs != nil {
			*labs = append(*labs, append([]label(nil), ls...))
		}
	}
	return res
}

// margin returns how far label l's score is above the best other label
// that could have followed prev.
func margin(scores *[numLabels]int32, l, prev label, last bool) int32 {
	second, any := int32(0), false
	for k, v := range scores {
		if label(k) != l && allowed(prev, label(k), last) && (!any || v > second) {
			second, any = v, true
		}
	}
	if !any {
		return 1 << 20
	}
	return scores[l] - second
}

// decide picks the label of token i given the labels before it. When the
// best label would end an open entity early (O, or a new entity, after B-
// or I-), the open entity is closed at i-1 (B→U, I→L) instead of being
// forced to go on; otherwise the best label BILOU allows is taken.
func decide[T int32 | int64](scores *[numLabels]T, ls []label, i int, last bool) label {
	prev := lblO
	if i > 0 {
		prev = ls[i-1]
	}
	best := label(0)
	for l := label(1); int(l) < numLabels; l++ {
		if last && (l.pos() == posB || l.pos() == posI) {
			continue
		}
		if scores[l] > scores[best] {
			best = l
		}
	}
	if prev.open() && (best == lblO || best.pos() == posB || best.pos() == posU) {
		if prev.pos() == posB {
			ls[i-1] = mkLabel(prev.class(), posU)
		} else {
			ls[i-1] = mkLabel(prev.class(), posL)
		}
		return best
	}
	return bestAllowed(scores, prev, last)
}

// bestAllowed returns the highest-scoring label that may follow prev.
func bestAllowed[T int32 | float32 | int64](scores *[numLabels]T, prev label, last bool) label {
	best := label(255)
	for l := label(0); int(l) < numLabels; l++ {
		if !allowed(prev, l, last) {
			continue
		}
		if best == 255 || scores[l] > scores[best] {
			best = l
		}
	}
	return best
}

// remember records the labels of a tagged sentence in the document history.
func (sc *scratch) remember(s []tok, ls []label) {
	for i := range s {
		if !s[i].upperInit {
			continue
		}
		h := sc.hist[s[i].lw]
		if h == nil {
			if len(sc.hpool) < cap(sc.hpool) {
				sc.hpool = sc.hpool[:len(sc.hpool)+1]
				h = &sc.hpool[len(sc.hpool)-1]
				*h = history{}
			} else {
				h = &history{}
			}
			sc.hist[s[i].lw] = h
		}
		k := int(numClasses)
		if ls[i] != lblO {
			k = int(ls[i].class())
		}
		if h.counts[k] < math.MaxUint16 {
			h.counts[k]++
		}
	}
}

// Model file format: gzip of
//
//	magic "newsgraph-ner\n", uint32 version, uint32 numLabels,
//	uint32 passes, then for each pass:
//	float32 scale, uint32 n, n uvarint key deltas (keys ascending),
//	n*numLabels int16 weights, label-major, little-endian.
const (
	modelMagic   = "newsgraph-ner\n"
	modelVersion = 2
)

// maxModelBytes bounds a model's uncompressed size.
const maxModelBytes = 1 << 30

// ErrFormat reports a model file newsgraph cannot read.
var ErrFormat = errors.New("ner: not a newsgraph NER model, or a version this build cannot read")

// WriteTo writes the model's weights (not its lexicon).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(zw)
	passes := 0
	for p := m; p != nil; p = p.next {
		passes++
	}
	bw.WriteString(modelMagic)
	binary.Write(bw, binary.LittleEndian, uint32(modelVersion))
	binary.Write(bw, binary.LittleEndian, uint32(numLabels))
	binary.Write(bw, binary.LittleEndian, uint32(passes))
	for p := m; p != nil; p = p.next {
		p.writePass(bw)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	if err := zw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

func (m *Model) writePass(bw *bufio.Writer) {
	type kr struct {
		k uint64
		r int32
	}
	var rows []kr
	for i, k := range m.table.keys {
		if k != 0 {
			rows = append(rows, kr{k, int32(i)})
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].k < rows[j].k })
	binary.Write(bw, binary.LittleEndian, m.scale)
	binary.Write(bw, binary.LittleEndian, uint32(len(rows)))
	var buf [binary.MaxVarintLen64]byte
	prev := uint64(0)
	for _, r := range rows {
		n := binary.PutUvarint(buf[:], r.k-prev)
		bw.Write(buf[:n])
		prev = r.k
	}
	// Weights label by label: zeros cluster and compress well.
	for l := 0; l < numLabels; l++ {
		for _, r := range rows {
			v := m.w[int(r.r)*numLabels+l]
			bw.WriteByte(byte(uint16(v)))
			bw.WriteByte(byte(uint16(v) >> 8))
		}
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// readWeights reads a model file written by WriteTo.
func readWeights(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxModelBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if len(data) > maxModelBytes {
		return nil, fmt.Errorf("%w: larger than %d bytes", ErrFormat, maxModelBytes)
	}
	br := bytes.NewReader(data)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, ErrFormat
	}
	var hdr struct{ Version, Labels, Passes uint32 }
	if err := binary.Read(br, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if hdr.Version != modelVersion || int(hdr.Labels) != numLabels || hdr.Passes < 1 || hdr.Passes > 4 {
		return nil, ErrFormat
	}
	var first, last *Model
	for p := 0; p < int(hdr.Passes); p++ {
		m, err := readPass(br)
		if err != nil {
			return nil, err
		}
		if first == nil {
			first = m
		} else {
			last.next = m
		}
		last = m
	}
	if br.Len() != 0 {
		return nil, fmt.Errorf("%w: %d trailing bytes", ErrFormat, br.Len())
	}
	return first, nil
}

func readPass(br *bytes.Reader) (*Model, error) {
	var hdr struct {
		Scale float32
		N     uint32
	}
	if err := binary.Read(br, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if hdr.N > 1<<26 || int(hdr.N) > br.Len() {
		return nil, ErrFormat
	}
	n := int(hdr.N)
	keys := make([]uint64, n)
	prev := uint64(0)
	for i := range keys {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormat, err)
		}
		prev += d
		keys[i] = prev
	}
	if br.Len() < 2*n*numLabels {
		return nil, fmt.Errorf("%w: weight block has %d bytes, want %d", ErrFormat, br.Len(), 2*n*numLabels)
	}
	rest := make([]byte, 2*n*numLabels)
	io.ReadFull(br, rest)
	w := make([]int16, n*numLabels)
	for l := 0; l < numLabels; l++ {
		for i := 0; i < n; i++ {
			off := 2 * (l*n + i)
			w[i*numLabels+l] = int16(binary.LittleEndian.Uint16(rest[off:]))
		}
	}
	return newModel(keys, w, hdr.Scale), nil
}

// TagCoNLL tags a document like [Model.Tag] and returns IOB2 tags with
// CoNLL's class names ("B-PER", "I-PER", "O").
func (m *Model) TagCoNLL(doc [][]string) [][]string {
	ss := m.Tag(doc)
	out := make([][]string, len(doc))
	for si, s := range doc {
		tags := make([]string, len(s))
		for i := range tags {
			tags[i] = "O"
		}
		for _, sp := range ss[si] {
			tags[sp.Start] = "B-" + sp.Class.String()
			for k := sp.Start + 1; k < sp.End; k++ {
				tags[k] = "I-" + sp.Class.String()
			}
		}
		out[si] = tags
	}
	return out
}
