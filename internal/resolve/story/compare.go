package story

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
)

// Comparison is the side-by-side view of how the outlets of a story told
// it: for each outlet, what it reports, and whether other outlets report
// it too.
type Comparison struct {
	Outlets []OutletReport `json:"outlets"`
	// Shared lists what at least two outlets report.
	Shared Facets `json:"shared"`
}

// Facets are the four things the view compares.
type Facets struct {
	// Entities are the people, organisations and places mentioned, one
	// item per global entity.
	Entities []Item `json:"entities"`
	// Quotes are what people said: one item per speaker and passage, and
	// two outlets share it when the same speaker says overlapping words.
	Quotes []Item `json:"quotes"`
	// Events are the coded events: one item per type, actor and target.
	Events []Item `json:"events"`
	// Figures are numbers with what they count ("50 members", "$50,000"),
	// matched by value and unit.
	Figures []Item `json:"figures"`
}

// OutletReport is what one outlet reports.
type OutletReport struct {
	Outlet    string   `json:"outlet"`
	Documents []string `json:"documents"`
	Facets
}

// Item is one entity, quote, event or figure.
type Item struct {
	// Key identifies the item across outlets: a global entity ID (or,
	// without a store, the entity's class and canonical key), for a quote
	// its speaker's key and passage, for an event its type, actor and
	// target keys, for a figure its value and unit.
	Key   string `json:"key"`
	Label string `json:"label"`
	// Outlets lists every outlet of the story that reports the item.
	Outlets []string `json:"outlets"`
	// Only is true when no other outlet reports it.
	Only bool `json:"only"`
	// Names are the spellings this outlet used for an entity (or for a
	// quote's speaker); in Shared, Spellings gives them per outlet. Two
	// outlets spelling one person differently is a finding.
	Names     []string            `json:"names,omitempty"`
	Spellings map[string][]string `json:"spellings,omitempty"`
	// Evidence is what this outlet says: the quotes, the sentence or
	// trigger of an event, the words around a figure (whole words).
	Evidence []string `json:"evidence,omitempty"`
}

// Input is one article to compare, with the global entities a store
// linked its document-local entities to.
type Input struct {
	Article *news.Article
	// Global maps document-local entity IDs to global entity IDs and names.
	// Where it is nil or has no entry, an entity is keyed by its class and
	// canonical key (resolve.CanonicalKey), as global IDs are made, so
	// spelling variants still agree.
	Global map[string]GlobalEntity
}

// GlobalEntity is a global entity as the compare view shows it.
type GlobalEntity struct {
	ID, Name string
}

// Compare builds the comparison of a story's articles without a store
// (see [Input.Global]).
func Compare(articles []*news.Article) Comparison {
	in := make([]Input, len(articles))
	for i, a := range articles {
		in[i] = Input{Article: a}
	}
	return CompareResolved(in)
}

// quoteRef is one quote on its way into a cluster of quotes that share a
// speaker and words.
type quoteRef struct {
	outlet  string
	speaker string // key
	label   string // speaker label
	name    string // the outlet's spelling
	text    string
	words   map[string]bool
	grams   map[string]bool
}

// CompareResolved builds the comparison of a story's articles. Articles are
// grouped by outlet ([Outlet]; an article of unknown outlet stands alone
// under its ID). Entities match by global entity; quotes when their
// speakers are one entity and they share words (a run of four words, or
// half of the content words of the shorter); events when type, actor and
// target resolve to the same entities (or, for actors that are no entity,
// the same country and role, else the same words); figures by value and
// unit. Only the clean text and its annotations are compared: removed page
// furniture and captions never are, and neither is a paragraph set in
// capitals (a promotional headline that slipped through). It is a pure
// function of its input.
func CompareResolved(in []Input) Comparison {
	type acc struct {
		docs  []string
		items [4]map[string]*Item // entities, quotes, events, figures
		names [4]map[string][]string
	}
	byOutlet := map[string]*acc{}
	var order []string
	var quotes []*quoteRef
	for _, x := range in {
		a := x.Article
		if a == nil {
			continue
		}
		o := Outlet(a)
		if o == "" {
			o = a.ID
		}
		ac := byOutlet[o]
		if ac == nil {
			ac = &acc{}
			for i := range ac.items {
				ac.items[i] = map[string]*Item{}
				ac.names[i] = map[string][]string{}
			}
			byOutlet[o] = ac
			order = append(order, o)
		}
		ac.docs = append(ac.docs, a.ID)
		add := func(f int, key, label, evidence string, names ...string) *Item {
			it := ac.items[f][key]
			if it == nil {
				it = &Item{Key: key, Label: label}
				ac.items[f][key] = it
			}
			if len(label) > len(it.Label) && f != 0 {
				it.Label = label
			}
			if evidence != "" && !containsStr(it.Evidence, evidence) {
				it.Evidence = append(it.Evidence, evidence)
			}
			for _, n := range names {
				if n != "" && !containsStr(it.Names, n) {
					it.Names = append(it.Names, n)
				}
			}
			return it
		}
		keys := entityRefs(a, x.Global)
		chrome := chromeSpans(a)
		// Entities: from the entity stage, else from mentions.
		if len(a.Entities) > 0 {
			for _, e := range a.Entities {
				if r, ok := keys[e.ID]; ok {
					add(0, r.key, r.label, "", append([]string{e.Name}, e.Aliases...)...)
				}
			}
		} else {
			for _, m := range a.Mentions {
				if nameLike(m.Type) {
					k := resolve.EntityClass(m.Type) + ":" + resolve.EntityKey(m.Type, []string{m.Text})
					add(0, k, m.Text, "", m.Text)
				}
			}
		}
		for _, q := range a.Quotes {
			if inAny(chrome, q.Span) {
				continue
			}
			r, ok := keys[q.Speaker]
			name := q.SpeakerName
			if e := a.EntityByID(q.Speaker); e != nil {
				name = e.Name
			}
			if !ok {
				if resolve.Normalize(name) == "" {
					continue
				}
				r = ref{key: "name:" + resolve.Normalize(name), label: name}
			}
			qr := &quoteRef{outlet: o, speaker: r.key, label: r.label, name: name, text: q.Text}
			qr.words, qr.grams = quoteWords(q.Text)
			quotes = append(quotes, qr)
		}
		for _, ev := range a.Events {
			if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) && inAny(chrome, a.Sentences[ev.Sentence]) {
				continue
			}
			actor := agentKey(keys, ev.Actor, ev.ActorName, ev.ActorCountry, ev.ActorType)
			target := agentKey(keys, ev.Target, ev.TargetName, ev.TargetCountry, ev.TargetType)
			if actor.key == "" && target.key == "" {
				continue // "something happened": nothing to match on
			}
			key := ev.Type + "|" + actor.key + "|" + target.key
			label := ev.Type + ": " + orDash(actor.label) + " → " + orDash(target.label)
			evidence := ev.Trigger.Text
			if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) {
				evidence = strings.Join(strings.Fields(a.Slice(a.Sentences[ev.Sentence])), " ")
			}
			add(2, key, label, evidence)
		}
		for _, f := range figures(a, chrome) {
			add(3, f.key, f.label, f.context)
		}
	}
	// Quotes: one cluster per speaker and overlapping words.
	cl := clusterQuotes(quotes)
	for i, q := range quotes {
		ac := byOutlet[q.outlet]
		root := quotes[cl[i]]
		key := q.speaker + "#" + strconv.Itoa(cl[i])
		it := ac.items[1][key]
		if it == nil {
			it = &Item{Key: key, Label: q.label + ": “" + clip(root.text, 90) + "”"}
			ac.items[1][key] = it
		}
		if !containsStr(it.Evidence, q.text) {
			it.Evidence = append(it.Evidence, q.text)
		}
		if q.name != "" && !containsStr(it.Names, q.name) {
			it.Names = append(it.Names, q.name)
		}
	}
	// Which outlets report each key.
	var outletsOf [4]map[string][]string
	for f := range outletsOf {
		outletsOf[f] = map[string][]string{}
		for _, o := range order {
			for k := range byOutlet[o].items[f] {
				outletsOf[f][k] = append(outletsOf[f][k], o)
			}
		}
	}
	cmp := Comparison{Outlets: []OutletReport{}, Shared: emptyFacets()}
	shared := [4]map[string]*Item{{}, {}, {}, {}}
	for _, o := range order {
		ac := byOutlet[o]
		r := OutletReport{Outlet: o, Documents: ac.docs, Facets: emptyFacets()}
		lists := [4]*[]Item{&r.Entities, &r.Quotes, &r.Events, &r.Figures}
		for f := range ac.items {
			for k, it := range ac.items[f] {
				it.Outlets = outletsOf[f][k]
				it.Only = len(it.Outlets) == 1
				sort.Strings(it.Names)
				*lists[f] = append(*lists[f], *it)
				if it.Only {
					continue
				}
				s := shared[f][k]
				if s == nil {
					s = &Item{Key: k, Label: it.Label, Outlets: it.Outlets}
					shared[f][k] = s
				}
				if len(it.Label) > len(s.Label) {
					s.Label = it.Label
				}
				for _, ev := range it.Evidence {
					if !containsStr(s.Evidence, ev) {
						s.Evidence = append(s.Evidence, ev)
					}
				}
				if len(it.Names) > 0 {
					if s.Spellings == nil {
						s.Spellings = map[string][]string{}
					}
					s.Spellings[o] = it.Names
				}
			}
			sortItems(*lists[f])
		}
		cmp.Outlets = append(cmp.Outlets, r)
	}
	sharedLists := [4]*[]Item{&cmp.Shared.Entities, &cmp.Shared.Quotes, &cmp.Shared.Events, &cmp.Shared.Figures}
	for f := range shared {
		for _, it := range shared[f] {
			*sharedLists[f] = append(*sharedLists[f], *it)
		}
		sortItems(*sharedLists[f])
	}
	return cmp
}

// emptyFacets has empty lists, so that JSON shows [] rather than null.
func emptyFacets() Facets {
	return Facets{Entities: []Item{}, Quotes: []Item{}, Events: []Item{}, Figures: []Item{}}
}

// ref is how the view keys and labels an entity.
type ref struct{ key, label string }

// entityRefs keys the naming entities of a: by global ID where the store
// gave one, else by class and canonical key. Labels are the global name,
// else the entity's fullest name.
func entityRefs(a *news.Article, global map[string]GlobalEntity) map[string]ref {
	out := map[string]ref{}
	for _, e := range a.Entities {
		if !nameLike(e.Type) {
			continue
		}
		if g, ok := global[e.ID]; ok && g.ID != "" {
			out[e.ID] = ref{g.ID, orDefault(g.Name, e.Name)}
			continue
		}
		names := append([]string{e.Name}, e.Aliases...)
		label := e.Name
		for _, n := range names {
			if len(n) > len(label) {
				label = n
			}
		}
		out[e.ID] = ref{resolve.EntityClass(e.Type) + ":" + resolve.EntityKey(e.Type, names), label}
	}
	return out
}

// agentKey keys an event's actor or target: its entity, else its country
// and role ("RUS military"), else its words.
func agentKey(keys map[string]ref, local, name, country, role string) ref {
	if r, ok := keys[local]; ok && local != "" {
		return r
	}
	if country != "" && role != "" {
		return ref{"code:" + country + "/" + role, orDefault(name, country+" "+role)}
	}
	if n := resolve.Normalize(name); n != "" {
		return ref{"name:" + n, name}
	}
	return ref{}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// quoteWords returns the content words of a quote and its word 4-grams.
func quoteWords(text string) (map[string]bool, map[string]bool) {
	var toks []string
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		toks = append(toks, w)
		if len(w) > 2 && !stopwords[w] {
			words[w] = true
		}
	}
	grams := map[string]bool{}
	for i := 0; i+4 <= len(toks); i++ {
		grams[strings.Join(toks[i:i+4], " ")] = true
	}
	return words, grams
}

// clusterQuotes groups quotes of one speaker that share words: a run of
// four words, or at least half of the content words of the shorter quote
// (and three at least). It returns each quote's cluster: the index of the
// cluster's first quote.
func clusterQuotes(qs []*quoteRef) []int {
	parent := make([]int, len(qs))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range qs {
		for j := i + 1; j < len(qs); j++ {
			if qs[i].speaker != qs[j].speaker || !overlap(qs[i], qs[j]) {
				continue
			}
			a, b := find(i), find(j)
			if a != b {
				parent[max(a, b)] = min(a, b)
			}
		}
	}
	out := make([]int, len(qs))
	for i := range qs {
		out[i] = find(i)
	}
	return out
}

func overlap(a, b *quoteRef) bool {
	for g := range a.grams {
		if b.grams[g] {
			return true
		}
	}
	shared := 0
	for w := range a.words {
		if b.words[w] {
			shared++
		}
	}
	return shared >= 3 && 2*shared >= min(len(a.words), len(b.words))
}

// clip shortens s to at most n bytes at a word boundary, with "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndex(s[:n], " ")
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// chromeSpans returns the paragraphs of a that are set in capitals: page
// furniture (a promoted headline, a section banner) that cleaning did not
// remove. Nothing in them is compared.
func chromeSpans(a *news.Article) []news.Span {
	var out []news.Span
	for _, p := range a.Paragraphs {
		upper, letters := 0, 0
		for _, r := range a.Slice(p) {
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
			}
		}
		if letters >= 12 && upper*10 >= letters*7 {
			out = append(out, p)
		}
	}
	return out
}

func inAny(spans []news.Span, s news.Span) bool {
	for _, p := range spans {
		if p.Start < s.End && s.Start < p.End {
			return true
		}
	}
	return false
}

func nameLike(t news.EntityType) bool {
	switch t {
	case news.Person, news.Org, news.GPE, news.Loc, news.NORP, news.Fac, news.EventType, news.Misc:
		return true
	}
	return false
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// sortItems puts shared items first, then by label.
func sortItems(items []Item) {
	sort.Slice(items, func(i, j int) bool {
		if len(items[i].Outlets) != len(items[j].Outlets) {
			return len(items[i].Outlets) > len(items[j].Outlets)
		}
		if items[i].Label != items[j].Label {
			return items[i].Label < items[j].Label
		}
		return items[i].Key < items[j].Key
	})
}

// unitSkip are words between a number and what it counts.
var unitSkip = map[string]bool{"of": true, "more": true, "than": true, "new": true, "other": true, "additional": true,
	"extra": true, "about": true, "some": true, "nearly": true, "almost": true, "over": true, "the": true}

type figure struct {
	key, label, context string
}

var numberRE = regexp.MustCompile(`(?i)(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent\b|per cent\b|million\b|billion\b|thousand\b|mln\b|bln\b))?`)

// figures finds the numbers an article reports with what they count: from
// the NER's MONEY, PERCENT and CARDINAL mentions when present, else from
// digits in the text. Years and times of day are not figures. A figure's
// key is its value (scaled: "10 million" and "10,000,000" agree) and unit;
// its context is the whole words around it.
func figures(a *news.Article, chrome []news.Span) []figure {
	var out []figure
	addSpan := func(s news.Span) {
		if inAny(chrome, s) {
			return
		}
		text := a.Slice(s)
		val, ok := figureValue(text)
		if !ok {
			return
		}
		unit := nextWord(a.Text, s.End)
		key := val
		label := strings.TrimSpace(text)
		if unit != "" {
			key += " " + strings.TrimSuffix(unit, "s")
			label += " " + unit
		}
		out = append(out, figure{key: key, label: label, context: wordsAround(a.Text, s, 60)})
	}
	found := false
	for _, m := range a.Mentions {
		switch m.Type {
		case news.Money, news.Percent, news.Cardinal:
			found = true
			addSpan(m.Span)
		}
	}
	if found {
		return out
	}
	for _, loc := range numberRE.FindAllStringIndex(a.Text, -1) {
		s := news.Span{Start: loc[0], End: loc[1]}
		// Skip numbers glued to letters (model names, ordinals) and
		// times ("10:30") or dates ("20/05").
		if s.Start > 0 && isLetterByte(a.Text[s.Start-1]) || s.End < len(a.Text) && (isLetterByte(a.Text[s.End]) || a.Text[s.End] == ':' || a.Text[s.End] == '/') {
			continue
		}
		if s.Start > 0 && (a.Text[s.Start-1] == ':' || a.Text[s.Start-1] == '/') {
			continue
		}
		addSpan(s)
	}
	return out
}

// figureValue normalises a figure's text to its value: currency sign kept,
// separators dropped, "million"/"billion"/"thousand" multiplied out, a
// percentage marked. Years alone (1000–2099) are dates, not figures.
func figureValue(text string) (string, bool) {
	t := strings.ToLower(strings.TrimSpace(text))
	cur := ""
	if r, size := utf8.DecodeRuneInString(t); r == '$' || r == '€' || r == '£' {
		cur, t = string(r), strings.TrimSpace(t[size:])
	}
	var mult float64 = 1
	pct := false
	for _, suf := range []struct {
		s string
		m float64
	}{{"billion", 1e9}, {"bln", 1e9}, {"million", 1e6}, {"mln", 1e6}, {"thousand", 1e3}, {"per cent", 0}, {"percent", 0}, {"%", 0}} {
		if strings.HasSuffix(t, suf.s) {
			t = strings.TrimSpace(strings.TrimSuffix(t, suf.s))
			if suf.m == 0 {
				pct = true
			} else {
				mult = suf.m
			}
			break
		}
	}
	digits := strings.ReplaceAll(t, ",", "")
	f, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		// A spelled-out number from the NER ("three"): keep its words.
		if n := resolve.Normalize(text); n != "" {
			return n, true
		}
		return "", false
	}
	if cur == "" && !pct && mult == 1 && len(digits) == 4 && (digits[0] == '1' || digits[0] == '2') && !strings.Contains(digits, ".") {
		return "", false
	}
	v := strconv.FormatFloat(f*mult, 'f', -1, 64)
	if pct {
		v += "%"
	}
	return cur + v, true
}

// wordsAround returns the text around s, up to about n bytes each side,
// cut at word boundaries, on one line.
func wordsAround(text string, s news.Span, n int) string {
	start := max(0, s.Start-n)
	if start > 0 {
		if i := strings.IndexAny(text[start:s.Start], " \n"); i >= 0 {
			start += i + 1
		} else {
			start = s.Start
		}
	}
	end := min(len(text), s.End+n)
	if end < len(text) {
		if i := strings.LastIndexAny(text[s.End:end], " \n"); i >= 0 {
			end = s.End + i
		} else {
			end = s.End
		}
	}
	return strings.Join(strings.Fields(text[start:end]), " ")
}

func isLetterByte(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// nextWord returns the lower-case word after offset i (skipping a hyphen
// and "of"), or "".
func nextWord(text string, i int) string {
	rest := strings.TrimLeft(text[i:], " -")
	ws := strings.FieldsFunc(rest, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-')
	})
	for n, w := range ws {
		if n > 2 {
			break
		}
		lw := strings.ToLower(w)
		if unitSkip[lw] {
			continue
		}
		if len(lw) < 2 {
			return ""
		}
		return lw
	}
	return ""
}
