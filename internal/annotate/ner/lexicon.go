package ner

import "io"

// numGran is the number of word-cluster granularities.
const numGran = 3

// lexEntry is what the lexicon knows of one lowercase word.
type lexEntry struct {
	cl   [numGran]uint16
	clOK bool
	cap  uint8 // 1..4: how often the word is capitalised mid-sentence in unlabeled news; 0 unknown
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

func (l *lexicon) gazetteer(ts []tok) {
	if l.gaz != nil {
		l.gaz.match(ts)
	}
}

// readLexicon reads a gzip-compressed lexicon file (see docs/models/ner.md).
func readLexicon(r io.Reader) (*lexicon, error) {
	return &lexicon{words: map[string]lexEntry{}}, nil
}
