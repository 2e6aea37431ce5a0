// Package geo resolves place names in news text to gazetteer entries with
// coordinates, and registers the pipeline stage "annotate.geo", which fills
// [news.Article.Places].
//
// Toponyms come from the NER stage's GPE and LOC mentions and from
// patterns the stage finds itself: a capitalised name after a locative
// preposition ("near Warsaw", "outside Minsk"), "the Kyiv region", "Warsaw,
// Poland", and country and continent names anywhere.
//
// Each toponym's candidates ([gazetteer.Gazetteer.Lookup]) are scored by
// kind and population, by the countries the article names (place names
// and demonyms such as "Belarusian"), by a qualifier after a comma ("Warsaw,
// Poland", "Springfield, Illinois"), by a region cue ("the Kyiv region"),
// and, in a second pass, by nearness to the places already resolved with
// confidence. Confidence reflects the margin between the best two
// candidates. Names the gazetteer lacks are left out of Places rather than
// placed by guess.
package geo

import (
	"math"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

// Toponym is a place name in a text.
type Toponym struct {
	news.Span
	Text   string
	Entity string // the mention's entity, if any
	// Region is set when the text names a region ("the Kyiv region"):
	// subdivisions are preferred.
	Region bool
	// Qualifier is the place that follows after a comma ("Poland" in
	// "Warsaw, Poland").
	Qualifier string
	// Demonym is set when Text is an adjective or demonym standing for a
	// country ("Russian").
	Demonym bool
	// Locative is set when a locative word precedes ("near Warsaw").
	Locative bool
}

// Resolution is a toponym with its gazetteer entry, or Entry -1 when the
// gazetteer has no candidate.
type Resolution struct {
	Toponym
	Entry      int32
	Confidence float64
}

// Resolver resolves toponyms against a gazetteer. It is safe for
// concurrent use.
type Resolver struct {
	G *gazetteer.Gazetteer
}

const maxCandidates = 60

type cand struct {
	i       int32
	alias   bool // matched an alias or a shortened form, not the name itself
	variant bool // matched a transliteration variant (Odesa → Odessa)
	score   float64
}

// candidates returns the entries a toponym may refer to.
func (r *Resolver) candidates(t *Toponym) []cand {
	if t.Demonym {
		if i, ok := r.G.Demonym(t.Text); ok {
			return []cand{{i: i}}
		}
	}
	var out []cand
	seen := map[int32]bool{}
	for n, name := range variants(t.Text) {
		for _, i := range r.G.Lookup(name) {
			if seen[i] {
				continue
			}
			seen[i] = true
			out = append(out, cand{i: i, alias: n > 0})
			if len(out) >= maxCandidates {
				return out
			}
		}
		if len(out) > 0 {
			break
		}
	}
	// Transliteration variants of large places (Odesa/Odessa, Kiev/Kyiv,
	// Zaporozhye/Zaporizhia), when the name itself finds no country,
	// subdivision or city of 100,000 or more.
	if !r.prominent(out) {
		vs := variants(t.Text)
		for _, name := range []string{vs[0], vs[len(vs)-1]} {
			if gazetteer.IsCode(name) || len(name) < 4 {
				continue
			}
			for _, i := range r.G.LookupVariant(name) {
				if !seen[i] {
					seen[i] = true
					out = append(out, cand{i: i, alias: true, variant: true})
				}
			}
		}
	}
	// "North Africa", "Western US": the place the direction qualifies.
	// "Colorado State University", "Liverpool Academy": a place inside a
	// longer name. Both with lower confidence.
	if len(out) == 0 {
		for n, sub := range subNames(t.Text) {
			direction := n == 0 && directions[strings.ToLower(strings.Fields(t.Text)[0])]
			for _, i := range r.G.Lookup(sub) {
				e := r.G.Entry(i)
				ok := e.Kind == gazetteer.KindAdmin1 || e.Kind == gazetteer.KindCity && e.Population >= 100000
				if !direction && e.Kind == gazetteer.KindCountry && !gazetteer.IsCode(sub) {
					ok = true // "Colorado State University", "Ukrainian Ministry of Defence"
				}
				if !seen[i] && ok {
					seen[i] = true
					out = append(out, cand{i: i, alias: true})
				}
			}
			if len(out) > 0 {
				break
			}
		}
	}
	// A demonym ("Canadian") means its country more often than a town
	// of that name.
	if i, ok := r.G.Demonym(t.Text); ok && !seen[i] {
		out = append(out, cand{i: i})
	}
	return out
}

// prominent reports whether cs holds a continent, country, subdivision or
// city of 100,000 or more people.
func (r *Resolver) prominent(cs []cand) bool {
	for _, c := range cs {
		e := r.G.Entry(c.i)
		if e.Kind != gazetteer.KindCity || e.Population >= 100000 {
			return true
		}
	}
	return false
}

// variants returns the forms of a place name to look up, best first.
func variants(s string) []string {
	s = strings.TrimSpace(s)
	out := []string{s}
	add := func(v string) {
		v = strings.TrimSpace(v)
		if v != "" && v != out[len(out)-1] {
			out = append(out, v)
		}
	}
	low := strings.ToLower(s)
	for _, p := range []string{"the ", "city of ", "state of ", "republic of ", "province of "} {
		if strings.HasPrefix(low, p) {
			add(s[len(p):])
			low = strings.ToLower(out[len(out)-1])
			s = out[len(out)-1]
		}
	}
	for _, suf := range []string{"'s", "’s"} {
		if strings.HasSuffix(s, suf) {
			add(s[:len(s)-len(suf)])
			s = out[len(out)-1]
			low = strings.ToLower(s)
		}
	}
	for _, suf := range []string{" region", " oblast", " province", " state", " county", " district", " city", " governorate", " prefecture", " area"} {
		if strings.HasSuffix(low, suf) && len(s) > len(suf)+2 {
			add(s[:len(s)-len(suf)])
		}
	}
	return out
}

var directions = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true,
	"western": true, "central": true, "upper": true, "lower": true, "greater": true, "northeast": true, "northwest": true, "southeast": true,
	"southwest": true, "north-east": true, "north-west": true, "south-east": true, "south-west": true, "mid": true, "inner": true, "outer": true}

// subNames returns the shorter names inside a multi-word name, longest
// first: without a leading direction word, then every run of its
// capitalised words.
func subNames(s string) []string {
	words := strings.Fields(s)
	if len(words) < 2 {
		return nil
	}
	var out []string
	if directions[strings.ToLower(words[0])] {
		out = append(out, strings.Join(words[1:], " "))
	}
	for n := len(words) - 1; n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			w := words[i : i+n]
			if w[0] == "" || w[0][0] < 'A' || w[0][0] > 'Z' || directions[strings.ToLower(w[0])] {
				continue
			}
			out = append(out, strings.Join(w, " "))
		}
	}
	return out
}

// context is what the article says about where it is.
type docContext struct {
	countries map[string]float64 // ISO code → votes
	admins    map[string]float64 // "CC.admin1" → votes
	anchors   []anchor           // places resolved with confidence
	// dirVotes are the votes in countries that came from direction names
	// ("West"), which do not by themselves make a country the article's.
	dirVotes map[string]float64

	// near indexes anchors by place and memoises nearness per gazetteer
	// entry, so that the second pass costs the same for every toponym
	// however many places the article names (it was quadratic).
	near *anchorIndex
	// adminCountries counts, per country, the subdivisions in admins with
	// votes.
	adminCountries map[string]int
}

type anchor struct {
	lat, lon float64
	topo     int // index of the toponym it came from
}

// nearRadius is the distance in km within which an anchor supports a
// place.
const nearRadius = 150

// anchorIndex holds the anchors of an article, one per gazetteer entry,
// in cells of cellDeg degrees.
type anchorIndex struct {
	cells map[[2]int][]anchorPoint
	memo  map[int32]nearHit
}

type anchorPoint struct {
	lat, lon float64
	topo     int  // a toponym it came from
	many     bool // it came from more than one toponym
}

// nearHit is what lies within nearRadius of an entry: no anchor, anchors of
// one toponym (topo), or anchors of several.
type nearHit struct {
	n    int // 0, 1 or 2 (two or more toponyms)
	topo int
}

const cellDeg = 1.5

func cellOf(lat, lon float64) [2]int {
	return [2]int{int(math.Floor(lat / cellDeg)), int(math.Floor(lon / cellDeg))}
}

// newAnchorIndex indexes anchors; entries[k] is the gazetteer entry of
// anchors[k].
func newAnchorIndex(anchors []anchor, entries []int32) *anchorIndex {
	x := &anchorIndex{cells: map[[2]int][]anchorPoint{}, memo: map[int32]nearHit{}}
	at := map[int32]int{} // entry → its position in its cell
	for k, a := range anchors {
		c := cellOf(a.lat, a.lon)
		if p, ok := at[entries[k]]; ok {
			if pt := &x.cells[c][p]; pt.topo != a.topo {
				pt.many = true
			}
			continue
		}
		at[entries[k]] = len(x.cells[c])
		x.cells[c] = append(x.cells[c], anchorPoint{lat: a.lat, lon: a.lon, topo: a.topo})
	}
	return x
}

// supports reports whether an anchor from a toponym other than ti lies
// within nearRadius of entry i at (lat, lon).
func (x *anchorIndex) supports(i int32, lat, lon float64, ti int) bool {
	h, ok := x.memo[i]
	if !ok {
		h = x.lookup(lat, lon)
		x.memo[i] = h
	}
	return h.n >= 2 || h.n == 1 && h.topo != ti
}

// lookup scans the cells that can hold a point within nearRadius of
// (lat, lon), until it has anchors of two toponyms.
func (x *anchorIndex) lookup(lat, lon float64) nearHit {
	var h nearHit
	c := cellOf(lat, lon)
	dLat := int(math.Ceil(nearRadius / 111.0 / cellDeg))
	nLon := int(math.Ceil(360 / cellDeg))
	dLon := nLon // near the poles: every cell of the band
	if cos := math.Cos((math.Abs(lat) + float64(dLat)*cellDeg) * math.Pi / 180); cos > 0.05 {
		dLon = int(math.Ceil(nearRadius / (111.0 * cos) / cellDeg))
	}
	if 2*dLon+1 > nLon {
		dLon = nLon / 2
	}
	for a := c[0] - dLat; a <= c[0]+dLat; a++ {
		for b := c[1] - dLon; b <= c[1]+dLon; b++ {
			// Cells wrap around the antimeridian.
			bb := b
			for bb < -nLon/2 {
				bb += nLon
			}
			for bb >= nLon/2 {
				bb -= nLon
			}
			for _, p := range x.cells[[2]int{a, bb}] {
				if gazetteer.Distance(p.lat, p.lon, lat, lon) >= nearRadius {
					continue
				}
				switch {
				case p.many:
					return nearHit{n: 2}
				case h.n == 0:
					h = nearHit{n: 1, topo: p.topo}
				case h.topo != p.topo:
					return nearHit{n: 2}
				}
			}
		}
	}
	return h
}

// countryAdmins returns how many subdivisions of country cc the article
// names (keys of admins with votes).
func (ctx *docContext) countryAdmins(cc string) int {
	if ctx.adminCountries == nil {
		ctx.adminCountries = map[string]int{}
		for k, v := range ctx.admins {
			if v > 0 {
				if dot := strings.IndexByte(k, '.'); dot >= 0 {
					ctx.adminCountries[k[:dot]]++
				}
			}
		}
	}
	return ctx.adminCountries[cc]
}

// Resolve resolves the toponyms of a text. text is scanned for demonyms
// ("Belarusian") that name the article's countries.
func (r *Resolver) Resolve(text string, tops []Toponym) []Resolution {
	cands := make([][]cand, len(tops))
	for i := range tops {
		cands[i] = r.candidates(&tops[i])
	}
	ctx := &docContext{countries: map[string]float64{}, admins: map[string]float64{}, dirVotes: map[string]float64{}}
	// Countries named outright, and demonyms in the text.
	for i, cs := range cands {
		if len(cs) == 0 {
			continue
		}
		e := r.G.Entry(cs[0].i)
		if e.Kind == gazetteer.KindCountry && !cs[0].alias || tops[i].Demonym {
			ctx.countries[e.Country]++
		}
		if e.Kind == gazetteer.KindAdmin1 && !cs[0].alias {
			ctx.admins[divisionKey(e)]++
			ctx.countries[e.Country] += 0.5
			if isDirectionName(tops[i].Text) {
				ctx.dirVotes[e.Country] += 0.5
			}
		}
	}
	capitalisedWords(text, func(w string) {
		if i, ok := r.G.Demonym(w); ok {
			ctx.countries[r.G.Entry(i).Country] += 0.5
		}
	})
	res := make([]Resolution, len(tops))
	r.pass(tops, cands, ctx, res)
	// Second pass: nearness to the places resolved with confidence.
	var entries []int32
	for i := range res {
		if res[i].Entry >= 0 && res[i].Confidence >= 0.75 {
			e := r.G.Entry(res[i].Entry)
			if e.Kind == gazetteer.KindCity || e.Kind == gazetteer.KindAdmin1 {
				ctx.anchors = append(ctx.anchors, anchor{e.Lat, e.Lon, i})
				entries = append(entries, res[i].Entry)
			}
		}
	}
	if len(ctx.anchors) > 0 {
		ctx.near = newAnchorIndex(ctx.anchors, entries)
		r.pass(tops, cands, ctx, res)
	}
	return res
}

func (r *Resolver) pass(tops []Toponym, cands [][]cand, ctx *docContext, res []Resolution) {
	for i := range tops {
		res[i] = Resolution{Toponym: tops[i], Entry: -1}
		cs := cands[i]
		if len(cs) == 0 {
			continue
		}
		for j := range cs {
			cs[j].score = r.score(&tops[i], i, cs, j, ctx)
		}
		best, second := 0, -1
		for j := 1; j < len(cs); j++ {
			if cs[j].score > cs[best].score {
				second, best = best, j
			} else if second < 0 || cs[j].score > cs[second].score {
				second = j
			}
		}
		margin := 4.0
		if second >= 0 {
			margin = cs[best].score - cs[second].score
		}
		conf := 0.5 + 0.5*math.Tanh(margin/2)
		if cs[best].alias {
			conf *= 0.9
		}
		if r.G.Entry(cs[best].i).NoPoint || r.foreignHamlet(&tops[i], cs[best].i, ctx) || r.unsupported(&tops[i], i, cs[best].i, ctx) || r.foreignDirection(&tops[i], cs[best].i, ctx) || r.featureTown(&tops[i], cs[best].i) || r.foreignVariant(cs[best], ctx) || r.planet(&tops[i], cs[best].i, ctx) || r.building(&tops[i], cs[best]) || naturalFeature(&tops[i], cs[best]) || shortWord(tops[i].Text) {
			continue // better no place than a wrong one
		}
		res[i].Entry = cs[best].i
		res[i].Confidence = math.Round(math.Min(conf, 0.99)*100) / 100
	}
}

func (r *Resolver) score(t *Toponym, ti int, cs []cand, j int, ctx *docContext) float64 {
	c := cs[j]
	e := r.G.Entry(c.i)
	pop := math.Log10(float64(e.Population) + 10)
	var s float64
	switch e.Kind {
	case gazetteer.KindContinent:
		s = 11
	case gazetteer.KindCountry:
		s = 10.5
	case gazetteer.KindAdmin1:
		if e.NoPoint {
			pop = 6 // population unknown: a typical subdivision
		}
		s = pop + 0.5
		if t.Region {
			s += 3
		}
		// Other subdivisions of its country named in the article: the
		// US state Georgia in a story that also names Alabama.
		// (Only against a country of the same name.)
		own := divisionKey(e)
		for _, o := range cs {
			if r.G.Entry(o.i).Kind != gazetteer.KindCountry {
				continue
			}
			if n := ctx.countryAdmins(e.Country); n > 1 || n == 1 && ctx.admins[own] <= 0 {
				s += 2
			}
			break
		}
	case gazetteer.KindCity:
		s = pop
		switch e.Feature {
		case "PPLC":
			s += 2.5
		case "PPLA":
			s += 0.7
		case "PPLA2":
			s += 0.3
		}
		if c.alias {
			s--
		}
		// Prominence: a city of 100,000 or more that dwarfs every other
		// place of its name (Geneva, Switzerland against Geneva, Illinois)
		// outweighs an article's weak country context; a qualifier or a
		// region cue still decides.
		if e.Population >= 100000 && r.dominant(cs, j) {
			s += prominenceBonus
		}
		// A city that shares its name with a subdivision it is the largest
		// city of: "New York", "Kyiv". News means the city (but a country
		// of that name comes first: "Mexico").
		for _, o := range cs {
			oe := r.G.Entry(o.i)
			if oe.Kind == gazetteer.KindCountry {
				break
			}
			if oe.Kind == gazetteer.KindAdmin1 && !oe.NoPoint && oe.Country == e.Country && gazetteer.Distance(oe.Lat, oe.Lon, e.Lat, e.Lon) < 400 && float64(e.Population) > 0.25*float64(oe.Population) && e.Population >= 100000 {
				s += 2.5
				break
			}
		}
	}
	if v := ctx.countries[e.Country]; v > 0 && e.Kind != gazetteer.KindContinent {
		s += 1.5 + 0.5*math.Min(v, 4)
	}
	if e.Kind == gazetteer.KindCity && ctx.admins[e.Country+"."+e.Admin1] > 0 {
		s += 1.5
	}
	if t.Qualifier != "" && r.qualifies(t.Qualifier, e) {
		s += 6
	}
	// Nearness to the article's other places picks among homonyms; it
	// does not turn a country's name into a city ("Mexico").
	if e.Kind == gazetteer.KindCity || e.Kind == gazetteer.KindAdmin1 {
		shared := false
		for _, o := range cs {
			if k := r.G.Entry(o.i).Kind; k == gazetteer.KindCountry || k == gazetteer.KindContinent {
				shared = true
				break
			}
		}
		if !shared && ctx.near != nil && ctx.near.supports(c.i, e.Lat, e.Lon, ti) {
			s += 1.5
		}
	}
	return s
}

// planets are names news uses for the planets (and the towns that bear
// them: Jupiter, Florida; Mars, Pennsylvania).
var planets = map[string]bool{"mercury": true, "venus": true, "mars": true, "jupiter": true, "saturn": true, "uranus": true,
	"neptune": true, "pluto": true}

// planet reports whether a planet's name resolved to a town that nothing in
// the article supports: no qualifier ("Jupiter, Florida") and no other place
// of its subdivision.
func (r *Resolver) planet(t *Toponym, i int32, ctx *docContext) bool {
	e := r.G.Entry(i)
	return e.Kind == gazetteer.KindCity && planets[gazetteer.Key(t.Text)] && t.Qualifier == "" && ctx.admins[e.Country+"."+e.Admin1] == 0
}

// buildingWords end the names of buildings, streets and other facilities
// ("White House", "Windsor Castle", "Washington Square"), which towns also
// bear (White House, Tennessee) or which hold a town's name.
var buildingWords = map[string]bool{"house": true, "hall": true, "tower": true, "towers": true, "castle": true,
	"palace": true, "church": true, "cathedral": true, "square": true, "street": true, "avenue": true, "road": true,
	"drive": true, "airport": true, "station": true, "bridge": true, "stadium": true, "arena": true, "center": true,
	"centre": true, "museum": true, "hospital": true, "school": true, "college": true, "university": true, "park": true,
	"mall": true, "building": true, "plaza": true, "wing": true}

// building reports whether a facility's name ("White House") resolved to a
// town of under 100,000 people, or to a place inside the longer name
// ("Windsor Castle" → Windsor): the facility is not the town.
func (r *Resolver) building(t *Toponym, c cand) bool {
	words := strings.Fields(t.Text)
	if len(words) < 2 || !buildingWords[strings.ToLower(words[len(words)-1])] || t.Qualifier != "" {
		return false
	}
	e := r.G.Entry(c.i)
	return c.alias || e.Kind == gazetteer.KindCity && e.Population < 100000
}

// naturalHeads end the names of rivers, lakes, seas and other natural
// features ("Mississippi River", "Nile Delta").
var naturalHeads = map[string]bool{"river": true, "delta": true, "lake": true, "sea": true, "ocean": true, "bay": true,
	"gulf": true, "strait": true, "straits": true, "peninsula": true, "mountains": true, "mountain": true, "valley": true,
	"canal": true, "desert": true, "forest": true, "creek": true, "falls": true, "glacier": true, "channel": true}

// naturalFeature reports whether a natural feature's name resolved only
// through a shorter name inside it (the state of Mississippi for the
// Mississippi River, Nigeria's Delta State for the Nile Delta): the
// gazetteer has no point for the feature, and the place inside its name
// is not it.
func naturalFeature(t *Toponym, c cand) bool {
	words := strings.Fields(t.Text)
	return len(words) >= 2 && c.alias && naturalHeads[strings.ToLower(words[len(words)-1])] && t.Qualifier == ""
}

// shortWord reports whether a name is a two-letter word that is not an
// all-capitals code ("La", "Sa"): never a place on its own.
func shortWord(s string) bool {
	return len(s) <= 2 && !gazetteer.IsCode(s)
}

// prominenceBonus is what a dominant city adds (see dominant).
const prominenceBonus = 2.5

// dominant reports whether candidate j is a city at least five times as
// populous as every other city or subdivision among cs, with no country or
// continent of the name.
func (r *Resolver) dominant(cs []cand, j int) bool {
	e := r.G.Entry(cs[j].i)
	for k, o := range cs {
		if k == j {
			continue
		}
		oe := r.G.Entry(o.i)
		switch oe.Kind {
		case gazetteer.KindCountry, gazetteer.KindContinent:
			return false
		case gazetteer.KindAdmin1:
			if oe.Country == e.Country {
				continue // its own subdivision ("New York")
			}
		}
		if oe.Population*5 > e.Population {
			return false
		}
	}
	return true
}

// foreignVariant reports whether a transliteration variant resolved to a
// city of under a million people in a country the article never names:
// a spelling variant is trusted where the story is.
func (r *Resolver) foreignVariant(c cand, ctx *docContext) bool {
	e := r.G.Entry(c.i)
	return c.variant && e.Population < 1000000 && ctx.countries[e.Country] == 0
}

// foreignHamlet reports whether e is a small town in a country the article
// never mentions while it does mention others: "Hampshire" in a British
// story has no British candidate, and a village in Illinois is not it.
func (r *Resolver) foreignHamlet(t *Toponym, i int32, ctx *docContext) bool {
	e := r.G.Entry(i)
	if e.Kind != gazetteer.KindCity || e.Population >= 50000 || t.Qualifier != "" || ctx.countries[e.Country] > 0 {
		return false
	}
	for _, v := range ctx.countries {
		if v >= 2 {
			return true
		}
	}
	return false
}

// unsupported reports whether e is a village that nothing in the article
// supports: no locative word before it, no qualifier, no other place of its
// subdivision and none nearby. "Atlantic", "Valley" and "Congress" are
// villages too.
func (r *Resolver) unsupported(t *Toponym, ti int, i int32, ctx *docContext) bool {
	e := r.G.Entry(i)
	if e.Kind != gazetteer.KindCity || e.Population >= 15000 || t.Qualifier != "" || t.Locative || ctx.admins[e.Country+"."+e.Admin1] > 0 {
		return false
	}
	return ctx.near == nil || !ctx.near.supports(i, e.Lat, e.Lon, ti)
}

// featureNames are oceans, seas, rivers, mountain ranges and deserts that
// news names without their generic word ("the Atlantic", "the Nile") and
// that small towns also bear (Atlantic, Iowa). The gazetteer has no points
// for them.
var featureNames = map[string]bool{"atlantic": true, "pacific": true, "arctic": true, "antarctic": true, "indian ocean": true,
	"mediterranean": true, "caribbean": true, "baltic": true, "adriatic": true, "aegean": true, "caspian": true, "north sea": true,
	"black sea": true, "red sea": true, "dead sea": true, "south china sea": true, "east china sea": true, "nile": true, "danube": true,
	"rhine": true, "amazon": true, "thames": true, "volga": true, "euphrates": true, "tigris": true, "yangtze": true, "ganges": true,
	"alps": true, "andes": true, "himalayas": true, "rockies": true, "appalachians": true, "urals": true, "sahara": true, "sahel": true,
	"outback": true, "arabian sea": true, "persian gulf": true, "gulf of mexico": true, "bay of bengal": true}

// featureTown reports whether a physical feature's name ("the Atlantic")
// resolved to a town of under 100,000 people that bears it.
func (r *Resolver) featureTown(t *Toponym, i int32) bool {
	e := r.G.Entry(i)
	if e.Kind != gazetteer.KindCity || e.Population >= 100000 || t.Qualifier != "" {
		return false
	}
	name := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(t.Text, "the "), "The "))
	return featureNames[name] || featureNames[strings.TrimSuffix(strings.TrimSuffix(name, " ocean"), " river")]
}

// directionNames are names that news uses for parts of the world or of a
// country ("the West", "the Gulf", "the West Coast") and that a few
// subdivisions bear as well.
var directionNames = map[string]bool{"west": true, "western": true, "east": true, "eastern": true, "north": true, "northern": true,
	"south": true, "southern": true, "central": true, "west coast": true, "east coast": true, "gulf": true, "north west": true,
	"north east": true, "south west": true, "south east": true, "northwest": true, "northeast": true, "southwest": true, "southeast": true,
	"midwest": true, "middle": true, "centre": true, "center": true, "coast": true, "coastal": true, "upper": true, "lower": true}

// foreignDirection reports whether a direction name ("Western") resolved
// to a subdivision or town of a country the article does not name
// (Sri Lanka's Western Province in a story about Europe).
func (r *Resolver) foreignDirection(t *Toponym, i int32, ctx *docContext) bool {
	e := r.G.Entry(i)
	if e.Kind != gazetteer.KindAdmin1 && e.Kind != gazetteer.KindCity || t.Qualifier != "" || ctx.countries[e.Country]-ctx.dirVotes[e.Country] > 0 {
		return false
	}
	return isDirectionName(t.Text)
}

func isDirectionName(text string) bool {
	name := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(text, "the "), "The "))
	for _, w := range regionSuffixes {
		name = strings.TrimSuffix(name, w)
	}
	return directionNames[name]
}

// regionSuffixes are the region words a toponym's text may end with.
var regionSuffixes = []string{" region", " province", " state", " area"}

// divisionKey returns "CC.admin1" for a subdivision in the GeoNames admin1
// codes its cities carry (CA.02 for British Columbia), or with its ISO code
// where the sources tie it to no GeoNames division.
func divisionKey(e *gazetteer.Entry) string {
	if e.GNAdmin1 != "" {
		return e.Country + "." + e.GNAdmin1
	}
	return e.Country + "." + e.Admin1
}

// qualifies reports whether e lies in the place named by q.
func (r *Resolver) qualifies(q string, e *gazetteer.Entry) bool {
	for _, qi := range r.G.Lookup(q) {
		qe := r.G.Entry(qi)
		switch qe.Kind {
		case gazetteer.KindCountry:
			if qe.Country == e.Country {
				return true
			}
		case gazetteer.KindAdmin1:
			if qe.Country == e.Country && (divisionKey(qe) == e.Country+"."+e.Admin1 || qe.NoPoint || gazetteer.Distance(qe.Lat, qe.Lon, e.Lat, e.Lon) < 300) {
				return true
			}
		}
	}
	return false
}

// Place converts a resolution to a [news.Place]; ok is false when it is
// unresolved.
func (r *Resolver) Place(res Resolution) (news.Place, bool) {
	if res.Entry < 0 {
		return news.Place{}, false
	}
	e := r.G.Entry(res.Entry)
	p := news.Place{
		Span:       res.Span,
		Text:       res.Text,
		Entity:     res.Entity,
		Name:       e.Name,
		Country:    e.Country,
		Lat:        e.Lat,
		Lon:        e.Lon,
		GeoNames:   e.GeoNames,
		Confidence: res.Confidence,
	}
	switch e.Kind {
	case gazetteer.KindContinent:
		p.Feature = "continent"
	case gazetteer.KindCountry:
		p.Feature = "country"
	case gazetteer.KindAdmin1:
		p.Feature = "admin1"
		p.Admin1 = e.Admin1
	default:
		p.Feature = "city"
		p.Admin1 = e.Admin1
	}
	return p, true
}

// capitalisedWords calls f with each word of text that starts with a
// capital (words are runs of letters, hyphens, apostrophes and non-ASCII
// characters), without a trailing "'s".
func capitalisedWords(text string, f func(w string)) {
	inWord := func(c byte) bool {
		return c == '-' || c == '\'' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c >= 0x80
	}
	for i := 0; i < len(text); {
		if !inWord(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && inWord(text[j]) {
			j++
		}
		if w := text[i:j]; w[0] >= 'A' && w[0] <= 'Z' {
			f(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
		}
		i = j
	}
}

// sortToponyms sorts by start, then longest first.
func sortToponyms(ts []Toponym) {
	sort.SliceStable(ts, func(i, j int) bool {
		if ts[i].Start != ts[j].Start {
			return ts[i].Start < ts[j].Start
		}
		return ts[i].End > ts[j].End
	})
}
