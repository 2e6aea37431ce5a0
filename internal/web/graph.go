package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// graphNodes caps the nodes of an ego graph.
const graphNodes = 40

type gNode struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Docs     int    `json:"docs"`
	Mentions int    `json:"mentions"`
	Degree   int    `json:"degree"`
	Centre   bool   `json:"centre,omitempty"`
	Href     string `json:"href"`
}

type gEdge struct {
	ID     string   `json:"id"`
	Source string   `json:"source"`
	Target string   `json:"target"`
	Kind   string   `json:"kind"` // cooccur or event
	Weight int      `json:"weight"`
	Types  []string `json:"types,omitempty"`
	// ByName is set for event edges whose other side the event stage left
	// unlinked and whose name names this node.
	ByName bool   `json:"by_name,omitempty"`
	Href   string `json:"href"`
	// SourceName and TargetName are for the table twin.
	SourceName string `json:"-"`
	TargetName string `json:"-"`
}

type egoGraph struct {
	Centre string  `json:"centre"`
	Nodes  []gNode `json:"nodes"`
	Edges  []gEdge `json:"edges"`
}

func edgeHref(a, b, kind string) string {
	return "/graph/edge?" + url.Values{"a": {a}, "b": {b}, "kind": {kind}}.Encode()
}

// ego builds the graph around one entity: its most frequent neighbours,
// co-occurrence edges between them and directed event edges. Events of
// the centre whose other side is unlinked are matched to a node by name.
func (u *UI) ego(ctx context.Context, centre string) (*egoGraph, error) {
	var g *store.Graph
	var err error
	if u.ex != nil {
		g, err = u.ex.EgoGraph(ctx, centre, graphNodes)
	} else {
		g, err = u.st.Graph(ctx, store.GraphQuery{Entity: centre, Limit: graphNodes})
	}
	if err != nil {
		return nil, err
	}
	out := &egoGraph{Centre: centre, Nodes: []gNode{}, Edges: []gEdge{}}
	idx := map[string]int{}
	for _, n := range g.Nodes {
		idx[n.ID] = len(out.Nodes)
		out.Nodes = append(out.Nodes, gNode{ID: n.ID, Name: n.Name, Type: string(n.Type), Docs: n.Documents, Mentions: n.Mentions,
			Centre: n.ID == centre, Href: "/entity/" + url.PathEscape(n.ID)})
	}
	event := map[[2]string]int{}
	// Co-occurrence: every edge of the centre, and among the others only
	// the strongest (the store lists them by weight), so the drawing stays
	// readable.
	others := 0
	for _, e := range g.Edges {
		if e.Kind == "cooccur" && e.Source != centre && e.Target != centre {
			if others >= 2*len(g.Nodes) {
				continue
			}
			others++
		}
		ge := gEdge{Source: e.Source, Target: e.Target, Kind: e.Kind, Weight: e.Weight, Types: e.Types}
		if e.Kind == "event" {
			event[[2]string{e.Source, e.Target}] = len(out.Edges)
		}
		out.Edges = append(out.Edges, ge)
	}
	// The centre's events with an unlinked side that names a node.
	var evs []store.EventHit
	if u.ex != nil {
		evs, err = u.ex.EventsOf(ctx, centre, "", store.MaxLimit)
	} else {
		var l *store.EventList
		l, err = u.st.Events(ctx, store.EventQuery{Entity: centre, Page: store.Page{Limit: store.MaxLimit}})
		if l != nil {
			evs = l.Events
		}
	}
	if err != nil {
		return nil, err
	}
	for _, ev := range evs {
		src, dst := ev.Actor, ev.Target
		switch {
		case src == centre && dst == "" && ev.TargetName != "":
			dst = nodeNamed(out.Nodes, ev.TargetName, centre)
		case dst == centre && src == "" && ev.ActorName != "":
			src = nodeNamed(out.Nodes, ev.ActorName, centre)
		default:
			continue
		}
		if src == "" || dst == "" {
			continue
		}
		k := [2]string{src, dst}
		if i, ok := event[k]; ok {
			if !out.Edges[i].ByName {
				continue // the store already counts linked events
			}
			out.Edges[i].Weight++
			if !containsStr(out.Edges[i].Types, ev.Type) {
				out.Edges[i].Types = append(out.Edges[i].Types, ev.Type)
				sort.Strings(out.Edges[i].Types)
			}
			continue
		}
		event[k] = len(out.Edges)
		out.Edges = append(out.Edges, gEdge{Source: src, Target: dst, Kind: "event", Weight: 1, Types: []string{ev.Type}, ByName: true})
	}
	for i := range out.Edges {
		e := &out.Edges[i]
		e.ID = fmt.Sprintf("e%d", i)
		e.Href = edgeHref(e.Source, e.Target, e.Kind)
		if a, ok := idx[e.Source]; ok {
			out.Nodes[a].Degree++
			e.SourceName = out.Nodes[a].Name
		}
		if b, ok := idx[e.Target]; ok {
			out.Nodes[b].Degree++
			e.TargetName = out.Nodes[b].Name
		}
	}
	return out, nil
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// nodeNamed returns the node (other than skip) whose name is in name as
// whole words ("Vladimir Putin" in "Russian President Vladimir Putin"),
// the longest such name winning.
func nodeNamed(nodes []gNode, name, skip string) string {
	fn := " " + fold(name) + " "
	best, bestLen := "", 0
	for _, n := range nodes {
		if n.ID == skip || n.Type != string(news.Person) && n.Type != string(news.Org) && n.Type != string(news.GPE) {
			continue
		}
		nn := fold(n.Name)
		if len(nn) > bestLen && strings.Contains(fn, " "+nn+" ") {
			best, bestLen = n.ID, len(nn)
		}
	}
	return best
}

type graphData struct {
	G      *egoGraph
	Centre store.EntitySummary
	Edges  []gEdge
	Nodes  []gNode
}

func (u *UI) graph(r *http.Request) (string, view, error) {
	ctx := r.Context()
	centre := r.URL.Query().Get("entity")
	if centre == "" {
		top, err := u.st.Entities(ctx, store.EntityQuery{Page: store.Page{Limit: 1}, Type: news.Person})
		if err != nil {
			return "", view{}, err
		}
		if len(top.Entities) == 0 {
			return "graph", view{Title: "Graph", Nav: "graph", Data: graphData{}}, nil
		}
		centre = top.Entities[0].ID
	}
	g, err := u.ego(ctx, centre)
	if err != nil {
		return "", view{}, err
	}
	d := graphData{G: g, Nodes: append([]gNode(nil), g.Nodes...), Edges: append([]gEdge(nil), g.Edges...)}
	for _, n := range g.Nodes {
		if n.Centre {
			d.Centre = store.EntitySummary{ID: n.ID, Name: n.Name, Type: news.EntityType(n.Type), Documents: n.Docs, Mentions: n.Mentions}
		}
	}
	sort.SliceStable(d.Nodes, func(i, j int) bool { return d.Nodes[i].Degree > d.Nodes[j].Degree })
	// The table lists the events and the centre's own co-occurrences.
	keep := d.Edges[:0]
	for _, e := range d.Edges {
		if e.Kind == "event" || e.Source == centre || e.Target == centre {
			keep = append(keep, e)
		}
	}
	d.Edges = keep
	sort.SliceStable(d.Edges, func(i, j int) bool {
		if (d.Edges[i].Kind == "event") != (d.Edges[j].Kind == "event") {
			return d.Edges[i].Kind == "event"
		}
		return d.Edges[i].Weight > d.Edges[j].Weight
	})
	return "graph", view{Title: "Graph of " + d.Centre.Name, Nav: "graph", Data: d,
		Styles:  []string{"graph.css"},
		Scripts: []string{"vendor/cytoscape@3.34.4/cytoscape.min.js", "graph.js"}}, nil
}

// graphData answers the ego graph of ?entity= as JSON, for "expand".
func (u *UI) graphData(w http.ResponseWriter, r *http.Request) {
	g, err := u.ego(r.Context(), r.URL.Query().Get("entity"))
	if err != nil {
		status, msg := http.StatusInternalServerError, "the graph could not be built"
		if strings.Contains(err.Error(), "not found") {
			status, msg = http.StatusNotFound, "no entity with this ID"
		} else {
			u.opt.Logger.Error("graph data", "err", err)
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"status": status, "message": msg}})
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	json.NewEncoder(w).Encode(g)
}

type edgeData struct {
	A, B     store.EntitySummary
	Kind     string
	Events   []edgeEvent
	Evidence []evidence
	Fragment bool
}

type edgeEvent struct {
	store.EventHit
	Before, Match, After string
	Href                 string
	ByName               bool
}

// graphEdge lists the sentences behind one edge: the events from a to b,
// or the sentences that name both.
func (u *UI) graphEdge(r *http.Request) (string, view, error) {
	ctx := r.Context()
	q := r.URL.Query()
	kind := q.Get("kind")
	if kind != "event" && kind != "cooccur" {
		return "", view{}, badRequest{fmt.Sprintf("kind=%q is not event or cooccur.", kind)}
	}
	if u.ex == nil {
		return "", view{}, badRequest{"This store cannot list the sentences of an edge."}
	}
	a, err := u.ex.EntitySummary(ctx, q.Get("a"))
	if err != nil {
		return "", view{}, err
	}
	b, err := u.ex.EntitySummary(ctx, q.Get("b"))
	if err != nil {
		return "", view{}, err
	}
	d := edgeData{A: *a, B: *b, Kind: kind, Fragment: q.Get("frag") == "1"}
	if kind == "event" {
		linked, err := u.ex.EventsOf(ctx, a.ID, b.ID, store.MaxLimit)
		if err != nil {
			return "", view{}, err
		}
		unlinked, err := u.ex.EventsOf(ctx, a.ID, "", store.MaxLimit)
		if err != nil {
			return "", view{}, err
		}
		nodes := []gNode{{ID: b.ID, Name: b.Name, Type: string(b.Type)}}
		for _, ev := range append(linked, unlinked...) {
			byName := ev.Target != b.ID
			if byName && (ev.Actor != a.ID || nodeNamed(nodes, ev.TargetName, a.ID) != b.ID) {
				continue
			}
			ee := edgeEvent{EventHit: ev, Href: spanHref(ev.Document, ev.Trigger.Start, ev.Trigger.End), ByName: byName}
			ee.Before = ev.Evidence
			if i := strings.Index(ev.Evidence, ev.Trigger.Text); ev.Trigger.Text != "" && i >= 0 {
				ee.Before, ee.Match, ee.After = ev.Evidence[:i], ev.Trigger.Text, ev.Evidence[i+len(ev.Trigger.Text):]
			}
			d.Events = append(d.Events, ee)
		}
	} else {
		ids, err := u.ex.SharedDocuments(ctx, a.ID, b.ID, 5)
		if err != nil {
			return "", view{}, err
		}
		for _, id := range ids {
			doc, err := u.st.Document(ctx, id)
			if err != nil {
				return "", view{}, err
			}
			d.Evidence = append(d.Evidence, bothNamed(doc, a.ID, b.ID, 3)...)
		}
	}
	name := "edge"
	if d.Fragment {
		name = "edgefrag"
	}
	return name, view{Title: a.Name + " and " + b.Name, Nav: "graph", Data: d}, nil
}

// bothNamed returns up to n sentences of doc that name both entities (or,
// if none does, the first sentence naming each).
func bothNamed(doc *store.Document, a, b string, n int) []evidence {
	art := doc.Article
	has := map[int][2]bool{}
	first := map[int]news.Span{}
	for i, m := range art.Mentions {
		if i >= len(doc.MentionEntities) {
			break
		}
		g := doc.MentionEntities[i]
		if g != a && g != b {
			continue
		}
		s := art.SentenceOf(m.Start)
		if s < 0 {
			continue
		}
		h := has[s]
		if g == a {
			h[0] = true
		} else {
			h[1] = true
		}
		has[s] = h
		if _, ok := first[s]; !ok {
			first[s] = m.Span
		}
	}
	var both []int
	for s, h := range has {
		if h[0] && h[1] {
			both = append(both, s)
		}
	}
	sort.Ints(both)
	var out []evidence
	for _, s := range both {
		if len(out) >= n {
			break
		}
		sp := art.Sentences[s]
		out = append(out, evidence{Before: art.Text[sp.Start:sp.End], Doc: art.ID, DocTitle: art.Title,
			Href: spanHref(art.ID, cpOffset(art.Text, sp.Start), cpOffset(art.Text, sp.End))})
	}
	return out
}
