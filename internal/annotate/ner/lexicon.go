package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// numGran is the number of word-cluster granularities.
const numGran = 3

// lexEntry is what the lexicon knows of one lowercase word.
type lexEntry struct {
	cl   [numGran]uint16
	clOK bool
	cap  uint8 // 1..4: how often the word is capitalised mid-sentence in unlabeled news; 0 unknown
	auto uint8 // what a first model said of the word's capitalised uses in unlabeled news (see autoCode); 0 unknown
}

// lexicon holds word clusters, capitalisation priors and gazetteers.
type lexicon struct {
	words map[string]lexEntry
	gaz   *gazetteer
}

func (l *lexicon) clusters(lw string) ([numGran]uint16, bool) {
	e, ok := l.words[lw]
	return e.cl, ok && e.clOK
}

func (l *lexicon) capPrior(lw string) uint8 { return l.words[lw].cap }

func (l *lexicon) entry(lw string) lexEntry { return l.words[lw] }

// autoCode encodes the majority label (0..3 a class, 4 outside any entity)
// and its share bucket (0: ≥90%, 1: ≥60%, 2: less) of a word's capitalised
// uses in automatically tagged text.
func autoCode(majority, bucket int) uint8 { return uint8(1 + majority*3 + bucket) }

// ReadLexicon reads a lexicon file (see docs/models/ner.md).
func ReadLexicon(r io.Reader) (Lexicon, error) {
	l, err := readLexicon(r)
	if err != nil {
		return Lexicon{}, err
	}
	return Lexicon{lex: l}, nil
}

// AutoCode is the lexicon's code for a word whose capitalised uses a model
// tagged mostly (share ≥ 0.9, ≥ 0.6 or less) with class c, or outside any
// entity when outside is true.
func AutoCode(c Class, outside bool, share float64) int {
	maj := int(c)
	if outside {
		maj = int(numClasses)
	}
	b := 2
	switch {
	case share >= 0.9:
		b = 0
	case share >= 0.6:
		b = 1
	}
	return int(autoCode(maj, b))
}

func (l *lexicon) gazetteer(ts []tok) {
	if l.gaz != nil {
		l.gaz.match(ts)
	}
}

// readLexicon reads a gzip-compressed lexicon file: a header line, then
// tab-separated lines "w WORD COARSE MID FINE CAP" (cluster numbers, -1 for
// none), "g CATEGORY-BITS TOKENS" (space-separated lowercase tokens) and
// "a WORD CODE" (self-tag codes).
func readLexicon(r io.Reader) (*lexicon, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	l := &lexicon{words: make(map[string]lexEntry, 1<<16), gaz: &gazetteer{}}
	l.gaz.phrases.reserve(1 << 19)
	line := 0
	var fields [8]string
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			if s != lexiconHeader {
				return nil, fmt.Errorf("ner: lexicon: bad header %q", s)
			}
			continue
		}
		f := splitTabs(s, fields[:0])
		switch {
		case len(f) == 6 && f[0] == "w":
			var e lexEntry
			ok := true
			for g := 0; g < numGran; g++ {
				v, err := strconv.Atoi(f[2+g])
				if err != nil || v > math.MaxUint16 {
					return nil, fmt.Errorf("ner: lexicon line %d: bad cluster %q", line, f[2+g])
				}
				if v < 0 {
					ok = false
				} else {
					e.cl[g] = uint16(v)
				}
			}
			e.clOK = ok
			c, err := strconv.Atoi(f[5])
			if err != nil || c < 0 || c > 4 {
				return nil, fmt.Errorf("ner: lexicon line %d: bad capitalisation prior %q", line, f[5])
			}
			e.cap = uint8(c)
			l.words[f[1]] = e
		case len(f) == 3 && f[0] == "a":
			c, err := strconv.Atoi(f[2])
			if err != nil || c <= 0 || c > 255 {
				return nil, fmt.Errorf("ner: lexicon line %d: bad self-tag code %q", line, f[2])
			}
			e := l.words[f[1]]
			e.auto = uint8(c)
			l.words[f[1]] = e
		case len(f) == 3 && f[0] == "g":
			cats, err := strconv.Atoi(f[1])
			if err != nil || cats <= 0 || cats >= 1<<numGazCats {
				return nil, fmt.Errorf("ner: lexicon line %d: bad categories %q", line, f[1])
			}
			l.gaz.add(f[2], uint16(cats))
		default:
			return nil, fmt.Errorf("ner: lexicon line %d: malformed", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: lexicon: %w", err)
	}
	return l, nil
}

const lexiconHeader = "newsgraph-ner-lexicon 1"

// splitTabs splits s at tabs into dst (at most cap(dst) fields; the last
// holds the rest).
func splitTabs(s string, dst []string) []string {
	for len(dst) < cap(dst)-1 {
		i := strings.IndexByte(s, '\t')
		if i < 0 {
			break
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
	return append(dst, s)
}
