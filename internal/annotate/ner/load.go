package ner

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"sync"
)

// The shipped model: weights trained by `newsgraph train ner` and the
// lexicon (clusters, capitalisation priors, gazetteers) it was trained with.
//
//go:embed data/*.gz
var data embed.FS

const (
	weightsFile = "data/model.gz"
	lexiconFile = "data/lexicon.gz"
)

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the shipped model, loading it on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = loadEmbedded()
	})
	return defaultModel, defaultErr
}

func loadEmbedded() (*Model, error) {
	lex, err := DefaultLexicon()
	if err != nil {
		return nil, err
	}
	b, err := data.ReadFile(weightsFile)
	if err != nil {
		return nil, fmt.Errorf("ner: shipped model missing: %w", err)
	}
	m, err := readWeights(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("ner: shipped model: %w", err)
	}
	m.setLexicon(lex.lex)
	return m, nil
}

func (m *Model) setLexicon(l *lexicon) {
	for p := m; p != nil; p = p.next {
		p.lex = l
	}
}

// Lexicon is the word knowledge a model is trained with and runs with.
type Lexicon struct{ lex *lexicon }

// DefaultLexicon returns the shipped lexicon (empty if none is shipped).
func DefaultLexicon() (Lexicon, error) {
	b, err := data.ReadFile(lexiconFile)
	if err != nil {
		return Lexicon{lex: &lexicon{words: map[string]lexEntry{}}}, nil
	}
	l, err := readLexicon(bytes.NewReader(b))
	if err != nil {
		return Lexicon{}, fmt.Errorf("ner: shipped lexicon: %w", err)
	}
	return Lexicon{lex: l}, nil
}

// NewUntrained returns a model with a lexicon and no weights, the base of
// [Train].
func NewUntrained(lex Lexicon) *Model {
	m := newModel(nil, nil, 1)
	m.lex = lex.lex
	return m
}

// Load reads a model written by [Model.WriteTo] and attaches lex to it.
func Load(weights io.Reader, lex Lexicon) (*Model, error) {
	m, err := readWeights(weights)
	if err != nil {
		return nil, err
	}
	m.setLexicon(lex.lex)
	return m, nil
}
