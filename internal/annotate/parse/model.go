// Package parse tags words with Universal Dependencies parts of speech and
// parses sentences into labelled UD dependency trees: the "annotate.parse"
// stage, which later stages (events, quotes) read roles from.
//
// Three averaged-perceptron classifiers over hashed features run in turn:
// a greedy left-to-right tagger; a greedy arc-hybrid transition parser for
// the unlabelled tree, trained with a dynamic oracle (Goldberg and Nivre,
// 2013); and a relation classifier that labels each arc seeing the whole
// tree. Weights are quantised to 16 bits and embedded; they load on first
// use. `newsgraph train parse` trains them, `newsgraph eval parse` scores
// them (docs/models/parser.md).
package parse

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// UPOS is the Universal Dependencies part-of-speech tag set, in the order
// the model's tag indices use.
var UPOS = []string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

const (
	tagADJ = iota
	tagADP
	tagADV
	tagAUX
	tagCCONJ
	tagDET
	tagINTJ
	tagNOUN
	tagNUM
	tagPART
	tagPRON
	tagPROPN
	tagPUNCT
	tagSCONJ
	tagSYM
	tagVERB
	tagX
	nTags
)

func tagIndex(s string) int {
	for i, t := range UPOS {
		if t == s {
			return i
		}
	}
	return tagX
}

// Model is a tagger, an unlabelled parser and a relation labeller. A Model
// is safe for concurrent use.
type Model struct {
	tagger   *linear
	parser   *linear
	labeler  *linear
	labels   []string
	rootLab  int
	punctLab int // -1 when the model has no punct relation
	pool     sync.Pool
}

type scratch struct {
	ws    []word
	tags  []int
	f     feats
	st    state
	kids  [][]int
	sc    []int32
	heads []int
}

func (m *Model) scratch() *scratch {
	if s, ok := m.pool.Get().(*scratch); ok {
		return s
	}
	return &scratch{sc: make([]int32, 64)}
}

// Labels returns the dependency relations the model predicts.
func (m *Model) Labels() []string { return m.labels }

// Parse tags and parses one sentence of words. The result's Head holds
// 0-based word indices and -1 for the root.
func (m *Model) Parse(words []string) Sentence {
	out := Sentence{Words: words, UPOS: make([]string, len(words)), Head: make([]int, len(words)), Deprel: make([]string, len(words))}
	if len(words) == 0 {
		return out
	}
	s := m.scratch()
	defer m.pool.Put(s)
	m.run(s, words)
	for i := range words {
		out.UPOS[i] = UPOS[s.tags[i]]
		out.Head[i] = s.heads[i]
	}
	m.label(s, func(i, l int) { out.Deprel[i] = m.labels[l] })
	return out
}

// ParseInto is Parse writing into caller-owned slices (len(words) each),
// with tags and relations as indices into UPOS and Labels(); no strings
// are allocated.
func (m *Model) ParseInto(words []string, upos, head, deprel []int) {
	if len(words) == 0 {
		return
	}
	s := m.scratch()
	defer m.pool.Put(s)
	m.run(s, words)
	copy(upos, s.tags)
	copy(head, s.heads)
	m.label(s, func(i, l int) { deprel[i] = l })
}

func (m *Model) run(s *scratch, words []string) {
	s.ws = s.ws[:0]
	for _, w := range words {
		s.ws = append(s.ws, newWord(w))
	}
	s.tags = s.tags[:0]
	m.tag(s)
	m.parseTree(s)
}

func (m *Model) tag(s *scratch) {
	sc := s.sc[:nTags]
	p1, p2 := -1, -1
	for i := range s.ws {
		tagFeatures(&s.f, s.ws, i, p1, p2)
		m.tagger.scores(s.f.k, sc)
		best := 0
		for c := 1; c < nTags; c++ {
			if sc[c] > sc[best] {
				best = c
			}
		}
		s.tags = append(s.tags, best)
		p2, p1 = p1, best
	}
}

func (m *Model) parseTree(s *scratch) {
	n := len(s.ws)
	st := &s.st
	st.init(n)
	sc := s.sc[:nActions]
	for !st.terminal() {
		parseFeatures(&s.f, st, s.ws, s.tags)
		m.parser.scores(s.f.k, sc)
		best := -1
		for a := 0; a < nActions; a++ {
			if st.legal(a) && (best < 0 || sc[a] > sc[best]) {
				best = a
			}
		}
		st.apply(best)
	}
	s.heads = s.heads[:0]
	for i := 0; i < n; i++ {
		h := st.head[i]
		if h == n {
			h = -1
		}
		s.heads = append(s.heads, h)
	}
}

func (m *Model) label(s *scratch, set func(i, l int)) {
	n := len(s.ws)
	if cap(s.kids) < n {
		s.kids = make([][]int, n)
	}
	s.kids = s.kids[:n]
	for i := range s.kids {
		s.kids[i] = s.kids[i][:0]
	}
	for i, h := range s.heads {
		if h >= 0 {
			s.kids[h] = append(s.kids[h], i)
		}
	}
	if len(s.sc) < len(m.labels) {
		s.sc = make([]int32, len(m.labels))
	}
	sc := s.sc[:len(m.labels)]
	for i, h := range s.heads {
		if h < 0 {
			set(i, m.rootLab)
			continue
		}
		if s.tags[i] == tagPUNCT && m.punctLab >= 0 {
			// every PUNCT word of the training treebank is punct
			set(i, m.punctLab)
			continue
		}
		labelFeatures(&s.f, i, s.ws, s.tags, s.heads, s.kids, tagADP, tagAUX, tagSCONJ)
		m.labeler.scores(s.f.k, sc)
		best := -1
		for c := range sc {
			if c == m.rootLab {
				continue
			}
			if best < 0 || sc[c] > sc[best] {
				best = c
			}
		}
		set(i, best)
	}
}

// Model file: gzip of "NGPARSE1", the label count and labels (uvarint
// length + bytes each), then the tagger, parser and labeller tables.
const magic = "NGPARSE1"

// WriteTo writes m in the model file format.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var raw bytes.Buffer
	bw := bufio.NewWriter(&raw)
	bw.WriteString(magic)
	var buf [binary.MaxVarintLen64]byte
	put := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	put(uint64(len(m.labels)))
	for _, l := range m.labels {
		put(uint64(len(l)))
		bw.WriteString(l)
	}
	for _, l := range []*linear{m.tagger, m.parser, m.labeler} {
		if err := l.write(bw); err != nil {
			return 0, err
		}
	}
	if err := bw.Flush(); err != nil {
		return 0, err
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	zw.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		return 0, err
	}
	n, err := w.Write(out.Bytes())
	return int64(n), err
}

// Read reads a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("parse model: %w", err)
	}
	br := bytes.NewReader(raw)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("parse model: not a newsgraph parser model")
	}
	nl, err := binary.ReadUvarint(br)
	if err != nil || nl == 0 || nl > 512 {
		return nil, errors.New("parse model: bad label count")
	}
	m := &Model{rootLab: -1, punctLab: -1}
	for i := 0; i < int(nl); i++ {
		k, err := binary.ReadUvarint(br)
		if err != nil || k > 64 {
			return nil, errors.New("parse model: bad label")
		}
		b := make([]byte, k)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, errors.New("parse model: bad label")
		}
		m.labels = append(m.labels, string(b))
		switch string(b) {
		case "root":
			m.rootLab = i
		case "punct":
			m.punctLab = i
		}
	}
	if m.rootLab < 0 {
		return nil, errors.New("parse model: no root relation")
	}
	for i, dst := range []**linear{&m.tagger, &m.parser, &m.labeler} {
		l, err := readLinear(br)
		if err != nil {
			return nil, fmt.Errorf("parse model: table %d: %w", i, err)
		}
		*dst = l
	}
	if m.tagger.n != nTags || m.parser.n != nActions || m.labeler.n != len(m.labels) {
		return nil, errors.New("parse model: table sizes do not match")
	}
	return m, nil
}

//go:embed data/model.gz
var shipped []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the shipped model, loading it on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Read(bytes.NewReader(shipped))
	})
	return defaultModel, defaultErr
}

// universal returns a relation without its subtype ("obl:agent" → "obl").
func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
