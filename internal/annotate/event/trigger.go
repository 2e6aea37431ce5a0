package event

import (
	"bytes"
	_ "embed"
	"math/rand/v2"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/annotate/parse"
)

// The trigger detector: an averaged perceptron that says, for each verb
// and common noun of a parsed sentence, which of the conflict categories
// it evokes, or none. It is trained on M2E2 (VOA news, most sentences
// without an event: it learns to stay silent) by `newsgraph train
// triggers`. Its features are the word, its stem and part of speech, its
// relation and head, its dependents (a "missile strike" has the compound
// "missile", "workers' strike" the possessor "workers"), its neighbours
// and the event dictionary's category for the word: the dictionaries are
// evidence, the classifier decides.

// TriggerClasses are the classes of the trigger detector; index 0 is
// "no event".
var TriggerClasses = []string{"", "ASSAULT", "PROTEST", "COERCE", "CONSULT"}

// triggerClass returns the index of a PLOVER type among TriggerClasses, or 0.
func triggerClass(t string) int {
	for i, c := range TriggerClasses {
		if i > 0 && c == t {
			return i
		}
	}
	return 0
}

//go:embed trigger.gz
var triggerGz []byte

var (
	triggerOnce  sync.Once
	triggerModel *parse.Linear
)

// defaultTriggers returns the shipped trigger model, or nil when none ships.
func defaultTriggers() *parse.Linear {
	triggerOnce.Do(func() {
		if len(triggerGz) == 0 {
			return
		}
		m, err := parse.ReadLinear(bytes.NewReader(triggerGz))
		if err == nil && m.Classes() == len(TriggerClasses) {
			triggerModel = m
		}
	})
	return triggerModel
}

// candidate reports whether word i can be a trigger: a verb or common noun.
func candidate(upos string) bool { return upos == "VERB" || upos == "NOUN" }

func stem(w string) string {
	for _, suf := range []string{"ings", "ing", "ed", "es", "s"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// wordCategory is the event dictionary's category for a single word: the
// default code of the verb it is a form of, else the event noun's.
func (d *Dict) wordCategory(w string) string {
	for _, ref := range d.forms[w] {
		if len(ref.words) != 1 {
			continue
		}
		if c, ok := d.defaults[ref.verb+"\t"+ref.block]; ok && c.event != "" && c.event != "-" {
			return c.event
		}
	}
	if nm, ok := nominalNouns[singular(w)]; ok {
		return nm.event
	}
	return ""
}

// triggerFeatures appends the features of word i of a parsed sentence.
func (d *Dict) triggerFeatures(buf []uint32, low []string, s *parse.Sentence, kids [][]int, i int) []uint32 {
	f := parse.Feature
	w := low[i]
	p := s.UPOS[i]
	buf = append(buf, f("b"), f("w", w), f("st", stem(w), p), f("p", p), f("r", s.Deprel[i], p))
	cat := d.wordCategory(w)
	buf = append(buf, f("cat", cat, p))
	if h := s.Head[i]; h >= 0 {
		buf = append(buf, f("h", low[h], s.Deprel[i]), f("hp", s.UPOS[h], s.Deprel[i]), f("hcat", d.wordCategory(low[h])))
	} else {
		buf = append(buf, f("h", "ROOT"))
	}
	for _, k := range kids[i] {
		r := s.Deprel[k]
		buf = append(buf, f("c", r, low[k]), f("cp", r, s.UPOS[k]), f("cw", stem(w), r, stem(low[k])))
		if strings.HasPrefix(r, "obl") || strings.HasPrefix(r, "nmod") {
			for _, kk := range kids[k] {
				if s.Deprel[kk] == "case" {
					buf = append(buf, f("case", r, low[kk]), f("casew", stem(w), low[kk]))
				}
			}
		}
	}
	l1, r1 := "<s>", "</s>"
	if i > 0 {
		l1 = low[i-1]
	}
	if i+1 < len(low) {
		r1 = low[i+1]
	}
	buf = append(buf, f("l1", l1), f("r1", r1), f("l1w", l1, stem(w)), f("wr1", stem(w), r1))
	return buf
}

// childrenOf lists each word's dependents.
func childrenOf(s *parse.Sentence) [][]int {
	kids := make([][]int, len(s.Words))
	for i, h := range s.Head {
		if h >= 0 {
			kids[h] = append(kids[h], i)
		}
	}
	return kids
}

func lowerWords(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

// TriggerExample is a parsed sentence with the trigger class of each word
// (0: none).
type TriggerExample struct {
	Sentence parse.Sentence
	Gold     []int
}

// TrainTriggers trains the trigger detector.
func TrainTriggers(d *Dict, exs []TriggerExample, epochs int, seed uint64) *parse.Linear {
	p := parse.NewPerceptron(len(TriggerClasses))
	rng := rand.New(rand.NewPCG(seed, 0x74726967))
	type item struct {
		feats []uint32
		gold  int
	}
	var items []item
	for _, ex := range exs {
		s := ex.Sentence
		kids := childrenOf(&s)
		low := lowerWords(s.Words)
		for i := range s.Words {
			if !candidate(s.UPOS[i]) {
				continue
			}
			items = append(items, item{d.triggerFeatures(nil, low, &s, kids, i), ex.Gold[i]})
		}
	}
	sc := make([]float32, len(TriggerClasses))
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(items), func(a, b int) { items[a], items[b] = items[b], items[a] })
		for _, it := range items {
			p.Scores(it.feats, sc)
			best := 0
			for c := range sc {
				if sc[c] > sc[best] {
					best = c
				}
			}
			if best != it.gold {
				p.Update(it.feats, it.gold, best)
			}
			p.Tick()
		}
	}
	return p.Freeze(0)
}

// triggerScores scores every candidate word of a parsed sentence; rows for
// other words are nil.
func (d *Dict) triggerScores(m *parse.Linear, s *parse.Sentence) [][]float32 {
	kids := childrenOf(s)
	low := lowerWords(s.Words)
	out := make([][]float32, len(s.Words))
	var buf []uint32
	for i := range s.Words {
		if !candidate(s.UPOS[i]) {
			continue
		}
		buf = d.triggerFeatures(buf[:0], low, s, kids, i)
		sc := make([]float32, len(TriggerClasses))
		m.Scores(buf, sc)
		out[i] = sc
	}
	return out
}
