package web

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/store"
)

// areaKinds maps the GeoNames IDs of gazetteer areas (countries, first-level
// subdivisions, continents) to their kind; places not in it are points.
var areaKinds = sync.OnceValues(func() (map[int]gazetteer.Kind, error) {
	g, err := gazetteer.Default()
	if err != nil {
		return nil, err
	}
	m := map[int]gazetteer.Kind{}
	for i := 0; i < g.Len(); i++ {
		e := g.Entry(int32(i))
		if e.Kind != gazetteer.KindCity && e.GeoNames > 0 {
			m[e.GeoNames] = e.Kind
		}
	}
	return m, nil
})

// countryByName returns the ISO code of the country called name, or "".
func countryByName(name string) string {
	g, err := gazetteer.Default()
	if err != nil {
		return ""
	}
	for _, i := range g.Lookup(name) {
		if e := g.Entry(i); e.Kind == gazetteer.KindCountry {
			return e.Country
		}
	}
	return ""
}

// precision says how exactly a place is located: "country", "region",
// "continent" or "point".
func precision(geonames int) string {
	kinds, err := areaKinds()
	if err != nil || geonames <= 0 {
		return "point"
	}
	switch kinds[geonames] {
	case gazetteer.KindCountry:
		return "country"
	case gazetteer.KindAdmin1:
		return "region"
	case gazetteer.KindContinent:
		return "continent"
	}
	return "point"
}

// mapPoint is a place drawn as a marker.
type mapPoint struct {
	Name      string  `json:"name"`
	Country   string  `json:"country"`
	Lat       float64 `json:"lat"`
	Lon       float64 `json:"lon"`
	Mentions  int     `json:"mentions"`
	Articles  int     `json:"articles"`
	Precision string  `json:"precision"`
	Href      string  `json:"href"`
}

// mapArea is a country shaded by how often its country-level places are
// mentioned. ID is the world-atlas (ISO numeric) ID.
type mapArea struct {
	ID       string `json:"id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Mentions int    `json:"mentions"`
	Href     string `json:"href"`
}

type mapEvent struct {
	Type     string  `json:"type"`
	Label    string  `json:"label"`
	Date     string  `json:"date,omitempty"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
	Evidence string  `json:"evidence"`
	Href     string  `json:"href"`
}

// mapEvents are the events at one place: one marker, never jittered.
type mapEvents struct {
	Place  string     `json:"place"`
	Lat    float64    `json:"lat"`
	Lon    float64    `json:"lon"`
	Events []mapEvent `json:"events"`
}

type mapData struct {
	Points []mapPoint   `json:"points"`
	Areas  []mapArea    `json:"areas"`
	Events []*mapEvents `json:"events"`
}

type placesData struct {
	Map       mapData
	Rows      []placeRow
	Events    []store.PlacedEvent
	EvHref    []string
	Country   string
	Countries []string
	Total     int
	Types     []string
}

type placeRow struct {
	store.PlaceCount
	Precision string
	Href      string
}

func placeHref(p store.PlaceCount) string {
	v := url.Values{}
	if p.GeoNames > 0 {
		v.Set("geonames", strconv.Itoa(p.GeoNames))
	}
	v.Set("name", p.Name)
	if p.Country != "" {
		v.Set("country", p.Country)
	}
	return "/place?" + v.Encode()
}

func (u *UI) places(r *http.Request) (string, view, error) {
	ctx := r.Context()
	country := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("country")))
	if country != "" && (len(country) != 2 || isoNumeric[country] == "") {
		return "", view{}, badRequest{fmt.Sprintf("country=%q is not an ISO 3166-1 two-letter code (PL, BY, UA, …).", r.URL.Query().Get("country"))}
	}
	pq := store.PlaceQuery{Page: store.Page{Limit: store.MaxLimit}, Country: country}
	var l *store.PlaceList
	var err error
	if u.ex != nil {
		l, err = u.ex.MapPlaces(ctx, pq)
	} else {
		l, err = u.st.Places(ctx, pq)
	}
	if err != nil {
		return "", view{}, err
	}
	d := placesData{Country: country, Total: l.Total, Map: mapData{Points: []mapPoint{}, Areas: []mapArea{}, Events: []*mapEvents{}}}
	areas := map[string]*mapArea{}
	for _, p := range l.Places {
		row := placeRow{PlaceCount: p, Precision: precision(p.GeoNames), Href: placeHref(p)}
		d.Rows = append(d.Rows, row)
		switch row.Precision {
		case "country":
			id := isoNumeric[p.Country]
			if id == "" {
				continue
			}
			a := areas[id]
			if a == nil {
				a = &mapArea{ID: id, Code: p.Country, Name: p.Name, Href: row.Href}
				areas[id] = a
			}
			a.Mentions += p.Mentions
		case "continent":
			// Too coarse to draw: the table lists it.
		default:
			d.Map.Points = append(d.Map.Points, mapPoint{Name: p.Name, Country: p.Country, Lat: p.Lat, Lon: p.Lon, Mentions: p.Mentions,
				Articles: len(p.Documents), Precision: row.Precision, Href: row.Href})
		}
	}
	for _, a := range areas {
		d.Map.Areas = append(d.Map.Areas, *a)
	}
	sort.Slice(d.Map.Areas, func(i, j int) bool { return d.Map.Areas[i].ID < d.Map.Areas[j].ID })
	if u.ex != nil {
		evs, err := u.ex.PlaceEvents(ctx, store.PlaceQuery{Page: store.Page{Limit: 100}, Country: country})
		if err != nil {
			return "", view{}, err
		}
		d.Events = evs
		types := map[string]bool{}
		at := map[[2]float64]*mapEvents{}
		for _, e := range evs {
			href := spanHref(e.Document, e.Trigger.Start, e.Trigger.End)
			d.EvHref = append(d.EvHref, href)
			k := [2]float64{e.Lat, e.Lon}
			g := at[k]
			if g == nil {
				g = &mapEvents{Place: e.PlaceName, Lat: e.Lat, Lon: e.Lon}
				at[k] = g
				d.Map.Events = append(d.Map.Events, g)
			}
			g.Events = append(g.Events, mapEvent{Type: e.Type, Label: orDash(e.ActorName) + " → " + orDash(e.TargetName),
				Date: e.Date, Lat: e.Lat, Lon: e.Lon, Evidence: e.Evidence, Href: href})
			types[e.Type] = true
		}
		for t := range types {
			d.Types = append(d.Types, t)
		}
		sort.Strings(d.Types)
	}
	for c := range isoNumeric {
		d.Countries = append(d.Countries, c)
	}
	sort.Strings(d.Countries)
	return "places", view{Title: "Map", Nav: "places", Data: d,
		Styles:  []string{"vendor/leaflet@1.9.4/leaflet.css"},
		Scripts: []string{"vendor/leaflet@1.9.4/leaflet.js", "vendor/topojson-client@3.1.0/topojson-client.min.js", "vendor/supercluster@9.1.0/supercluster.min.js", "map.js"}}, nil
}

type placeData struct {
	Name, Country string
	GeoNames      int
	Precision     string
	Evidence      []evidence
	Mentions      int // shown here
	Fragment      bool
}

// place lists the sentences that name one place: the evidence behind a pin
// or a shaded country. With frag=1 it answers only the list, for the map's
// popups.
func (u *UI) place(r *http.Request) (string, view, error) {
	ctx := r.Context()
	q := r.URL.Query()
	key := store.PlaceKey{Name: q.Get("name"), Country: q.Get("country")}
	if g := q.Get("geonames"); g != "" {
		n, err := strconv.Atoi(g)
		if err != nil || n <= 0 {
			return "", view{}, badRequest{fmt.Sprintf("geonames=%q is not a GeoNames ID.", g)}
		}
		key.GeoNames = n
	}
	if key.GeoNames == 0 && key.Name == "" {
		return "", view{}, badRequest{"Name a place: /place?geonames=ID or /place?name=NAME&country=CC."}
	}
	d := placeData{Name: key.Name, Country: key.Country, GeoNames: key.GeoNames, Precision: precision(key.GeoNames), Fragment: q.Get("frag") == "1"}
	if u.ex == nil {
		return "", view{}, badRequest{"This store cannot list the sentences of a place."}
	}
	ms, err := u.ex.PlaceMentions(ctx, key, 8)
	if err != nil {
		return "", view{}, err
	}
	if len(ms) == 0 {
		return "", view{}, notFound{"place " + strconv.Quote(key.Name) + " in this store"}
	}
	d.Mentions = len(ms)
	docs := map[string]*store.Document{}
	for _, m := range ms {
		doc := docs[m.ID]
		if doc == nil {
			if doc, err = u.st.Document(ctx, m.ID); err != nil {
				return "", view{}, err
			}
			docs[m.ID] = doc
		}
		if ev, ok := evidenceOf(doc.Article, m.Start, m.End); ok {
			d.Evidence = append(d.Evidence, ev)
		}
	}
	title := key.Name
	if title == "" {
		title = "Place " + strconv.Itoa(key.GeoNames)
	}
	name := "place"
	if d.Fragment {
		name = "placefrag"
	}
	return name, view{Title: title, Nav: "places", Data: d}, nil
}
