package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

// minNavRun is the fewest consecutive short lines taken for a site menu or
// a dropdown list. Real stories rarely list that many one-line items, and
// the rule asks more of the lines than shortness (see markNavigation).
const minNavRun = 8

// navAlone are whole lines that are site controls wherever they stand: no
// story has a paragraph that is only "Skip to content". Keys are normKey
// forms.
var navAlone = keySet("Listen Live", "Watch Live", "Listen Now", "Skip to content", "Skip to main content",
	"Skip to navigation", "Skip to search", "Sign in", "Sign out", "Log in", "Log out", "Sign in / Register",
	"Log in / Register", "Toggle navigation", "Back to top", "Open menu", "Close menu", "Main menu",
	"Related stories", "Related articles", "Related coverage", "Related content", "More stories",
	"Select a state", "Select a country", "Select your state", "Select your country", "Choose a state")

// menuWords may stand in lower case inside a title-case menu item.
var menuWords = map[string]bool{"&": true, "and": true, "of": true, "the": true, "to": true, "in": true,
	"a": true, "for": true, "+": true, "-": true, "|": true, "/": true, "on": true}

func keySet(lines ...string) map[string]bool {
	m := make(map[string]bool, len(lines))
	for _, l := range lines {
		m[normKey(l)] = true
	}
	return m
}

// isNavPhrase reports whether p is one of the site controls of navAlone.
func isNavPhrase(p string) bool {
	return len(p) <= 40 && navAlone[normKey(p)]
}

// isMenuItem reports whether p reads like an item of a site menu: at most
// three words and 30 bytes, no sentence punctuation, every word capitalised
// but for a few joining words ("Arts & Culture", "Things to Do").
func isMenuItem(p string) bool {
	if len(p) > 30 || strings.ContainsAny(p, ".!?,;:\"“”") {
		return false
	}
	words := strings.Fields(p)
	if len(words) == 0 || len(words) > 3 {
		return false
	}
	for k, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			continue
		}
		if k == 0 || !menuWords[w] {
			return false
		}
	}
	return true
}

// isPlaceItem reports whether p is, whole, the name of a country, a
// continent or a first-level subdivision (a US state, say) in the
// gazetteer: an item of a "choose your state/country" list.
func isPlaceItem(p string, g *gazetteer.Gazetteer) bool {
	if g == nil || len(p) > 50 || strings.ContainsAny(p, ".!?;:\"“”") || len(strings.Fields(p)) > 6 {
		return false
	}
	for _, e := range g.Lookup(p) {
		switch g.Entry(e).Kind {
		case gazetteer.KindCountry, gazetteer.KindAdmin1, gazetteer.KindContinent:
			return true
		}
	}
	return false
}

// placeGazetteer returns the embedded gazetteer, or nil when it cannot be
// loaded (the place-list rule then stays off). It is loaded only when a
// body has a long enough run of short lines.
var placeGazetteer = func() *gazetteer.Gazetteer {
	g, err := gazetteer.Default()
	if err != nil {
		return nil
	}
	return g
}

// markNavigation marks site navigation in paras (from index from on) as
// news.RemovedNavigation:
//   - a line that is only a site control ("Listen Live", "Skip to
//     content", "Sign in"), wherever it stands;
//   - a run of at least minNavRun consecutive lines that are each a
//     country, continent or state name (a dropdown list), allowing site
//     controls among them;
//   - in plain text only (structured is false), a run of at least
//     minNavRun consecutive title-case menu items of one to three words
//     that either holds a site control or is at least half one-word items
//     ("News", "Sports", "Weather", "Arts & Culture").
//
// A run is cut by any other line, so a short list inside a story (five
// countries, a list of names) stays. Lines already removed for another
// reason (a "Subscribe" prompt) neither cut a run nor count in it.
func markNavigation(paras []string, kinds []news.RemovedKind, from int, structured bool) {
	for j := from; j < len(paras); j++ {
		if kinds[j] == "" && isNavPhrase(paras[j]) {
			kinds[j] = news.RemovedNavigation
		}
	}
	var g *gazetteer.Gazetteer
	loaded := false
	for j := from; j < len(paras); {
		// A run: lines that are short enough to be menu or list items,
		// and removed lines between them.
		k, n := j, 0
		for ; k < len(paras); k++ {
			if kinds[k] != "" && kinds[k] != news.RemovedNavigation {
				continue
			}
			if kinds[k] == "" && (len(paras[k]) > 50 || len(strings.Fields(paras[k])) > 6) {
				break
			}
			n++
		}
		if n < minNavRun {
			j = k + 1
			continue
		}
		if !loaded {
			g, loaded = placeGazetteer(), true
		}
		// Within the span of short lines, find the maximal runs of lines
		// that are all places, or all menu items.
		markRuns(paras[j:k], kinds[j:k], func(p string) bool { return isPlaceItem(p, g) }, nil)
		if !structured {
			markRuns(paras[j:k], kinds[j:k], isMenuItem, func(items []string, hasControl bool) bool {
				one := 0
				for _, p := range items {
					if len(strings.Fields(p)) == 1 {
						one++
					}
				}
				return hasControl || 2*one >= len(items)
			})
		}
		j = k + 1
	}
}

// markRuns marks as navigation each maximal run of lines for which item
// holds (site controls inside it count towards its length; lines removed
// for another reason are skipped) that has at least minNavRun lines and,
// when accept is not nil, is accepted by it.
func markRuns(paras []string, kinds []news.RemovedKind, item func(string) bool, accept func(items []string, hasControl bool) bool) {
	for j := 0; j < len(paras); {
		var items []string
		var idx []int
		hasControl, controls := false, 0
		k := j
		for ; k < len(paras); k++ {
			if kinds[k] != "" && kinds[k] != news.RemovedNavigation {
				continue
			}
			if kinds[k] == news.RemovedNavigation && isNavPhrase(paras[k]) {
				hasControl = true
				controls++
				continue
			}
			if !item(paras[k]) {
				break
			}
			items = append(items, paras[k])
			idx = append(idx, k)
		}
		if len(items) > 0 && len(items)+controls >= minNavRun && (accept == nil || accept(items, hasControl)) {
			for _, x := range idx {
				kinds[x] = news.RemovedNavigation
			}
		}
		j = k + 1
	}
}
