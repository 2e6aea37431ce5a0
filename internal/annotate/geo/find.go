package geo

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

// Options says which toponyms [Find] reports.
type Options struct {
	// Demonyms also reports adjectives and demonyms that stand for a
	// country ("Russian"), as geoparsing benchmarks annotate them. The
	// stage leaves them out: they are NORP mentions, not places.
	Demonyms bool
}

// A capitalised run is a run of capitalised words, possibly joined by "of",
// "de", "al" and the like ("Republic of Belarus", "Rio de Janeiro"); a
// capitalised word is "Warsaw", "U.S.", "St.", "Saint-Étienne". The
// scanners below match what the expression
//
//	tok(?:[ \t]+(?:(?:of|de|del|da|do|dos|al|el|la|le|upon|am|an der)[ \t]+)?tok)*
//	tok = (?:(?:\p{Lu}\.){2,}|(?:St|Mt|Ft|Pt)\.|\p{Lu}[\p{L}\p{M}'’-]*)
//
// matches, in one pass without backtracking.

// joiners are the lower-case words a capitalised run may contain.
var joiners = []string{"of", "de", "del", "da", "do", "dos", "al", "el", "la", "le", "upon", "am", "an der"}

// capTokAt returns the end of the capitalised word at i, or -1.
func capTokAt(text string, i int) int {
	r, n := utf8.DecodeRuneInString(text[i:])
	if !unicode.IsUpper(r) {
		return -1
	}
	// U.S., U.K.: two or more capital-dot pairs.
	j, pairs := i, 0
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) || j+n >= len(text) || text[j+n] != '.' {
			break
		}
		j += n + 1
		pairs++
	}
	if pairs >= 2 {
		return j
	}
	if len(text)-i >= 3 && text[i+2] == '.' {
		switch text[i : i+2] {
		case "St", "Mt", "Ft", "Pt":
			return i + 3
		}
	}
	j = i + n
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !(unicode.IsLetter(r) || unicode.IsMark(r) || r == '\'' || r == '’' || r == '-') {
			break
		}
		j += n
	}
	return j
}

// capRunAt returns the end of the capitalised run at i, or -1.
func capRunAt(text string, i int) int {
	end := capTokAt(text, i)
	if end < 0 {
		return -1
	}
	for {
		j := end
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j == end {
			return end
		}
		next := -1
		for _, w := range joiners {
			if strings.HasPrefix(text[j:], w) {
				k := j + len(w)
				if k < len(text) && (text[k] == ' ' || text[k] == '\t') {
					for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
						k++
					}
					if e := capTokAt(text, k); e >= 0 {
						next = e
						break
					}
				}
			}
		}
		if next < 0 {
			next = capTokAt(text, j)
		}
		if next < 0 {
			return end
		}
		end = next
	}
}

// capRuns returns the [start, end) byte spans of the capitalised runs of
// text, leftmost first, without overlaps.
func capRuns(text string) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf && (c < 'A' || c > 'Z') {
			i++
			continue
		}
		if e := capRunAt(text, i); e > i {
			out = append(out, [2]int{i, e})
			i = e
			continue
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return out
}

// locative words put a place after them.
var locative = map[string]bool{"near": true, "outside": true, "in": true, "from": true, "to": true, "at": true, "across": true, "around": true,
	"towards": true, "toward": true, "via": true, "into": true, "throughout": true, "of": true, "inside": true, "between": true, "and": true,
	"through": true, "within": true, "north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true, "eastern": true,
	"western": true, "central": true, "downtown": true, "suburbs": true, "visit": true, "visited": true, "left": true, "reached": true, "entered": true, "fled": true}

// starters are capitalised words that begin sentences and are not part of
// the names after them.
var starters = map[string]bool{"In": true, "On": true, "At": true, "From": true, "The": true, "For": true, "But": true, "And": true, "When": true,
	"After": true, "Before": true, "As": true, "If": true, "While": true, "Since": true, "During": true, "A": true, "An": true, "Near": true,
	"Outside": true, "To": true, "By": true, "With": true, "Like": true, "Unlike": true, "Across": true, "Many": true, "Some": true, "Most": true,
	"His": true, "Her": true, "Their": true, "Its": true, "Our": true, "This": true, "That": true, "These": true, "Those": true, "Both": true,
	"Every": true, "All": true, "Still": true, "Yet": true, "So": true, "Then": true, "Today": true, "Meanwhile": true, "Also": true, "Under": true,
	"Over": true, "Inside": true, "Throughout": true, "Within": true, "Via": true, "Into": true, "Toward": true, "Towards": true, "Why": true,
	"How": true, "What": true, "Where": true, "Who": true, "Eventually": true, "Despite": true, "Although": true, "Though": true, "Because": true}

// regionWords follow a name to make it a region: "the Kyiv region".
var regionWords = map[string]bool{"region": true, "oblast": true, "province": true, "state": true, "county": true, "district": true, "governorate": true, "prefecture": true, "area": true}

// Find returns the toponyms of text: the mentions of type GPE and LOC, and
// the names the patterns and the gazetteer find, without overlaps. Other
// mentions (a PERSON "Washington") block the patterns.
func Find(g *gazetteer.Gazetteer, text string, mentions []news.Mention, opt Options) []Toponym {
	var out []Toponym
	var blocked []news.Span
	var orgs []news.Span // blocking mentions that may begin with a country: "US forces", "EU member states"
	for _, m := range mentions {
		switch m.Type {
		case news.GPE, news.Loc:
			out = append(out, Toponym{Span: m.Span, Text: m.Text, Entity: m.Entity})
		case news.NORP:
			if opt.Demonyms {
				if demonymOK(g, m.Text, opt) {
					out = append(out, Toponym{Span: m.Span, Text: m.Text, Entity: m.Entity, Demonym: true})
					continue
				}
			}
			blocked = append(blocked, m.Span)
		case news.Date, news.TimeOfDay, news.Money, news.Percent, news.Cardinal:
		case news.Person:
			blocked = append(blocked, m.Span)
		default:
			if m.Type == news.Org && bigCity(g, m.Text) {
				// An organisation mention that is nothing but the name of
				// a large city ("Shelling hit Zaporizhzhia") is the city.
				out = append(out, Toponym{Span: m.Span, Text: m.Text, Entity: m.Entity})
				continue
			}
			blocked = append(blocked, m.Span)
			orgs = append(orgs, m.Span)
		}
	}
	// The lookups below are indexed: a document may name millions of
	// places, and each check must not scan them all.
	blockedIx := news.NewSpanIndex(blocked)
	orgSet := make(map[news.Span]bool, len(orgs))
	for _, o := range orgs {
		orgSet[o] = true
	}
	fromMentions := len(out)
	mentionSpans := make([]news.Span, fromMentions)
	for i := range out[:fromMentions] {
		mentionSpans[i] = out[i].Span
	}
	mentionIx := news.NewSpanIndex(mentionSpans)
	// have returns the index in out of the first toponym that overlaps s,
	// or -1. Toponyms added below overlap nothing before them and come in
	// text order.
	have := func(s news.Span) int {
		if i := mentionIx.First(s); i >= 0 {
			return i
		}
		added := out[fromMentions:]
		k := sort.Search(len(added), func(k int) bool { return added[k].End > s.Start })
		for ; k < len(added) && added[k].Start < s.End; k++ {
			if added[k].Span.Overlaps(s) {
				return fromMentions + k
			}
		}
		return -1
	}
	for _, m := range capRuns(text) {
		start, end := m[0], m[1]
		run := text[start:end]
		// Drop a sentence starter ("In Ukraine") and trailing dots.
		for {
			sp := strings.IndexByte(run, ' ')
			if sp < 0 || !starters[run[:sp]] {
				break
			}
			start += sp + 1
			run = text[start:end]
		}
		if starters[run] {
			continue
		}
		for strings.HasSuffix(run, ".") && !isAbbrev(run) {
			end--
			run = text[start:end]
		}
		for strings.HasSuffix(run, "'s") || strings.HasSuffix(run, "’s") {
			end -= len("'s")
			if strings.HasSuffix(run, "’s") {
				end -= len("’s") - len("'s")
			}
			run = text[start:end]
		}
		if run == "" {
			continue
		}
		if calendarWords[run] {
			continue // "in March", "on Sunday"
		}
		// The whole run, or else the longest leading part of it that is a
		// prominent place or a demonym: "U.S. President", "Toronto Police",
		// "Russian President Vladimir Putin".
		l, demonym, end := lookupRun(g, text, start, end, opt)
		if end < 0 {
			continue
		}
		run = text[start:end]
		sp := news.Span{Start: start, End: end}
		if blockedIx.Any(sp) && !leadingCountry(g, sp, l, demonym, orgSet, blocked, blockedIx) {
			continue
		}
		prev := prevWord(text, start)
		next, nextEnd := nextWord(text, end)
		region := regionWords[strings.ToLower(next)]
		if i := have(sp); i >= 0 {
			if region {
				out[i].Region = true
			}
			continue
		}
		strong := demonym
		for _, i := range l {
			switch g.Entry(i).Kind {
			case gazetteer.KindCountry, gazetteer.KindContinent:
				strong = true
			case gazetteer.KindAdmin1:
				// "the Centre" (India's central government), "Central":
				// a direction name needs a locative word or a qualifier.
				if !directionNames[strings.ToLower(run)] {
					strong = true
				}
			case gazetteer.KindCity:
				if g.Entry(i).Population >= 100000 && !starterPosition(text, start) {
					strong = true
				}
			}
		}
		if !strong && !locative[strings.ToLower(prev)] && !region && !followedByPlace(g, text, end) {
			continue
		}
		t := Toponym{Span: sp, Text: run, Region: region, Demonym: demonym}
		if region {
			// "the Kyiv region": the span takes the region word.
			t.Span.End = nextEnd
			t.Text = text[start:nextEnd]
		}
		out = append(out, t)
	}
	sortToponyms(out)
	out = dedupe(out)
	Hints(text, out)
	return out
}

// bigCity reports whether name is, as a whole, the name or a
// transliteration variant of a city of 250,000 or more people and of no
// country or subdivision.
func bigCity(g *gazetteer.Gazetteer, name string) bool {
	if strings.ContainsAny(name, " .") {
		return false
	}
	l := g.Lookup(name)
	if len(l) == 0 {
		l = g.LookupVariant(name)
	}
	big := false
	for _, i := range l {
		e := g.Entry(i)
		if e.Kind != gazetteer.KindCity {
			return false
		}
		big = big || e.Population >= 250000
	}
	return big
}

// leadingCountry reports whether sp, blocked by other mentions, is a country,
// continent or placed subdivision (or a country's demonym) that begins a
// mention other than a person's ("US forces", "EU member states",
// "California National Guard"): news names the place there, and geoparsing
// benchmarks annotate it.
func leadingCountry(g *gazetteer.Gazetteer, sp news.Span, l []int32, demonym bool, orgs map[news.Span]bool, blocked []news.Span, blockedIx *news.SpanIndex) bool {
	country := demonym
	for _, i := range l {
		if k := g.Entry(i).Kind; k == gazetteer.KindCountry || k == gazetteer.KindContinent || k == gazetteer.KindAdmin1 && !g.Entry(i).NoPoint {
			country = true
		}
	}
	if !country {
		return false
	}
	ok := true
	blockedIx.Overlapping(sp, func(i int) bool {
		b := blocked[i]
		ok = orgs[b] && b.Start == sp.Start && sp.End <= b.End
		return ok
	})
	return ok
}

// Hints sets the Region and Qualifier hints of toponyms sorted by start
// from the text around them: "the Kyiv region", "Warsaw, Poland".
func Hints(text string, ts []Toponym) {
	for i := range ts {
		if locative[strings.ToLower(prevWord(text, ts[i].Start))] {
			ts[i].Locative = true
		}
		if next, _ := nextWord(text, ts[i].End); regionWords[strings.ToLower(next)] {
			ts[i].Region = true
		}
		if strings.Contains(strings.ToLower(ts[i].Text), " ") {
			if last := ts[i].Text[strings.LastIndexByte(ts[i].Text, ' ')+1:]; regionWords[strings.ToLower(last)] {
				ts[i].Region = true
			}
		}
		if i+1 < len(ts) && ts[i+1].Start >= ts[i].End && strings.TrimSpace(text[ts[i].End:ts[i+1].Start]) == "," {
			ts[i].Qualifier = ts[i+1].Text
		}
	}
}

// calendarWords are capitalised words that name months and days, not
// places (there are towns called March and Sunday).
var calendarWords = map[string]bool{"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true, "Monday": true,
	"Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true}

// lookupRun looks up the capitalised run text[start:end], or failing that
// its longest leading part that names a country, continent, subdivision or
// city of 100,000 or more, or (with opt.Demonyms) a demonym. It returns the
// entries, whether the match is a demonym, and the end of the match, or -1.
func lookupRun(g *gazetteer.Gazetteer, text string, start, end int, opt Options) ([]int32, bool, int) {
	run := text[start:end]
	if l := g.Lookup(run); len(l) > 0 {
		return l, false, end
	}
	if demonymOK(g, run, opt) {
		return nil, true, end
	}
	for e := strings.LastIndexByte(run, ' '); e > 0; e = strings.LastIndexByte(run[:e], ' ') {
		part := strings.TrimRight(run[:e], " ")
		for _, i := range g.Lookup(part) {
			en := g.Entry(i)
			if en.Kind != gazetteer.KindCity || en.Population >= 100000 {
				return g.Lookup(part), false, start + len(part)
			}
		}
		if demonymOK(g, part, opt) {
			return nil, true, start + len(part)
		}
	}
	return nil, false, -1
}

// demonymOK reports whether s is a demonym used as an adjective: plurals
// ("Canadians") name people, not places.
func demonymOK(g *gazetteer.Gazetteer, s string, opt Options) bool {
	if !opt.Demonyms {
		return false
	}
	if _, ok := g.Demonym(s); !ok {
		return false
	}
	if strings.HasSuffix(s, "s") {
		if _, ok := g.Demonym(s[:len(s)-1]); ok {
			return false
		}
	}
	return true
}

func dedupe(ts []Toponym) []Toponym {
	var out []Toponym
	for _, t := range ts {
		if len(out) > 0 && out[len(out)-1].Span.Overlaps(t.Span) {
			continue
		}
		out = append(out, t)
	}
	return out
}

func isAbbrev(s string) bool {
	return strings.Count(s, ".") >= 2 && len(s) <= 6 // U.S., U.K.
}

func prevWord(text string, start int) string {
	i := start
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 && isWordByte(text[j-1]) {
		j--
	}
	return text[j:i]
}

func nextWord(text string, end int) (string, int) {
	i := end
	for i < len(text) && text[i] == ' ' {
		i++
	}
	j := i
	for j < len(text) && isWordByte(text[j]) {
		j++
	}
	return text[i:j], j
}

func isWordByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// starterPosition reports whether start begins a sentence or a line.
func starterPosition(text string, start int) bool {
	i := start
	for i > 0 && (text[i-1] == ' ' || text[i-1] == '"' || strings.HasSuffix(text[:i], "“")) {
		if strings.HasSuffix(text[:i], "“") {
			i -= len("“") - 1
		}
		i--
	}
	return i == 0 || strings.ContainsRune(".!?\n:", rune(text[i-1]))
}

// followedByPlace reports whether ", <country or subdivision>" follows.
func followedByPlace(g *gazetteer.Gazetteer, text string, end int) bool {
	if end >= len(text) || text[end] != ',' {
		return false
	}
	i := end + 1
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r' || text[i] == '\v' || text[i] == '\f') {
		i++
	}
	e := -1
	if i < len(text) {
		e = capRunAt(text, i)
	}
	if e < 0 {
		return false
	}
	for _, i := range g.Lookup(text[i:e]) {
		if k := g.Entry(i).Kind; k == gazetteer.KindCountry || k == gazetteer.KindAdmin1 {
			return true
		}
	}
	return false
}
