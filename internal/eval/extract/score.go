// Package extract scores article-body extraction the way the
// Scrapinghub/Zyte article-extraction benchmark does: both texts are
// tokenised into runs of word characters, cut into 4-token shingles counted
// as a multiset, and each page gets a precision and a recall normalised so
// that long pages weigh no more than short ones. The reported precision and
// recall are means over pages and F1 is computed from the two means.
package extract

import (
	"unicode"
	"unicode/utf8"
)

// ShingleSize is the number of tokens in a shingle.
const ShingleSize = 4

// Page holds the shingle counts of one page, normalised by their sum
// (TP+FP+FN = 1 unless all three are zero).
type Page struct {
	TP, FP, FN float64
}

// Precision is the page's precision, with the benchmark's conventions for
// empty texts: 1 when prediction and truth agree exactly, 0 when nothing
// predicted matches.
func (p Page) Precision() float64 {
	if p.FP == 0 && p.FN == 0 {
		return 1
	}
	if p.TP == 0 && p.FP == 0 {
		return 0
	}
	return p.TP / (p.TP + p.FP)
}

// Recall is the page's recall, with the same conventions as [Page.Precision].
func (p Page) Recall() float64 {
	if p.FP == 0 && p.FN == 0 {
		return 1
	}
	if p.TP == 0 && p.FN == 0 {
		return 0
	}
	return p.TP / (p.TP + p.FN)
}

// F1 is the harmonic mean of the page's precision and recall.
func (p Page) F1() float64 {
	pr, r := p.Precision(), p.Recall()
	if pr+r == 0 {
		return 0
	}
	return 2 * pr * r / (pr + r)
}

// Tokens splits text into maximal runs of word characters: letters, digits
// (any Unicode number) and the underscore, as Python's \w does.
func Tokens(text string) []string {
	var toks []string
	start := -1
	for i := 0; i < len(text); {
		r, w := utf8.DecodeRuneInString(text[i:])
		word := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			toks = append(toks, text[start:i])
			start = -1
		}
		i += w
	}
	if start >= 0 {
		toks = append(toks, text[start:])
	}
	return toks
}

// Shingles counts the shingles of text. A text of fewer than
// [ShingleSize] tokens (but at least one) is one shingle of all its tokens.
func Shingles(text string) map[string]int {
	toks := Tokens(text)
	m := make(map[string]int, len(toks))
	n := max(1, len(toks)-ShingleSize+1)
	for i := 0; i < n && i < len(toks); i++ {
		end := min(len(toks), i+ShingleSize)
		key := toks[i]
		for _, t := range toks[i+1 : end] {
			key += "\x00" + t
		}
		m[key]++
	}
	return m
}

// Match compares a predicted text with the true one.
func Match(truth, pred string) Page {
	ts, ps := Shingles(truth), Shingles(pred)
	var tp, fp, fn float64
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return Page{TP: tp, FP: fp, FN: fn}
}

// Metrics are the benchmark's figures over a set of pages.
type Metrics struct {
	Pages     int
	Precision float64
	Recall    float64
	F1        float64
}

// Summarise averages page precision over pages where something was
// predicted or expected (TP+FP > 0) and recall over pages with TP+FN > 0,
// and takes F1 from the two means.
func Summarise(pages []Page) Metrics {
	m := Metrics{Pages: len(pages)}
	var ps, rs float64
	var np, nr int
	for _, p := range pages {
		if p.TP+p.FP > 0 {
			ps += p.Precision()
			np++
		}
		if p.TP+p.FN > 0 {
			rs += p.Recall()
			nr++
		}
	}
	if np > 0 {
		m.Precision = ps / float64(np)
	}
	if nr > 0 {
		m.Recall = rs / float64(nr)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
	return m
}
