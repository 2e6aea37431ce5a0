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
	// Window is how far an article's date may lie from the dates of a
	// story's articles for it to join (default 4 days); a story spans at
	// most three windows.
	Window time.Duration
	// UndatedSpan stands in for the window where an article or a story has
	// no date: such an article is compared only with stories that received
	// an article among the last UndatedSpan articles assigned (the order
	// of ingest; default 5,000).
	UndatedSpan int
	// Retain is how many articles a story stays in memory after its last
	// one: stories not joined within the last Retain articles assigned,
	// and stories whose latest date is more than three windows older than
	// the newest date seen, are dropped, which bounds the memory
	// (default 20,000).
	Retain int
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
	// indexed and looked up to find candidate stories (default 40).
	IndexTerms int
	// PostingCap is how many stories one index key keeps, the most recent
	// (default 64): a key shared by more stories is not rare evidence.
	PostingCap int
	// Candidates is how many candidate stories an article is scored
	// against (default 32).
	Candidates int
	// ProfileTerms is how many terms a story's profile keeps, the heaviest
	// (default 400).
	ProfileTerms int
	// MinSpecific is how many specific things an article must share with a
	// story to join it: names, numbers, entities or events that are rare in
	// the corpus and not the habit of the article's outlet; at least one
	// must be a name, an entity or an event (default 2).
	MinSpecific int
	// SpecificShare is the share of articles a name or number may appear
	// in and still count as specific; one in at most five articles always
	// counts (default 0.02).
	SpecificShare float64
	// BoilerplateShare is the share of an outlet's recent articles from
	// which a term among their top terms is that outlet's habit (template
	// headlines, page furniture): it is down-weighted tenfold for the
	// outlet's articles and never specific (default 0.05, counted once the
	// outlet has 20 articles).
	BoilerplateShare float64
	// DFHalfLife is how many articles pass before document frequencies
	// are halved, so that they follow recent news and their memory stays
	// bounded (default 50,000).
	DFHalfLife int
	// KeepVectors keeps every article's term vector for [Clusterer.Refine];
	// memory then grows with the articles held.
	KeepVectors bool
}

func (c Config) withDefaults() Config {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defi := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.DupThreshold, 0.6)
	def(&c.StoryThreshold, 0.24)
	def(&c.NameWeight, 3)
	def(&c.EntityWeight, 0.25)
	def(&c.EventWeight, 0.15)
	def(&c.SpecificShare, 0.02)
	def(&c.BoilerplateShare, 0.05)
	if c.Window == 0 {
		c.Window = 4 * 24 * time.Hour
	}
	defi(&c.UndatedSpan, 5000)
	defi(&c.Retain, 20000)
	defi(&c.IndexTerms, 40)
	defi(&c.PostingCap, 64)
	defi(&c.Candidates, 32)
	defi(&c.ProfileTerms, 400)
	defi(&c.MinSpecific, 2)
	defi(&c.DFHalfLife, 50000)
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
	// Entities are keys of the entities the article mentions (see
	// [FromArticle]), or names in any form, which are normalised here.
	Entities []string
	// Events are keys of the events the article reports (see [EventKey]).
	Events []string
}

// FromArticle builds a Doc from an annotated article. The outlet is
// [Outlet]'s. Entities are keyed by their type class and canonical key
// (resolve.CanonicalKey), as global entity IDs are made, so that spelling
// variants ("Zelensky", "Zelenskyy") agree without a store; an entity named
// like the outlet itself is left out. Events are keyed by type, actor and
// target in the same way.
func FromArticle(a *news.Article) Doc {
	d := Doc{ID: a.ID, Outlet: Outlet(a), Title: a.Title, Text: a.Text}
	if t, err := time.Parse("2006-01-02", a.Published); err == nil {
		d.Time = t
	}
	outlet := resolve.Normalize(d.Outlet)
	keys := map[string]string{}
	for _, e := range a.Entities {
		switch e.Type {
		case news.Person, news.Org, news.GPE, news.Loc, news.Fac, news.EventType, news.NORP, news.Misc, news.Law, news.WorkOfArt:
		default:
			continue
		}
		names := append([]string{e.Name}, e.Aliases...)
		self := false
		for _, n := range names {
			if outlet != "" && resolve.Normalize(n) == outlet {
				self = true
			}
		}
		if k := resolve.CanonicalKey(e.Type, names); k != "" && !self {
			k = resolve.EntityClass(e.Type) + ":" + k
			keys[e.ID] = k
			d.Entities = append(d.Entities, k)
		}
	}
	for _, ev := range a.Events {
		key := func(local, name string) string {
			if k, ok := keys[local]; ok {
				return k
			}
			return resolve.Normalize(name)
		}
		d.Events = append(d.Events, ev.Type+"|"+key(ev.Actor, ev.ActorName)+"|"+key(ev.Target, ev.TargetName))
	}
	return d
}

// Outlet names the outlet that published a: Source.Outlet, else the host of
// Source.URL without "www.", else "".
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
	// Story is the story's ID (resolve.StoryID of its founding article).
	Story string
	// Renamed is the ID the story had before this article joined, when
	// the article founds it now (it is the earliest published): a store
	// moves the story's other articles to the new ID.
	Renamed string
	// New is true when the article started the story.
	New bool
	// DuplicateOf is the ID of the article this one copies, if any.
	DuplicateOf string
	// Score is the similarity to the story (or to the original, for a copy).
	Score float64
}

type docState struct {
	id, outlet, title string
	story             int32
	t                 time.Time
	sig               *Signature
	// Kept only with Config.KeepVectors, for Refine.
	tf               map[string]float64
	entities, events []string
}

type storyState struct {
	key         int32 // internal; see publicID
	title       string
	founder     string // the founding article's ID and date
	founderDate string
	name        string // the ID a store recorded, when it is not the founder's (see Restore)
	docs        []string
	outlets     []string
	dups        map[string]string
	terms       map[string]float64 // sum of members' weighted term frequencies, heaviest ProfileTerms kept
	entities    map[string]int
	events      map[string]int
	first, last time.Time
	lastSeq     int
	originals   int
	norm        [2]float64
	normDocs    int // c.ndocs when norm was computed; -1 when stale
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
//
// The work and memory of one assignment are bounded whatever the number of
// articles held: an article looks up at most IndexTerms terms and its
// entities and events in an inverted index whose lists hold at most
// PostingCap stories, scores at most Candidates stories, each over at most
// ProfileTerms terms; copies are found through 32 MinHash bands, each
// remembering its latest article. Stories leave memory after Retain articles or three
// windows (see [Config]).
type Clusterer struct {
	mu       sync.Mutex
	cfg      Config
	df       map[string]float64
	ndocs    float64
	sinceDF  int
	seq      int
	newest   time.Time
	nextKey  int32
	stories  map[int32]*storyState
	docs     map[string]*docState
	postings map[string][]int32   // term, entity or event key → stories, oldest first
	bands    map[uint64]*docState // LSH band → the latest article with it
	dropped  int                  // articles dropped since the last sweep
	public   map[string]int32     // public story ID → internal key
	outletN  map[string]float64   // outlet → recent articles
	outletDF map[string]map[string]float64
}

// New returns an empty clusterer.
func New(cfg Config) *Clusterer {
	return &Clusterer{
		cfg:      cfg.withDefaults(),
		df:       map[string]float64{},
		stories:  map[int32]*storyState{},
		docs:     map[string]*docState{},
		postings: map[string][]int32{},
		bands:    map[uint64]*docState{},
		public:   map[string]int32{},
		outletN:  map[string]float64{},
		outletDF: map[string]map[string]float64{},
	}
}

// Prime counts the terms of a background text into the document
// frequencies without assigning it to a story, so that early assignments
// weigh terms well. A store may prime with articles older than its window.
func (c *Clusterer) Prime(text string) {
	tf := rawTerms(Doc{Text: text})
	c.mu.Lock()
	defer c.mu.Unlock()
	c.countDF(tf)
}

func (c *Clusterer) countDF(tf map[string]float64) {
	c.ndocs++
	for t := range tf {
		c.df[t]++
	}
	c.sinceDF++
	if c.sinceDF >= c.cfg.DFHalfLife {
		c.halve()
	}
}

// halve halves the document frequencies (global and per outlet), dropping
// the terms that fall below one half, and sweeps the index of forgotten
// stories: memory follows recent news.
func (c *Clusterer) halve() {
	c.sinceDF = 0
	c.ndocs /= 2
	for t, v := range c.df {
		if v < 1 {
			delete(c.df, t)
		} else {
			c.df[t] = v / 2
		}
	}
	for o, m := range c.outletDF {
		for t, v := range m {
			if v < 1 {
				delete(m, t)
			} else {
				m[t] = v / 2
			}
		}
		c.outletN[o] /= 2
		if len(m) == 0 {
			delete(c.outletDF, o)
			delete(c.outletN, o)
		}
	}
}

// sweep removes dropped stories and articles from the index and the band
// table. maintain calls it once the articles dropped since the last sweep
// are as many as those held (and 4,096 at least), so its cost per article
// is bounded.
func (c *Clusterer) sweep() {
	c.dropped = 0
	for k, ps := range c.postings {
		kept := ps[:0]
		for _, s := range ps {
			if c.stories[s] != nil {
				kept = append(kept, s)
			}
		}
		if len(kept) == 0 {
			delete(c.postings, k)
		} else {
			c.postings[k] = kept
		}
	}
	for b, d := range c.bands {
		if c.docs[d.id] != d {
			delete(c.bands, b)
		}
	}
}

// calendarWords are capitalised but name no one.
var calendarWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`jan january feb february mar march apr april jun june jul july aug august sep sept
september oct october nov november dec december mon tue tues wed thu thur thurs fri sat sun`) {
		m[w] = true
	}
	return m
}()

// Key prefixes: names (capitalised words inside sentences) and numbers make
// the second part of a vector; entity and event keys live in the index only.
const (
	namePrefix   = "^"
	numberPrefix = "#"
	entityPrefix = "@"
	eventPrefix  = "!"
)

func part(t string) int {
	if strings.HasPrefix(t, namePrefix) || strings.HasPrefix(t, numberPrefix) {
		return 1
	}
	return 0
}

// rawTerms returns the sublinear term frequencies of a doc (title words
// count twice), before any weighting by the corpus. Names are capitalised
// words inside the body's sentences. Headlines capitalise every word, so a
// title word is a name when the body capitalises it too or never writes it
// in lower case ("JAMESWAY CORP 4TH QTR NET" over a table of figures).
// Months and weekdays are never names.
func rawTerms(d Doc) map[string]float64 {
	raw := map[string]float64{}
	body := words(d.Text)
	names, lower := map[string]bool{}, map[string]bool{}
	for _, w := range body {
		switch {
		case w.capital && !w.initial && !w.number:
			names[w.norm] = true
		case !w.capital && !w.number:
			lower[w.norm] = true
		}
	}
	add := func(ws []word, boost float64, title bool) {
		for _, w := range ws {
			if len(w.norm) < 2 || stopwords[w.norm] {
				continue
			}
			key := w.norm
			switch {
			case w.number:
				key = numberPrefix + key
			case calendarWords[w.norm]:
			case title && (names[w.norm] || !lower[w.norm]), !title && w.capital && !w.initial:
				key = namePrefix + key
			}
			if v, ok := raw[key]; ok {
				raw[key] = v + boost
			} else {
				// A key may be a slice of the article's text: clone it,
				// so that the profiles it ends up in do not keep the text.
				raw[strings.Clone(key)] = boost
			}
		}
	}
	add(words(d.Title), 2, true)
	add(body, 1, false)
	for t, v := range raw {
		v = 1 + math.Log(v)
		if v <= 0 {
			v = 0.1
		}
		raw[t] = v
	}
	return raw
}

func (c *Clusterer) idf(t string) float64 {
	return math.Log((c.ndocs+1)/(c.df[t]+1)) + 1
}

// boilerplate reports whether t is a habit of outlet o: among the top terms
// of at least BoilerplateShare of its recent articles.
func (c *Clusterer) boilerplate(o, t string) bool {
	n := c.outletN[o]
	if o == "" || n < 20 {
		return false
	}
	return c.outletDF[o][t] >= c.cfg.BoilerplateShare*n
}

// outletFactor is the weight of an outlet's habitual terms.
const outletFactor = 0.1

// vector turns raw term frequencies into the article's vector: each part
// L2-normalised on its own, the outlet's habitual terms down-weighted.
func (c *Clusterer) vector(outlet string, raw map[string]float64) map[string]float64 {
	tf := make(map[string]float64, len(raw))
	var norm [2]float64
	for t, v := range raw {
		if c.boilerplate(outlet, t) {
			v *= outletFactor
		}
		tf[t] = v
		norm[part(t)] += v * v
	}
	for t, v := range tf {
		tf[t] = v / math.Sqrt(norm[part(t)])
	}
	return tf
}

// topTerms returns the n terms of tf with the highest TF-IDF.
func (c *Clusterer) topTerms(tf map[string]float64, n int) []string {
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
	if len(all) > n {
		all = all[:n]
	}
	out := make([]string, len(all))
	for i, x := range all {
		out[i] = x.t
	}
	return out
}

// countOutlet records the top terms of an article of outlet o.
func (c *Clusterer) countOutlet(o string, top []string) {
	if o == "" {
		return
	}
	m := c.outletDF[o]
	if m == nil {
		m = map[string]float64{}
		c.outletDF[o] = m
	}
	c.outletN[o]++
	for _, t := range top {
		m[t]++
	}
}

// prepared is an article ready to be compared: its vector, entity and
// event keys and signature.
type prepared struct {
	d      Doc
	tf     map[string]float64
	ents   map[string]bool
	events []string
	sig    *Signature
	// spec are the article's specific names and numbers (see specific);
	// strong marks the names among them.
	spec   []string
	strong []bool
}

func prepare(d Doc) (prepared, map[string]float64) {
	p := prepared{d: d, ents: entityKeys(d.Entities), events: d.Events}
	if sig, ok := MinHash(d.Title + "\n" + d.Text); ok {
		p.sig = &sig
	}
	return p, rawTerms(d)
}

// Assign puts d into a story: the story of the article it copies, else the
// most similar story within the window that shares specific evidence with
// it, else a new one. Assigning an ID already assigned returns the earlier
// assignment.
func (c *Clusterer) Assign(d Doc) (Assignment, error) {
	if d.ID == "" {
		return Assignment{}, fmt.Errorf("story: article without an ID")
	}
	p, raw := prepare(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	if ds, ok := c.docs[d.ID]; ok {
		return Assignment{Story: c.stories[ds.story].publicID()}, nil
	}
	c.seq++
	c.countDF(raw)
	p.tf = c.vector(d.Outlet, raw)
	top := c.topTerms(p.tf, 2*c.cfg.IndexTerms)
	c.countOutlet(d.Outlet, top)
	if len(top) > c.cfg.IndexTerms {
		top = top[:c.cfg.IndexTerms]
	}
	if !d.Time.IsZero() && d.Time.After(c.newest) {
		c.newest = d.Time
	}
	c.findSpecific(&p)
	defer c.maintain()
	// Copies first.
	if p.sig != nil {
		best, bestSim := "", 0.0
		seen := map[*docState]bool{}
		for _, b := range p.sig.Bands() {
			o := c.bands[b]
			if o == nil || seen[o] || c.docs[o.id] != o || o.sig == nil {
				continue
			}
			seen[o] = true
			if s := p.sig.Similarity(o.sig); s > bestSim || s == bestSim && o.id < best {
				best, bestSim = o.id, s
			}
		}
		if best != "" && bestSim >= c.cfg.DupThreshold {
			// A copy shares the specific content (names, numbers) too: two
			// notices filled into one template, or two pages of one site,
			// share shingles but not what they report.
			st := c.stories[c.docs[best].story]
			if st != nil && c.inWindow(st, d.Time) && c.specific(st, p) {
				// A copy of a copy points at the first original.
				orig := best
				if o, ok := st.dups[best]; ok {
					orig = o
				}
				c.add(st, p, top, orig)
				return Assignment{Story: st.publicID(), DuplicateOf: orig, Score: bestSim}, nil
			}
		}
	}
	// Then the most similar story among those sharing rare evidence.
	best, bestSim := c.bestStory(p, top)
	if best != nil && bestSim >= c.cfg.StoryThreshold {
		was := best.publicID()
		c.add(best, p, top, "")
		as := Assignment{Story: best.publicID(), Score: bestSim}
		if as.Story != was {
			as.Renamed = was
		}
		return as, nil
	}
	st := c.newStory(d.Title)
	c.add(st, p, top, "")
	return Assignment{Story: st.publicID(), New: true, Score: 1}, nil
}

// indexKeys are the keys an article is indexed and looked up under, with
// the weight of a shared key: its top terms by IDF, its entities and its
// events with an actor or a target.
func (c *Clusterer) indexKeys(p prepared, top []string) ([]string, []float64) {
	keys := make([]string, 0, len(top)+len(p.ents)+len(p.events))
	ws := make([]float64, 0, cap(keys))
	for _, t := range top {
		keys = append(keys, t)
		ws = append(ws, c.idf(t))
	}
	ents := make([]string, 0, len(p.ents))
	for e := range p.ents {
		ents = append(ents, e)
	}
	sort.Strings(ents)
	for _, e := range ents {
		keys = append(keys, entityPrefix+e)
		ws = append(ws, 4)
	}
	for _, ev := range p.events {
		if !strings.HasSuffix(ev, "||") {
			keys = append(keys, eventPrefix+ev)
			ws = append(ws, 6)
		}
	}
	return keys, ws
}

// bestStory returns the candidate story most similar to p that shares
// enough specific evidence with it, and its similarity.
func (c *Clusterer) bestStory(p prepared, top []string) (*storyState, float64) {
	keys, ws := c.indexKeys(p, top)
	cands := map[int32]float64{}
	for i, k := range keys {
		for _, s := range c.postings[k] {
			cands[s] += ws[i]
		}
	}
	ids := make([]int32, 0, len(cands))
	for id := range cands {
		if st := c.stories[id]; st != nil && c.inWindow(st, p.d.Time) {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { // ties go to the same story every run
		if cands[ids[i]] != cands[ids[j]] {
			return cands[ids[i]] > cands[ids[j]]
		}
		return ids[i] < ids[j]
	})
	if len(ids) > c.cfg.Candidates {
		ids = ids[:c.cfg.Candidates]
	}
	var best *storyState
	bestSim := 0.0
	w := c.weigh(p.tf)
	for _, id := range ids {
		st := c.stories[id]
		if !c.specific(st, p) {
			continue
		}
		if s := c.similarityW(st, w, p.ents, p.events); s > bestSim {
			best, bestSim = st, s
		}
	}
	return best, bestSim
}

// findSpecific fills p.spec with the names and numbers of p that are
// specific: rare (in at most SpecificShare of articles, or five), carried
// by fewer than half of PostingCap recent stories (a template word such as
// "qtr" recurs across many stories, a story's own names do not), not a
// habit of p's outlet, and not the outlet's name.
func (c *Clusterer) findSpecific(p *prepared) {
	p.spec, p.strong = p.spec[:0], p.strong[:0]
	outlet := resolve.Normalize(p.d.Outlet)
	limit := max(5, c.cfg.SpecificShare*c.ndocs)
	for t := range p.tf {
		if part(t) != 1 || c.df[t] > limit || len(c.postings[t]) >= c.cfg.PostingCap/2 || c.boilerplate(p.d.Outlet, t) {
			continue
		}
		name := strings.HasPrefix(t, namePrefix)
		if name && strings.Contains(outlet, t[1:]) {
			continue
		}
		p.spec = append(p.spec, t)
	}
	// Heaviest first: the first names are what the article is about.
	w := make(map[string]float64, len(p.spec))
	for _, t := range p.spec {
		w[t] = p.tf[t] * c.idf(t)
	}
	sort.Slice(p.spec, func(i, j int) bool {
		if w[p.spec[i]] != w[p.spec[j]] {
			return w[p.spec[i]] > w[p.spec[j]]
		}
		return p.spec[i] < p.spec[j]
	})
	for _, t := range p.spec {
		p.strong = append(p.strong, strings.HasPrefix(t, namePrefix))
	}
}

// specific reports whether article p shares enough specific evidence with
// story st: at least MinSpecific specific names or numbers (see
// findSpecific), entities or events, one of them a name, an entity or an
// event.
//
// Where both the article and the story have entities, one of the shared
// things must be an entity or an event: words alone (a template headline,
// "3rd qtr net") do not tie two companies' reports together. And the story
// must know the article's heaviest specific name, or two of its three
// heaviest (what the article is about: the issuer of a bond, the company of an earnings
// notice), or share two entities with it: notices filled into one template
// share everything but their subject.
func (c *Clusterer) specific(st *storyState, p prepared) bool {
	n, strong := 0, 0
	for e := range p.ents {
		if st.entities[e] > 0 {
			n++
			strong++
		}
	}
	for _, ev := range p.events {
		if st.events[ev] > 0 && !strings.HasSuffix(ev, "||") {
			n++
			strong++
		}
	}
	if strong == 0 && len(p.ents) > 0 && len(st.entities) > 0 {
		return false
	}
	entities := strong
	lead, leadShared, first := 0, 0, false
	for i, t := range p.spec {
		shared := st.terms[t] != 0
		if p.strong[i] && lead < 3 {
			if shared {
				leadShared++
				first = first || lead == 0
			}
			lead++
		}
		if !shared {
			continue
		}
		if p.strong[i] {
			strong++
		}
		n++
	}
	return n >= c.cfg.MinSpecific && strong > 0 && (lead == 0 || first || leadShared >= 2 || entities >= 2)
}

// Restore puts d into the story and duplicate relation a store recorded
// earlier, without deciding anything: for rebuilding the state after a
// restart. dupOf may be empty.
func (c *Clusterer) Restore(d Doc, storyID, dupOf string) error {
	if d.ID == "" || storyID == "" {
		return fmt.Errorf("story: restore needs an article ID and a story ID")
	}
	p, raw := prepare(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.docs[d.ID]; ok {
		return nil
	}
	c.seq++
	c.countDF(raw)
	p.tf = c.vector(d.Outlet, raw)
	top := c.topTerms(p.tf, 2*c.cfg.IndexTerms)
	c.countOutlet(d.Outlet, top)
	if len(top) > c.cfg.IndexTerms {
		top = top[:c.cfg.IndexTerms]
	}
	if !d.Time.IsZero() && d.Time.After(c.newest) {
		c.newest = d.Time
	}
	st, ok := c.stories[c.public[storyID]]
	if !ok {
		st = c.newStory(d.Title)
	}
	c.add(st, p, top, dupOf)
	if st.publicID() != storyID {
		// The store knows the story by another ID (recorded before
		// stories were named after their founders): keep it until the
		// founder changes.
		if c.public[st.publicID()] == st.key {
			delete(c.public, st.publicID())
		}
		st.name = storyID
		c.public[storyID] = st.key
	}
	c.maintain()
	return nil
}

// maintain drops, every 1,024 articles, the stories that can no longer be
// joined: not joined within the last Retain articles, or dated more than
// three windows before the newest article.
func (c *Clusterer) maintain() {
	if c.seq%1024 != 0 {
		return
	}
	var old time.Time
	if !c.newest.IsZero() {
		old = c.newest.Add(-3 * c.cfg.Window)
	}
	for _, st := range c.stories {
		if st.lastSeq < c.seq-c.cfg.Retain || !old.IsZero() && !st.last.IsZero() && st.last.Before(old) {
			c.drop(st)
		}
	}
	if c.dropped >= max(4096, len(c.docs)) {
		c.sweep()
	}
}

// Forget drops the stories whose latest article is older than before, and
// their articles. Stories without dates are kept (they leave after Retain
// articles).
func (c *Clusterer) Forget(before time.Time) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, st := range c.stories {
		if st.last.IsZero() || !st.last.Before(before) {
			continue
		}
		c.drop(st)
		n++
	}
	if c.dropped >= max(4096, len(c.docs)) {
		c.sweep()
	}
	return n
}

// drop removes a story and its articles. Index lists still naming it are
// swept lazily (lookups skip it; halve removes it).
func (c *Clusterer) drop(st *storyState) {
	for _, d := range st.docs {
		delete(c.docs, d)
	}
	c.dropped += len(st.docs)
	if c.public[st.publicID()] == st.key {
		delete(c.public, st.publicID())
	}
	delete(c.stories, st.key)
}

func (c *Clusterer) newStory(title string) *storyState {
	c.nextKey++
	st := &storyState{key: c.nextKey, title: title, dups: map[string]string{}, terms: map[string]float64{},
		entities: map[string]int{}, events: map[string]int{}, normDocs: -1}
	c.stories[st.key] = st
	return st
}

func (c *Clusterer) add(st *storyState, p prepared, top []string, dupOf string) {
	d := p.d
	st.docs = append(st.docs, d.ID)
	ds := &docState{id: d.ID, outlet: d.Outlet, title: d.Title, story: st.key, t: d.Time, sig: p.sig}
	if c.cfg.KeepVectors {
		ds.tf, ds.entities, ds.events = p.tf, d.Entities, d.Events
	}
	c.docs[d.ID] = ds
	if p.sig != nil {
		for _, b := range p.sig.Bands() {
			c.bands[b] = ds
		}
	}
	c.touch(st, d.Time)
	date := dateOf(d.Time)
	if dupOf != "" {
		st.dups[d.ID] = dupOf
		if st.founder == "" {
			c.setFounder(st, d.ID, date, d.Title)
		}
		return // a copy adds nothing to the story's profile
	}
	if st.founder == "" || resolve.StoryFounder(d.ID, date, st.founder, st.founderDate) {
		c.setFounder(st, d.ID, date, d.Title)
	}
	c.addProfile(st, p, top)
}

// setFounder makes article id (published on date, or "") the story's
// founding article, which names it and, when it has one, titles it.
func (c *Clusterer) setFounder(st *storyState, id, date, title string) {
	if st.founder != "" && c.public[st.publicID()] == st.key {
		delete(c.public, st.publicID())
	}
	if title != "" {
		st.title = title
	}
	st.founder, st.founderDate, st.name = id, date, ""
	c.public[st.publicID()] = st.key
}

// publicID is the story's ID: resolve.StoryID of its founding article.
func (st *storyState) publicID() string {
	if st == nil {
		return ""
	}
	if st.name != "" {
		return st.name
	}
	if st.founder == "" {
		return ""
	}
	return resolve.StoryID(st.founder)
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func (c *Clusterer) touch(st *storyState, t time.Time) {
	st.lastSeq = c.seq
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

func (c *Clusterer) addProfile(st *storyState, p prepared, top []string) {
	st.originals++
	st.normDocs = -1
	if st.title == "" {
		st.title = p.d.Title
	}
	if p.d.Outlet != "" && !contains(st.outlets, p.d.Outlet) {
		st.outlets = append(st.outlets, p.d.Outlet)
	}
	for t, v := range p.tf {
		st.terms[t] += v
	}
	if len(st.terms) > 2*c.cfg.ProfileTerms {
		c.prune(st)
	}
	keys, _ := c.indexKeys(p, top)
	for _, k := range keys {
		c.post(k, st.key)
	}
	for e := range p.ents {
		st.entities[e]++
	}
	for _, ev := range p.events {
		st.events[ev]++
	}
}

// prune keeps the ProfileTerms heaviest terms of a story's profile.
func (c *Clusterer) prune(st *storyState) {
	keep := c.topTerms(st.terms, c.cfg.ProfileTerms)
	terms := make(map[string]float64, len(keep))
	for _, t := range keep {
		terms[t] = st.terms[t]
	}
	st.terms = terms
}

// post adds story s to the index list of key, keeping the PostingCap most
// recent stories.
func (c *Clusterer) post(key string, s int32) {
	ps := c.postings[key]
	for i, x := range ps {
		if x == s {
			copy(ps[i:], ps[i+1:])
			ps[len(ps)-1] = s
			return
		}
	}
	if len(ps) >= c.cfg.PostingCap {
		copy(ps, ps[1:])
		ps = ps[:len(ps)-1]
	}
	c.postings[key] = append(ps, s)
}

// inWindow reports whether an article of time t may join st: their dates
// lie within the window, or, where either has no date, st received an
// article among the last UndatedSpan.
func (c *Clusterer) inWindow(st *storyState, t time.Time) bool {
	if t.IsZero() || st.first.IsZero() {
		return st.lastSeq >= c.seq-c.cfg.UndatedSpan
	}
	w := c.cfg.Window
	return !t.Before(st.first.Add(-w)) && !t.After(st.last.Add(w)) &&
		// A story spans at most three windows: a beat is many stories.
		!t.After(st.first.Add(3*w)) && !t.Before(st.last.Add(-3*w))
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
	if st.normDocs < 0 || int(c.ndocs) > st.normDocs+st.normDocs/20+1 || int(c.ndocs) < st.normDocs {
		st.norm = [2]float64{}
		for t, s := range st.terms {
			x := s * c.idf(t)
			st.norm[part(t)] += x * x
		}
		st.norm[0], st.norm[1] = math.Sqrt(st.norm[0]), math.Sqrt(st.norm[1])
		st.normDocs = int(c.ndocs)
	}
	var cos [2]float64
	for p := range cos {
		if w.norm[p] > 0 && st.norm[p] > 0 {
			cos[p] = dot[p] / (w.norm[p] * st.norm[p])
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

// entityKeys normalises entity keys: keys made by FromArticle stay as they
// are, names are folded.
func entityKeys(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		if len(n) > 2 && n[1] == ':' {
			m[n] = true
		} else if k := resolve.Normalize(n); k != "" {
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
	return c.stories[d.story].publicID(), true
}

// Story returns a story by ID.
func (c *Clusterer) Story(id string) (news.Story, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k, ok := c.public[id]
	if !ok {
		return news.Story{}, false
	}
	st, ok := c.stories[k]
	if !ok {
		return news.Story{}, false
	}
	return st.export(), true
}

// Stories returns every story held, largest first (by articles that are
// not copies), then by ID.
func (c *Clusterer) Stories() []news.Story {
	c.mu.Lock()
	defer c.mu.Unlock()
	sts := make([]*storyState, 0, len(c.stories))
	for _, st := range c.stories {
		sts = append(sts, st)
	}
	sort.Slice(sts, func(i, j int) bool {
		if sts[i].originals != sts[j].originals {
			return sts[i].originals > sts[j].originals
		}
		return sts[i].publicID() < sts[j].publicID()
	})
	out := make([]news.Story, len(sts))
	for i, st := range sts {
		out[i] = st.export()
	}
	return out
}

// Len returns the number of articles and stories held in memory.
func (c *Clusterer) Len() (articles, stories int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.docs), len(c.stories)
}

// export converts the state to the shared vocabulary. Outlets lists the
// outlets with at least one article that is not a copy: syndicated copies
// count once, under the outlet that first published them.
func (st *storyState) export() news.Story {
	s := news.Story{ID: st.publicID(), Title: st.title, Documents: append([]string(nil), st.docs...),
		Outlets: append([]string(nil), st.outlets...)}
	if len(st.dups) > 0 {
		s.Duplicates = map[string]string{}
		for k, v := range st.dups {
			s.Duplicates[k] = v
		}
	}
	return s
}
