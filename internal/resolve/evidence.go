package resolve

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Evidence says, in a few words, why alias is a name of the entity called
// name (of type t): which of resolution's rules joins them. It returns ""
// when no rule does (a name a user merged in, or one an article's
// coreference gave).
func Evidence(t news.EntityType, name, alias string) string {
	n, a := Normalize(name), Normalize(alias)
	switch {
	case n == a:
		return "same name up to case, accents and punctuation"
	case CountryOf(name, t) != "" && CountryOf(name, t) == CountryOf(alias, t):
		if t == news.NORP || t == news.Misc {
			return "same nationality in the country tables (" + CountryOf(name, t) + ")"
		}
		return "same country in the country tables (" + CountryOf(name, t) + ")"
	}
	nw, aw := nameWords(name), nameWords(alias)
	if len(nw) == 0 || len(aw) == 0 {
		return ""
	}
	switch class(t) {
	case "p":
		ln, la := Skeleton(nw[len(nw)-1]), Skeleton(aw[len(aw)-1])
		if ln != la {
			if len(aw) == 1 && Skeleton(aw[0]) == Skeleton(nw[0]) {
				return "first name of the full name"
			}
			return ""
		}
		if len(aw) == 1 || len(nw) == 1 {
			if nw[len(nw)-1] == aw[len(aw)-1] {
				return "surname of the full name"
			}
			return "surname, a spelling variant (same skeleton " + ln + ")"
		}
		if nw[len(nw)-1] != aw[len(aw)-1] {
			return "spelling variant of the surname (same skeleton " + ln + "), first names agree"
		}
		return "same surname, first names agree"
	case "o":
		if orgCore(nw) == orgCore(aw) {
			return "same name without designators (" + orgCore(nw) + ")"
		}
		if x, y := acronym(name), acronym(alias); x != "" && x == y {
			return "acronym " + strings.ToUpper(x)
		}
		if c, s := orgCore(nw), orgCore(aw); strings.HasSuffix(" "+c, " "+s) || strings.HasSuffix(" "+s, " "+c) {
			return "short form: the end of the full name"
		}
	default:
		if skeletonAll(nw) == skeletonAll(aw) {
			return "spelling variant (same skeleton)"
		}
	}
	return ""
}
