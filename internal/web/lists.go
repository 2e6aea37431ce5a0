package web

import (
	"net/http"
	"strings"

	"github.com/newsgraph/newsgraph/internal/resolve/story"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store"
)

type quotesData struct {
	Quotes  *store.QuoteList
	Pager   pager
	Speaker string
	Kind    string
}

func (u *UI) quotes(r *http.Request) (string, view, error) {
	p := pageOf(r)
	sp := r.URL.Query().Get("speaker")
	var l *store.QuoteList
	var err error
	if sp == "" && u.ex != nil {
		l, err = u.ex.RecentQuotes(r.Context(), p)
	} else {
		l, err = u.st.Quotes(r.Context(), store.QuoteQuery{Page: p, Speaker: sp})
	}
	if err != nil {
		return "", view{}, err
	}
	return "quotes", view{Title: "Quotes", Nav: "quotes", Data: quotesData{Quotes: l, Pager: newPager(r, p, l.Total, len(l.Quotes)), Speaker: sp}}, nil
}

type storiesData struct {
	Stories *store.StoryList
	Pager   pager
}

func (u *UI) stories(r *http.Request) (string, view, error) {
	p := pageOf(r)
	l, err := u.st.Stories(r.Context(), p)
	if err != nil {
		return "", view{}, err
	}
	return "stories", view{Title: "Stories", Nav: "stories", Data: storiesData{Stories: l, Pager: newPager(r, p, l.Total, len(l.Stories))}}, nil
}

// column is one outlet's side of a story compare.
type column struct {
	story.OutletReport
	// Name is the outlet, or "" when the articles name none.
	Name     string
	Articles []docItem
}

// sharedEnt is an entity several outlets name, with each outlet's
// spellings when they differ.
type sharedEnt struct {
	Key, Label string
	Outlets    int
	Spellings  []string // "Fox News: Zelenskyy, Volodymyr Zelenskyy"
	Variants   bool     // the outlets spell it differently
}

type storyData struct {
	SharedEnts []sharedEnt
	S          *store.StoryPage
	Compare    *server.Comparison
	Columns    []column
	Items      []docItem
	Outlets    int
	Copies     int
	Shared     int
	First      string
	Last       string
	Undated    int
	Reported   string
}

func titleOr(it docItem) string {
	if it.Title != "" {
		return it.Title
	}
	return "untitled article"
}

func (u *UI) story(r *http.Request) (string, view, error) {
	ctx := r.Context()
	s, err := u.st.Story(ctx, r.PathValue("id"))
	if err != nil {
		return "", view{}, err
	}
	cmp, err := server.Compare(ctx, u.st, s.ID)
	if err != nil {
		return "", view{}, err
	}
	d := storyData{S: s, Compare: cmp, Items: u.withMonths(ctx, s.Articles), Copies: len(s.Duplicates)}
	byID := map[string]docItem{}
	for _, it := range d.Items {
		byID[it.ID] = it
		if it.Published == "" {
			d.Undated++
			if it.Reported != "" && d.Reported == "" {
				d.Reported = it.Reported
			}
			continue
		}
		if d.First == "" || it.Published < d.First {
			d.First = it.Published
		}
		if it.Published > d.Last {
			d.Last = it.Published
		}
	}
	for _, o := range cmp.Outlets {
		c := column{OutletReport: o, Name: o.Outlet}
		for _, id := range o.Documents {
			if it, ok := byID[id]; ok {
				c.Articles = append(c.Articles, it)
			}
			if id == o.Outlet {
				c.Name = "" // the comparison keys an article without an outlet by its ID
			}
		}
		d.Columns = append(d.Columns, c)
	}
	d.Outlets = len(d.Columns)
	outletName := func(o string) string {
		if _, ok := byID[o]; ok {
			return "outlet unknown (" + titleOr(byID[o]) + ")"
		}
		return o
	}
	for _, it := range cmp.Shared.Entities {
		se := sharedEnt{Key: it.Key, Label: it.Label, Outlets: len(it.Outlets)}
		var first string
		for i, o := range it.Outlets {
			names := it.Spellings[o]
			if len(names) == 0 {
				continue
			}
			se.Spellings = append(se.Spellings, outletName(o)+": "+strings.Join(names, ", "))
			if i == 0 {
				first = strings.Join(names, "|")
			} else if strings.Join(names, "|") != first {
				se.Variants = true
			}
		}
		d.SharedEnts = append(d.SharedEnts, se)
	}
	d.Shared = len(cmp.Shared.Entities) + len(cmp.Shared.Quotes) + len(cmp.Shared.Events) + len(cmp.Shared.Figures)
	title := s.Title
	if strings.TrimSpace(title) == "" {
		title = "Story " + s.ID
	}
	return "story", view{Title: title, Nav: "stories", Data: d}, nil
}
