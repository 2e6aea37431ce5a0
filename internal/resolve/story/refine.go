package story

import (
	"math"

	"github.com/newsgraph/newsgraph/internal/resolve"
	"sort"
	"time"
)

// Refine re-clusters the articles of the stories active since `since` (all
// stories when since is zero) with average-link agglomerative clustering,
// which, unlike one pass in arrival order, does not let the first article of
// a story decide which later ones join. Copies follow their originals.
// Stories keep their IDs where most of their articles stay together. It
// returns the articles whose story changed, mapped to their new story.
// A store calls it now and then (every few minutes, say) and records the
// moves; its cost grows with the square of the articles in the window.
func (c *Clusterer) Refine(since time.Time) map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var sts []*storyState
	for _, st := range c.stories {
		if since.IsZero() || st.last.IsZero() || !st.last.Before(since) {
			sts = append(sts, st)
		}
	}
	sort.Slice(sts, func(i, j int) bool { return sts[i].id < sts[j].id })
	type item struct {
		id   string
		old  *storyState
		tf   map[string]float64
		t    time.Time
		ents map[string]bool
		evs  []string
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
			items = append(items, item{d, st, ds.tf, ds.t, entityKeys(ds.entities), ds.events})
		}
	}
	n := len(items)
	if n < 2 {
		return nil
	}
	// Pairwise similarities with the current document frequencies.
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		one := &storyState{terms: items[i].tf, entities: map[string]int{}, events: map[string]int{}, normCacheDocs: -1}
		for e := range items[i].ents {
			one.entities[e] = 1
		}
		for _, e := range items[i].evs {
			one.events[e] = 1
		}
		for j := i + 1; j < n; j++ {
			s := 0.0
			if c.datesClose(items[i].t, items[j].t) {
				s = c.similarity(one, items[j].tf, items[j].ents, items[j].evs)
			}
			sim[i][j], sim[j][i] = s, s
		}
	}
	// Average-link agglomeration down to the story threshold.
	members := make([][]int, n)
	for i := range members {
		members[i] = []int{i}
	}
	link := make([][]float64, n) // summed similarity between clusters
	for i := range link {
		link[i] = append([]float64(nil), sim[i]...)
	}
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
				if avg := link[i][j] / float64(len(members[i])*len(members[j])); avg >= best {
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
		}
	}
	// Map new clusters to old story IDs by majority, first come first served.
	moved := map[string]string{}
	used := map[string]bool{}
	type cl struct{ idx []int }
	var cls []cl
	for i := 0; i < n; i++ {
		if alive[i] {
			cls = append(cls, cl{members[i]})
		}
	}
	sort.Slice(cls, func(a, b int) bool { return len(cls[a].idx) > len(cls[b].idx) })
	newOf := make([]*storyState, n)
	for _, k := range cls {
		votes := map[*storyState]int{}
		for _, i := range k.idx {
			votes[items[i].old]++
		}
		var target *storyState
		bestV := 0
		for st, v := range votes {
			if !used[st.id] && (v > bestV || (v == bestV && target != nil && st.id < target.id)) {
				target, bestV = st, v
			}
		}
		if target == nil {
			target = c.newStory(Doc{ID: items[k.idx[0]].id})
		}
		used[target.id] = true
		for _, i := range k.idx {
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
	for st := range rebuilt {
		for cp, orig := range st.dups {
			oldDups[orig] = append(oldDups[orig], cp)
		}
	}
	for st := range rebuilt {
		for t := range st.terms {
			delete(c.postings[t], st.id)
		}
		for e := range st.entities {
			delete(c.postings["@"+e], st.id)
		}
		if c.public[st.publicID()] == st.id {
			delete(c.public, st.publicID())
		}
		*st = storyState{id: st.id, dups: map[string]string{}, terms: map[string]float64{},
			entities: map[string]int{}, events: map[string]int{}}
	}
	for i, it := range items {
		st := newOf[i]
		ds := c.docs[it.id]
		if it.old.id != st.id {
			moved[it.id] = st.id
		}
		c.readd(st, ds, "")
		for _, cp := range oldDups[it.id] {
			if cs := c.docs[cp]; cs != nil {
				if cs.story != st.id {
					moved[cp] = st.id
				}
				c.readd(st, cs, it.id)
			}
		}
	}
	for st := range rebuilt {
		if len(st.docs) == 0 {
			delete(c.stories, st.id)
		}
	}
	for d, id := range moved {
		moved[d] = c.stories[id].publicID()
	}
	return moved
}

// readd puts a known article back into a story after Refine.
func (c *Clusterer) readd(st *storyState, ds *docState, dupOf string) {
	ds.story = st.id
	d := Doc{ID: ds.id, Outlet: ds.outlet, Title: ds.title, Time: ds.t, Entities: ds.entities, Events: ds.events}
	st.docs = append(st.docs, ds.id)
	c.touch(st, d.Time)
	if dupOf != "" {
		st.dups[ds.id] = dupOf
		if st.founder == "" {
			c.setFounder(st, ds.id, dateOf(d.Time))
		}
		return
	}
	if date := dateOf(d.Time); st.founder == "" || resolve.StoryFounder(ds.id, date, st.founder, st.founderDate) {
		c.setFounder(st, ds.id, date)
	}
	c.addProfile(st, d, ds.tf, entityKeys(ds.entities))
}

func (c *Clusterer) datesClose(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return true
	}
	return math.Abs(float64(a.Sub(b))) <= float64(c.cfg.Window)
}
