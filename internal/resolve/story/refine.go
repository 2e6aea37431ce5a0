package story

import (
	"math"
	"sort"
	"time"

	"github.com/newsgraph/newsgraph/internal/resolve"
)

// Refine re-clusters the articles of the stories active since `since` (all
// stories when since is zero) with average-link agglomerative clustering,
// which, unlike one pass in arrival order, does not let the first article of
// a story decide which later ones join. Two articles link only when they
// share specific evidence (see [Config.MinSpecific]). Copies follow their
// originals. Stories keep their internal identity where most of their
// articles stay together. It returns the articles whose story changed,
// mapped to their new story ID. It needs [Config.KeepVectors] (without it,
// it does nothing) and its cost grows with the square of the articles in
// the window: it is for evaluation and small windows.
func (c *Clusterer) Refine(since time.Time) map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.cfg.KeepVectors {
		return nil
	}
	var sts []*storyState
	for _, st := range c.stories {
		if since.IsZero() || st.last.IsZero() || !st.last.Before(since) {
			sts = append(sts, st)
		}
	}
	sort.Slice(sts, func(i, j int) bool { return sts[i].key < sts[j].key })
	type item struct {
		id  string
		old *storyState
		ds  *docState
		p   prepared
	}
	var items []item
	for _, st := range sts {
		for _, d := range st.docs {
			if _, dup := st.dups[d]; dup {
				continue
			}
			ds := c.docs[d]
			if ds == nil || ds.tf == nil {
				continue
			}
			p := prepared{d: Doc{ID: d, Outlet: ds.outlet, Title: ds.title, Time: ds.t, Entities: ds.entities, Events: ds.events},
				tf: ds.tf, ents: entityKeys(ds.entities), events: ds.events}
			c.findSpecific(&p)
			items = append(items, item{d, st, ds, p})
		}
	}
	n := len(items)
	if n < 2 {
		return nil
	}
	// Pairwise similarities with the current document frequencies, and
	// whether a pair shares specific evidence: two clusters merge only
	// when some pair across them does.
	sim := make([][]float64, n)
	ok := make([][]bool, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		ok[i] = make([]bool, n)
	}
	for i := 0; i < n; i++ {
		one := &storyState{terms: items[i].p.tf, entities: map[string]int{}, events: map[string]int{}, normDocs: -1}
		for e := range items[i].p.ents {
			one.entities[e] = 1
		}
		for _, e := range items[i].p.events {
			one.events[e] = 1
		}
		for j := i + 1; j < n; j++ {
			s := 0.0
			if c.datesClose(items[i].p.d.Time, items[j].p.d.Time) {
				s = c.similarity(one, items[j].p.tf, items[j].p.ents, items[j].p.events)
				ok[i][j] = c.specific(one, items[j].p)
				ok[j][i] = ok[i][j]
			}
			sim[i][j], sim[j][i] = s, s
		}
	}
	// Average-link agglomeration down to the story threshold.
	members := make([][]int, n)
	for i := range members {
		members[i] = []int{i}
	}
	link := sim
	alive := make([]bool, n)
	for i := range alive {
		alive[i] = true
	}
	for {
		bi, bj, best := -1, -1, c.cfg.StoryThreshold
		for i := 0; i < n; i++ {
			if !alive[i] {
				continue
			}
			for j := i + 1; j < n; j++ {
				if !alive[j] {
					continue
				}
				if avg := link[i][j] / float64(len(members[i])*len(members[j])); avg >= best && ok[i][j] {
					bi, bj, best = i, j, avg
				}
			}
		}
		if bi < 0 {
			break
		}
		members[bi] = append(members[bi], members[bj]...)
		members[bj] = nil
		alive[bj] = false
		for k := 0; k < n; k++ {
			link[bi][k] += link[bj][k]
			link[k][bi] = link[bi][k]
			ok[bi][k] = ok[bi][k] || ok[bj][k]
			ok[k][bi] = ok[bi][k]
		}
	}
	// Map new clusters to old stories by majority, largest cluster first.
	var cls [][]int
	for i := 0; i < n; i++ {
		if alive[i] {
			cls = append(cls, members[i])
		}
	}
	sort.SliceStable(cls, func(a, b int) bool { return len(cls[a]) > len(cls[b]) })
	used := map[*storyState]bool{}
	newOf := make([]*storyState, n)
	for _, k := range cls {
		votes := map[*storyState]int{}
		for _, i := range k {
			votes[items[i].old]++
		}
		var target *storyState
		bestV := 0
		for st, v := range votes {
			if !used[st] && (v > bestV || v == bestV && target != nil && st.key < target.key) {
				target, bestV = st, v
			}
		}
		if target == nil {
			target = c.newStory("")
		}
		used[target] = true
		for _, i := range k {
			newOf[i] = target
		}
	}
	// Rebuild the profiles of every story involved.
	rebuilt := map[*storyState]bool{}
	for _, st := range sts {
		rebuilt[st] = true
	}
	for _, st := range newOf {
		rebuilt[st] = true
	}
	oldDups := map[string][]string{} // original → copies
	before := map[string]string{}    // article → story ID before
	for st := range rebuilt {
		for cp, orig := range st.dups {
			oldDups[orig] = append(oldDups[orig], cp)
		}
		for _, d := range st.docs {
			before[d] = st.publicID()
		}
		if c.public[st.publicID()] == st.key {
			delete(c.public, st.publicID())
		}
		*st = storyState{key: st.key, dups: map[string]string{}, terms: map[string]float64{},
			entities: map[string]int{}, events: map[string]int{}, normDocs: -1}
	}
	for i, it := range items {
		st := newOf[i]
		c.readd(st, it.ds, it.p, "")
		for _, cp := range oldDups[it.id] {
			if cs := c.docs[cp]; cs != nil {
				c.readd(st, cs, prepared{d: Doc{ID: cp, Outlet: cs.outlet, Time: cs.t}}, it.id)
			}
		}
	}
	moved := map[string]string{}
	for st := range rebuilt {
		if len(st.docs) == 0 {
			delete(c.stories, st.key)
			continue
		}
		for _, d := range st.docs {
			if id := st.publicID(); before[d] != id {
				moved[d] = id
			}
		}
	}
	return moved
}

// readd puts a known article back into a story after Refine.
func (c *Clusterer) readd(st *storyState, ds *docState, p prepared, dupOf string) {
	ds.story = st.key
	st.docs = append(st.docs, ds.id)
	if !ds.t.IsZero() {
		if st.first.IsZero() || ds.t.Before(st.first) {
			st.first = ds.t
		}
		if ds.t.After(st.last) {
			st.last = ds.t
		}
	}
	st.lastSeq = max(st.lastSeq, c.seq)
	date := dateOf(ds.t)
	if dupOf != "" {
		st.dups[ds.id] = dupOf
		if st.founder == "" {
			c.setFounder(st, ds.id, date, ds.title)
		}
		return
	}
	if st.founder == "" || resolve.StoryFounder(ds.id, date, st.founder, st.founderDate) {
		c.setFounder(st, ds.id, date, ds.title)
	}
	c.addProfile(st, p, c.topTerms(p.tf, c.cfg.IndexTerms))
}

func (c *Clusterer) datesClose(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	return math.Abs(float64(a.Sub(b))) <= float64(c.cfg.Window)
}
