package story

import (
	"regexp"
	"sort"
	"strings"

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
	// Entities are the people, organisations and places mentioned.
	Entities []Item `json:"entities"`
	// Quotes are the people quoted, with what they said.
	Quotes []Item `json:"quotes"`
	// Events are the coded events (type, actor, target).
	Events []Item `json:"events"`
	// Figures are numbers with what they count ("50 members", "$50,000").
	Figures []Item `json:"figures"`
}

// OutletReport is what one outlet reports.
type OutletReport struct {
	Outlet    string   `json:"outlet"`
	Documents []string `json:"documents"`
	Facets
}

// Item is one entity, quoted speaker, event or figure.
type Item struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	// Outlets lists every outlet of the story that reports the item.
	Outlets []string `json:"outlets"`
	// Only is true when no other outlet reports it.
	Only bool `json:"only"`
	// Evidence is what this outlet says: the quotes of a speaker, the
	// trigger of an event, the words around a figure.
	Evidence []string `json:"evidence,omitempty"`
}

// Compare builds the comparison of a story's articles. Articles are grouped
// by outlet ([Outlet]); entities are matched across articles by any of
// their normalised names or aliases (and a person's surname), quoted
// speakers by the same keys, events by type, actor and target, and figures
// by value and unit. It is a pure function of its input.
func Compare(articles []*news.Article) Comparison {
	ks := newKeySpace()
	for _, a := range articles {
		for _, e := range a.Entities {
			ks.addEntity(e)
		}
	}
	type acc struct {
		docs  []string
		items [4]map[string]*Item // entities, quotes, events, figures
	}
	byOutlet := map[string]*acc{}
	var order []string
	for _, a := range articles {
		o := Outlet(a)
		if o == "" {
			o = a.ID
		}
		ac := byOutlet[o]
		if ac == nil {
			ac = &acc{}
			for i := range ac.items {
				ac.items[i] = map[string]*Item{}
			}
			byOutlet[o] = ac
			order = append(order, o)
		}
		ac.docs = append(ac.docs, a.ID)
		add := func(f int, key, label, evidence string) {
			if key == "" {
				return
			}
			it := ac.items[f][key]
			if it == nil {
				it = &Item{Key: key, Label: label}
				ac.items[f][key] = it
			}
			if len(label) > len(it.Label) {
				it.Label = label
			}
			if evidence != "" && !containsStr(it.Evidence, evidence) {
				it.Evidence = append(it.Evidence, evidence)
			}
		}
		// Entities: from the entity stage, else from mentions.
		if len(a.Entities) > 0 {
			for _, e := range a.Entities {
				if nameLike(e.Type) {
					add(0, ks.key(e.Name), ks.label(e.Name), "")
				}
			}
		} else {
			for _, m := range a.Mentions {
				if nameLike(m.Type) {
					add(0, ks.key(m.Text), ks.label(m.Text), "")
				}
			}
		}
		for _, q := range a.Quotes {
			name := q.SpeakerName
			if e := a.EntityByID(q.Speaker); e != nil {
				name = e.Name
			}
			if name == "" {
				continue
			}
			add(1, ks.key(name), ks.label(name), q.Text)
		}
		for _, ev := range a.Events {
			key := ev.Type + "|" + ks.key(ev.ActorName) + "|" + ks.key(ev.TargetName)
			label := ev.Type + ": " + orDash(ev.ActorName) + " → " + orDash(ev.TargetName)
			add(2, key, label, ev.Trigger.Text)
		}
		for _, f := range figures(a) {
			add(3, f.key, f.label, f.context)
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
	var cmp Comparison
	shared := [4]map[string]*Item{{}, {}, {}, {}}
	for _, o := range order {
		ac := byOutlet[o]
		r := OutletReport{Outlet: o, Documents: ac.docs}
		lists := [4]*[]Item{&r.Entities, &r.Quotes, &r.Events, &r.Figures}
		for f := range ac.items {
			for k, it := range ac.items[f] {
				it.Outlets = outletsOf[f][k]
				it.Only = len(it.Outlets) == 1
				*lists[f] = append(*lists[f], *it)
				if !it.Only {
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
		return items[i].Label < items[j].Label
	})
}

// keySpace maps names to canonical keys: names that are aliases of one
// entity, or a person's full name and surname, share a key.
type keySpace struct {
	parent map[string]string
	labels map[string]string
}

func newKeySpace() *keySpace {
	return &keySpace{parent: map[string]string{}, labels: map[string]string{}}
}

func (k *keySpace) find(x string) string {
	for {
		p, ok := k.parent[x]
		if !ok || p == x {
			return x
		}
		k.parent[x] = k.parent[p]
		x = p
	}
}

func (k *keySpace) union(a, b string) {
	ra, rb := k.find(a), k.find(b)
	if ra == rb {
		return
	}
	// The longer name is the root, so keys read as full names.
	if len(rb) > len(ra) {
		ra, rb = rb, ra
	}
	k.parent[rb] = ra
}

func (k *keySpace) addEntity(e news.Entity) {
	names := append([]string{e.Name}, e.Aliases...)
	root := resolve.Normalize(e.Name)
	if root == "" {
		return
	}
	if _, ok := k.parent[root]; !ok {
		k.parent[root] = root
	}
	for _, n := range names {
		nk := resolve.Normalize(n)
		if nk == "" {
			continue
		}
		if _, ok := k.parent[nk]; !ok {
			k.parent[nk] = nk
		}
		k.union(root, nk)
		if len(n) > len(k.labels[nk]) {
			k.labels[nk] = n
		}
		if e.Type == news.Person {
			// "Vadim Prokopiev" and "Prokopiev".
			if f := strings.Fields(nk); len(f) >= 2 {
				last := f[len(f)-1]
				if _, ok := k.parent[last]; !ok {
					k.parent[last] = last
				}
				k.union(nk, last)
			}
		}
	}
}

func (k *keySpace) key(name string) string {
	nk := resolve.Normalize(name)
	if nk == "" {
		return ""
	}
	if _, ok := k.parent[nk]; ok {
		return k.find(nk)
	}
	return nk
}

func (k *keySpace) label(name string) string {
	if l := k.labels[k.key(name)]; l != "" {
		return l
	}
	return name
}

// unitSkip are words between a number and what it counts.
var unitSkip = map[string]bool{"of": true, "more": true, "than": true, "new": true, "other": true, "additional": true,
	"extra": true, "about": true, "some": true, "nearly": true, "almost": true, "over": true, "the": true}

type figure struct {
	key, label, context string
}

var numberRE = regexp.MustCompile(`(?:[$€£]\s?)?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|per cent|million|billion|thousand))?`)

// figures finds the numbers an article reports with what they count: from
// the NER's MONEY, PERCENT and CARDINAL mentions when present, else from
// digits in the text. Years and times of day are not figures.
func figures(a *news.Article) []figure {
	var out []figure
	addSpan := func(s news.Span) {
		text := a.Slice(s)
		val := strings.NewReplacer(",", "", " ", "").Replace(strings.ToLower(text))
		if val == "" {
			return
		}
		// Years (1000-2099 alone) are dates.
		if len(val) == 4 && (val[0] == '1' || val[0] == '2') && isDigits(val) {
			return
		}
		unit := nextWord(a.Text, s.End)
		key := val
		label := text
		if unit != "" {
			key += " " + strings.TrimSuffix(unit, "s")
			label += " " + unit
		}
		ctx := a.Text[max(0, s.Start-40):min(len(a.Text), s.End+40)]
		out = append(out, figure{key: key, label: label, context: strings.Join(strings.Fields(ctx), " ")})
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

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
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
