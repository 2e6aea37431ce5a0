package conll

import (
	"fmt"
	"io"
	"sort"
)

// Scorer counts tokens and entities exactly as conlleval does: feed it every
// line of a file, gold and predicted tag, with [Scorer.Add], and a
// [Scorer.Boundary] for every blank line.
type Scorer struct {
	tokens, correctTags      int
	foundCorrect, foundGuess int
	correctChunk             int
	byType                   map[string]*typeCounts

	inCorrect                    bool
	lastCorrect, lastCorrectType string
	lastGuessed, lastGuessedType string
}

type typeCounts struct{ correct, guessed, right int }

// NewScorer returns an empty scorer.
func NewScorer() *Scorer {
	return &Scorer{byType: map[string]*typeCounts{}, lastCorrect: "O", lastGuessed: "O"}
}

func (s *Scorer) counts(t string) *typeCounts {
	c := s.byType[t]
	if c == nil {
		c = &typeCounts{}
		s.byType[t] = c
	}
	return c
}

// Add scores one token line.
func (s *Scorer) Add(gold, pred string) { s.add(gold, pred, false) }

// Boundary scores a blank line (a sentence boundary).
func (s *Scorer) Boundary() { s.add("O", "O", true) }

func (s *Scorer) add(gold, pred string, boundary bool) {
	correct, correctType := splitTag(gold)
	guessed, guessedType := splitTag(pred)
	if s.inCorrect {
		ec := endOfChunk(s.lastCorrect, correct, s.lastCorrectType, correctType)
		eg := endOfChunk(s.lastGuessed, guessed, s.lastGuessedType, guessedType)
		if ec && eg && s.lastGuessedType == s.lastCorrectType {
			s.inCorrect = false
			s.correctChunk++
			s.counts(s.lastCorrectType).right++
		} else if ec != eg || guessedType != correctType {
			s.inCorrect = false
		}
	}
	sc := startOfChunk(s.lastCorrect, correct, s.lastCorrectType, correctType)
	sg := startOfChunk(s.lastGuessed, guessed, s.lastGuessedType, guessedType)
	if sc && sg && guessedType == correctType {
		s.inCorrect = true
	}
	if sc {
		s.foundCorrect++
		s.counts(correctType).correct++
	}
	if sg {
		s.foundGuess++
		s.counts(guessedType).guessed++
	}
	if !boundary {
		if correct == guessed && guessedType == correctType {
			s.correctTags++
		}
		s.tokens++
	}
	s.lastCorrect, s.lastCorrectType = correct, correctType
	s.lastGuessed, s.lastGuessedType = guessed, guessedType
}

// Result is a precision/recall/F1 triple in percent, with counts.
type Result struct {
	Type                   string
	Precision, Recall, F1  float64
	Gold, Found, CorrectEn int
}

// Results returns the overall result and one per type, sorted by type.
func (s *Scorer) Results() (overall Result, byType []Result) {
	right := s.correctChunk
	if s.inCorrect { // conlleval closes a chunk left open at the end
		right++
	}
	overall = prf("", right, s.foundGuess, s.foundCorrect)
	var types []string
	for t := range s.byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := s.byType[t]
		r := c.right
		if s.inCorrect && t == s.lastCorrectType {
			r++
		}
		byType = append(byType, prf(t, r, c.guessed, c.correct))
	}
	return overall, byType
}

func prf(t string, right, found, gold int) Result {
	r := Result{Type: t, Gold: gold, Found: found, CorrectEn: right}
	if found > 0 {
		r.Precision = 100 * float64(right) / float64(found)
	}
	if gold > 0 {
		r.Recall = 100 * float64(right) / float64(gold)
	}
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	return r
}

// Report writes conlleval's report.
func (s *Scorer) Report(w io.Writer) error {
	overall, byType := s.Results()
	if _, err := fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
		s.tokens, s.foundCorrect, s.foundGuess, overall.CorrectEn); err != nil {
		return err
	}
	if s.tokens > 0 {
		fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
			100*float64(s.correctTags)/float64(s.tokens), overall.Precision, overall.Recall, overall.F1)
	}
	for _, r := range byType {
		if r.Type == "" {
			continue
		}
		fmt.Fprintf(w, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
			r.Type, r.Precision, r.Recall, r.F1, r.Found)
	}
	return nil
}
