package ner

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Example is one training or evaluation document: its sentences of words
// and, for training, the gold entities of each sentence.
type Example struct {
	Words [][]string
	Gold  [][]Span
}

// TrainOptions control [Train].
type TrainOptions struct {
	Epochs   int    // passes over the training data (default 12)
	Seed     uint64 // shuffling seed; the same seed gives the same model
	MinCount int    // keep features seen at least this often (default 2)
	// Dev, when set, is tagged after every epoch from MinEpoch on; the
	// epoch with the best dev F1 is kept.
	Dev      []Example
	MinEpoch int
	Log      io.Writer
	// Folds, when above 1, trains a second pass that sees the first
	// pass's labels for the whole document; the first-pass labels of the
	// training data come from Folds-fold jackknifing.
	Folds int
}

func (o *TrainOptions) logf(format string, args ...any) {
	if o.Log != nil {
		fmt.Fprintf(o.Log, format, args...)
	}
}

// Train trains a model on examples with the lexicon of base (see
// [NewUntrained]); base is not modified. Training is deterministic: the
// same data, options and seed give the same model.
func Train(base *Model, train []Example, opt TrainOptions) (*Model, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 12
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 2
	}
	for di, ex := range train {
		if len(ex.Gold) != len(ex.Words) {
			return nil, fmt.Errorf("ner: training document %d has %d sentences but gold for %d", di, len(ex.Words), len(ex.Gold))
		}
	}
	if opt.Folds <= 1 {
		return trainPass(base, train, nil, opt.Dev, nil, opt), nil
	}
	// Jackknifed first-pass labels for the training data.
	stacks := make([][][]label, len(train))
	for k := 0; k < opt.Folds; k++ {
		var sub []Example
		for di := range train {
			if di%opt.Folds != k {
				sub = append(sub, train[di])
			}
		}
		fo := opt
		fo.Dev, fo.Log = nil, nil
		mk := trainPass(base, sub, nil, nil, nil, fo)
		for di := range train {
			if di%opt.Folds == k {
				stacks[di] = mk.labels(train[di].Words)
			}
		}
		opt.logf("ner: fold %d/%d done\n", k+1, opt.Folds)
	}
	opt.logf("ner: pass 1\n")
	m1 := trainPass(base, train, nil, opt.Dev, nil, opt)
	var devStacks [][][]label
	for _, ex := range opt.Dev {
		devStacks = append(devStacks, m1.labels(ex.Words))
	}
	opt.logf("ner: pass 2\n")
	m2 := trainPass(base, train, stacks, opt.Dev, devStacks, opt)
	m1.next = m2
	return m1, nil
}

// labels tags a document with this pass only.
func (m *Model) labels(doc [][]string) [][]label {
	var labs [][]label
	m.tagToks(m.docInfo(doc, nil), &labs)
	return labs
}

// trainPass trains one pass. stacks, when set, holds first-pass labels of
// each training document (devStacks those of the dev documents).
func trainPass(base *Model, train []Example, stacks [][][]label, dev []Example, devStacks [][][]label, opt TrainOptions) *Model {
	logf := opt.logf
	start := time.Now()
	type sent struct {
		toks []tok
		gold []label
		feat [][]int32
	}
	type doc struct{ sents []sent }

	// Views and static features, counted with gold history.
	counts := map[uint64]int32{}
	docs := make([]doc, len(train))
	var fb []uint64
	keys := make([][][][]uint64, len(train))
	for di, ex := range train {
		views := base.docInfo(ex.Words, nil)
		if stacks != nil {
			stack(views, stacks[di])
		}
		hist := map[string]*history{}
		hs := &scratch{hist: hist}
		keys[di] = make([][][]uint64, len(views))
		docs[di].sents = make([]sent, len(views))
		for si, s := range views {
			gold := bilou(len(s), ex.Gold[si])
			docs[di].sents[si] = sent{toks: s, gold: gold}
			keys[di][si] = make([][]uint64, len(s))
			for i := range s {
				fb = static(fb[:0], s, i)
				keys[di][si][i] = append([]uint64(nil), fb...)
				fb = dynamic(fb[:0], s, i, gold, hist)
				for _, k := range keys[di][si][i] {
					counts[k]++
				}
				for _, k := range fb {
					counts[k]++
				}
			}
			hs.remember(s, gold)
		}
	}
	index := map[uint64]int32{}
	var kept []uint64
	for k, c := range counts {
		if int(c) >= opt.MinCount && k != 0 {
			kept = append(kept, k)
		}
	}
	// Deterministic row order.
	slices.Sort(kept)
	for i, k := range kept {
		index[k] = int32(i)
	}
	counts = nil
	for di := range docs {
		for si := range docs[di].sents {
			s := &docs[di].sents[si]
			s.feat = make([][]int32, len(s.toks))
			for i := range s.toks {
				ks := keys[di][si][i]
				fs := make([]int32, 0, len(ks))
				for _, k := range ks {
					if r, ok := index[k]; ok {
						fs = append(fs, r)
					}
				}
				s.feat[i] = fs
			}
		}
	}
	keys = nil
	logf("ner: %d documents, %d features kept (min count %d), %.1fs\n", len(docs), len(kept), opt.MinCount, time.Since(start).Seconds())

	nf := len(kept)
	w := make([]int32, nf*numLabels)
	u := make([]int64, nf*numLabels)
	c := int64(1)
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	var best *Model
	bestF, bestEpoch := -1.0, 0
	var dyn []uint64
	var dynIdx []int32
	for ep := 1; ep <= opt.Epochs; ep++ {
		t0 := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, di := range order {
			hs := &scratch{hist: map[string]*history{}}
			for si := range docs[di].sents {
				s := &docs[di].sents[si]
				ls := make([]label, len(s.toks))
				for i := range s.toks {
					var scores [numLabels]int64
					for _, r := range s.feat[i] {
						row := w[int(r)*numLabels : int(r)*numLabels+numLabels]
						for l, v := range row {
							scores[l] += int64(v)
						}
					}
					dyn = dynamic(dyn[:0], s.toks, i, ls, hs.hist)
					dynIdx = dynIdx[:0]
					for _, k := range dyn {
						if r, ok := index[k]; ok {
							dynIdx = append(dynIdx, r)
							row := w[int(r)*numLabels : int(r)*numLabels+numLabels]
							for l, v := range row {
								scores[l] += int64(v)
							}
						}
					}
					pred := decide(&scores, ls, i, i == len(s.toks)-1)
					gold := s.gold[i]
					if pred != gold {
						errs++
						for _, fs := range [2][]int32{s.feat[i], dynIdx} {
							for _, r := range fs {
								o := int(r) * numLabels
								w[o+int(gold)]++
								u[o+int(gold)] += c
								w[o+int(pred)]--
								u[o+int(pred)] -= c
							}
						}
					}
					ls[i] = pred
					total++
					c++
				}
				hs.remember(s.toks, ls)
			}
		}
		logf("ner: epoch %d: %d/%d tokens wrong (%.2f%%), %.1fs\n", ep, errs, total, 100*float64(errs)/float64(total), time.Since(t0).Seconds())
		if len(dev) > 0 && ep >= opt.MinEpoch || ep == opt.Epochs {
			m := average(base, kept, w, u, c)
			if len(dev) == 0 {
				best = m
				break
			}
			p, r, f := m.score(dev, devStacks)
			logf("ner: epoch %d dev: P=%.2f R=%.2f F1=%.2f\n", ep, p, r, f)
			if f > bestF {
				best, bestF, bestEpoch = m, f, ep
			}
		}
	}
	if best == nil {
		best = average(base, kept, w, u, c)
	}
	if bestEpoch > 0 {
		logf("ner: kept epoch %d (dev F1 %.2f)\n", bestEpoch, bestF)
	}
	return best
}

// average builds a model from averaged perceptron weights, quantised to
// int16, keeping only features with a non-zero weight.
func average(base *Model, keys []uint64, w []int32, u []int64, c int64) *Model {
	avg := make([]float64, len(w))
	maxAbs := 0.0
	for i := range w {
		a := float64(w[i]) - float64(u[i])/float64(c)
		avg[i] = a
		maxAbs = math.Max(maxAbs, math.Abs(a))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32767
	var kk []uint64
	var qw []int16
	for r, k := range keys {
		var row [numLabels]int16
		nz := false
		for l := 0; l < numLabels; l++ {
			q := int16(math.Round(avg[r*numLabels+l] / scale))
			row[l] = q
			nz = nz || q != 0
		}
		if nz {
			kk = append(kk, k)
			qw = append(qw, row[:]...)
		}
	}
	m := newModel(kk, qw, float32(scale))
	m.lex = base.lex
	return m
}

// Score tags the examples and returns conlleval's overall precision,
// recall and F1 (percent) against their gold entities.
func (m *Model) Score(exs []Example) (p, r, f float64) { return m.score(exs, nil) }

// score is Score for one pass; stacks, when set, are the first-pass labels
// the pass sees.
func (m *Model) score(exs []Example, stacks [][][]label) (p, r, f float64) {
	var right, found, gold int
	for di, ex := range exs {
		var pred [][]Span
		if stacks != nil {
			toks := m.docInfo(ex.Words, nil)
			stack(toks, stacks[di])
			res := m.tagToks(toks, nil)
			for _, ss := range res.spans {
				var ps []Span
				for _, s := range ss {
					ps = append(ps, s.Span)
				}
				pred = append(pred, ps)
			}
		} else {
			pred = m.Tag(ex.Words)
		}
		for si := range pred {
			g := map[Span]bool{}
			for _, s := range ex.Gold[si] {
				g[s] = true
			}
			gold += len(ex.Gold[si])
			found += len(pred[si])
			for _, s := range pred[si] {
				if g[s] {
					right++
				}
			}
		}
	}
	if found > 0 {
		p = 100 * float64(right) / float64(found)
	}
	if gold > 0 {
		r = 100 * float64(right) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
