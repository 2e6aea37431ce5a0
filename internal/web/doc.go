package web

import (
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// evidence is a sentence with the passage it is evidence for marked, and
// the link that opens the passage in its article.
type evidence struct {
	Before, Match, After string
	Doc                  string
	DocTitle             string
	Href                 string
}

// spanHref links a code-point span of a document: the article page marks
// and scrolls to it.
func spanHref(doc string, start, end int) string {
	if start < 0 || end <= start {
		return "/doc/" + doc
	}
	return fmt.Sprintf("/doc/%s?span=%d-%d#sp", doc, start, end)
}

// evidenceOf cuts the sentence that holds code-point span [start, end) out
// of a, with the span marked.
func evidenceOf(a *news.Article, start, end int) (evidence, bool) {
	sent, idx, sp, ok := sentenceAt(a, start, end)
	if !ok {
		return evidence{}, false
	}
	s := a.Sentences[idx].Start
	e := s + len(sent)
	bs, be := max(sp.Start, s), min(sp.End, e)
	if bs > be {
		bs = be
	}
	return evidence{Before: a.Text[s:bs], Match: a.Text[bs:be], After: a.Text[be:e], Doc: a.ID, DocTitle: a.Title,
		Href: spanHref(a.ID, start, end)}, true
}

type chip struct {
	ID, Name string
	Type     news.EntityType
	Count    int
	First    string // anchor of the first mention
}

type typeGroup struct {
	Type  news.EntityType
	Chips []chip
}

type sideQuote struct {
	news.Quote
	Anchor  string
	Speaker string // global entity ID
}

type sideEvent struct {
	news.Event
	Anchor        string
	Actor, Target string // global entity IDs
}

type sideTime struct {
	news.Time
	Anchor string
}

type docData struct {
	Doc       *store.Document
	A         *news.Article
	Body      template.HTML
	Groups    []typeGroup
	NEntities int
	Quotes    []sideQuote
	Events    []sideEvent
	Times     []sideTime
	Reported  string // the month an undated article's dates fall in
	Photos    []string
	TitleNote bool // the title was taken from the first sentence
	Span      string
	// AllStatus is true when events of every factuality status are shown
	// (?status=all); by default only asserted and reported ones are, and
	// Hidden counts the others.
	AllStatus bool
	Hidden    int
}

// shownEvents returns d with its article's events cut to those shown by
// default (news.ShownByDefault), and how many it left out. The stored
// document is not changed.
func shownEvents(d *store.Document) (*store.Document, int) {
	var kept []news.Event
	for _, e := range d.Article.Events {
		if news.ShownByDefault(e.Status) {
			kept = append(kept, e)
		}
	}
	hidden := len(d.Article.Events) - len(kept)
	if hidden == 0 {
		return d, 0
	}
	a := *d.Article
	a.Events = kept
	dc := *d
	dc.Article = &a
	return &dc, hidden
}

func (u *UI) document(r *http.Request) (string, view, error) {
	ctx := r.Context()
	d, err := u.st.Document(ctx, r.PathValue("id"))
	if err != nil {
		return "", view{}, err
	}
	all := r.URL.Query().Get("status") == "all"
	hidden := 0
	if !all {
		d, hidden = shownEvents(d)
	}
	a := d.Article
	var hl news.Span
	if sp := r.URL.Query().Get("span"); sp != "" {
		s, e, ok := strings.Cut(sp, "-")
		start, err1 := strconv.Atoi(s)
		end, err2 := strconv.Atoi(e)
		if !ok || err1 != nil || err2 != nil || start < 0 || end <= start {
			return "", view{}, badRequest{fmt.Sprintf("span=%q is not START-END (two code-point offsets, START < END).", sp)}
		}
		hl = news.Span{Start: byteOffset(a.Text, start), End: byteOffset(a.Text, end)}
	}
	data := docData{Doc: d, A: a, Body: annotatedHTML(d, hl), Span: r.URL.Query().Get("span"), AllStatus: all, Hidden: hidden}
	for _, n := range a.Provenance.Notes {
		if strings.HasPrefix(n, "title:") {
			data.TitleNote = true
		}
	}
	// Global entity of each local one.
	global := map[string]string{}
	for local, ref := range d.Entities {
		global[local] = ref.ID
	}
	counts := map[string]*chip{}
	for i, m := range a.Mentions {
		if i >= len(d.MentionEntities) || d.MentionEntities[i] == "" {
			continue
		}
		id := d.MentionEntities[i]
		c := counts[id]
		if c == nil {
			c = &chip{ID: id, Type: m.Type, First: "m" + strconv.Itoa(i)}
			for _, ref := range d.Entities {
				if ref.ID == id {
					c.Name, c.Type = ref.Name, ref.Type
					break
				}
			}
			counts[id] = c
		}
		c.Count++
	}
	byType := map[news.EntityType][]chip{}
	for _, c := range counts {
		byType[c.Type] = append(byType[c.Type], *c)
	}
	for t, cs := range byType {
		sort.Slice(cs, func(i, j int) bool {
			if cs[i].Count != cs[j].Count {
				return cs[i].Count > cs[j].Count
			}
			return cs[i].Name < cs[j].Name
		})
		data.Groups = append(data.Groups, typeGroup{Type: t, Chips: cs})
		data.NEntities += len(cs)
	}
	sort.Slice(data.Groups, func(i, j int) bool { return typeOrder(data.Groups[i].Type) < typeOrder(data.Groups[j].Type) })
	for i, q := range a.Quotes {
		data.Quotes = append(data.Quotes, sideQuote{Quote: q, Anchor: "q" + strconv.Itoa(i), Speaker: global[q.Speaker]})
	}
	for i, e := range a.Events {
		data.Events = append(data.Events, sideEvent{Event: e, Anchor: "ev" + strconv.Itoa(i), Actor: global[e.Actor], Target: global[e.Target]})
	}
	for i, t := range a.Times {
		data.Times = append(data.Times, sideTime{Time: t, Anchor: "t" + strconv.Itoa(i)})
	}
	seenPhoto := map[string]bool{}
	for _, c := range a.Captions {
		for _, t := range c.Times {
			if isDate(t.Value) && !seenPhoto[t.Value] {
				seenPhoto[t.Value] = true
				data.Photos = append(data.Photos, t.Value)
			}
		}
	}
	if a.Published == "" {
		data.Reported = reportedMonth(a)
	}
	title := a.Title
	if title == "" {
		title = "Untitled article"
	}
	return "document", view{Title: title, Nav: "home", Data: data}, nil
}

// reportedMonth is the month (YYYY-MM) the dates an article gives (in its
// text and photo captions) most often fall in.
func reportedMonth(a *news.Article) string {
	n := map[string]int{}
	add := func(v string) {
		if isDate(v) && len(v) >= 7 {
			n[v[:7]]++
		}
	}
	for _, t := range a.Times {
		add(t.Value)
	}
	for _, c := range a.Captions {
		for _, t := range c.Times {
			add(t.Value)
		}
	}
	best, k := "", 0
	for m, c := range n {
		if c > k || c == k && m > best {
			best, k = m, c
		}
	}
	return best
}

// isDate reports whether v is YYYY, YYYY-MM or YYYY-MM-DD.
func isDate(v string) bool {
	switch len(v) {
	case 4, 7, 10:
	default:
		return false
	}
	for i, c := range v {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func typeOrder(t news.EntityType) int {
	switch t {
	case news.Person:
		return 0
	case news.Org:
		return 1
	case news.GPE:
		return 2
	case news.Loc:
		return 3
	case news.NORP:
		return 4
	}
	return 9
}
