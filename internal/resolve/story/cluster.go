package story

import (
	"fmt"
	"math"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
)

// Config tunes a [Clusterer]. The zero value of a field means its default.
type Config struct {
	// DupThreshold is the estimated Jaccard similarity of word 5-gram
	// shingles at which a later article is a copy of an earlier one
	// (default 0.6).
	DupThreshold float64
	// StoryThreshold is the similarity at which an article joins a story
	// (default 0.24).
	StoryThreshold float64
	// Window is how far an article's date may lie from the nearest date of
	// a story's articles for it to join (default 4 days). Articles or
	// stories without a date are not limited.
	Window time.Duration
	// NameWeight is the weight of the cosine over names (capitalised words
	// inside sentences) and numbers against that over other content words
	// (weight 1): names and numbers tell one story from another of the same
	// kind (default 3).
	NameWeight float64
	// EntityWeight and EventWeight are the shares of the similarity given to
	// the overlap of resolved entities and of coded events when both sides
	// have some (defaults 0.25 and 0.15).
	EntityWeight, EventWeight float64
	// IndexTerms is how many of an article's highest-weighted terms are
	// indexed to find candidate stories (default 40).
	IndexTerms int
}

func (c Config) withDefaults() Config {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.DupThreshold, 0.6)
	def(&c.StoryThreshold, 0.24)
	def(&c.NameWeight, 3)
	def(&c.EntityWeight, 0.25)
	def(&c.EventWeight, 0.15)
	if c.Window == 0 {
		c.Window = 4 * 24 * time.Hour
	}
	if c.IndexTerms == 0 {
		c.IndexTerms = 40
	}
	return c
}

// Doc is what the clusterer needs of an article.
type Doc struct {
	ID     string
	Outlet string
	Title  string
	Text   string
	// Time is the publication time; zero when unknown.
	Time time.Time
	// Entities are names of the entities the article mentions, any form:
	// they are normalised here.
	Entities []string
	// Events are keys of the events the article reports (see [EventKey]).
	Events []string
}

// FromArticle builds a Doc from an annotated article. The outlet is
// [Outlet]'s.
func FromArticle(a *news.Article) Doc {
	d := Doc{ID: a.ID, Outlet: Outlet(a), Title: a.Title, Text: a.Text}
	if t, err := time.Parse("2006-01-02", a.Published); err == nil {
		d.Time = t
	}
	for _, e := range a.Entities {
		switch e.Type {
		case news.Person, news.Org, news.GPE, news.Loc, news.Fac, news.EventType, news.NORP, news.Misc, news.Law, news.WorkOfArt:
			d.Entities = append(d.Entities, e.Name)
		}
	}
	for _, ev := range a.Events {
		d.Events = append(d.Events, EventKey(ev))
	}
	return d
}

// Outlet names the outlet that published a: Source.Outlet, else the host of
// Source.URL without "www.", else "" (unknown: a file name is not an
// outlet).
func Outlet(a *news.Article) string {
	if a.Source.Outlet != "" {
		return a.Source.Outlet
	}
	if u, err := url.Parse(a.Source.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return ""
}

// EventKey identifies an event across articles: its type, actor and target,
// by entity name where one is given.
func EventKey(ev news.Event) string {
	return ev.Type + "|" + resolve.Normalize(ev.ActorName) + "|" + resolve.Normalize(ev.TargetName)
}

// Assignment is where [Clusterer.Assign] put an article.
type Assignment struct {
	Story string
	// New is true when the article started the story.
	New bool
	// DuplicateOf is the ID of the article this one copies, if any.
	DuplicateOf string
	// Score is the similarity to the story (or to the original, for a copy).
	Score float64
}

type docState struct {
	id, outlet, story, title string
	sig                      Signature
	hasSig                   bool
	t                        time.Time
	tf                       map[string]float64
	entities, events         []string
}

type storyState struct {
	id, title     string
	docs          []string
	outlets       []string
	dups          map[string]string
	terms         map[string]float64 // sum of members' normalised term frequencies
	entities      map[string]int
	events        map[string]int
	first, last   time.Time
	originals     int
	normCache     [2]float64
	normCacheDocs int
}

// Index is what a store calls to keep stories up to date: assign each new
// article, restore recorded assignments after a restart, re-cluster the
// open window now and then, and forget closed stories. [Clusterer]
// implements it in memory.
type Index interface {
	Assign(d Doc) (Assignment, error)
	Restore(d Doc, storyID, dupOf string) error
	Refine(since time.Time) map[string]string
	Forget(before time.Time) int
	Story(id string) (news.Story, bool)
}

var _ Index = (*Clusterer)(nil)

// Clusterer assigns articles to stories incrementally. It is safe for
// concurrent use; assignments are serialised.
type Clusterer struct {
	mu       sync.Mutex
	cfg      Config
	df       map[string]int
	ndocs    int
	stories  map[string]*storyState
	docs     map[string]*docState
	postings map[string]map[string]bool // term or entity key → story IDs
	bands    map[uint64][]string        // LSH band → doc IDs
}

// New returns an empty clusterer.
func New(cfg Config) *Clusterer {
	return &Clusterer{
		cfg:      cfg.withDefaults(),
		df:       map[string]int{},
		stories:  map[string]*storyState{},
		docs:     map[string]*docState{},
		postings: map[string]map[string]bool{},
		bands:    map[uint64][]string{},
	}
}

// Prime counts the terms of a background text into the document
// frequencies without assigning it to a story, so that early assignments
// weigh terms well. A store may prime with articles older than its window.
func (c *Clusterer) Prime(text string) {
	tf := c.termFreqs(Doc{Text: text})
	c.mu.Lock()
	defer c.mu.Unlock()
	c.countDF(tf)
}

func (c *Clusterer) countDF(tf map[string]float64) {
	c.ndocs++
	for t := range tf {
		c.df[t]++
	}
}

// termFreqs returns the sublinear term frequencies of a doc in two parts,
// each L2-normalised on its own: content words (plain keys), and names and
// numbers (keys starting with namePrefix), which tell one story from another
// of the same kind.
func (c *Clusterer) termFreqs(d Doc) map[string]float64 {
	raw := map[string]float64{}
	add := func(text string, boost float64) {
		for _, w := range words(text) {
			if len(w.norm) < 2 || stopwords[w.norm] {
				continue
			}
			key := w.norm
			if w.number || (w.capital && !w.initial) {
				key = namePrefix + key
			}
			raw[key] += boost
		}
	}
	add(d.Title, 2)
	add(d.Text, 1)
	var norm [2]float64
	for t, v := range raw {
		v = 1 + math.Log(v)
		if v <= 0 {
			v = 0.1
		}
		raw[t] = v
		norm[part(t)] += v * v
	}
	for t := range raw {
		raw[t] /= math.Sqrt(norm[part(t)])
	}
	return raw
}

// namePrefix marks the keys of names and numbers.
const namePrefix = "^"

func part(t string) int {
	if strings.HasPrefix(t, namePrefix) {
		return 1
	}
	return 0
}

func (c *Clusterer) idf(t string) float64 {
	return math.Log(float64(c.ndocs+1)/float64(c.df[t]+1)) + 1
}

// maxCandidates bounds the stories an article is compared with.
const maxCandidates = 64

// Assign puts d into a story: the story of the article it copies, else the
// most similar story within the window, else a new one. Assigning an ID
// already assigned returns the earlier assignment.
func (c *Clusterer) Assign(d Doc) (Assignment, error) {
	if d.ID == "" {
		return Assignment{}, fmt.Errorf("story: article without an ID")
	}
	tf := c.termFreqs(d)
	sig, hasSig := MinHash(d.Title + "\n" + d.Text)
	ents := entityKeys(d.Entities)
	c.mu.Lock()
	defer c.mu.Unlock()
	if ds, ok := c.docs[d.ID]; ok {
		return Assignment{Story: ds.story}, nil
	}
	c.countDF(tf)
	// Copies first.
	if hasSig {
		best, bestSim := "", 0.0
		seen := map[string]bool{}
		bands := sig.Bands()
		for _, b := range bands {
			for _, id := range c.bands[b] {
				if seen[id] {
					continue
				}
				seen[id] = true
				o := c.docs[id]
				if o == nil || !o.hasSig {
					continue
				}
				if s := sig.Similarity(&o.sig); s > bestSim {
					best, bestSim = id, s
				}
			}
		}
		if best != "" && bestSim >= c.cfg.DupThreshold {
			st := c.stories[c.docs[best].story]
			if st != nil && c.inWindow(st, d.Time) {
				// A copy of a copy points at the first original.
				orig := best
				if o, ok := st.dups[best]; ok {
					orig = o
				}
				c.add(st, d, tf, ents, sig, hasSig, orig)
				return Assignment{Story: st.id, DuplicateOf: orig, Score: bestSim}, nil
			}
		}
	}
	// Then the most similar story.
	// Candidates: the stories sharing the most indexed terms and entities.
	cands := map[string]int{}
	for _, t := range c.topTerms(tf) {
		for id := range c.postings[t] {
			cands[id]++
		}
	}
	for e := range ents {
		for id := range c.postings["@"+e] {
			cands[id] += 2
		}
	}
	ids := make([]string, 0, len(cands))
	for id := range cands {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { // ties go to the same story every run
		if cands[ids[i]] != cands[ids[j]] {
			return cands[ids[i]] > cands[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > maxCandidates {
		ids = ids[:maxCandidates]
	}
	var best *storyState
	bestSim := 0.0
	w := c.weigh(tf)
	for _, id := range ids {
		st := c.stories[id]
		if !c.inWindow(st, d.Time) {
			continue
		}
		if s := c.similarityW(st, w, ents, d.Events); s > bestSim {
			best, bestSim = st, s
		}
	}
	if best != nil && bestSim >= c.cfg.StoryThreshold {
		c.add(best, d, tf, ents, sig, hasSig, "")
		return Assignment{Story: best.id, Score: bestSim}, nil
	}
	st := c.newStory(d)
	c.add(st, d, tf, ents, sig, hasSig, "")
	return Assignment{Story: st.id, New: true, Score: 1}, nil
}

// Restore puts d into the story and duplicate relation a store recorded
// earlier, without deciding anything: for rebuilding the state after a
// restart. dupOf may be empty.
func (c *Clusterer) Restore(d Doc, storyID, dupOf string) error {
	if d.ID == "" || storyID == "" {
		return fmt.Errorf("story: restore needs an article ID and a story ID")
	}
	tf := c.termFreqs(d)
	sig, hasSig := MinHash(d.Title + "\n" + d.Text)
	ents := entityKeys(d.Entities)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.docs[d.ID]; ok {
		return nil
	}
	c.countDF(tf)
	st := c.stories[storyID]
	if st == nil {
		st = c.newStory(d)
		delete(c.stories, st.id)
		st.id = storyID
		c.stories[storyID] = st
	}
	c.add(st, d, tf, ents, sig, hasSig, dupOf)
	return nil
}

// Forget drops the stories whose latest article is older than before, and
// their articles, so that memory stays bounded to the window a store keeps
// open. Stories without dates are kept.
func (c *Clusterer) Forget(before time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for id, st := range c.stories {
		if st.last.IsZero() || !st.last.Before(before) {
			continue
		}
		n++
		gone := map[string]bool{}
		for _, d := range st.docs {
			gone[d] = true
			delete(c.docs, d)
		}
		for t := range st.terms {
			delete(c.postings[t], id)
		}
		for e := range st.entities {
			delete(c.postings["@"+e], id)
		}
		for b, ds := range c.bands {
			kept := ds[:0]
			for _, d := range ds {
				if !gone[d] {
					kept = append(kept, d)
				}
			}
			if len(kept) == 0 {
				delete(c.bands, b)
			} else {
				c.bands[b] = kept
			}
		}
		delete(c.stories, id)
	}
	return n
}

func (c *Clusterer) newStory(d Doc) *storyState {
	id := "S" + d.ID
	if len(d.ID) > 16 {
		id = "S" + d.ID[:16]
	}
	for k := 2; c.stories[id] != nil; k++ {
		id = fmt.Sprintf("S%s-%d", d.ID, k)
	}
	st := &storyState{id: id, title: d.Title, dups: map[string]string{}, terms: map[string]float64{},
		entities: map[string]int{}, events: map[string]int{}}
	c.stories[id] = st
	return st
}

func (c *Clusterer) add(st *storyState, d Doc, tf map[string]float64, ents map[string]bool, sig Signature, hasSig bool, dupOf string) {
	st.docs = append(st.docs, d.ID)
	c.docs[d.ID] = &docState{id: d.ID, outlet: d.Outlet, story: st.id, title: d.Title, sig: sig, hasSig: hasSig,
		t: d.Time, tf: tf, entities: d.Entities, events: d.Events}
	if hasSig {
		for _, b := range sig.Bands() {
			c.bands[b] = append(c.bands[b], d.ID)
		}
	}
	c.touch(st, d.Time)
	if dupOf != "" {
		st.dups[d.ID] = dupOf
		return // a copy adds nothing to the story's profile
	}
	c.addProfile(st, d, tf, ents)
}

func (c *Clusterer) touch(st *storyState, t time.Time) {
	if t.IsZero() {
		return
	}
	if st.first.IsZero() || t.Before(st.first) {
		st.first = t
	}
	if t.After(st.last) {
		st.last = t
	}
}

func (c *Clusterer) addProfile(st *storyState, d Doc, tf map[string]float64, ents map[string]bool) {
	st.originals++
	st.normCacheDocs = -1
	if st.title == "" {
		st.title = d.Title
	}
	if d.Outlet != "" && !contains(st.outlets, d.Outlet) {
		st.outlets = append(st.outlets, d.Outlet)
	}
	for t, v := range tf {
		st.terms[t] += v
	}
	for _, t := range c.topTerms(tf) {
		c.post(t, st.id)
	}
	for e := range ents {
		st.entities[e]++
		c.post("@"+e, st.id)
	}
	for _, ev := range d.Events {
		st.events[ev]++
	}
}

func (c *Clusterer) post(key, story string) {
	m := c.postings[key]
	if m == nil {
		m = map[string]bool{}
		c.postings[key] = m
	}
	m[story] = true
}

// topTerms returns the IndexTerms terms of tf with the highest TF-IDF.
func (c *Clusterer) topTerms(tf map[string]float64) []string {
	type tw struct {
		t string
		w float64
	}
	all := make([]tw, 0, len(tf))
	for t, v := range tf {
		all = append(all, tw{t, v * c.idf(t)})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].w != all[j].w {
			return all[i].w > all[j].w
		}
		return all[i].t < all[j].t
	})
	if len(all) > c.cfg.IndexTerms {
		all = all[:c.cfg.IndexTerms]
	}
	out := make([]string, len(all))
	for i, x := range all {
		out[i] = x.t
	}
	return out
}

func (c *Clusterer) inWindow(st *storyState, t time.Time) bool {
	if t.IsZero() || st.first.IsZero() {
		return true
	}
	w := c.cfg.Window
	return !t.Before(st.first.Add(-w)) && !t.After(st.last.Add(w))
}

// weighted is a document's TF-IDF vector, computed once per assignment.
type weighted struct {
	terms []weightedTerm
	norm  [2]float64
}

type weightedTerm struct {
	t    string
	x    float64 // tf × idf
	idf  float64
	part int
}

func (c *Clusterer) weigh(tf map[string]float64) weighted {
	var w weighted
	w.terms = make([]weightedTerm, 0, len(tf))
	for t, v := range tf {
		idf := c.idf(t)
		x := v * idf
		p := part(t)
		w.terms = append(w.terms, weightedTerm{t: t, x: x, idf: idf, part: p})
		w.norm[p] += x * x
	}
	w.norm[0], w.norm[1] = math.Sqrt(w.norm[0]), math.Sqrt(w.norm[1])
	return w
}

// similarity blends TF-IDF cosine over content words and over names with
// the overlap of entities and events.
func (c *Clusterer) similarity(st *storyState, tf map[string]float64, ents map[string]bool, events []string) float64 {
	return c.similarityW(st, c.weigh(tf), ents, events)
}

func (c *Clusterer) similarityW(st *storyState, w weighted, ents map[string]bool, events []string) float64 {
	var dot [2]float64
	for _, wt := range w.terms {
		if s, ok := st.terms[wt.t]; ok {
			dot[wt.part] += wt.x * s * wt.idf
		}
	}
	// Norms follow document frequencies, which move slowly: recompute when
	// the story changed or the corpus grew by a twentieth since.
	if st.normCacheDocs < 0 || c.ndocs > st.normCacheDocs+st.normCacheDocs/20+1 {
		st.normCache = [2]float64{}
		for t, s := range st.terms {
			x := s * c.idf(t)
			st.normCache[part(t)] += x * x
		}
		st.normCache[0], st.normCache[1] = math.Sqrt(st.normCache[0]), math.Sqrt(st.normCache[1])
		st.normCacheDocs = c.ndocs
	}
	var cos [2]float64
	for p := range cos {
		if w.norm[p] > 0 && st.normCache[p] > 0 {
			cos[p] = dot[p] / (w.norm[p] * st.normCache[p])
		}
	}
	nw := c.cfg.NameWeight
	score := (cos[0] + nw*cos[1]) / (1 + nw)
	textShare := 1.0
	var extra float64
	if len(ents) > 0 && len(st.entities) > 0 {
		shared := 0
		for e := range ents {
			if st.entities[e] > 0 {
				shared++
			}
		}
		extra += c.cfg.EntityWeight * float64(shared) / float64(min(len(ents), len(st.entities)))
		textShare -= c.cfg.EntityWeight
	}
	if len(events) > 0 && len(st.events) > 0 {
		shared := 0
		for _, e := range events {
			if st.events[e] > 0 {
				shared++
			}
		}
		extra += c.cfg.EventWeight * float64(shared) / float64(min(len(events), len(st.events)))
		textShare -= c.cfg.EventWeight
	}
	return textShare*score + extra
}

func entityKeys(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		if k := resolve.Normalize(n); k != "" {
			m[k] = true
		}
	}
	return m
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// StoryOf returns the story an article was assigned to.
func (c *Clusterer) StoryOf(docID string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.docs[docID]
	if !ok {
		return "", false
	}
	return d.story, true
}

// Story returns a story by ID.
func (c *Clusterer) Story(id string) (news.Story, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st, ok := c.stories[id]
	if !ok {
		return news.Story{}, false
	}
	return st.export(), true
}

// Stories returns every story, largest first (by articles that are not
// copies), then by ID.
func (c *Clusterer) Stories() []news.Story {
	c.mu.Lock()
	sts := make([]*storyState, 0, len(c.stories))
	for _, st := range c.stories {
		sts = append(sts, st)
	}
	sort.Slice(sts, func(i, j int) bool {
		if sts[i].originals != sts[j].originals {
			return sts[i].originals > sts[j].originals
		}
		return sts[i].id < sts[j].id
	})
	out := make([]news.Story, len(sts))
	for i, st := range sts {
		out[i] = st.export()
	}
	c.mu.Unlock()
	return out
}

// export converts the state to the shared vocabulary. Outlets lists the
// outlets with at least one article that is not a copy: syndicated copies
// count once, under the outlet that first published them.
func (st *storyState) export() news.Story {
	s := news.Story{ID: st.id, Title: st.title, Documents: append([]string(nil), st.docs...),
		Outlets: append([]string(nil), st.outlets...)}
	if len(st.dups) > 0 {
		s.Duplicates = map[string]string{}
		for k, v := range st.dups {
			s.Duplicates[k] = v
		}
	}
	return s
}
