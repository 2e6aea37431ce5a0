package server

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Comparison is the body of /api/v1/stories/{id}/compare: for each outlet
// that reported a story, what it reports and whether other outlets report
// it too. Syndicated copies (a story's duplicates) count once, under the
// outlet of the article they copy.
type Comparison struct {
	Story   string          `json:"story"`
	Title   string          `json:"title"`
	Outlets []OutletReport  `json:"outlets"`
	Shared  SharedSummaries `json:"shared"`
}

// SharedSummaries counts the items more than one outlet reports.
type SharedSummaries struct {
	Entities int `json:"entities"`
	Quotes   int `json:"quotes"`
	Events   int `json:"events"`
	Figures  int `json:"figures"`
}

// OutletReport is what one outlet reported.
type OutletReport struct {
	Outlet    string           `json:"outlet"`
	Documents []string         `json:"documents"`
	Entities  []ComparedEntity `json:"entities"`
	Quotes    []ComparedQuote  `json:"quotes"`
	Events    []ComparedEvent  `json:"events"`
	Figures   []ComparedFigure `json:"figures"`
}

// ComparedEntity is an entity an outlet mentions. Outlets counts the
// outlets that mention it; Shared is Outlets > 1.
type ComparedEntity struct {
	store.EntityRef
	Mentions int  `json:"mentions"`
	Outlets  int  `json:"outlets"`
	Shared   bool `json:"shared"`
}

// ComparedQuote is a quote an outlet reports.
type ComparedQuote struct {
	store.QuoteHit
	Outlets int  `json:"outlets"`
	Shared  bool `json:"shared"`
}

// ComparedEvent is an event an outlet reports.
type ComparedEvent struct {
	store.EventHit
	Outlets int  `json:"outlets"`
	Shared  bool `json:"shared"`
}

// ComparedFigure is a number, amount or percentage an outlet reports.
type ComparedFigure struct {
	Text    string          `json:"text"`
	Type    news.EntityType `json:"type"`
	Outlets int             `json:"outlets"`
	Shared  bool            `json:"shared"`
}

var figureTypes = map[news.EntityType]bool{news.Cardinal: true, news.Money: true, news.Percent: true}

func (s *Server) compare(r *http.Request) (any, error) {
	return Compare(r.Context(), s.st, r.PathValue("id"))
}

// Compare builds the comparison of how each outlet told story id.
func Compare(ctx context.Context, s store.Store, id string) (*Comparison, error) {
	st, err := s.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	type outlet struct {
		rep      *OutletReport
		entities map[string]*ComparedEntity
		quotes   map[string]bool
		events   map[string]bool
		figures  map[string]bool
	}
	byName := map[string]*outlet{}
	var order []string
	outletOf := map[string]string{}
	for _, d := range st.Articles {
		name := d.Outlet
		if name == "" {
			name = "unknown outlet (" + d.ID[:min(12, len(d.ID))] + ")"
		}
		outletOf[d.ID] = name
	}
	// Seen counts, per key, the outlets that report it.
	seen := map[string]map[string]bool{}
	note := func(kind, key, outlet string) {
		k := kind + "\x00" + key
		if seen[k] == nil {
			seen[k] = map[string]bool{}
		}
		seen[k][outlet] = true
	}
	// Originals first, so that copies find their original's outlet.
	docs := make([]store.DocSummary, 0, len(st.Articles))
	for _, d := range st.Articles {
		if _, dup := st.Duplicates[d.ID]; !dup {
			docs = append(docs, d)
		}
	}
	for _, d := range st.Articles {
		if _, dup := st.Duplicates[d.ID]; dup {
			docs = append(docs, d)
		}
	}
	for _, d := range docs {
		name := outletOf[d.ID]
		if orig, dup := st.Duplicates[d.ID]; dup {
			if o, ok := outletOf[orig]; ok && byName[o] != nil {
				// A syndicated copy counts once, for the original.
				byName[o].rep.Documents = appendUnique(byName[o].rep.Documents, d.ID)
				continue
			}
		}
		o := byName[name]
		if o == nil {
			o = &outlet{rep: &OutletReport{Outlet: name, Documents: []string{}, Entities: []ComparedEntity{}, Quotes: []ComparedQuote{},
				Events: []ComparedEvent{}, Figures: []ComparedFigure{}},
				entities: map[string]*ComparedEntity{}, quotes: map[string]bool{}, events: map[string]bool{}, figures: map[string]bool{}}
			byName[name] = o
			order = append(order, name)
		}
		o.rep.Documents = appendUnique(o.rep.Documents, d.ID)
		doc, err := s.Document(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		for i, m := range doc.Article.Mentions {
			if figureTypes[m.Type] {
				k := normText(m.Text)
				if k != "" && !o.figures[k] {
					o.figures[k] = true
					o.rep.Figures = append(o.rep.Figures, ComparedFigure{Text: m.Text, Type: m.Type})
				}
				note("figure", k, name)
				continue
			}
			if i >= len(doc.MentionEntities) || doc.MentionEntities[i] == "" {
				continue
			}
			g := doc.MentionEntities[i]
			ce := o.entities[g]
			if ce == nil {
				ref := store.EntityRef{ID: g, Name: m.Text, Type: m.Type}
				for _, r := range doc.Entities {
					if r.ID == g {
						ref = r
					}
				}
				ce = &ComparedEntity{EntityRef: ref}
				o.entities[g] = ce
			}
			ce.Mentions++
			note("entity", g, name)
		}
		qs, err := s.Quotes(ctx, store.QuoteQuery{Document: d.ID, Page: store.Page{Limit: store.MaxLimit}})
		if err != nil {
			return nil, err
		}
		for _, q := range qs.Quotes {
			k := q.Speaker + "\x00" + normText(q.Text)
			if !o.quotes[k] {
				o.quotes[k] = true
				o.rep.Quotes = append(o.rep.Quotes, ComparedQuote{QuoteHit: q})
			}
			note("quote", k, name)
		}
		evs, err := s.Events(ctx, store.EventQuery{Document: d.ID, Page: store.Page{Limit: store.MaxLimit}})
		if err != nil {
			return nil, err
		}
		for _, e := range evs.Events {
			k := eventKey(e)
			if !o.events[k] {
				o.events[k] = true
				o.rep.Events = append(o.rep.Events, ComparedEvent{EventHit: e})
			}
			note("event", k, name)
		}
	}
	out := &Comparison{Story: st.ID, Title: st.Title, Outlets: []OutletReport{}}
	shared := map[string]bool{}
	count := func(kind, key string) (int, bool) {
		n := len(seen[kind+"\x00"+key])
		if n > 1 {
			shared[kind+"\x00"+key] = true
		}
		return n, n > 1
	}
	for _, name := range order {
		o := byName[name]
		for _, ce := range o.entities {
			ce.Outlets, ce.Shared = count("entity", ce.ID)
			o.rep.Entities = append(o.rep.Entities, *ce)
		}
		sort.Slice(o.rep.Entities, func(i, j int) bool {
			a, b := o.rep.Entities[i], o.rep.Entities[j]
			if a.Mentions != b.Mentions {
				return a.Mentions > b.Mentions
			}
			return a.Name < b.Name
		})
		for i := range o.rep.Quotes {
			q := &o.rep.Quotes[i]
			q.Outlets, q.Shared = count("quote", q.Speaker+"\x00"+normText(q.Text))
		}
		for i := range o.rep.Events {
			e := &o.rep.Events[i]
			e.Outlets, e.Shared = count("event", eventKey(e.EventHit))
		}
		for i := range o.rep.Figures {
			f := &o.rep.Figures[i]
			f.Outlets, f.Shared = count("figure", normText(f.Text))
		}
		out.Outlets = append(out.Outlets, *o.rep)
	}
	for k := range shared {
		switch k[:strings.IndexByte(k, 0)] {
		case "entity":
			out.Shared.Entities++
		case "quote":
			out.Shared.Quotes++
		case "event":
			out.Shared.Events++
		case "figure":
			out.Shared.Figures++
		}
	}
	return out, nil
}

func eventKey(e store.EventHit) string {
	actor, target := e.Actor, e.Target
	if actor == "" {
		actor = strings.ToLower(e.ActorName)
	}
	if target == "" {
		target = strings.ToLower(e.TargetName)
	}
	return e.Type + "\x00" + actor + "\x00" + target
}

// normText folds case and drops everything but letters and digits, so the
// same words with other punctuation or quotation marks compare equal.
func normText(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
