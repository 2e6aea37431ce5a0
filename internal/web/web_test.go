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
	text := "Pavel Kulazhanka said “we fight <here>” in Warsaw. Warsaw & Minsk."
	at := func(s string) news.Span {
		i := strings.Index(text, s)
		return news.Span{Start: i, End: i + len(s)}
	}
	a := &news.Article{ID: "doc1", Title: "Volunteers <b>train</b>", Published: "2022-05-21", Text: text,
		Paragraphs: []news.Span{{Start: 0, End: len(text)}},
		Removed:    []news.Removed{{Kind: news.RemovedPromo, Text: "CLICK HERE TO GET THE APP"}},
		Captions:   []news.Caption{{Text: "Volunteers at a range", Count: 10}},
		Entities:   []news.Entity{{ID: "E1", Name: "Pavel Kulazhanka", Type: news.Person}, {ID: "E2", Name: "Warsaw", Type: news.GPE}},
		Mentions: []news.Mention{{Span: at("Pavel Kulazhanka"), Text: "Pavel Kulazhanka", Type: news.Person, Entity: "E1"},
			{Span: at("Warsaw"), Text: "Warsaw", Type: news.GPE, Entity: "E2"}},
		Quotes: []news.Quote{{Span: at("we fight <here>"), Text: "we fight <here>", Speaker: "E1", SpeakerName: "Pavel Kulazhanka", Kind: news.QuoteDirect}},
		Places: []news.Place{{Span: at("Warsaw"), Text: "Warsaw", Name: "Warsaw", Country: "PL", Lat: 52.23, Lon: 21.01}},
	}
	if _, err := st.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	ui, err := web.New(st, web.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	kul := resolve.EntityID(news.Person, resolve.CanonicalKey(news.Person, []string{"Pavel Kulazhanka"}), 1)
	tests := []struct {
		url    string
		status int
		want   []string
	}{
		{"/", 200, []string{`href="/doc/doc1"`, "Volunteers &lt;b&gt;train&lt;/b&gt;"}},
		{"/?q=warsaw", 200, []string{"1 article for", "<mark>Warsaw</mark>"}},
		{"/?q=%22%22", 200, []string{"Cannot search", "no words"}},
		{"/?q=warsaw&from=May", 200, []string{"Cannot search", "from date"}},
		{"/doc/doc1", 200, []string{"Removed by cleaning", "CLICK HERE TO GET THE APP", "×10",
			`<a class="m m-person" href="/entity/` + kul + `"`, "we fight &lt;here&gt;", `class="q"`, "Warsaw &amp; Minsk"}},
		{"/doc/nope", 404, []string{"Not found"}},
		{"/entities", 200, []string{"Pavel Kulazhanka"}},
		{"/entity/" + kul, 200, []string{"Quotes by Pavel Kulazhanka", "Warsaw"}},
		{"/entity/zz", 404, nil},
		{"/quotes?speaker=kulazhanka", 200, []string{"we fight &lt;here&gt;"}},
		{"/timeline?bucket=day", 200, []string{"2022-05-21"}},
		{"/timeline?bucket=week", 400, nil},
		{"/places", 200, []string{"<circle", "Warsaw", `<path class="land" d="M`}},
		{"/graph", 200, []string{"<svg", "Pavel Kulazhanka"}},
		{"/stories", 200, []string{"No stories yet"}},
		{"/story/none", 404, nil},
		{"/static/style.css", 200, []string{"newsgraph"}},
		{"/no/such/page", 404, nil},
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
	}
	if err := st.SetStory(ctx, "doc1", "s1", ""); err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	ui.ServeHTTP(rec, httptest.NewRequest("GET", "/story/s1", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "How each outlet told it") {
		t.Errorf("GET /story/s1: status %d", rec.Code)
	}
}
