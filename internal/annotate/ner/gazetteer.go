package ner

// gazetteer matches multi-word name lists against sentences.
type gazetteer struct{}

func (g *gazetteer) match(ts []tok) {}
