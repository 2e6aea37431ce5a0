// Package sentence scores sentence splitting against Universal Dependencies
// treebanks (CoNLL-U): each paragraph's sentences are joined with spaces, the
// splitter runs on the paragraph, and the sentence ends it finds are compared
// with the gold ones (precision, recall, F1 over boundaries inside
// paragraphs; paragraph ends are given and not counted).
package sentence

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Paragraph is a paragraph of gold sentences.
type Paragraph struct {
	Sentences []string
}

// ReadCoNLLU reads the "# text =" lines of a CoNLL-U file, grouped into
// paragraphs by "# newpar" and "# newdoc" comments.
func ReadCoNLLU(r io.Reader) ([]Paragraph, error) {
	var out []Paragraph
	var cur Paragraph
	flush := func() {
		if len(cur.Sentences) > 0 {
			out = append(out, cur)
		}
		cur = Paragraph{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "# newdoc"), strings.HasPrefix(line, "# newpar"):
			flush()
		case strings.HasPrefix(line, "# text = "):
			cur.Sentences = append(cur.Sentences, strings.TrimSpace(strings.TrimPrefix(line, "# text = ")))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("sentence: reading CoNLL-U: %w", err)
	}
	flush()
	return out, nil
}

// Score holds boundary counts.
type Score struct {
	TP, FP, FN int
}

// P returns precision.
func (s Score) P() float64 { return ratio(s.TP, s.TP+s.FP) }

// R returns recall.
func (s Score) R() float64 { return ratio(s.TP, s.TP+s.FN) }

// F1 returns the harmonic mean of P and R.
func (s Score) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Evaluate runs split on every paragraph and counts boundaries.
func Evaluate(paras []Paragraph, split func(text string) []news.Span) Score {
	var s Score
	for _, p := range paras {
		text := strings.Join(p.Sentences, " ")
		gold := map[int]bool{}
		off := 0
		for i, sent := range p.Sentences {
			off += len(sent)
			if i < len(p.Sentences)-1 {
				gold[off] = true
			}
			off++ // the joining space
		}
		for _, sp := range split(text) {
			if sp.End >= len(text) {
				continue
			}
			if gold[sp.End] {
				s.TP++
				delete(gold, sp.End)
			} else {
				s.FP++
			}
		}
		s.FN += len(gold)
	}
	return s
}
