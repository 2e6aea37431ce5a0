package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/store"
)

// periodRange returns the first day of a YYYY, YYYY-MM or YYYY-MM-DD
// period and the day after its last, and its precision.
func periodRange(p string) (start, end time.Time, prec string, ok bool) {
	switch len(p) {
	case 4:
		y, err := strconv.Atoi(p)
		if err != nil {
			return start, end, "", false
		}
		start = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		return start, start.AddDate(1, 0, 0), "year", true
	case 7:
		t, err := time.Parse("2006-01", p)
		if err != nil {
			return start, end, "", false
		}
		return t, t.AddDate(0, 1, 0), "month", true
	case 10:
		t, err := time.Parse("2006-01-02", p)
		if err != nil {
			return start, end, "", false
		}
		return t, t.AddDate(0, 0, 1), "day", true
	}
	return start, end, "", false
}

// tlItem is one dated item laid out on the timeline.
type tlItem struct {
	store.DatedItem
	Precision string
	Start     time.Time
	End       time.Time
	Label     string
	What      string
	Href      string
	// Layout, in view-box units.
	X, Y, W float64
	Class   string
}

type tlGroup struct {
	Name  string
	Y     float64
	Lanes int
}

type tlTick struct {
	X     float64
	Label string
}

type timelineData struct {
	Items          []tlItem
	Groups         []tlGroup
	Ticks          []tlTick
	Height         float64
	From, To, Type string
	Entity         *store.EntitySummary
	Total          int
	Pager          pager
	Zoom           []zoomLink
	Up             string
	Span           string
	Hidden         int
}

type zoomLink struct {
	Label, Href string
	On          bool
}

const (
	tlWidth  = 1000.0
	tlLeft   = 110.0
	tlLane   = 18.0
	tlAxis   = 26.0
	tlMaxLan = 12
)

func (u *UI) timeline(r *http.Request) (string, view, error) {
	ctx := r.Context()
	q := r.URL.Query()
	d := timelineData{From: q.Get("from"), To: q.Get("to"), Type: strings.ToUpper(q.Get("type"))}
	for _, v := range []struct{ name, val string }{{"from", d.From}, {"to", d.To}} {
		if v.val != "" && !isDate(v.val) {
			return "", view{}, badRequest{fmt.Sprintf("%s=%q is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.", v.name, v.val)}
		}
	}
	if b := q.Get("bucket"); b != "" && b != "day" && b != "month" && b != "year" {
		return "", view{}, badRequest{fmt.Sprintf("bucket=%q is not day, month or year.", b)}
	}
	if id := q.Get("entity"); id != "" {
		e, err := u.st.Entity(ctx, id)
		if err != nil {
			return "", view{}, err
		}
		d.Entity = &e.EntitySummary
	}
	p := pageOf(r)
	if q.Get("limit") == "" {
		p.Limit = store.MaxLimit
	}
	var items []store.DatedItem
	if u.ex != nil {
		dq := store.DatedQuery{Page: p, From: d.From, To: d.To, Type: d.Type}
		if d.Entity != nil {
			dq.Entity = d.Entity.ID
		}
		l, err := u.ex.Dated(ctx, dq)
		if err != nil {
			return "", view{}, err
		}
		items, d.Total = l.Items, l.Total
	} else {
		eq := store.EventQuery{Page: p, Type: d.Type}
		if d.Entity != nil {
			eq.Entity = d.Entity.ID
		}
		l, err := u.st.Events(ctx, eq)
		if err != nil {
			return "", view{}, err
		}
		for i := range l.Events {
			e := l.Events[i]
			if isDate(e.Date) {
				items = append(items, store.DatedItem{Kind: "event", Date: e.Date, Document: e.Document, DocumentTitle: e.DocumentTitle, Event: &e})
			}
		}
		d.Total = len(items)
	}
	d.Pager = newPager(r, p, d.Total, len(items))
	for _, it := range items {
		s, e, prec, ok := periodRange(it.Date)
		if !ok {
			continue
		}
		ti := tlItem{DatedItem: it, Precision: prec, Start: s, End: e}
		switch it.Kind {
		case "event":
			ev := it.Event
			ti.What = ev.Type
			ti.Label = ev.Type + ": " + orDash(ev.ActorName) + " → " + orDash(ev.TargetName)
			ti.Href = spanHref(it.Document, ev.Trigger.Start, ev.Trigger.End)
			ti.Class = "ev"
		case "photo":
			ti.What = "photo date"
			ti.Label = "photo dated " + it.Text
			ti.Href = "/doc/" + url.PathEscape(it.Document) + "#captions"
			ti.Class = "ph"
		default:
			ti.What = "date in the text"
			ti.Label = "“" + it.Text + "”"
			ti.Href = spanHref(it.Document, it.Start, it.End)
			ti.Class = "tx"
		}
		d.Items = append(d.Items, ti)
	}
	layoutTimeline(&d)
	d.Zoom, d.Up = zoomLinks(r, d)
	title := "Timeline"
	if d.Entity != nil {
		title += " of " + d.Entity.Name
	}
	return "timeline", view{Title: title, Nav: "timeline", Data: d}, nil
}

// layoutTimeline places each item as a bar from the start of its period
// to its end, in lanes so that bars of one group never overlap.
func layoutTimeline(d *timelineData) {
	if len(d.Items) == 0 {
		return
	}
	lo, hi := d.Items[0].Start, d.Items[0].End
	for _, it := range d.Items {
		if it.Start.Before(lo) {
			lo = it.Start
		}
		if it.End.After(hi) {
			hi = it.End
		}
	}
	if s, _, _, ok := periodRange(d.From); ok {
		lo = s
	}
	if _, e, _, ok := periodRange(d.To); ok {
		hi = e
	}
	if !hi.After(lo) {
		hi = lo.AddDate(0, 0, 1)
	}
	d.Span = lo.Format("2006-01-02") + " – " + hi.AddDate(0, 0, -1).Format("2006-01-02")
	total := hi.Sub(lo).Hours()
	x := func(t time.Time) float64 {
		f := t.Sub(lo).Hours() / total
		return tlLeft + max(0, min(1, f))*(tlWidth-tlLeft-10)
	}
	order := []string{"ev", "tx", "ph"}
	names := map[string]string{"ev": "Events", "tx": "Dates in the text", "ph": "Photo dates"}
	y := tlAxis + 8
	for _, class := range order {
		var lanesEnd []float64
		n := 0
		for i := range d.Items {
			it := &d.Items[i]
			if it.Class != class {
				continue
			}
			it.X = x(it.Start)
			it.W = max(x(it.End)-it.X, 5)
			lane := -1
			for l, end := range lanesEnd {
				if end+2 <= it.X {
					lane = l
					break
				}
			}
			if lane < 0 {
				if len(lanesEnd) >= tlMaxLan {
					it.W = 0 // not drawn; the table lists it
					d.Hidden++
					continue
				}
				lane = len(lanesEnd)
				lanesEnd = append(lanesEnd, 0)
			}
			lanesEnd[lane] = it.X + it.W
			it.Y = y + float64(lane)*tlLane
			n++
		}
		if n == 0 {
			continue
		}
		d.Groups = append(d.Groups, tlGroup{Name: names[class], Y: y, Lanes: len(lanesEnd)})
		y += float64(len(lanesEnd))*tlLane + 14
	}
	d.Height = y
	// Ticks: years, months or days, whichever gives 2 to 24 of them.
	days := hi.Sub(lo).Hours() / 24
	step, format := func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }, "2006"
	start := time.Date(lo.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	years := days / 365
	switch {
	case days <= 45:
		step, format, start = func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }, "Jan 2", lo
		if days > 14 {
			step = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
		}
	case days <= 730:
		step, format, start = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }, "Jan 2006", time.Date(lo.Year(), lo.Month(), 1, 0, 0, 0, 0, time.UTC)
		if days > 366 {
			step = func(t time.Time) time.Time { return t.AddDate(0, 3, 0) }
		}
	case years > 40:
		step = func(t time.Time) time.Time { return t.AddDate(10, 0, 0) }
		start = time.Date(lo.Year()/10*10, 1, 1, 0, 0, 0, 0, time.UTC)
	case years > 16:
		step = func(t time.Time) time.Time { return t.AddDate(2, 0, 0) }
	}
	for t := start; !t.After(hi) && len(d.Ticks) < 40; t = step(t) {
		if t.Before(lo) {
			continue
		}
		d.Ticks = append(d.Ticks, tlTick{X: x(t), Label: t.Format(format)})
	}
}

// zoomLinks offers the years (or the months of a year) in view as ranges
// to zoom into, and the way back out.
func zoomLinks(r *http.Request, d timelineData) ([]zoomLink, string) {
	link := func(from, to string) string {
		v := url.Values{}
		for k, vs := range r.URL.Query() {
			if k != "offset" && k != "from" && k != "to" {
				v[k] = vs
			}
		}
		if from != "" {
			v.Set("from", from)
		}
		if to != "" {
			v.Set("to", to)
		}
		if len(v) == 0 {
			return "/timeline"
		}
		return "/timeline?" + v.Encode()
	}
	var out []zoomLink
	up := ""
	switch {
	case d.From == "" && d.To == "":
		seen := map[string]bool{}
		for _, it := range d.Items {
			y := it.Date[:4]
			if !seen[y] {
				seen[y] = true
				out = append(out, zoomLink{Label: y, Href: link(y, y)})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	case len(d.From) == 4 && d.From == d.To:
		up = link("", "")
		seen := map[string]bool{}
		for _, it := range d.Items {
			if len(it.Date) >= 7 && !seen[it.Date[:7]] {
				seen[it.Date[:7]] = true
				out = append(out, zoomLink{Label: monthName(it.Date[:7]), Href: link(it.Date[:7], it.Date[:7])})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Href < out[j].Href })
	case len(d.From) == 7 && d.From == d.To:
		up = link(d.From[:4], d.From[:4])
	default:
		up = link("", "")
	}
	return out, up
}
