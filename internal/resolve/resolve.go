// Package resolve links document-local entities to global ones across
// articles. It is a pure algorithm over a [Lookup] the store provides: for
// each local entity it computes blocking keys ([Keys]), asks the store for
// the global entities that share one, and decides ([Match]) whether one of
// them is the same real-world thing. Adding an article therefore costs in
// proportion to its entities, not to the size of the corpus.
package resolve

import (
	"context"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Candidate is a global entity the store returns for a blocking key.
type Candidate struct {
	ID      string
	Name    string
	Type    news.EntityType
	Aliases []string
}

// Lookup finds global entities by blocking key. Stores implement it.
type Lookup interface {
	CandidatesByKey(ctx context.Context, keys []string) ([]Candidate, error)
}

// Keys returns the blocking keys of an entity: the normalised forms of its
// name and aliases. Two entities that may be the same share at least one key.
func Keys(e news.Entity) []string {
	seen := map[string]bool{}
	var keys []string
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		k := Normalize(n)
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

// Match returns the candidate that is the same real-world thing as e, if any.
func Match(e news.Entity, cands []Candidate) (Candidate, bool) {
	want := map[string]bool{}
	for _, k := range Keys(e) {
		want[k] = true
	}
	for _, c := range cands {
		if c.Type != e.Type {
			continue
		}
		if want[Normalize(c.Name)] {
			return c, true
		}
	}
	return Candidate{}, false
}

// Normalize folds case and punctuation of a name.
func Normalize(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		default:
			space = true
		}
	}
	return b.String()
}
