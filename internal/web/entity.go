package web

import (
	"fmt"
	"net/http"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

type listData struct {
	Entities *store.EntityList
	Pager    pager
	Name     string
	Type     string
	Types    []news.EntityType
}

func (u *UI) entities(r *http.Request) (string, view, error) {
	p := pageOf(r)
	name, typ := r.URL.Query().Get("name"), strings.ToUpper(r.URL.Query().Get("type"))
	l, err := u.st.Entities(r.Context(), store.EntityQuery{Page: p, Name: name, Type: news.EntityType(typ)})
	if err != nil {
		return "", view{}, err
	}
	return "entities", view{Title: "Entities", Nav: "entities", Data: listData{Entities: l, Pager: newPager(r, p, l.Total, len(l.Entities)), Name: name, Type: typ,
		Types: []news.EntityType{news.Person, news.Org, news.GPE, news.Loc, news.NORP, news.Fac, news.EventType, news.Misc}}}, nil
}

type aliasRow struct {
	store.Alias
	Why string
}

// entArticle is an article that names the entity, with its mentions.
type entArticle struct {
	docItem
	Mentions []store.MentionRef
}

type entityData struct {
	E           *store.EntityPage
	Aliases     []aliasRow
	Country     string
	CountryFrom string
	AsActor     *store.EventList
	AsTarget    *store.EventList
	ActorPager  pager
	TargetPager pager
	QuotesBy    *store.QuoteList
	ByPager     pager
	QuotesAbout []store.QuoteHit
	AboutPager  pager
	Articles    []entArticle
	ArtPager    pager
	Timeline    *store.Timeline
	MaxCount    int
	// Events holds all events (actor or target) when the store cannot
	// list them by role.
	Events []store.EventHit
}

// listPage reads the offset parameter of one list of a page.
func listPage(r *http.Request, param string, limit int) store.Page {
	return store.Page{Offset: intParam(r, param, 0), Limit: limit}.Norm()
}

// slicePage returns the window p of xs.
func slicePage[T any](xs []T, p store.Page) []T {
	if p.Offset >= len(xs) {
		return nil
	}
	return xs[p.Offset:min(len(xs), p.Offset+p.Limit)]
}

func (u *UI) entity(r *http.Request) (string, view, error) {
	ctx := r.Context()
	e, err := u.st.Entity(ctx, r.PathValue("id"))
	if err != nil {
		return "", view{}, err
	}
	d := entityData{E: e, Country: e.Country}
	if d.Country != "" {
		d.CountryFrom = "entity resolution"
	}
	for _, a := range e.Aliases {
		why := a.Evidence // the resolver's own rule (resolve.Evidence), where the store gives it
		if why == "" {
			why = whyAlias(e.Name, a.Name)
		}
		d.Aliases = append(d.Aliases, aliasRow{Alias: a, Why: why})
	}
	const n = 10
	if u.ex != nil {
		pa, pt := listPage(r, "actor", n), listPage(r, "target", n)
		if d.AsActor, err = u.ex.EntityEvents(ctx, e.ID, "actor", pa); err != nil {
			return "", view{}, err
		}
		if d.AsTarget, err = u.ex.EntityEvents(ctx, e.ID, "target", pt); err != nil {
			return "", view{}, err
		}
		d.ActorPager = namedPager(r, "actor", "actor", pa, d.AsActor.Total, len(d.AsActor.Events))
		d.TargetPager = namedPager(r, "target", "target", pt, d.AsTarget.Total, len(d.AsTarget.Events))
	} else {
		d.Events = e.Events
	}
	pb := listPage(r, "by", n)
	if d.QuotesBy, err = u.st.Quotes(ctx, store.QuoteQuery{Speaker: e.ID, Page: pb}); err != nil {
		return "", view{}, err
	}
	d.ByPager = namedPager(r, "by", "by", pb, d.QuotesBy.Total, len(d.QuotesBy.Quotes))
	pq := listPage(r, "about", n)
	d.QuotesAbout = slicePage(e.QuotesAbout, pq)
	d.AboutPager = namedPager(r, "about", "about", pq, len(e.QuotesAbout), len(d.QuotesAbout))
	pr := listPage(r, "art", n)
	arts := slicePage(e.Articles, pr)
	sums := make([]store.DocSummary, len(arts))
	for i, a := range arts {
		sums[i] = a.DocSummary
	}
	for i, it := range u.withMonths(ctx, sums) {
		d.Articles = append(d.Articles, entArticle{docItem: it, Mentions: arts[i].Mentions})
	}
	d.ArtPager = namedPager(r, "art", "articles", pr, len(e.Articles), len(d.Articles))
	if d.Timeline, err = u.st.Timeline(ctx, store.TimelineQuery{Entity: e.ID, Bucket: "year"}); err != nil {
		return "", view{}, err
	}
	d.MaxCount = maxCount(d.Timeline)
	if d.Country == "" && (e.Type == news.GPE || e.Type == news.Loc) {
		d.Country, d.CountryFrom = u.placeCountry(e.Name)
	}
	return "entity", view{Title: e.Name, Nav: "entities", Data: d}, nil
}

// placeCountry is the country of the place an entity's name resolved to on
// the map, if any.
func (u *UI) placeCountry(name string) (string, string) {
	if c := countryByName(name); c != "" {
		return c, "the gazetteer (it is a country)"
	}
	return "", ""
}

func maxCount(tl *store.Timeline) int {
	m := 0
	for _, p := range tl.Periods {
		m = max(m, p.Documents, p.Events)
	}
	return m
}

// fold lowercases s and drops its accents and punctuation.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsSpace(r) || r == '-':
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// whyAlias says which name rule links alias to the entity's name. It
// describes how the two names relate; the resolver's own decision is in
// docs/entities.md.
func whyAlias(name, alias string) string {
	if alias == name {
		return "the entity's name"
	}
	fn, fa := fold(name), fold(alias)
	if fn == fa {
		return "the same name, written with other case, accents or punctuation"
	}
	nt, at := strings.Fields(fn), strings.Fields(fa)
	if len(at) == 1 && len(nt) > 1 {
		switch at[0] {
		case nt[len(nt)-1]:
			return "the surname of " + name
		case nt[0]:
			return "the first name of " + name
		}
		if initials(nt) == at[0] {
			return "the initials of " + name
		}
		if editDistance(at[0], nt[len(nt)-1]) <= 2 {
			return "a spelling variant of the surname"
		}
	}
	if contains(nt, at) {
		return "part of the full name " + name
	}
	if contains(at, nt) {
		return "the name with a title or first name (" + strings.Join(extra(at, nt), " ") + ")"
	}
	if d := editDistance(fn, fa); d <= max(2, len(fn)/6) {
		return fmt.Sprintf("a spelling variant (%d letter%s differ%s)", d, plural(d), map[bool]string{true: "s", false: ""}[d == 1])
	}
	if len(nt) > 1 && len(at) > 1 && nt[len(nt)-1] == at[len(at)-1] {
		return "the same surname, another form of the first name"
	}
	if len(at) > 1 && len(nt) > 1 && editDistance(at[len(at)-1], nt[len(nt)-1]) <= 2 {
		return "a spelling variant of the surname"
	}
	return "linked by the resolver within an article (coreference); no name rule applies, so check it"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func initials(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		r := []rune(w)
		if len(r) > 0 {
			b.WriteRune(r[0])
		}
	}
	return b.String()
}

// contains reports whether every word of sub is in ws.
func contains(ws, sub []string) bool {
	for _, s := range sub {
		found := false
		for _, w := range ws {
			if w == s {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return len(sub) > 0
}

// extra lists the words of ws not in sub.
func extra(ws, sub []string) []string {
	var out []string
	for _, w := range ws {
		if !contains(sub, []string{w}) {
			out = append(out, w)
		}
	}
	return out
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := 1
			if ra[i-1] == rb[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
