package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

// docItem is an article in a list, with what the UI says when its outlet
// or date is unknown.
type docItem struct {
	store.DocSummary
	// Reported is the month (YYYY-MM) the dates in an undated article
	// mostly fall in, or "".
	Reported string
	Snippet  string
}

type facetLink struct {
	store.Facet
	Href   string
	Active bool
}

type homeData struct {
	From, To, Outlet string
	Stats            *store.Stats
	Items            []docItem
	Total            int
	Searched         bool
	Pager            pager
	Error            string
	Facets           *store.Facets
	Outlets, Years   []facetLink
	Entities         []facetLink
	Suggest          []store.EntitySummary
	Clear            string
}

// withMonths fills Reported for the undated articles of a list.
func (u *UI) withMonths(ctx context.Context, docs []store.DocSummary) []docItem {
	items := make([]docItem, len(docs))
	var undated []string
	for i, d := range docs {
		items[i].DocSummary = d
		if d.Published == "" {
			undated = append(undated, d.ID)
		}
	}
	if u.ex != nil && len(undated) > 0 {
		m, err := u.ex.ReportedMonths(ctx, undated)
		if err != nil {
			u.opt.Logger.Warn("reported months", "err", err)
		}
		for i := range items {
			items[i].Reported = m[items[i].ID]
		}
	}
	return items
}

func (u *UI) home(r *http.Request) (string, view, error) {
	ctx := r.Context()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := pageOf(r)
	d := homeData{}
	var err error
	if u.ex != nil {
		d.Stats, err = u.ex.Counts(ctx)
	} else {
		d.Stats, err = u.st.Stats(ctx)
	}
	if err != nil {
		return "", view{}, err
	}
	if q == "" {
		l, err := u.st.Documents(ctx, store.DocQuery{Page: p})
		if err != nil {
			return "", view{}, err
		}
		d.Items, d.Total = u.withMonths(ctx, l.Documents), l.Total
		d.Pager = newPager(r, p, l.Total, len(l.Documents))
		return "home", view{Title: "Articles", Nav: "home", Data: d}, nil
	}
	d.Searched = true
	if len(q) > 1000 {
		return "", view{}, badRequest{"The search is over 1,000 bytes; shorten it."}
	}
	f := store.DocFilter{From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to"), Outlet: r.URL.Query().Get("outlet")}
	d.From, d.To, d.Outlet = f.From, f.To, f.Outlet
	res, err := u.st.Search(ctx, store.SearchQuery{Text: q, Page: p, DocFilter: f})
	if errors.Is(err, store.ErrBadQuery) {
		d.Error, err = "Cannot search: "+userMessage(err), nil
	}
	if err != nil {
		return "", view{}, err
	}
	if res != nil {
		docs := make([]store.DocSummary, len(res.Hits))
		for i, h := range res.Hits {
			docs[i] = h.DocSummary
		}
		d.Items, d.Total = u.withMonths(ctx, docs), res.Total
		for i, h := range res.Hits {
			d.Items[i].Snippet = h.Snippet
		}
		d.Pager = newPager(r, p, res.Total, len(res.Hits))
		if u.ex != nil {
			if d.Facets, err = u.ex.Facets(ctx, store.SearchQuery{Text: q, DocFilter: f}); err != nil {
				return "", view{}, err
			}
			d.Outlets, d.Years, d.Entities = facetLinks(r, d.Facets)
		}
	}
	if u.ex != nil {
		// Entity suggestions: entities named like the query (its last word
		// as a prefix, and the whole query).
		seen := map[string]bool{}
		for _, pre := range []string{q, lastWord(q)} {
			if len([]rune(pre)) < 2 {
				continue
			}
			es, err := u.ex.SuggestEntities(ctx, strings.Trim(pre, `"*-`), 6)
			if err != nil {
				return "", view{}, err
			}
			for _, e := range es {
				if !seen[e.ID] && len(d.Suggest) < 8 {
					seen[e.ID] = true
					d.Suggest = append(d.Suggest, e)
				}
			}
		}
	}
	if f != (store.DocFilter{}) {
		d.Clear = "/?q=" + url.QueryEscape(q)
	}
	return "home", view{Title: q + " – search", Nav: "home", Query: q, Data: d}, nil
}

func lastWord(q string) string {
	f := strings.Fields(q)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// facetLinks makes each facet value a link that narrows the search.
func facetLinks(r *http.Request, f *store.Facets) (outlets, years, entities []facetLink) {
	q := r.URL.Query()
	link := func(set map[string]string) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "offset" {
				v[k] = vs
			}
		}
		for k, s := range set {
			if s == "" {
				v.Del(k)
			} else {
				v.Set(k, s)
			}
		}
		return "/?" + v.Encode()
	}
	for _, o := range f.Outlets {
		fl := facetLink{Facet: o, Active: strings.EqualFold(q.Get("outlet"), o.Value) && o.Value != ""}
		if o.Value == "" {
			fl.Label = "outlet unknown"
		} else if fl.Active {
			fl.Href = link(map[string]string{"outlet": ""})
		} else {
			fl.Href = link(map[string]string{"outlet": o.Value})
		}
		outlets = append(outlets, fl)
	}
	for _, y := range f.Years {
		fl := facetLink{Facet: y, Active: q.Get("from") == y.Value && q.Get("to") == y.Value && y.Value != ""}
		switch {
		case y.Value == "":
			fl.Label = "undated"
		case fl.Active:
			fl.Href = link(map[string]string{"from": "", "to": ""})
		default:
			fl.Href = link(map[string]string{"from": y.Value, "to": y.Value})
		}
		years = append(years, fl)
	}
	for _, e := range f.Entities {
		entities = append(entities, facetLink{Facet: e, Href: "/entity/" + url.PathEscape(e.Value)})
	}
	return outlets, years, entities
}
