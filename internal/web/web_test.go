package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/web"
)

func TestPages(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "web.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	text := "Pavel Kulazhanka said “we fight <here>” in Warsaw on 21 May 2022. Warsaw & Minsk."
	at := func(s string) news.Span {
		i := strings.Index(text, s)
		return news.Span{Start: i, End: i + len(s)}
	}
	a := &news.Article{ID: "doc1", Title: "Volunteers <b>train</b>", Published: "2022-05-21", Text: text,
		Paragraphs: []news.Span{{Start: 0, End: len(text)}},
		Removed:    []news.Removed{{Kind: news.RemovedPromo, Text: "CLICK HERE TO GET THE APP"}},
		Captions: []news.Caption{{Text: "Volunteers at a range on May 20, 2022", Count: 10,
			Times: []news.Time{{Span: news.Span{Start: 25, End: 37}, Text: "May 20, 2022", Value: "2022-05-20", Kind: news.TimeDate}}}},
		Entities: []news.Entity{{ID: "E1", Name: "Pavel Kulazhanka", Type: news.Person}, {ID: "E2", Name: "Warsaw", Type: news.GPE}},
		Mentions: []news.Mention{{Span: at("Pavel Kulazhanka"), Text: "Pavel Kulazhanka", Type: news.Person, Entity: "E1"},
			{Span: at("Warsaw"), Text: "Warsaw", Type: news.GPE, Entity: "E2"}},
		Quotes:    []news.Quote{{Span: at("we fight <here>"), Text: "we fight <here>", Speaker: "E1", SpeakerName: "Pavel Kulazhanka", Kind: news.QuoteDirect}},
		Places:    []news.Place{{Span: at("Warsaw"), Text: "Warsaw", Name: "Warsaw", Country: "PL", Lat: 52.23, Lon: 21.01, GeoNames: 756135}},
		Times:     []news.Time{{Span: at("21 May 2022"), Text: "21 May 2022", Value: "2022-05-21", Kind: news.TimeDate}},
		Sentences: []news.Span{{Start: 0, End: at("Warsaw & Minsk.").Start - 1}, at("Warsaw & Minsk.")},
		Events: []news.Event{{Type: "ASSAULT", Trigger: news.Trigger{Span: at("fight"), Text: "fight"}, Status: news.StatusAsserted},
			{Type: "CONSULT", Trigger: news.Trigger{Span: at("Minsk"), Text: "Minsk"}, Status: news.StatusHypothetical, Sentence: 1}},
	}
	if _, err := st.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	ui, err := web.New(st, web.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	kul := resolve.EntityID(news.Person, resolve.CanonicalKey(news.Person, []string{"Pavel Kulazhanka"}), 1)
	wl, err := st.Entities(ctx, store.EntityQuery{Name: "Warsaw", Page: store.Page{Limit: 1}})
	if err != nil || len(wl.Entities) != 1 {
		t.Fatalf("Warsaw: %v", err)
	}
	war := wl.Entities[0].ID
	tests := []struct {
		url    string
		status int
		want   []string
	}{
		{"/", 200, []string{`href="/doc/doc1"`, "Volunteers &lt;b&gt;train&lt;/b&gt;"}},
		{"/?q=warsaw", 200, []string{"1 article for", "<mark>Warsaw</mark>"}},
		{"/?q=%22%22", 200, []string{"Cannot search", "no words"}},
		{"/?q=warsaw&from=May", 200, []string{"Cannot search", "From date"}},
		{"/?q=warsaw", 200, []string{"outlet unknown", "Entities in these articles", `href="/entity/` + war + `"`}},
		{"/?q=kulaz", 200, []string{"Entities named like this", "Pavel Kulazhanka"}},
		{"/doc/doc1", 200, []string{"Removed by cleaning", "CLICK HERE TO GET THE APP", "×10",
			`class="m m-person" id="m0" href="/entity/` + kul + `"`, "we fight &lt;here&gt;", `class="q"`, "Warsaw &amp; Minsk", `id="s1"`, `id="L-q"`}},
		{"/doc/doc1", 200, []string{"ASSAULT", "1 more not asserted", `href="?status=all#side-ev"`}},
		{"/doc/doc1?status=all", 200, []string{"ASSAULT", "CONSULT", "(hypothetical)", "show asserted and reported only"}},
		{"/doc/doc1?span=0-5", 200, []string{`id="sp"`, `class="hl`}},
		{"/doc/doc1?span=x", 400, []string{"is not START-END"}},
		{"/doc/nope", 404, []string{"There is no article with this ID."}},
		{"/entities", 200, []string{"Pavel Kulazhanka"}},
		{"/entity/" + kul, 200, []string{"Said by Pavel Kulazhanka", "Warsaw", "Events where Pavel Kulazhanka acts", "Names and why they were merged"}},
		{"/entity/zz", 404, []string{"There is no entity with this ID."}},
		{"/quotes?speaker=kulazhanka", 200, []string{"we fight &lt;here&gt;"}},
		{"/timeline", 200, []string{`data-date="2022-05-21" data-precision="day"`, "21 May 2022", `class="ph p-day" data-date="2022-05-20"`, "photo date"}},
		{"/timeline?from=2022&to=2022", 200, []string{`data-precision="day"`, "← wider"}},
		{"/timeline?from=May", 400, []string{"is not a date"}},
		{"/timeline?bucket=week", 400, nil},
		{"/places", 200, []string{`id="map"`, "Warsaw", `id="map-data"`, "vendor/leaflet@1.9.4/leaflet.js"}},
		{"/places?country=XX", 400, []string{"not an ISO 3166-1"}},
		{"/place?name=Warsaw&country=PL&geonames=756135", 200, []string{"<mark>Warsaw</mark>", "span="}},
		{"/place?name=Warsaw&country=PL&geonames=756135&frag=1", 200, []string{`<div class="pop">`, "<mark>Warsaw</mark>"}},
		{"/place?name=Nowhere&country=PL", 404, nil},
		{"/graph", 200, []string{`id="graph-data"`, "Pavel Kulazhanka", "cytoscape.min.js"}},
		{"/graph/edge?a=" + kul + "&b=" + war + "&kind=cooccur", 200, []string{"Warsaw"}},
		{"/graph/edge?a=" + kul + "&b=" + war + "&kind=x", 400, nil},
		{"/stories", 200, []string{"No stories yet"}},
		{"/story/none", 404, nil},
		{"/static/style.css", 200, []string{"newsgraph"}},
		{"/no/such/page", 404, []string{"There is no page at this address."}},
	}
	for _, tc := range tests {
		rec := httptest.NewRecorder()
		ui.ServeHTTP(rec, httptest.NewRequest("GET", tc.url, nil))
		if rec.Code != tc.status {
			t.Errorf("GET %s: status %d; want %d", tc.url, rec.Code, tc.status)
		}
		for _, w := range tc.want {
			if !strings.Contains(rec.Body.String(), w) {
				t.Errorf("GET %s: page lacks %q", tc.url, w)
			}
		}
		// Events that did not happen stay off the page unless asked for.
		if tc.url == "/doc/doc1" && strings.Contains(rec.Body.String(), "CONSULT") {
			t.Errorf("GET %s: shows a hypothetical event by default", tc.url)
		}
		if rec.Code >= 400 && (strings.Contains(rec.Body.String(), "store:") || strings.Contains(rec.Body.String(), "sqlite")) {
			t.Errorf("GET %s: the error page shows internals: %s", tc.url, rec.Body)
		}
		if ct := rec.Header().Get("Content-Type"); strings.HasPrefix(ct, "text/html") && rec.Header().Get("Content-Security-Policy") != web.CSP {
			t.Errorf("GET %s: Content-Security-Policy %q", tc.url, rec.Header().Get("Content-Security-Policy"))
		}
	}
	if err := st.SetStory(ctx, "doc1", "s1", ""); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	ui.ServeHTTP(rec, httptest.NewRequest("GET", "/story/s1", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Side by side") || !strings.Contains(rec.Body.String(), "outlet unknown") {
		t.Errorf("GET /story/s1: status %d", rec.Code)
	}
}
