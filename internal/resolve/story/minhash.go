package story

import (
	"strings"

	"github.com/zeebo/xxh3"
)

// Signature sizes: numHashes MinHash values in numBands bands of
// numHashes/numBands rows. 32 bands of 4 rows make two articles with a true
// Jaccard similarity of 0.7 collide in some band with probability above
// 0.999, and two with 0.2 in about 5% of pairs.
const (
	numHashes  = 128
	numBands   = 32
	bandRows   = numHashes / numBands
	shingleLen = 5
)

// Signature is the MinHash signature of an article's word shingles.
type Signature [numHashes]uint64

// permutations are fixed odd multipliers and addends that turn one 64-bit
// shingle hash into numHashes independent-looking ones.
var permA, permB = func() ([numHashes]uint64, [numHashes]uint64) {
	var a, b [numHashes]uint64
	x := uint64(0x9E3779B97F4A7C15)
	next := func() uint64 { // splitmix64
		x += 0x9E3779B97F4A7C15
		z := x
		z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
		z = (z ^ (z >> 27)) * 0x94D049BB133111EB
		return z ^ (z >> 31)
	}
	for i := range a {
		a[i] = next() | 1
		b[i] = next()
	}
	return a, b
}()

// MinHash computes the signature of text over word 5-gram shingles (lower
// case, punctuation dropped). Texts shorter than five words use the words
// themselves. ok is false when text has no words at all.
func MinHash(text string) (sig Signature, ok bool) {
	ws := words(text)
	toks := make([]string, len(ws))
	for i, w := range ws {
		toks[i] = strings.ToLower(w.raw)
	}
	return minHashTokens(toks)
}

func minHashTokens(toks []string) (sig Signature, ok bool) {
	if len(toks) == 0 {
		return sig, false
	}
	for i := range sig {
		sig[i] = ^uint64(0)
	}
	n := shingleLen
	if len(toks) < n {
		n = len(toks)
	}
	var buf []byte
	for i := 0; i+n <= len(toks); i++ {
		buf = buf[:0]
		for _, t := range toks[i : i+n] {
			buf = append(buf, t...)
			buf = append(buf, ' ')
		}
		h := xxh3.Hash(buf)
		for k := range sig {
			if v := h*permA[k] + permB[k]; v < sig[k] {
				sig[k] = v
			}
		}
	}
	return sig, true
}

// Similarity estimates the Jaccard similarity of the shingle sets behind two
// signatures.
func (s *Signature) Similarity(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// Bands returns the LSH band keys of the signature: two articles are
// candidate copies when they share one.
func (s *Signature) Bands() [numBands]uint64 {
	var out [numBands]uint64
	var buf [bandRows * 8]byte
	for b := 0; b < numBands; b++ {
		for r := 0; r < bandRows; r++ {
			v := s[b*bandRows+r]
			for k := 0; k < 8; k++ {
				buf[r*8+k] = byte(v >> (8 * k))
			}
		}
		out[b] = xxh3.Hash(buf[:])<<6 | uint64(b) // the band number keeps equal rows in different bands apart
	}
	return out
}
