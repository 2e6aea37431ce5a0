package story

import (
	"fmt"
	"testing"
)

// TestGeneratedStories assigns generated news (see newsGen) and checks the
// clustering against the stories the generator told: template headlines
// and outlet furniture must not merge stories, earnings notices of
// different companies never share a story, and most articles of a story
// find each other.
func TestGeneratedStories(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 800
	}
	g := newNewsGen(1)
	c := New(Config{})
	gold := map[string]string{}
	pred := map[string]string{}
	earnings := map[string]bool{}
	for i := 0; i < n; i++ {
		d, s := g.article(i)
		if _, err := c.Assign(d); err != nil {
			t.Fatal(err)
		}
		gold[d.ID] = fmt.Sprint(s)
		if g.facts(s).earnings {
			earnings[d.ID] = true
		}
	}
	for _, st := range c.Stories() {
		companies := map[string]bool{}
		for _, d := range st.Documents {
			pred[d] = st.ID
			if earnings[d] {
				companies[gold[d]] = true
			}
		}
		if len(companies) > 1 {
			t.Errorf("story %s mixes the earnings of %d companies", st.ID, len(companies))
		}
	}
	p, r, f := bcubed(gold, pred)
	t.Logf("%d articles: B-cubed P %.3f R %.3f F1 %.3f, %d stories (%d told)", n, p, r, f, len(c.Stories()), countValues(gold))
	if p < 0.95 {
		t.Errorf("B-cubed precision %.3f: stories merge on templates or furniture", p)
	}
	if r < 0.5 {
		t.Errorf("B-cubed recall %.3f: stories split", r)
	}
}

func countValues(m map[string]string) int {
	seen := map[string]bool{}
	for _, v := range m {
		seen[v] = true
	}
	return len(seen)
}

// bcubed is B-cubed precision, recall and F1 (as internal/eval/stories,
// which imports this package).
func bcubed(gold, pred map[string]string) (p, r, f float64) {
	byGold, byPred := map[string]int{}, map[string]int{}
	both := map[[2]string]int{}
	for d, gc := range gold {
		pc := pred[d]
		if pc == "" {
			pc = "single:" + d
		}
		byGold[gc]++
		byPred[pc]++
		both[[2]string{gc, pc}]++
	}
	for d, gc := range gold {
		pc := pred[d]
		if pc == "" {
			pc = "single:" + d
		}
		k := float64(both[[2]string{gc, pc}])
		p += k / float64(byPred[pc])
		r += k / float64(byGold[gc])
	}
	n := float64(len(gold))
	if n == 0 {
		return 0, 0, 0
	}
	p, r = p/n, r/n
	return p, r, 2 * p * r / (p + r)
}
