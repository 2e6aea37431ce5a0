package geo

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

// assignCountries sets the Country of the article's places, organisations
// and nationalities (ISO 3166-1 alpha-2):
//   - a place entity takes the country its mentions resolve to (most
//     often), or the country its name is, or, for a place the gazetteer
//     lacks and that holds no continent, the country of the places of the
//     sentence that first names it, else the article's main country;
//   - a nationality takes its demonym's country ("Belarusian" → BY);
//   - an organisation takes the country its name holds, by name, demonym or
//     the name of a city of 100,000 or more or a subdivision ("US Senate",
//     "Ukrainian Ministry of Defence", "Toronto Police"); an international
//     body or news agency the country of its seat (seats); a name that holds
//     a continent ("European Union") the seat or nothing; else the country
//     the places of the sentence that first names it resolve to, else the
//     article's main country (where its places resolve most often).
//
// People are left without one: where a person is from is not in a name.
func (r *Resolver) assignCountries(a *news.Article) {
	if len(a.Entities) == 0 {
		return
	}
	byEntity := map[string]map[string]int{}
	main := map[string]int{}
	for _, p := range a.Places {
		if p.Country == "" {
			continue
		}
		main[p.Country]++
		if p.Entity != "" {
			if byEntity[p.Entity] == nil {
				byEntity[p.Entity] = map[string]int{}
			}
			byEntity[p.Entity][p.Country]++
		}
	}
	focus := top(main)
	// The places of each sentence, for organisations named beside them.
	bySentence := map[int]map[string]int{}
	for _, p := range a.Places {
		if p.Country == "" {
			continue
		}
		k := a.SentenceOf(p.Start)
		if bySentence[k] == nil {
			bySentence[k] = map[string]int{}
		}
		bySentence[k][p.Country]++
	}
	firstSentence := map[string]int{}
	for _, m := range a.Mentions {
		if _, ok := firstSentence[m.Entity]; m.Entity != "" && !ok {
			firstSentence[m.Entity] = a.SentenceOf(m.Start)
		}
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		switch e.Type {
		case news.GPE, news.Loc, news.Fac:
			if c := top(byEntity[e.ID]); c != "" {
				e.Country = c
			} else if c := r.nameCountry(e.Name, false); c != "" {
				e.Country = c
			} else if r.continental(e.Name) {
				e.Country = "" // "Eastern Europe"
			} else if k, ok := firstSentence[e.ID]; ok && top(bySentence[k]) != "" {
				// a place the gazetteer lacks ("the Belarus House" in a
				// sentence set in Warsaw; "Donbas"): where its sentence is
				e.Country = top(bySentence[k])
			} else {
				e.Country = focus
			}
		case news.NORP:
			if j, ok := r.G.Demonym(e.Name); ok {
				e.Country = r.G.Entry(j).Country
			}
		case news.Org:
			if c, ok := seat(e); ok {
				e.Country = c
			} else if c := r.nameCountry(e.Name, true); c != "" {
				e.Country = c
			} else if r.continental(e.Name) {
				e.Country = ""
			} else if k, ok := firstSentence[e.ID]; ok && top(bySentence[k]) != "" {
				e.Country = top(bySentence[k])
			} else {
				e.Country = focus
			}
		}
	}
}

// top returns the key with the highest count (the smallest key on a tie),
// or "".
func top(m map[string]int) string {
	best, n := "", 0
	for k, v := range m {
		if v > n || v == n && k < best {
			best, n = k, v
		}
	}
	return best
}

// nameCountry returns the country a name is or holds: the whole name, or
// (inside, when inside is set) any run of up to three of its words, looked
// up as a country, a demonym, a subdivision or a city of 100,000 or more.
func (r *Resolver) nameCountry(name string, inside bool) string {
	words := strings.Fields(name)
	look := func(s string) string {
		if j, ok := r.G.Demonym(s); ok {
			return r.G.Entry(j).Country
		}
		for _, j := range r.G.Lookup(s) {
			e := r.G.Entry(j)
			switch {
			case e.Kind == gazetteer.KindCountry:
				return e.Country
			case e.Kind == gazetteer.KindAdmin1 && !e.NoPoint, e.Kind == gazetteer.KindCity && e.Population >= 100000:
				return e.Country
			}
		}
		return ""
	}
	if c := look(name); c != "" || !inside {
		return c
	}
	for n := min(3, len(words)); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			w := words[i : i+n]
			if w[0] == "" || !isUpperASCII(w[0][0]) && w[0][0] < 0x80 {
				continue
			}
			if c := look(strings.Join(w, " ")); c != "" {
				return c
			}
		}
	}
	return ""
}

func isUpperASCII(b byte) bool { return 'A' <= b && b <= 'Z' }

// seats are the countries where international bodies and news agencies
// that news names without a place have their seat.
var seats = map[string]string{
	"nato": "BE", "north atlantic treaty organization": "BE", "eu": "BE", "european union": "BE",
	"european commission": "BE", "european council": "BE", "council of the european union": "BE",
	"european parliament": "FR", "un": "US", "united nations": "US", "un security council": "US",
	"united nations security council": "US", "security council": "US", "world bank": "US", "imf": "US",
	"international monetary fund": "US", "who": "CH", "world health organization": "CH", "red cross": "CH",
	"international committee of the red cross": "CH", "icrc": "CH", "unhcr": "CH", "wto": "CH",
	"world trade organization": "CH", "osce": "AT", "opec": "AT", "iaea": "AT", "international atomic energy agency": "AT",
	"icc": "NL", "international criminal court": "NL", "interpol": "FR", "unesco": "FR", "oecd": "FR",
	"associated press": "US", "ap": "US", "reuters": "GB", "afp": "FR", "agence france-presse": "FR",
	"bloomberg": "US", "tass": "RU", "ria novosti": "RU", "xinhua": "CN", "bbc": "GB", "cnn": "US",
	"african union": "ET", "arab league": "EG", "asean": "ID", "g7": "", "g20": "",
}

// seat returns the seat country of an international body or news agency
// the entity names (by its name or an alias).
func seat(e *news.Entity) (string, bool) {
	for _, n := range append([]string{e.Name}, e.Aliases...) {
		k := strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(n), "the "), "The "))
		if c, ok := seats[k]; ok {
			return c, true
		}
	}
	return "", false
}

// continental reports whether a name holds a continent's name or demonym
// ("European Court of Human Rights", "African Development Bank"): an
// international body, not one country's.
func (r *Resolver) continental(name string) bool {
	for _, w := range strings.Fields(name) {
		if j, ok := r.G.Demonym(w); ok && r.G.Entry(j).Kind == gazetteer.KindContinent {
			return true
		}
		for _, j := range r.G.Lookup(w) {
			if r.G.Entry(j).Kind == gazetteer.KindContinent {
				return true
			}
		}
	}
	return false
}
