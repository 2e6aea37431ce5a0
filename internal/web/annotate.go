package web

import (
	"html"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// mark is one annotation to highlight: a byte span of the text, CSS
// classes, a tooltip and, for mentions, the entity page to link.
type mark struct {
	news.Span
	class string
	title string
	href  string
}

// annotatedHTML renders an article's clean text as paragraphs, with every
// mention, quote, time and place highlighted. The text is cut at every
// annotation boundary and each piece is wrapped in one element carrying
// the classes of all annotations that cover it, so overlapping and nested
// annotations always give well-formed HTML.
func annotatedHTML(d *store.Document) template.HTML {
	a := d.Article
	var marks []mark
	for _, q := range a.Quotes {
		t := "quote"
		if q.SpeakerName != "" {
			t += " by " + q.SpeakerName
		}
		if q.Kind != "" {
			t += " (" + string(q.Kind) + ")"
		}
		marks = append(marks, mark{Span: q.Span, class: "q", title: t})
	}
	for _, e := range a.Events {
		t := e.Type
		if e.ActorName != "" || e.TargetName != "" {
			t += ": " + orDash(e.ActorName) + " → " + orDash(e.TargetName)
		}
		if e.Date != "" {
			t += " (" + e.Date + ")"
		}
		marks = append(marks, mark{Span: e.Trigger.Span, class: "e", title: "event " + t})
	}
	for _, t := range a.Times {
		v := t.Value
		if v == "" {
			v = "unresolved"
		}
		marks = append(marks, mark{Span: t.Span, class: "t", title: string(t.Kind) + " " + v})
	}
	for _, p := range a.Places {
		marks = append(marks, mark{Span: p.Span, class: "p", title: p.Name + ", " + p.Country})
	}
	for i, m := range a.Mentions {
		mk := mark{Span: m.Span, class: "m m-" + strings.ToLower(string(m.Type)), title: string(m.Type)}
		if i < len(d.MentionEntities) && d.MentionEntities[i] != "" {
			mk.href = "/entity/" + d.MentionEntities[i]
			for _, ref := range d.Entities {
				if ref.ID == d.MentionEntities[i] {
					mk.title += " · " + ref.Name
					break
				}
			}
		}
		marks = append(marks, mk)
	}
	paras := a.Paragraphs
	if len(paras) == 0 {
		paras = []news.Span{{Start: 0, End: len(a.Text)}}
	}
	var b strings.Builder
	for _, p := range paras {
		if p.Start < 0 || p.End > len(a.Text) || p.Start >= p.End {
			continue
		}
		b.WriteString("<p>")
		writeMarked(&b, a.Text, p, marks)
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}

func writeMarked(b *strings.Builder, text string, p news.Span, marks []mark) {
	cuts := []int{p.Start, p.End}
	var in []mark
	for _, m := range marks {
		if m.Start < m.End && m.Overlaps(p) && m.Start >= 0 && m.End <= len(text) {
			in = append(in, m)
			cuts = append(cuts, max(m.Start, p.Start), min(m.End, p.End))
		}
	}
	sort.Ints(cuts)
	for i := 0; i+1 < len(cuts); i++ {
		s, e := cuts[i], cuts[i+1]
		if s == e {
			continue
		}
		seg := html.EscapeString(text[s:e])
		var classes, titles []string
		href := ""
		for _, m := range in {
			if m.Start <= s && e <= m.End {
				classes = append(classes, m.class)
				titles = append(titles, m.title)
				if m.href != "" {
					href = m.href
				}
			}
		}
		switch {
		case href != "":
			b.WriteString(`<a class="` + html.EscapeString(strings.Join(classes, " ")) + `" href="` + html.EscapeString(href) +
				`" title="` + html.EscapeString(strings.Join(titles, "; ")) + `">` + seg + `</a>`)
		case len(classes) > 0:
			b.WriteString(`<span class="` + html.EscapeString(strings.Join(classes, " ")) + `" title="` +
				html.EscapeString(strings.Join(titles, "; ")) + `">` + seg + `</span>`)
		default:
			b.WriteString(seg)
		}
	}
}

// graphView is a graph laid out on a circle for an SVG drawing.
type graphView struct {
	Nodes []graphNode
	Edges []graphEdge
	Empty bool
}

type graphNode struct {
	store.GraphNode
	X, Y, R float64
	LX, LY  float64 // label position
	Anchor  string
}

type graphEdge struct {
	X1, Y1, X2, Y2 float64
	Width          float64
	Kind, Title    string
}

// layoutGraph places the nodes on a circle (the first, most connected,
// node in the centre when the graph is about one entity).
func layoutGraph(g *store.Graph) graphView {
	const cx, cy, radius = 400.0, 300.0, 230.0
	v := graphView{Empty: len(g.Nodes) == 0}
	pos := map[string]int{}
	maxDocs := 1
	for _, n := range g.Nodes {
		maxDocs = max(maxDocs, n.Documents)
	}
	n := len(g.Nodes)
	for i, node := range g.Nodes {
		angle := 2 * math.Pi * float64(i) / float64(max(n, 1))
		x, y := cx+radius*math.Cos(angle), cy+radius*math.Sin(angle)
		gn := graphNode{GraphNode: node, X: x, Y: y, R: 4 + 10*math.Sqrt(float64(node.Documents)/float64(maxDocs))}
		gn.LX, gn.LY = cx+(radius+gn.R+6)*math.Cos(angle), cy+(radius+gn.R+6)*math.Sin(angle)+4
		gn.Anchor = "start"
		if math.Cos(angle) < -0.1 {
			gn.Anchor = "end"
		} else if math.Abs(math.Cos(angle)) <= 0.1 {
			gn.Anchor = "middle"
		}
		pos[node.ID] = i
		v.Nodes = append(v.Nodes, gn)
	}
	maxW := 1
	for _, e := range g.Edges {
		maxW = max(maxW, e.Weight)
	}
	for _, e := range g.Edges {
		a, okA := pos[e.Source]
		b, okB := pos[e.Target]
		if !okA || !okB {
			continue
		}
		t := v.Nodes[a].Name + " – " + v.Nodes[b].Name
		if e.Kind == "event" {
			t = v.Nodes[a].Name + " → " + v.Nodes[b].Name + ": " + strings.Join(e.Types, ", ")
		}
		v.Edges = append(v.Edges, graphEdge{X1: v.Nodes[a].X, Y1: v.Nodes[a].Y, X2: v.Nodes[b].X, Y2: v.Nodes[b].Y,
			Width: 0.5 + 4*float64(e.Weight)/float64(maxW), Kind: e.Kind, Title: t})
	}
	return v
}
