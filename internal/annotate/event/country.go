package event

import (
	"strings"

	"golang.org/x/text/language"
)

// alpha3 converts an ISO 3166-1 alpha-2 code to alpha-3 ("BY" → "BLR"), or
// returns "".
func alpha3(code string) string {
	if len(code) == 3 {
		return strings.ToUpper(code)
	}
	r, err := language.ParseRegion(code)
	if err != nil || !r.IsCountry() {
		return ""
	}
	return r.ISO3()
}

// countryName returns the name of a country for an adjective: the
// dictionary's one-word name for the code that shares the longest prefix
// with the adjective ("Russian" → "Russia"), else the adjective.
func countryName(code, adj string) string {
	best, bestN := "", 0
	a := strings.ToLower(adj)
	for _, n := range countryWords[code] {
		k := 0
		for k < len(n) && k < len(a) && n[k] == a[k] {
			k++
		}
		if k > bestN {
			best, bestN = n, k
		}
	}
	if bestN >= 3 {
		return title(best)
	}
	if n, ok := countryNames[code]; ok {
		return n
	}
	return adj
}

// countryWords lists the one-word names of each country code.
var countryWords = map[string][]string{}

// buildCountryNames picks, for each country code of the dictionary, a name
// to stand for it: the first single-word name that is not an adjective,
// else the first name.
func (d *Dict) buildCountryNames(order []string) {
	for _, n := range order {
		ai := d.actors[n]
		if ai.sector != "" || ai.country == "" {
			continue
		}
		if !strings.Contains(n, " ") && !isAdjective([]tok{{low: n}}) {
			countryWords[ai.country] = append(countryWords[ai.country], n)
		}
		cur, ok := countryNames[ai.country]
		adj := isAdjective([]tok{{low: n}})
		switch {
		case !ok:
			countryNames[ai.country] = title(n)
		case !adj && (isAdjective([]tok{{low: strings.ToLower(cur)}}) || strings.Contains(cur, " ")) && !strings.Contains(n, " "):
			countryNames[ai.country] = title(n)
		}
	}
}

func title(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		if w != "" {
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(ws, " ")
}
