package parse

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
)

// TrainOptions controls [Train].
type TrainOptions struct {
	TagEpochs   int // tagger epochs (default 6)
	ParseEpochs int // parser epochs (default 12)
	LabelEpochs int // labeller epochs (default 8)
	Folds       int // jackknife folds for the tags the parser trains on (default 4)
	MinLabel    int // relations seen fewer times fall back to their universal part (default 50)
	// Prune drops features whose averaged weights all stay below it in
	// magnitude (perceptron update units; 0 keeps every nonzero feature).
	Prune float32
	Seed  uint64
	// Dev, when set, is scored after training and logged.
	Dev []Sentence
	Log io.Writer
}

func (o *TrainOptions) defaults() {
	if o.TagEpochs <= 0 {
		o.TagEpochs = 6
	}
	if o.ParseEpochs <= 0 {
		o.ParseEpochs = 12
	}
	if o.LabelEpochs <= 0 {
		o.LabelEpochs = 8
	}
	if o.Folds <= 1 {
		o.Folds = 4
	}
	if o.MinLabel <= 0 {
		o.MinLabel = 50
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
}

// Train trains a tagger, parser and relation labeller on a treebank.
func Train(sents []Sentence, opt TrainOptions) (*Model, error) {
	opt.defaults()
	if len(sents) == 0 {
		return nil, errors.New("parse: no training sentences")
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x7061727365))

	// Relations.
	count := map[string]int{}
	for _, s := range sents {
		for _, r := range s.Deprel {
			count[r]++
		}
	}
	keep := map[string]bool{"root": true}
	for r, c := range count {
		if c >= opt.MinLabel {
			keep[r] = true
		}
	}
	for r := range count {
		if !keep[r] {
			keep[universal(r)] = true
		}
	}
	var labels []string
	for r := range keep {
		labels = append(labels, r)
	}
	sort.Strings(labels)
	labIdx := map[string]int{}
	for i, l := range labels {
		labIdx[l] = i
	}
	relOf := func(r string) int {
		if i, ok := labIdx[r]; ok {
			return i
		}
		return labIdx[universal(r)]
	}

	words := make([][]word, len(sents))
	gold := make([][]int, len(sents))
	for i, s := range sents {
		for _, w := range s.Words {
			words[i] = append(words[i], newWord(w))
		}
		for _, t := range s.UPOS {
			gold[i] = append(gold[i], tagIndex(t))
		}
	}

	// Tagger on everything, and jackknifed tags for the parser.
	fmt.Fprintf(opt.Log, "tagger: %d sentences, %d epochs\n", len(sents), opt.TagEpochs)
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	tagger := trainTagger(words, gold, all, opt.TagEpochs, rng, opt.Prune)
	auto := make([][]int, len(sents))
	for k := 0; k < opt.Folds; k++ {
		var in, out []int
		for i := range sents {
			if i%opt.Folds == k {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		tg := trainTagger(words, gold, in, opt.TagEpochs, rng, opt.Prune)
		m := &Model{tagger: tg}
		right, total := 0, 0
		for _, i := range out {
			s := &scratch{sc: make([]int32, 64), ws: words[i]}
			m.tag(s)
			auto[i] = s.tags
			for j, t := range s.tags {
				total++
				if t == gold[i][j] {
					right++
				}
			}
		}
		fmt.Fprintf(opt.Log, "  fold %d: jackknifed tag accuracy %.4f\n", k+1, float64(right)/float64(total))
	}

	// Parser.
	heads := make([][]int, len(sents))
	for i, s := range sents {
		n := len(s.Words)
		heads[i] = make([]int, n+1)
		for j, h := range s.Head {
			if h < 0 {
				h = n
			}
			heads[i][j] = h
		}
		heads[i][n] = -1
	}
	pt := newTrainer(nActions)
	var st state
	var f feats
	sc := make([]float32, nActions)
	order := append([]int(nil), all...)
	for ep := 1; ep <= opt.ParseEpochs; ep++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		wrong, steps := 0, 0
		for _, i := range order {
			g := heads[i]
			st.init(len(words[i]))
			for !st.terminal() {
				parseFeatures(&f, &st, words[i], auto[i])
				pt.scores(f.k, sc)
				pred, best, bestCost := -1, -1, 1<<30
				costs := [nActions]int{}
				for a := 0; a < nActions; a++ {
					if !st.legal(a) {
						continue
					}
					costs[a] = st.cost(a, g)
					if pred < 0 || sc[a] > sc[pred] {
						pred = a
					}
					if costs[a] < bestCost || (costs[a] == bestCost && sc[a] > sc[best]) {
						best, bestCost = a, costs[a]
					}
				}
				steps++
				next := best
				if costs[pred] > bestCost {
					wrong++
					pt.update(f.k, best, pred)
					if ep > 1 && rng.Float64() < 0.9 {
						next = pred
					}
				}
				pt.tick()
				st.apply(next)
			}
		}
		fmt.Fprintf(opt.Log, "parser epoch %d: %.4f of transitions wrong\n", ep, float64(wrong)/float64(steps))
	}

	// Labeller, on gold trees with jackknifed tags.
	lt := newTrainer(len(labels))
	lsc := make([]float32, len(labels))
	rootLab := labIdx["root"]
	type item struct{ s, d int }
	var items []item
	kids := make([][][]int, len(sents))
	for i, s := range sents {
		kids[i] = make([][]int, len(s.Words))
		for d, h := range s.Head {
			if h >= 0 {
				kids[i][h] = append(kids[i][h], d)
				items = append(items, item{i, d})
			}
		}
	}
	for ep := 1; ep <= opt.LabelEpochs; ep++ {
		rng.Shuffle(len(items), func(a, b int) { items[a], items[b] = items[b], items[a] })
		wrong := 0
		for _, it := range items {
			s := sents[it.s]
			labelFeatures(&f, it.d, words[it.s], auto[it.s], s.Head, kids[it.s], tagADP, tagAUX, tagSCONJ)
			lt.scores(f.k, lsc)
			pred := -1
			for c := range lsc {
				if c != rootLab && (pred < 0 || lsc[c] > lsc[pred]) {
					pred = c
				}
			}
			g := relOf(s.Deprel[it.d])
			if pred != g {
				wrong++
				lt.update(f.k, g, pred)
			}
			lt.tick()
		}
		fmt.Fprintf(opt.Log, "labeller epoch %d: %.4f wrong\n", ep, float64(wrong)/float64(len(items)))
	}

	punctLab := -1
	if i, ok := labIdx["punct"]; ok {
		punctLab = i
	}
	m := &Model{tagger: tagger, parser: pt.freeze(opt.Prune), labeler: lt.freeze(opt.Prune), labels: labels, rootLab: rootLab, punctLab: punctLab}
	fmt.Fprintf(opt.Log, "features kept: tagger %d, parser %d, labeller %d; %d relations\n", m.tagger.size, m.parser.size, m.labeler.size, len(labels))
	if len(opt.Dev) > 0 {
		sc := Evaluate(m, opt.Dev)
		fmt.Fprintf(opt.Log, "dev: %s\n", sc)
	}
	return m, nil
}

func trainTagger(words [][]word, gold [][]int, idx []int, epochs int, rng *rand.Rand, prune float32) *linear {
	t := newTrainer(nTags)
	var f feats
	sc := make([]float32, nTags)
	order := append([]int(nil), idx...)
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		for _, i := range order {
			p1, p2 := -1, -1
			for j := range words[i] {
				tagFeatures(&f, words[i], j, p1, p2)
				t.scores(f.k, sc)
				best := 0
				for c := 1; c < nTags; c++ {
					if sc[c] > sc[best] {
						best = c
					}
				}
				t.update(f.k, gold[i][j], best)
				t.tick()
				p2, p1 = p1, best
			}
		}
	}
	return t.freeze(prune)
}

// Score is a tagging and parsing evaluation: UPOS accuracy, unlabelled and
// labelled attachment scores over every word, punctuation included.
// Relations are compared on their universal part, as in the CoNLL 2018
// shared task (obl:agent and obl are the same relation for LAS).
type Score struct {
	Words, UPOS, UAS, LAS int
}

func (s Score) rate(n int) float64 {
	if s.Words == 0 {
		return 0
	}
	return float64(n) / float64(s.Words)
}

func (s Score) String() string {
	return fmt.Sprintf("upos=%.4f uas=%.4f las=%.4f (%d words)", s.rate(s.UPOS), s.rate(s.UAS), s.rate(s.LAS), s.Words)
}

// Rates returns UPOS accuracy, UAS and LAS as fractions.
func (s Score) Rates() (upos, uas, las float64) {
	return s.rate(s.UPOS), s.rate(s.UAS), s.rate(s.LAS)
}

// Evaluate parses the gold sentences' words and scores the result.
func Evaluate(m *Model, gold []Sentence) Score {
	var sc Score
	for _, g := range gold {
		p := m.Parse(g.Words)
		for i := range g.Words {
			sc.Words++
			if p.UPOS[i] == g.UPOS[i] {
				sc.UPOS++
			}
			if p.Head[i] == g.Head[i] {
				sc.UAS++
				if universal(p.Deprel[i]) == universal(g.Deprel[i]) {
					sc.LAS++
				}
			}
		}
	}
	return sc
}
