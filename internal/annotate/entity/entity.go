package entity

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/resolve"
)

// StageID is the ID of the entity stage.
const StageID = "annotate.entity"

// Version changes whenever the stage's output can change.
const Version = "2"

func init() {
	pipeline.Register(pipeline.Info{
		ID:       StageID,
		Version:  Version,
		Requires: []string{"annotate.ner"},
		Doc:      "groups named mentions into document-local entities (short forms, titles, acronyms, variants)",
		New:      func(json.RawMessage) (pipeline.Stage, error) { return pipeline.Func(Process), nil },
	})
}

// named reports whether mentions of type t name entities (rather than
// values such as dates or amounts).
func named(t news.EntityType) bool {
	switch t {
	case news.Person, news.Org, news.GPE, news.Loc, news.NORP, news.Fac, news.EventType, news.WorkOfArt, news.Law, news.Misc:
		return true
	}
	return false
}

// cluster is an entity being built.
type cluster struct {
	name   string // fullest clean name so far
	core   string // coreName(name)
	tokens []string
	types  map[news.EntityType]int
	forms  []string // clean forms in order of first use
	// formToks are the words of each form.
	formToks [][]string
	gender   Gender
	first    int // index of first mention
	members  []int
	credit   bool // started by a photo credit
}

// hasForm reports whether the cluster has the form name, up to case.
func (c *cluster) hasForm(name string) bool {
	for _, f := range c.forms {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	return false
}

func (c *cluster) typ() news.EntityType {
	// the most frequent specific type; MISC only when there is no other
	best, n := news.Misc, 0
	for _, t := range []news.EntityType{news.Person, news.Org, news.GPE, news.Loc, news.NORP, news.Fac, news.EventType, news.WorkOfArt, news.Law} {
		if c.types[t] > n {
			best, n = t, c.types[t]
		}
	}
	return best
}

func (c *cluster) isPerson() bool {
	return c.types[news.Person] > 0 && c.types[news.Person] >= c.types[news.Org]+c.types[news.GPE]
}

// Process groups a.Mentions into a.Entities and sets each mention's
// Entity. When a has no named mentions it first adds those [Find] sees.
func Process(ctx context.Context, a *news.Article) error {
	hasNamed := false
	for _, m := range a.Mentions {
		if named(m.Type) {
			hasNamed = true
			break
		}
	}
	if !hasNamed {
		a.Mentions = append(a.Mentions, Find(a.Text)...)
		sort.SliceStable(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("entity: %w", err)
	}
	credit := credits(a.Text, a.Mentions)
	n := len(a.Mentions)
	if len(a.Captions) == 0 {
		a.Entities = group(a.Mentions, credit)
		return nil
	}
	// Captions' names join the article's entities (after the text's, so
	// that the story's entities come first); an entity named only in
	// captions is marked as a caption fact.
	all := append([]news.Mention(nil), a.Mentions...)
	for _, c := range a.Captions {
		all = append(all, c.Mentions...)
	}
	a.Entities = group(all, credit)
	copy(a.Mentions, all[:n])
	k := n
	for i := range a.Captions {
		k += copy(a.Captions[i].Mentions, all[k:])
	}
	inText := map[string]bool{}
	for _, m := range a.Mentions {
		inText[m.Entity] = true
	}
	for i := range a.Entities {
		a.Entities[i].CaptionOnly = !inText[a.Entities[i].ID]
	}
	return nil
}

// Group returns the entities of the named mentions ms, in order of first
// mention, and sets each named mention's Entity field.
func Group(ms []news.Mention) []news.Entity { return group(ms, nil) }

// group is Group where the mentions in credit stand in photo credits: a
// credit's name is kept apart from the story's people and joins only a
// cluster with the very same name ("Image: David Titley" under an interview
// with David Titley), and no story mention joins a credit's cluster
// otherwise ("Photo: Valentin" is not Valentyn Oleksiyenko).
func group(ms []news.Mention, credit map[int]bool) []news.Entity {
	var cs []*cluster
	owner := make([]int, len(ms))
	for i := range owner {
		owner[i] = -1
	}
	ix := &clusterIndex{keys: map[string][]int{}}
	for i := range ms {
		m := &ms[i]
		if !named(m.Type) {
			continue
		}
		person := m.Type == news.Person || m.Type == news.Misc
		name, titles := CleanName(m.Text, person)
		if name == "" {
			continue
		}
		toks := strings.Fields(name)
		if len(toks) == 1 && companyWords[fold(name)] {
			continue // "Corp", "Inc": a company designator alone names no one
		}
		if m.Type == news.Misc && nationality(name, news.Misc) {
			m.Type = news.NORP // "European": a nationality adjective
		}
		if m.Type == news.Org && isCountry(name) {
			m.Type = news.GPE // "the US would help": the country, not an organisation
		}
		core := coreName(name)
		best := -1
		for _, k := range ix.candidates(name, toks, len(cs)) { // most recent first
			if credit[i] || cs[k].credit {
				if cs[k].hasForm(name) {
					best = k
					break
				}
				continue
			}
			if surnameAsOther(cs[k], m.Type, toks) {
				// "Zelenskyy" typed ORG after "Volodymyr Zelenskyy": the
				// person, and the mention's type says so.
				m.Type = news.Person
				best = k
				break
			}
			if !same(cs[k], m.Type, name, toks, core) {
				continue
			}
			if len(toks) > 1 {
				best = k
				break
			}
			// a lone name that fits several people ("Moreau" after Jeanne
			// and her father) goes to the one mentioned most
			if best < 0 || len(cs[k].members) > len(cs[best].members) {
				best = k
			}
		}
		if best < 0 {
			cs = append(cs, &cluster{types: map[news.EntityType]int{}, first: i, credit: credit[i]})
			best = len(cs) - 1
		}
		c := cs[best]
		c.types[m.Type]++
		if better(name, c.name) {
			c.name, c.tokens, c.core = name, toks, core
		}
		if !contains(c.forms, name) {
			c.forms = append(c.forms, name)
			c.formToks = append(c.formToks, toks)
			ix.add(best, name, toks)
		}
		if g := GenderOf(name, titles); g != Unknown && c.gender == Unknown {
			c.gender = g
		}
		c.members = append(c.members, i)
		owner[i] = best
	}
	out := make([]news.Entity, 0, len(cs))
	for k, c := range cs {
		id := "E" + strconv.Itoa(k+1)
		e := news.Entity{ID: id, Name: c.name, Type: c.typ(), Aliases: []string{}}
		for _, f := range c.forms {
			if f != c.name {
				e.Aliases = append(e.Aliases, f)
			}
		}
		out = append(out, e)
		for _, i := range c.members {
			ms[i].Entity = id
		}
	}
	return out
}

// clusterIndex finds the clusters a mention may join without comparing
// it with every cluster, which made grouping quadratic in the number of
// distinct names in a document. Every rule of [same] needs a shared key:
// a word of the name (up to spelling variants; equal forms, surnames,
// first names, core names and their suffixes share one), an acronym, or
// the country a name is or the nationality it names.
type clusterIndex struct {
	keys map[string][]int // key → clusters, ascending
	seen []int            // seen[k] is the last query that returned cluster k, plus one
	n    int              // queries so far
}

func wordKey(tok string) string { return "w:" + resolve.Skeleton(fold(tok)) }

// add records that cluster k has the form name (words toks).
func (x *clusterIndex) add(k int, name string, toks []string) {
	put := func(key string) {
		l := x.keys[key]
		if len(l) == 0 || l[len(l)-1] != k {
			x.keys[key] = append(l, k)
		}
	}
	for _, t := range toks {
		put(wordKey(t))
	}
	if len(toks) == 1 && isAllCaps(toks[0]) {
		put("a:" + strings.ReplaceAll(toks[0], ".", ""))
	}
	for _, a := range []string{Acronym(name), Acronym(coreName2(name))} {
		if a != "" {
			put("a:" + a)
		}
	}
	for _, c := range countryKeys(name) {
		put(c)
	}
}

// countryKeys are the keys of the country a name is or the nationality it
// names ("Belarusian" and "Belarusians" share one).
func countryKeys(name string) []string {
	var out []string
	if c := resolve.CountryOf(name, news.GPE); c != "" {
		out = append(out, "c:"+c)
	}
	if c := resolve.CountryOf(name, news.NORP); c != "" {
		out = append(out, "n:"+c)
	}
	return out
}

// candidates returns the clusters (of the first n) that share a key with
// the name, most recent first.
func (x *clusterIndex) candidates(name string, toks []string, n int) []int {
	x.n++
	for len(x.seen) < n {
		x.seen = append(x.seen, 0)
	}
	var out []int
	take := func(key string) {
		for _, k := range x.keys[key] {
			if x.seen[k] != x.n {
				x.seen[k] = x.n
				out = append(out, k)
			}
		}
	}
	for _, t := range toks {
		take(wordKey(t))
	}
	if len(toks) == 1 && isAllCaps(toks[0]) {
		take("a:" + strings.ReplaceAll(toks[0], ".", ""))
	}
	for _, a := range []string{Acronym(name), Acronym(coreName2(name))} {
		if a != "" {
			take("a:" + a)
		}
	}
	for _, c := range countryKeys(name) {
		take(c)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(out)))
	return out
}

// better reports whether name is a fuller form than cur: more words, then
// a capitalised organisation designator, then longer.
func better(name, cur string) bool {
	if cur == "" {
		return true
	}
	a, b := strings.Fields(name), strings.Fields(cur)
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	da, db := isCapitalized(a[len(a)-1]) && orgDesignators[fold(a[len(a)-1])], isCapitalized(b[len(b)-1]) && orgDesignators[fold(b[len(b)-1])]
	if da != db {
		return da
	}
	return len(name) > len(cur)
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// compatible reports whether a mention of type t may join cluster c.
func compatible(c *cluster, t news.EntityType) bool {
	ct := c.typ()
	if t == ct || t == news.Misc || ct == news.Misc {
		return true
	}
	// countries and other places are often typed either way
	place := func(x news.EntityType) bool { return x == news.GPE || x == news.Loc || x == news.Fac }
	if place(t) && place(ct) {
		return true
	}
	return false
}

// surnameAsOther reports whether a one-word mention typed ORG, GPE or
// MISC is the surname of a person cluster c named in full ("Zelenskyy"
// after "Volodymyr Zelenskyy"): the NER stage mistypes lone surnames.
func surnameAsOther(c *cluster, t news.EntityType, toks []string) bool {
	if len(toks) != 1 || t != news.Org && t != news.GPE && t != news.Misc || !c.isPerson() || orgDesignators[fold(toks[0])] {
		return false
	}
	sk := resolve.Skeleton(fold(toks[0]))
	for _, f := range c.forms {
		if ft := strings.Fields(f); len(ft) >= 2 && resolve.Skeleton(fold(ft[len(ft)-1])) == sk {
			return true
		}
	}
	return false
}

// same reports whether a mention of type t with clean name (tokens toks)
// names the thing cluster c names; core is coreName(name).
func same(c *cluster, t news.EntityType, name string, toks []string, core string) bool {
	if !compatible(c, t) {
		return false
	}
	person := t == news.Person || (t == news.Misc && c.isPerson())
	for _, f := range c.forms {
		if strings.EqualFold(f, name) {
			return true
		}
	}
	ct := c.typ()
	// A nationality word is not an organisation ("European" is not the
	// European Union), and a country is not an organisation named after
	// it ("US" is not the US Senate).
	if ct == news.Org && t != news.Org && nationality(name, t) || t == news.Org && ct != news.Org && nationality(c.name, ct) {
		return false
	}
	if ct == news.Org && isCountry(name) && !isCountry(c.name) || t == news.Org && isCountry(c.name) && !isCountry(name) {
		return false
	}
	// Countries and nationalities through the country tables: "Republic
	// of Belarus" is Belarus, "Belarusians" are "Belarusian".
	if k := resolve.CountryOf(name, t); k != "" && !person {
		if ck := resolve.CountryOf(c.name, ct); ck != "" {
			return k == ck
		}
		for _, f := range c.forms {
			if fk := resolve.CountryOf(f, ct); fk != "" {
				return k == fk
			}
		}
	}
	// Two organisations whose institution words differ are two
	// institutions: the European Council is not the European Union.
	if t == news.Org && ct == news.Org && institutionsDiffer(name, c.name) {
		return false
	}
	if person || c.isPerson() {
		return samePerson(c, toks)
	}
	// organisations and places
	if core != "" && core == c.core {
		return true
	}
	// an organisation's short form is the end of its full name ("the
	// Pirates" for "the Pittsburgh Pirates")
	if t == news.Org && c.typ() == news.Org {
		if suffixOf(core, c.core) || suffixOf(c.core, core) {
			return true
		}
	}
	// acronym ↔ expansion ("CPJ", "U.S."); a name that holds the acronym
	// as a word is named after it, not spelled out by it ("US Senate").
	if len(toks) == 1 && isAllCaps(toks[0]) {
		acr := strings.ReplaceAll(toks[0], ".", "")
		for _, f := range c.forms {
			if (Acronym(f) == acr || Acronym(coreName2(f)) == acr) && !hasWord(f, acr) {
				return true
			}
		}
	}
	for _, f := range c.forms {
		if ft := strings.Fields(f); len(ft) == 1 && isAllCaps(ft[0]) {
			acr := strings.ReplaceAll(ft[0], ".", "")
			if (Acronym(name) == acr || Acronym(coreName2(name)) == acr) && !hasWord(name, acr) {
				return true
			}
		}
	}
	return false
}

// companyWords are company designators that never name anything alone.
var companyWords = set("corp", "inc", "co", "ltd", "llc", "plc", "gmbh")

// hasWord reports whether one of name's words is w, dots ignored.
func hasWord(name, w string) bool {
	for _, f := range strings.Fields(name) {
		if strings.ReplaceAll(f, ".", "") == w {
			return true
		}
	}
	return false
}

// nationality reports whether a one-word name of type t is a nationality
// or continent adjective ("European", "Belarusian").
func nationality(name string, t news.EntityType) bool {
	if t != news.NORP && t != news.Misc && t != news.Org || strings.ContainsRune(name, ' ') {
		return false
	}
	return resolve.CountryOf(name, news.NORP) != ""
}

// isCountry reports whether name names a country.
func isCountry(name string) bool { return resolve.CountryOf(name, news.GPE) != "" }

// institutionWords are the designators that say which institution a name
// is: unlike "Battalion" and "unit", or "Inc" and "Corp", they are not
// interchangeable ("European Union" and "European Council" are two).
var institutionWords = set("party", "movement", "front", "committee", "council", "association", "foundation", "institute",
	"agency", "union", "organization", "organisation", "society", "federation", "league", "coalition", "alliance",
	"campaign", "network", "commission", "parliament", "court", "bank", "senate", "assembly", "ministry", "congress")

// institutionsDiffer reports whether both names carry institution words
// and they differ.
func institutionsDiffer(a, b string) bool {
	inst := func(s string) string {
		var out []string
		for _, f := range strings.Fields(s) {
			if lf := fold(f); institutionWords[lf] {
				out = append(out, lf)
			}
		}
		return strings.Join(out, " ")
	}
	ia, ib := inst(a), inst(b)
	return ia != "" && ib != "" && ia != ib
}

// coreName is an organisation's name without designators and articles,
// lower-cased, with spelling variants folded.
func coreName(name string) string {
	var keep []string
	for _, f := range strings.Fields(name) {
		lf := fold(f)
		if orgDesignators[lf] || lf == "the" {
			continue
		}
		keep = append(keep, resolve.Skeleton(lf))
	}
	return strings.Join(keep, " ")
}

// suffixOf reports whether the words of short end the words of long, and
// long has more of them.
func suffixOf(short, long string) bool {
	if short == "" || len(short) >= len(long) {
		return false
	}
	return strings.HasSuffix(long, " "+short)
}

// coreName2 is name without designators, case kept (for acronyms).
func coreName2(name string) string {
	var keep []string
	for _, f := range strings.Fields(name) {
		if orgDesignators[fold(f)] {
			continue
		}
		keep = append(keep, f)
	}
	return strings.Join(keep, " ")
}

// samePerson reports whether the name toks can be the person of cluster c:
// its surname agrees (up to spelling variants) with one of c's forms, and
// where both give first names, those agree too.
func samePerson(c *cluster, toks []string) bool {
	if len(toks) >= 2 {
		for _, ft := range c.formToks {
			if len(ft) >= 2 && !personCompatible(ft, toks) {
				return false // "Bill Clinton" never joins "Hillary Clinton"
			}
		}
	}
	for _, ft := range c.formToks {
		if personCompatible(ft, toks) {
			return true
		}
	}
	return false
}

// personCompatible reports whether two person names may be one person.
func personCompatible(a, b []string) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	la, lb := resolve.Skeleton(fold(a[len(a)-1])), resolve.Skeleton(fold(b[len(b)-1]))
	if la != lb {
		// "Hillary" alone may stand for "Hillary Clinton" only by first
		// name; allow it when one side is a lone word equal to the other's
		// first name.
		if len(a) == 1 && len(b) >= 2 && resolve.Skeleton(fold(b[0])) == la {
			return true
		}
		if len(b) == 1 && len(a) >= 2 && resolve.Skeleton(fold(a[0])) == lb {
			return true
		}
		return false
	}
	if len(a) == 1 || len(b) == 1 {
		return true
	}
	// both have first names: they must agree (initials agree with names)
	fa, fb := fold(a[0]), fold(b[0])
	if fa == fb || resolve.Skeleton(fa) == resolve.Skeleton(fb) {
		return true
	}
	ra, rb := []rune(fa), []rune(fb)
	if (len(ra) == 1 || len(rb) == 1) && ra[0] == rb[0] {
		return true
	}
	return false
}
