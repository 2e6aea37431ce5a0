package resolve

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

// CountryOf returns the country a name stands for through the gazetteer's
// country tables: for a place (GPE, LOC), the ISO 3166-1 alpha-2 code of the
// country it names in any official, short or common form ("Republic of
// Belarus", "Belarus", "U.S.", "the United States"); for a nationality
// (NORP, or a one-word MISC), the country of its demonym, singular or
// plural ("Belarusian", "Belarusians"), or "@" and the continent's name for
// a continent's ("European" → "@Europe"). It returns "" otherwise, and when
// the gazetteer cannot be loaded.
func CountryOf(name string, t news.EntityType) string {
	g, err := gazetteer.Default()
	if err != nil {
		return ""
	}
	name = strings.TrimSpace(name)
	switch t {
	case news.GPE, news.Loc:
		n := name
		if len(n) > 4 && strings.EqualFold(n[:4], "the ") {
			n = n[4:]
		}
		for _, i := range g.Lookup(n) {
			if e := g.Entry(i); e.Kind == gazetteer.KindCountry {
				return e.Country
			}
		}
	case news.NORP, news.Misc:
		if t == news.Misc && strings.ContainsRune(name, ' ') {
			return ""
		}
		if i, ok := g.Demonym(name); ok {
			e := g.Entry(i)
			if e.Kind == gazetteer.KindContinent {
				return "@" + e.Name
			}
			return e.Country
		}
	}
	return ""
}
