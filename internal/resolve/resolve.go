// Package resolve links document-local entities to global ones across
// articles. It is a pure algorithm over a [Lookup] the store provides: for
// each local entity it computes blocking keys ([Keys]), asks the store for
// the global entities that share one, and decides ([Match]) whether one of
// them is the same real-world thing. Adding an article therefore costs in
// proportion to its entities, not to the size of the corpus.
//
// Blocking keys are built from a spelling skeleton ([Skeleton]) so that
// transliteration variants land in one block: "Zelensky" and "Zelenskyy",
// "Lukashenko" and "Lukashenka", "Kalinouski" and "Kalinowski". A person is
// blocked by surname and matched only when first names agree too, so
// "Pavel Kulazhanka" and "Pavel Kukhta" stay two people and "Bill Clinton"
// never joins "Hillary Clinton". An organisation is blocked and matched by
// its name without designators ("Kastus Kalinouski Battalion", "Kastus
// Kalinouski unit" and "the Kastus Kalinouski regiment" are one unit) or by
// its acronym; persons and organisations never match each other, so a unit
// named after a person is not that person.
package resolve

import (
	"context"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Candidate is a global entity the store returns for a blocking key.
type Candidate struct {
	ID      string
	Name    string
	Type    news.EntityType
	Aliases []string
	// NotNames are names a user split off the entity: an entity going by
	// one of them is never this one.
	NotNames []string
}

// Lookup finds global entities by blocking key. Stores implement it.
type Lookup interface {
	CandidatesByKey(ctx context.Context, keys []string) ([]Candidate, error)
}

// Resolve looks up the candidates that share a blocking key with e and
// returns the one that is the same real-world thing, if any.
func Resolve(ctx context.Context, lk Lookup, e news.Entity) (Candidate, bool, error) {
	keys := Keys(e)
	if len(keys) == 0 {
		return Candidate{}, false, nil
	}
	cands, err := lk.CandidatesByKey(ctx, keys)
	if err != nil {
		return Candidate{}, false, err
	}
	c, ok := Match(e, cands)
	return c, ok, nil
}

// class groups entity types that may be one thing across articles.
func class(t news.EntityType) string {
	switch t {
	case news.Person:
		return "p"
	case news.GPE, news.Loc, news.Fac:
		return "g"
	case news.Org, news.Misc, news.NORP, news.EventType, news.WorkOfArt, news.Law:
		return "o"
	}
	return string(t)
}

// compatible reports whether entities of types a and b may be one thing.
func compatible(a, b news.EntityType) bool {
	if a == b {
		return true
	}
	ca, cb := class(a), class(b)
	if ca != cb {
		return false
	}
	if ca == "o" {
		// organisations, events and laws are told apart by NER; only an
		// untyped (MISC) name may join another type of the class
		return a == news.Misc || b == news.Misc
	}
	return true
}

// Keys returns the blocking keys of an entity. Two entities that may be the
// same share at least one key. A person's keys are the skeletons of the
// surnames of its name and aliases; an organisation's are the skeletons of
// its name without designators, and the acronym a name is ("NATO"); a
// place's the skeleton of its name. An organisation known only by its
// expansion is found from its acronym once an article has given both
// ("the North Atlantic Treaty Organization (NATO)").
func Keys(e news.Entity) []string {
	seen := map[string]bool{}
	var keys []string
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	cl := class(e.Type)
	// Countries and nationalities meet through the country tables:
	// "Republic of Belarus" and "Belarus", "Belarusian" and "Belarusians".
	if k := countryKey(e); k != "" {
		add(k)
	}
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		words := nameWords(n)
		if len(words) == 0 {
			continue
		}
		switch cl {
		case "p":
			add("p:" + Skeleton(words[len(words)-1]))
		case "o":
			if core := orgCore(words); core != "" {
				add("o:" + core)
			}
			// an acronym is a key only where the name is one ("NATO"):
			// the initials of long names collide too often to block on
			if len(words) == 1 {
				if acr := acronym(n); acr != "" {
					add("o:#" + acr)
				}
			}
		default:
			add(cl + ":" + skeletonAll(words))
		}
	}
	return keys
}

// Match returns the candidate that is the same real-world thing as e, if
// any. Where several candidates fit, it prefers one whose name or alias
// equals e's name after normalisation; a lone surname that fits several
// people matches none of them.
func Match(e news.Entity, cands []Candidate) (Candidate, bool) {
	var fits []Candidate
	for _, c := range cands {
		if !compatible(e.Type, c.Type) || splitOff(e, c) {
			continue
		}
		if sameThing(e, c) {
			fits = append(fits, c)
		}
	}
	switch len(fits) {
	case 0:
		return Candidate{}, false
	case 1:
		return fits[0], true
	}
	n := Normalize(e.Name)
	for _, c := range fits {
		if Normalize(c.Name) == n {
			return c, true
		}
	}
	if class(e.Type) == "p" && len(nameWords(e.Name)) < 2 {
		return Candidate{}, false // ambiguous lone surname
	}
	for _, c := range fits {
		for _, a := range c.Aliases {
			if Normalize(a) == n {
				return c, true
			}
		}
	}
	return fits[0], true
}

// countryKey returns the blocking key of the country an entity names
// ("g:#BY" for Belarus in any form) or the nationality it is ("n:#BY" for
// Belarusian or Belarusians), or "".
func countryKey(e news.Entity) string {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		switch c := CountryOf(n, e.Type); {
		case c == "":
		case e.Type == news.GPE || e.Type == news.Loc:
			return "g:#" + c
		default:
			return "n:#" + c
		}
		// an untyped name (entity.Find's) may be a country's
		if e.Type == news.Misc {
			if c := CountryOf(n, news.GPE); c != "" {
				return "g:#" + c
			}
		}
	}
	return ""
}

// splitOff reports whether a name of e was split off c by a user.
func splitOff(e news.Entity, c Candidate) bool {
	for _, x := range c.NotNames {
		nx := Normalize(x)
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if Normalize(n) == nx {
				return true
			}
		}
	}
	return false
}

// sameThing reports whether e and c name one thing.
func sameThing(e news.Entity, c Candidate) bool {
	// Two names of countries, or two nationality words, are one thing
	// exactly when the country tables say they name one country.
	if ek := countryKey(e); ek != "" {
		if ck := countryKey(news.Entity{Name: c.Name, Type: c.Type, Aliases: c.Aliases}); ck != "" {
			return ek == ck
		}
	}
	switch class(e.Type) {
	case "p":
		if class(c.Type) != "p" {
			return false
		}
		return samePerson(allNames(e.Name, e.Aliases), allNames(c.Name, c.Aliases))
	case "o":
		ek, ck := map[string]bool{}, map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if core := orgCore(nameWords(n)); core != "" {
				ek[core] = true
			}
			if a := acronym(n); a != "" {
				ek["#"+a] = true
			}
		}
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if core := orgCore(nameWords(n)); core != "" {
				ck[core] = true
			}
			if a := acronym(n); a != "" {
				ck["#"+a] = true
			}
		}
		for k := range ek {
			if ck[k] {
				return true
			}
		}
		return false
	default:
		en := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			en[skeletonAll(nameWords(n))] = true
		}
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if en[skeletonAll(nameWords(n))] {
				return true
			}
		}
		return false
	}
}

func allNames(name string, aliases []string) [][]string {
	var out [][]string
	for _, n := range append([]string{name}, aliases...) {
		if w := nameWords(n); len(w) > 0 {
			out = append(out, w)
		}
	}
	return out
}

// samePerson reports whether two people, each given by all their name
// forms, are one: they share a surname skeleton, and every pair of full
// forms (first name and surname) agrees on the first name.
func samePerson(a, b [][]string) bool {
	shared := false
	for _, x := range a {
		for _, y := range b {
			if Skeleton(x[len(x)-1]) == Skeleton(y[len(y)-1]) {
				shared = true
			}
		}
	}
	if !shared {
		return false
	}
	for _, x := range a {
		for _, y := range b {
			if len(x) < 2 || len(y) < 2 {
				continue
			}
			if Skeleton(x[len(x)-1]) != Skeleton(y[len(y)-1]) {
				continue
			}
			if !firstNamesAgree(x[0], y[0]) {
				return false
			}
		}
	}
	return true
}

// firstNamesAgree reports whether two first names (or initials) may be one.
func firstNamesAgree(a, b string) bool {
	if a == b || Skeleton(a) == Skeleton(b) {
		return true
	}
	ra, rb := []rune(a), []rune(b)
	return (len(ra) == 1 || len(rb) == 1) && ra[0] == rb[0]
}

// orgDesignators are the head words dropped from an organisation's name
// before comparing it.
var orgDesignators = map[string]bool{
	"battalion": true, "regiment": true, "unit": true, "brigade": true, "division": true, "legion": true, "corps": true,
	"squad": true, "militia": true, "detachment": true, "inc": true, "corp": true, "corporation": true, "co": true,
	"ltd": true, "llc": true, "plc": true, "gmbh": true, "ag": true, "the": true,
}

// orgCore is the skeleton of an organisation's name without designators.
func orgCore(words []string) string {
	var keep []string
	for _, w := range words {
		if orgDesignators[w] {
			continue
		}
		keep = append(keep, Skeleton(w))
	}
	return strings.Join(keep, " ")
}

// acronym returns the acronym a name is ("NATO") or abbreviates to
// ("North Atlantic Treaty Organization" → "NATO"), lower-cased; "" for
// one ordinary word.
func acronym(name string) string {
	fields := strings.Fields(name)
	if len(fields) == 1 {
		f := strings.ReplaceAll(fields[0], ".", "")
		up := len(f) >= 2
		for _, r := range f {
			if !unicode.IsUpper(r) {
				up = false
			}
		}
		if up {
			return strings.ToLower(f)
		}
		return ""
	}
	var b strings.Builder
	n := 0
	for _, f := range fields {
		r := []rune(f)[0]
		if unicode.IsUpper(r) {
			b.WriteRune(unicode.ToLower(r))
			n++
		}
	}
	if n < 3 {
		return "" // two initials are too ambiguous
	}
	return b.String()
}

// nameWords returns the normalised words of a name.
func nameWords(name string) []string {
	return strings.Fields(Normalize(name))
}

func skeletonAll(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = Skeleton(w)
	}
	return strings.Join(out, " ")
}

// Normalize folds case, diacritics and punctuation of a name.
func Normalize(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	space := false
	s := strings.ToLower(name)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			s = norm.NFD.String(s)
			break
		}
	}
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark: dropped with its diacritic
		case r == '\'' || r == '’':
			// apostrophes join: "O'Brien" = "OBrien"
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

// skeletonRules rewrite spelling variants to one form, in order.
var skeletonRules = []struct{ from, to string }{
	{"ks", "x"}, {"cz", "ch"}, {"kh", "h"}, {"ph", "f"}, {"ck", "k"}, {"w", "v"}, {"ou", "ov"},
	{"dzh", "j"}, {"zh", "j"}, {"iy", "i"}, {"yi", "i"}, {"ii", "i"}, {"ie", "i"}, {"yo", "io"}, {"ya", "ia"}, {"yu", "iu"}, {"y", "i"},
	{"c", "k"},
}

// Skeleton folds one word's spelling variants into a key: it normalises
// case and diacritics, rewrites transliteration pairs (ks/x, kh/h, w/v,
// zh/j, y/i...), maps the Belarusian surname ending "-enka" to "-enko",
// and collapses doubled letters. "Zelenskyy", "Zelensky" and "Zelenskiy"
// share a skeleton; so do "Lukashenko" and "Lukashenka".
func Skeleton(word string) string {
	w := strings.ReplaceAll(Normalize(word), " ", "")
	if strings.HasSuffix(w, "enka") && len(w) > 6 {
		w = w[:len(w)-1] + "o"
	}
	for _, r := range skeletonRules {
		if strings.Contains(w, r.from) {
			w = strings.ReplaceAll(w, r.from, r.to)
		}
	}
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
