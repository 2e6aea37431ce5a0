// Package storetest is the conformance suite every [store.Store] backend
// must pass: call [Run] from the backend's tests with a function that opens
// a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Open returns a new, empty store for one test. The suite closes it.
type Open func(t *testing.T) store.Store

// Run runs the conformance suite against the stores open returns.
func Run(t *testing.T, open Open) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutIdempotent", testPutIdempotent},
		{"PutConcurrent", testPutConcurrent},
		{"DocumentRoundTrip", testDocumentRoundTrip},
		{"DocumentsList", testDocumentsList},
		{"NotFound", testNotFound},
		{"Search", testSearch},
		{"SearchNeverFails", testSearchNeverFails},
		{"EntityResolution", testEntityResolution},
		{"EntityFromMentions", testEntityFromMentions},
		{"EntityPage", testEntityPage},
		{"Quotes", testQuotes},
		{"Events", testEvents},
		{"EventStatus", testEventStatus},
		{"Timeline", testTimeline},
		{"Places", testPlaces},
		{"Stories", testStories},
		{"Graph", testGraph},
		{"Export", testExport},
		{"Paging", testPaging},
		{"EntityEditor", testEntityEditor},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			}()
			tc.fn(t, s)
		})
	}
}

// builder makes annotated articles for tests: spans are found by text.
type builder struct {
	a *news.Article
}

func article(id, title, published, outlet, text string) *builder {
	return &builder{a: &news.Article{
		ID: id, Title: title, Published: published, Language: "en", Text: text,
		Source:     news.Source{Path: id + ".txt", Outlet: outlet},
		Removed:    []news.Removed{{Kind: news.RemovedPromo, Text: "CLICK HERE TO GET THE APP"}},
		Provenance: news.Provenance{Version: "test", Stages: map[string]string{"extract": "1"}},
	}}
}

// span returns the n-th (0-based) occurrence of sub in the text.
func (b *builder) span(sub string, n int) news.Span {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(b.a.Text[off:], sub)
		if j < 0 {
			panic(fmt.Sprintf("storetest: %q not in text", sub))
		}
		if i == n {
			return news.Span{Start: off + j, End: off + j + len(sub)}
		}
		off += j + len(sub)
	}
}

func (b *builder) sentences() *builder {
	start := 0
	for i := 0; i < len(b.a.Text); i++ {
		if b.a.Text[i] == '.' {
			b.a.Sentences = append(b.a.Sentences, news.Span{Start: start, End: i + 1})
			start = i + 1
			for start < len(b.a.Text) && b.a.Text[start] == ' ' {
				start++
			}
		}
	}
	return b
}

// entity adds a document-local entity and a mention for each listed text
// (each text's first occurrence, or the n-th with "text#n").
func (b *builder) entity(id, name string, typ news.EntityType, aliases []string, mentions ...string) *builder {
	b.a.Entities = append(b.a.Entities, news.Entity{ID: id, Name: name, Type: typ, Aliases: aliases})
	for _, m := range mentions {
		n := 0
		if i := strings.LastIndex(m, "#"); i >= 0 {
			fmt.Sscan(m[i+1:], &n)
			m = m[:i]
		}
		b.a.Mentions = append(b.a.Mentions, news.Mention{Span: b.span(m, n), Text: m, Type: typ, Entity: id, Confidence: 0.9})
	}
	return b
}

func (b *builder) quote(text, speaker, speakerName string) *builder {
	b.a.Quotes = append(b.a.Quotes, news.Quote{Span: b.span(text, 0), Text: text, Speaker: speaker, SpeakerName: speakerName, Cue: "said", Kind: news.QuoteDirect, Confidence: 0.8})
	return b
}

func (b *builder) event(typ, actor, target, date, trigger string) *builder {
	sp := b.span(trigger, 0)
	b.a.Events = append(b.a.Events, news.Event{Type: typ, Actor: actor, Target: target, Date: date,
		Sentence: b.a.SentenceOf(sp.Start), Trigger: news.Trigger{Span: sp, Text: trigger}, Confidence: 0.7})
	return b
}

func (b *builder) place(text, name, country string, lat, lon float64, geonames int) *builder {
	b.a.Places = append(b.a.Places, news.Place{Span: b.span(text, 0), Text: text, Name: name, Country: country, Lat: lat, Lon: lon, GeoNames: geonames})
	return b
}

func (b *builder) time(text, value string) *builder {
	b.a.Times = append(b.a.Times, news.Time{Span: b.span(text, 0), Text: text, Value: value, Kind: news.TimeDate})
	return b
}

// corpus returns two articles about the same people and one about others.
func corpus() []*news.Article {
	a := article("aaa1", "Volunteers train near Warsaw", "2022-05-21", "Fox News",
		"Belarusian volunteers train near Warsaw. Volodymyr Zelenskyy called for foreign fighters. "+
			"“We will fight for Ukraine,” said Pavel Kulazhanka. Kulazhanka joined the Kastus Kalinouski Battalion. "+
			"Russia invaded Ukraine in February.").sentences().
		entity("E1", "Volodymyr Zelenskyy", news.Person, nil, "Volodymyr Zelenskyy").
		entity("E2", "Pavel Kulazhanka", news.Person, []string{"Kulazhanka"}, "Pavel Kulazhanka", "Kulazhanka#1").
		entity("E3", "Kastus Kalinouski Battalion", news.Org, nil, "Kastus Kalinouski Battalion").
		entity("E4", "Ukraine", news.GPE, nil, "Ukraine", "Ukraine#1").
		entity("E5", "Russia", news.GPE, nil, "Russia").
		entity("E6", "Warsaw", news.GPE, nil, "Warsaw").
		quote("We will fight for Ukraine", "E2", "Pavel Kulazhanka").
		event("ASSAULT", "E5", "E4", "2022-02", "invaded").
		place("Warsaw", "Warsaw", "PL", 52.23, 21.01, 756135).
		time("February", "2022-02").a
	b := article("bbb2", "Belarusians fight for Ukraine", "2022-05-20", "Charter 97",
		"Zelenskyy thanked the Kastus Kalinouski Battalion. Pavel Kukhta said: “If Putin is defeated, Lukashenko will be defeated.” "+
			"Volodymyr Zelenskyy spoke in Kyiv. The battalion trains near Warsaw.").sentences().
		entity("E1", "Volodymyr Zelenskyy", news.Person, []string{"Zelenskyy"}, "Zelenskyy", "Volodymyr Zelenskyy").
		entity("E2", "Kastus Kalinouski Battalion", news.Org, nil, "Kastus Kalinouski Battalion").
		entity("E3", "Pavel Kukhta", news.Person, nil, "Pavel Kukhta").
		entity("E4", "Putin", news.Person, nil, "Putin").
		entity("E5", "Lukashenko", news.Person, nil, "Lukashenko").
		entity("E6", "Kyiv", news.GPE, nil, "Kyiv").
		entity("E7", "Warsaw", news.GPE, nil, "Warsaw").
		quote("If Putin is defeated, Lukashenko will be defeated.", "E3", "Pavel Kukhta").
		event("SUPPORT", "E1", "E2", "2022-05-20", "thanked").
		place("Kyiv", "Kyiv", "UA", 50.45, 30.52, 703448).
		place("Warsaw", "Warsaw", "PL", 52.23, 21.01, 756135).a
	c := article("ccc3", "Markets rally in Tokyo", "2021-11-02", "Wire",
		"Stocks rose in Tokyo on Tuesday. The Nikkei index gained two percent.").sentences().
		entity("E1", "Tokyo", news.GPE, nil, "Tokyo").
		entity("E2", "Nikkei", news.Org, nil, "Nikkei").a
	return []*news.Article{a, b, c}
}

func put(t *testing.T, s store.Store, as ...*news.Article) {
	t.Helper()
	created, err := s.PutMany(context.Background(), as)
	if err != nil {
		t.Fatalf("PutMany: %v", err)
	}
	for i, c := range created {
		if !c {
			t.Fatalf("PutMany: article %s not created", as[i].ID)
		}
	}
}

func testPutIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	as := corpus()
	for _, a := range as {
		if ok, err := s.Has(ctx, a.ID); err != nil || ok {
			t.Fatalf("Has(%s) before Put = %v, %v; want false, nil", a.ID, ok, err)
		}
		created, err := s.Put(ctx, a)
		if err != nil || !created {
			t.Fatalf("Put(%s) = %v, %v; want true, nil", a.ID, created, err)
		}
		if ok, err := s.Has(ctx, a.ID); err != nil || !ok {
			t.Fatalf("Has(%s) after Put = %v, %v; want true, nil", a.ID, ok, err)
		}
	}
	st1, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// A second time, alone and in a batch: nothing changes.
	for _, a := range as {
		if created, err := s.Put(ctx, a); err != nil || created {
			t.Fatalf("second Put(%s) = %v, %v; want false, nil", a.ID, created, err)
		}
	}
	created, err := s.PutMany(ctx, append(corpus(), corpus()[0]))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{false, false, false, false}, created); diff != "" {
		t.Errorf("PutMany of stored articles: created (-want +got):\n%s", diff)
	}
	st2, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(st1, st2); diff != "" {
		t.Errorf("Stats changed by storing the same articles again (-before +after):\n%s", diff)
	}
	if st2.Documents != 3 || st2.Quotes != 2 || st2.Events != 2 || st2.Places != 3 {
		t.Errorf("Stats = %+v; want 3 documents, 2 quotes, 2 events, 3 places", st2)
	}
	// Within one batch, a repeated article is stored once.
	d := article("ddd4", "Repeat", "", "", "Same text twice.").a
	created, err = s.PutMany(ctx, []*news.Article{d, d})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]bool{true, false}, created); diff != "" {
		t.Errorf("PutMany with a repeat: created (-want +got):\n%s", diff)
	}
}

func testPutConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	var wg sync.WaitGroup
	var mu sync.Mutex
	createdN := map[string]int{}
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, a := range corpus() {
				c, err := s.Put(ctx, a)
				if err != nil {
					t.Errorf("Put: %v", err)
					return
				}
				if c {
					mu.Lock()
					createdN[a.ID]++
					mu.Unlock()
				}
				if _, err := s.Search(ctx, store.SearchQuery{Text: "Warsaw"}); err != nil {
					t.Errorf("Search during writes: %v", err)
				}
			}
		}()
	}
	wg.Wait()
	for _, a := range corpus() {
		if createdN[a.ID] != 1 {
			t.Errorf("article %s created %d times by concurrent Puts; want 1", a.ID, createdN[a.ID])
		}
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 {
		t.Errorf("Documents = %d after concurrent Puts; want 3", st.Documents)
	}
}

func testDocumentRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	as := corpus()
	put(t, s, as...)
	for _, a := range as {
		d, err := s.Document(ctx, a.ID)
		if err != nil {
			t.Fatalf("Document(%s): %v", a.ID, err)
		}
		got := d.Article
		if got.Text != a.Text || got.Title != a.Title || got.Published != a.Published || got.Source != a.Source {
			t.Errorf("Document(%s) = %q %q %q %+v; want %q %q %q %+v", a.ID, got.Title, got.Published, got.Text, got.Source, a.Title, a.Published, a.Text, a.Source)
		}
		if diff := cmp.Diff(a.Mentions, got.Mentions); diff != "" {
			t.Errorf("Document(%s) mentions (-want +got):\n%s", a.ID, diff)
		}
		if diff := cmp.Diff(a.Removed, got.Removed); diff != "" {
			t.Errorf("Document(%s) removed (-want +got):\n%s", a.ID, diff)
		}
		if len(d.Record) == 0 || !strings.Contains(string(d.Record), `"v":1`) {
			t.Errorf("Document(%s).Record = %.80s; want the annotate record", a.ID, d.Record)
		}
		for _, e := range a.Entities {
			ref, ok := d.Entities[e.ID]
			if !ok || ref.ID == "" || ref.Type != e.Type {
				t.Errorf("Document(%s).Entities[%s] = %+v, %v; want a global %s entity", a.ID, e.ID, ref, ok, e.Type)
			}
		}
		if len(d.MentionEntities) != len(a.Mentions) {
			t.Fatalf("Document(%s).MentionEntities has %d entries; want %d", a.ID, len(d.MentionEntities), len(a.Mentions))
		}
		for i, m := range a.Mentions {
			if d.MentionEntities[i] != d.Entities[m.Entity].ID {
				t.Errorf("Document(%s) mention %q linked to %q; want %q", a.ID, m.Text, d.MentionEntities[i], d.Entities[m.Entity].ID)
			}
		}
	}
}

func testDocumentsList(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	l, err := s.Documents(ctx, store.DocQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range l.Documents {
		ids = append(ids, d.ID)
	}
	if l.Total != 3 || !cmp.Equal(ids, []string{"aaa1", "bbb2", "ccc3"}) {
		t.Errorf("Documents() = total %d %v; want 3 [aaa1 bbb2 ccc3] (newest first)", l.Total, ids)
	}
	if l.Documents[0].Title != "Volunteers train near Warsaw" || l.Documents[0].Outlet != "Fox News" || l.Documents[0].Chars == 0 {
		t.Errorf("Documents()[0] = %+v", l.Documents[0])
	}
	for _, tc := range []struct {
		f    store.DocFilter
		want []string
	}{
		{store.DocFilter{From: "2022"}, []string{"aaa1", "bbb2"}},
		{store.DocFilter{From: "2022-05", To: "2022-05-20"}, []string{"bbb2"}},
		{store.DocFilter{To: "2021"}, []string{"ccc3"}},
		{store.DocFilter{To: "2022-05"}, []string{"aaa1", "bbb2", "ccc3"}},
		{store.DocFilter{Outlet: "fox news"}, []string{"aaa1"}},
		{store.DocFilter{Outlet: "Nobody"}, nil},
	} {
		l, err := s.Documents(ctx, store.DocQuery{DocFilter: tc.f})
		if err != nil {
			t.Errorf("Documents(%+v): %v", tc.f, err)
			continue
		}
		var got []string
		for _, d := range l.Documents {
			got = append(got, d.ID)
		}
		if !cmp.Equal(sorted(got), tc.want) || l.Total != len(tc.want) {
			t.Errorf("Documents(%+v) = total %d %v; want %v", tc.f, l.Total, got, tc.want)
		}
	}
	if _, err := s.Documents(ctx, store.DocQuery{DocFilter: store.DocFilter{From: "May 2022"}}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("Documents(from May 2022): err = %v; want store.ErrBadQuery", err)
	}
	ents, err := s.Entities(ctx, store.EntityQuery{Name: "Zelensk"})
	if err != nil || len(ents.Entities) != 1 {
		t.Fatalf("Entities(Zelensk) = %+v, %v; want one", ents, err)
	}
	// A long filter string matches nothing rather than failing; wildcards
	// are literal.
	for _, name := range []string{strings.Repeat("Zelensk%_", 20000), "Zel%nsk", "Zel_nsk"} {
		if l, err := s.Entities(ctx, store.EntityQuery{Name: name}); err != nil || l.Total != 0 || len(l.Entities) != 0 {
			t.Errorf("Entities(name of %d bytes) = %+v, %v; want none", len(name), l, err)
		}
	}
	l, err = s.Documents(ctx, store.DocQuery{Entity: ents.Entities[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != 2 {
		t.Errorf("Documents(entity Zelenskyy) total = %d; want 2", l.Total)
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	checks := map[string]error{}
	_, checks["Document"] = s.Document(ctx, "nope")
	_, checks["Entity"] = s.Entity(ctx, "nope")
	_, checks["Entity g999"] = s.Entity(ctx, "g999999")
	_, checks["Story"] = s.Story(ctx, "nope")
	_, checks["Events entity"] = s.Events(ctx, store.EventQuery{Entity: "nope"})
	_, checks["Quotes document"] = s.Quotes(ctx, store.QuoteQuery{Document: "nope"})
	checks["SetStory"] = s.SetStory(ctx, "nope", "s1", "")
	checks["PutStory"] = s.PutStory(ctx, news.Story{ID: "s1", Documents: []string{"nope"}})
	for name, err := range checks {
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s of a missing ID: err = %v; want store.ErrNotFound", name, err)
		}
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	tests := []struct {
		q    string
		want []string // IDs, any order
		mark string   // a highlighted word expected in the first snippet
	}{
		{q: "Kalinouski", want: []string{"aaa1", "bbb2"}, mark: "<mark>Kalinouski</mark>"},
		{q: "kalinouski", want: []string{"aaa1", "bbb2"}},
		{q: `"Kastus Kalinouski Battalion"`, want: []string{"aaa1", "bbb2"}},
		{q: "Kalinouski -Putin", want: []string{"aaa1"}},
		{q: "Kalinouski NOT Putin", want: []string{"aaa1"}},
		{q: "Tokyo OR Kyiv", want: []string{"bbb2", "ccc3"}},
		{q: "Zelensk*", want: []string{"aaa1", "bbb2"}},
		{q: "trains", want: []string{"aaa1", "bbb2"}}, // stemmed: train, trains
		{q: "defeated Lukashenko", want: []string{"bbb2"}},
		{q: "Nikkei Warsaw", want: nil},
		{q: "Tokyo:title", want: nil}, // words, not a column filter
	}
	for _, tc := range tests {
		r, err := s.Search(ctx, store.SearchQuery{Text: tc.q})
		if err != nil {
			t.Errorf("Search(%q): %v", tc.q, err)
			continue
		}
		var got []string
		for _, h := range r.Hits {
			got = append(got, h.ID)
		}
		if !cmp.Equal(sorted(got), tc.want) || r.Total != len(tc.want) {
			t.Errorf("Search(%q) = total %d %v; want %v", tc.q, r.Total, got, tc.want)
		}
		for _, h := range r.Hits {
			if !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("Search(%q) hit %s snippet %q has no <mark>", tc.q, h.ID, h.Snippet)
			}
		}
		if tc.mark != "" && len(r.Hits) > 0 && !strings.Contains(r.Hits[0].Snippet, tc.mark) {
			t.Errorf("Search(%q) snippet %q lacks %q", tc.q, r.Hits[0].Snippet, tc.mark)
		}
	}
	// Filters.
	r, err := s.Search(ctx, store.SearchQuery{Text: "Kalinouski", DocFilter: store.DocFilter{From: "2022-05-21"}})
	if err != nil || r.Total != 1 || len(r.Hits) != 1 || r.Hits[0].ID != "aaa1" {
		t.Errorf("Search(Kalinouski, from 2022-05-21) = %+v, %v; want aaa1", r, err)
	}
	r, err = s.Search(ctx, store.SearchQuery{Text: "Kalinouski", DocFilter: store.DocFilter{Outlet: "Charter 97"}})
	if err != nil || r.Total != 1 || r.Hits[0].ID != "bbb2" {
		t.Errorf("Search(Kalinouski, outlet Charter 97) = %+v, %v; want bbb2", r, err)
	}
	if _, err := s.Search(ctx, store.SearchQuery{Text: "Kalinouski", DocFilter: store.DocFilter{To: "x"}}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("Search with a bad date: err = %v; want store.ErrBadQuery", err)
	}
	// Title matches rank first.
	r, err = s.Search(ctx, store.SearchQuery{Text: "Warsaw"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Hits) != 2 || r.Hits[0].ID != "aaa1" {
		t.Errorf("Search(Warsaw) = %+v; want aaa1 (title match) first of 2", r.Hits)
	}
	if _, err := s.Search(ctx, store.SearchQuery{Text: "  -- \"\" * "}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("Search of no words: err = %v; want store.ErrBadQuery", err)
	}
}

func sorted(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// SearchQueries are inputs that break naive FTS5 query building.
var SearchQueries = []string{
	`title:Tokyo`, `"unbalanced`, `Kalinouski"`, `NEAR(a b)`, `a AND`, `OR b`, `NOT`, `-`, `*`, `a*b`, `^start`,
	`(Warsaw`, `Warsaw)`, `{title text}: x`, `"a" "b"`, `'single'`, `a:b:c`, `\"`, `%_%`, `ü ß ø`, `東京`,
	`AND OR NOT`, `x NOT`, `--a`, `"*"`, `a"b"c`, "tab\tsep", "\x00", "\uE000mark\uE001", strings.Repeat("word ", 500),
}

func testSearchNeverFails(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	for _, q := range SearchQueries {
		_, err := s.Search(ctx, store.SearchQuery{Text: q})
		if err != nil && !errors.Is(err, store.ErrBadQuery) {
			t.Errorf("Search(%q): %v; want results or store.ErrBadQuery", q, err)
		}
		if err != nil && !store.ParseQuery(q).Empty() {
			t.Errorf("Search(%q): %v, though the query has words", q, err)
		}
	}
}

func entityByName(t *testing.T, s store.Store, name string) store.EntitySummary {
	t.Helper()
	l, err := s.Entities(context.Background(), store.EntityQuery{Name: name, Page: store.Page{Limit: store.MaxLimit}})
	if err != nil {
		t.Fatalf("Entities(%q): %v", name, err)
	}
	for _, e := range l.Entities {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no entity named %q in %+v", name, l.Entities)
	return store.EntitySummary{}
}

func testEntityResolution(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	z := entityByName(t, s, "Volodymyr Zelenskyy")
	if z.Documents != 2 || z.Mentions != 3 || z.Type != news.Person {
		t.Errorf("Zelenskyy = %+v; want one PERSON in 2 documents with 3 mentions", z)
	}
	k := entityByName(t, s, "Kastus Kalinouski Battalion")
	if k.Documents != 2 {
		t.Errorf("Kastus Kalinouski Battalion = %+v; want 2 documents", k)
	}
	// Different people with the same first name stay apart.
	a, b := entityByName(t, s, "Pavel Kulazhanka"), entityByName(t, s, "Pavel Kukhta")
	if a.ID == b.ID {
		t.Errorf("Pavel Kulazhanka and Pavel Kukhta share entity %s", a.ID)
	}
	l, err := s.Entities(ctx, store.EntityQuery{Type: news.GPE, Page: store.Page{Limit: 100}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range l.Entities {
		names = append(names, e.Name)
	}
	if diff := cmp.Diff([]string{"Kyiv", "Russia", "Tokyo", "Ukraine", "Warsaw"}, sorted(names)); diff != "" {
		t.Errorf("GPE entities (-want +got):\n%s", diff)
	}
	w := entityByName(t, s, "Warsaw")
	if w.Documents != 2 {
		t.Errorf("Warsaw = %+v; want 2 documents", w)
	}
}

func testEntityFromMentions(t *testing.T, s store.Store) {
	// Before a coreference stage runs, articles have mentions but no
	// entities; each distinct name still becomes a global entity.
	ctx := context.Background()
	mk := func(id, text string, names ...string) *news.Article {
		b := article(id, id, "2022-01-01", "", text)
		for _, n := range names {
			sp := b.span(n, 0)
			b.a.Mentions = append(b.a.Mentions, news.Mention{Span: sp, Text: n, Type: news.Person, Confidence: 1})
		}
		b.a.Mentions = append(b.a.Mentions, news.Mention{Span: b.span("2022", 0), Text: "2022", Type: news.Date, Confidence: 1})
		return b.a
	}
	put(t, s, mk("m1", "Alexander Lukashenko spoke in 2022. Lukashenko smiled.", "Alexander Lukashenko", "Lukashenko"),
		mk("m2", "In 2022 Alexander Lukashenko met nobody.", "Alexander Lukashenko"))
	e := entityByName(t, s, "Alexander Lukashenko")
	if e.Documents != 2 {
		t.Errorf("Alexander Lukashenko = %+v; want 2 documents", e)
	}
	all, err := s.Entities(ctx, store.EntityQuery{Name: "2022"})
	if err != nil {
		t.Fatal(err)
	}
	if all.Total != 0 {
		t.Errorf("dates became entities: %+v", all.Entities)
	}
	d, err := s.Document(ctx, "m1")
	if err != nil {
		t.Fatal(err)
	}
	if d.MentionEntities[0] == "" || d.MentionEntities[2] != "" {
		t.Errorf("MentionEntities = %v; want the name linked and the date not", d.MentionEntities)
	}
}

func testEntityPage(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	z := entityByName(t, s, "Volodymyr Zelenskyy")
	p, err := s.Entity(ctx, z.ID)
	if err != nil {
		t.Fatal(err)
	}
	var aliases []string
	for _, a := range p.Aliases {
		aliases = append(aliases, a.Name)
	}
	if diff := cmp.Diff([]string{"Volodymyr Zelenskyy", "Zelenskyy"}, aliases); diff != "" {
		t.Errorf("Zelenskyy aliases (-want +got):\n%s", diff)
	}
	if len(p.Articles) != 2 {
		t.Fatalf("Zelenskyy articles = %d; want 2", len(p.Articles))
	}
	for _, a := range p.Articles {
		if a.ID == "bbb2" && len(a.Mentions) != 2 {
			t.Errorf("Zelenskyy mentions in bbb2 = %+v; want 2", a.Mentions)
		}
		for _, m := range a.Mentions {
			if !strings.Contains(m.Text, "Zelenskyy") {
				t.Errorf("Zelenskyy mention %+v", m)
			}
		}
	}
	co := map[string]int{}
	for _, c := range p.Cooccurring {
		co[c.Name] = c.Shared
	}
	if co["Kastus Kalinouski Battalion"] != 2 || co["Tokyo"] != 0 || co["Volodymyr Zelenskyy"] != 0 {
		t.Errorf("Zelenskyy co-occurring = %v; want the battalion in 2 documents, not Tokyo or itself", co)
	}
	if len(p.Events) != 1 || p.Events[0].Type != "SUPPORT" || p.Events[0].Actor != z.ID {
		t.Errorf("Zelenskyy events = %+v; want one SUPPORT with him as actor", p.Events)
	}
	k := entityByName(t, s, "Pavel Kukhta")
	p, err = s.Entity(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.QuotesBy) != 1 || !strings.HasPrefix(p.QuotesBy[0].Text, "If Putin") || p.QuotesBy[0].Speaker != k.ID {
		t.Errorf("Kukhta quotes by = %+v", p.QuotesBy)
	}
	pu := entityByName(t, s, "Putin")
	p, err = s.Entity(ctx, pu.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.QuotesAbout) != 1 || p.QuotesAbout[0].Speaker != k.ID || len(p.QuotesBy) != 0 {
		t.Errorf("Putin quotes about = %+v, by = %+v; want Kukhta's quote about him", p.QuotesAbout, p.QuotesBy)
	}
}

func testQuotes(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	for _, tc := range []struct {
		q    store.QuoteQuery
		want []string
	}{
		{store.QuoteQuery{}, []string{"We will fight for Ukraine", "If Putin is defeated, Lukashenko will be defeated."}},
		{store.QuoteQuery{Speaker: "Kulazhanka"}, []string{"We will fight for Ukraine"}},
		{store.QuoteQuery{Speaker: "kukhta"}, []string{"If Putin is defeated, Lukashenko will be defeated."}},
		{store.QuoteQuery{Speaker: "Putin"}, nil},
		{store.QuoteQuery{Document: "bbb2"}, []string{"If Putin is defeated, Lukashenko will be defeated."}},
		{store.QuoteQuery{Speaker: "100%_"}, nil},
		{store.QuoteQuery{Speaker: "KUKHTA"}, []string{"If Putin is defeated, Lukashenko will be defeated."}},
		// A filter string from the web may be long; it matches nothing
		// rather than failing.
		{store.QuoteQuery{Speaker: strings.Repeat("Kukhta%_", 20000)}, nil},
	} {
		l, err := s.Quotes(ctx, tc.q)
		if err != nil {
			t.Errorf("Quotes(%+v): %v", tc.q, err)
			continue
		}
		var got []string
		for _, q := range l.Quotes {
			got = append(got, q.Text)
		}
		if !cmp.Equal(sorted(got), sorted(tc.want)) || l.Total != len(tc.want) {
			t.Errorf("Quotes(%+v) = %d %q; want %q", tc.q, l.Total, got, tc.want)
		}
	}
	// Offsets are code points: the quote follows a curly quotation mark.
	l, err := s.Quotes(ctx, store.QuoteQuery{Document: "aaa1"})
	if err != nil || len(l.Quotes) != 1 {
		t.Fatalf("Quotes(aaa1) = %+v, %v", l, err)
	}
	d, err := s.Document(ctx, "aaa1")
	if err != nil {
		t.Fatal(err)
	}
	runes := []rune(d.Article.Text)
	q := l.Quotes[0]
	if q.End > len(runes) || string(runes[q.Start:q.End]) != q.Text {
		t.Errorf("quote offsets [%d,%d) do not select %q in code points", q.Start, q.End, q.Text)
	}
	k := entityByName(t, s, "Pavel Kulazhanka")
	l, err = s.Quotes(ctx, store.QuoteQuery{Speaker: k.ID})
	if err != nil || len(l.Quotes) != 1 || l.Quotes[0].SpeakerName != "Pavel Kulazhanka" {
		t.Errorf("Quotes(speaker %s) = %+v, %v", k.ID, l, err)
	}
}

func testEvents(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	l, err := s.Events(ctx, store.EventQuery{Type: "assault"})
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != 1 {
		t.Fatalf("Events(ASSAULT) = %+v; want 1", l)
	}
	e := l.Events[0]
	ru, ua := entityByName(t, s, "Russia"), entityByName(t, s, "Ukraine")
	if e.Actor != ru.ID || e.Target != ua.ID || e.Document != "aaa1" || e.Evidence != "Russia invaded Ukraine in February." || e.Trigger.Text != "invaded" {
		t.Errorf("ASSAULT event = %+v; want Russia (%s) → Ukraine (%s) with its sentence", e, ru.ID, ua.ID)
	}
	l, err = s.Events(ctx, store.EventQuery{Entity: ua.ID})
	if err != nil || l.Total != 1 {
		t.Errorf("Events(entity Ukraine) = %+v, %v; want 1", l, err)
	}
	l, err = s.Events(ctx, store.EventQuery{Document: "bbb2"})
	if err != nil || l.Total != 1 || l.Events[0].Type != "SUPPORT" {
		t.Errorf("Events(document bbb2) = %+v, %v; want SUPPORT", l, err)
	}
}

// testEventStatus: events are listed asserted and reported by
// default, every status on request.
func testEventStatus(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := &news.Article{ID: "st1", Text: "The army attacked the town. The army did not attack the city. Rebels reportedly shelled a base."}
	a.Sentences = []news.Span{{Start: 0, End: 27}, {Start: 28, End: 62}, {Start: 63, End: 96}}
	a.Events = []news.Event{
		{Type: "ASSAULT", Trigger: news.Trigger{Span: news.Span{Start: 9, End: 17}, Text: "attacked"}, Sentence: 0},
		{Type: "ASSAULT", Status: news.StatusNegated, Trigger: news.Trigger{Span: news.Span{Start: 49, End: 55}, Text: "attack"}, Sentence: 1},
		{Type: "ASSAULT", Status: news.StatusReported, Trigger: news.Trigger{Span: news.Span{Start: 81, End: 88}, Text: "shelled"}, Sentence: 2},
	}
	put(t, s, a)
	for _, tt := range []struct {
		all  bool
		want int
	}{{false, 2}, {true, 3}} {
		l, err := s.Events(ctx, store.EventQuery{Document: "st1", AllStatus: tt.all})
		if err != nil {
			t.Fatal(err)
		}
		if l.Total != tt.want || len(l.Events) != tt.want {
			t.Errorf("AllStatus %v: %d events (total %d), want %d", tt.all, len(l.Events), l.Total, tt.want)
		}
		for _, e := range l.Events {
			if !tt.all && !news.ShownByDefault(e.Status) {
				t.Errorf("listed a %s event by default", e.Status)
			}
		}
	}
}

func testTimeline(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	tl, err := s.Timeline(ctx, store.TimelineQuery{})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.TimeBucket{{Period: "2021-11", Documents: 1}, {Period: "2022-02", Events: 1}, {Period: "2022-05", Documents: 2, Events: 1}}
	if diff := cmp.Diff(want, tl.Periods); diff != "" {
		t.Errorf("Timeline by month (-want +got):\n%s", diff)
	}
	z := entityByName(t, s, "Volodymyr Zelenskyy")
	tl, err = s.Timeline(ctx, store.TimelineQuery{Entity: z.ID, Bucket: "day"})
	if err != nil {
		t.Fatal(err)
	}
	want = []store.TimeBucket{{Period: "2022-05-20", Documents: 1, Events: 1}, {Period: "2022-05-21", Documents: 1}}
	if diff := cmp.Diff(want, tl.Periods); diff != "" {
		t.Errorf("Timeline of Zelenskyy by day (-want +got):\n%s", diff)
	}
	if _, err := s.Timeline(ctx, store.TimelineQuery{Bucket: "week"}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("Timeline(week): err = %v; want store.ErrBadQuery", err)
	}
}

func testPlaces(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	l, err := s.Places(ctx, store.PlaceQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != 2 || len(l.Places) != 2 {
		t.Fatalf("Places = %+v; want Warsaw and Kyiv", l)
	}
	w := l.Places[0]
	if w.Name != "Warsaw" || w.Country != "PL" || w.Mentions != 2 || len(w.Documents) != 2 || w.GeoNames != 756135 || w.Lat < 52 || w.Lat > 52.5 {
		t.Errorf("Places[0] = %+v; want Warsaw, PL, 2 mentions in 2 documents", w)
	}
	l, err = s.Places(ctx, store.PlaceQuery{Country: "ua"})
	if err != nil || l.Total != 1 || l.Places[0].Name != "Kyiv" {
		t.Errorf("Places(UA) = %+v, %v; want Kyiv", l, err)
	}
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	if err := s.SetStory(ctx, "aaa1", "s1", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStory(ctx, "bbb2", "s1", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.PutStory(ctx, news.Story{ID: "s2", Title: "Markets", Documents: []string{"ccc3"}}); err != nil {
		t.Fatal(err)
	}
	p, err := s.Story(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Volunteers train near Warsaw" || !cmp.Equal(p.Documents, []string{"bbb2", "aaa1"}) ||
		!cmp.Equal(p.Outlets, []string{"Charter 97", "Fox News"}) || len(p.Articles) != 2 {
		t.Errorf("Story(s1) = %+v", p)
	}
	l, err := s.Stories(ctx, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	if l.Total != 2 || l.Stories[0].ID != "s1" {
		t.Errorf("Stories = %+v; want s1 (2 documents) then s2", l)
	}
	d, err := s.Document(ctx, "ccc3")
	if err != nil || d.Story != "s2" {
		t.Errorf("Document(ccc3).Story = %q, %v; want s2", d.Story, err)
	}
	// Moving ccc3 empties s2, which goes away; a duplicate is recorded.
	if err := s.PutStory(ctx, news.Story{ID: "s1", Documents: []string{"aaa1", "bbb2", "ccc3"}, Duplicates: map[string]string{"ccc3": "aaa1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Story(ctx, "s2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(s2) after its only document moved: err = %v; want ErrNotFound", err)
	}
	p, err = s.Story(ctx, "s1")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Volunteers train near Warsaw" || len(p.Documents) != 3 || p.Duplicates["ccc3"] != "aaa1" {
		t.Errorf("Story(s1) after PutStory = %+v", p)
	}
	dl, err := s.Documents(ctx, store.DocQuery{Story: "s1"})
	if err != nil || dl.Total != 3 {
		t.Errorf("Documents(story s1) = %+v, %v; want 3", dl, err)
	}
	// SetStory moving a story's only document drops that story too.
	for _, id := range []string{"s4", "s5"} {
		if err := s.SetStory(ctx, "ccc3", id, ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Story(ctx, "s4"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(s4) after SetStory moved its only document: err = %v; want ErrNotFound", err)
	}
	if p, err := s.Story(ctx, "s5"); err != nil || len(p.Documents) != 1 {
		t.Errorf("Story(s5) = %+v, %v; want ccc3", p, err)
	}
}

func testGraph(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	g, err := s.Graph(ctx, store.GraphQuery{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, n := range g.Nodes {
		names[n.ID] = n.Name
	}
	edges := map[string]int{}
	for _, e := range g.Edges {
		a, b := names[e.Source], names[e.Target]
		if e.Kind == "cooccur" && b < a {
			a, b = b, a
		}
		edges[e.Kind+" "+a+" → "+b] = e.Weight
	}
	for edge, w := range map[string]int{
		"cooccur Kastus Kalinouski Battalion → Volodymyr Zelenskyy": 2,
		"cooccur Russia → Ukraine":                                  1,
		"event Russia → Ukraine":                                    1,
		"event Volodymyr Zelenskyy → Kastus Kalinouski Battalion":   1,
	} {
		if edges[edge] != w {
			t.Errorf("graph edge %q weight %d; want %d (edges %v)", edge, edges[edge], w, edges)
		}
	}
	z := entityByName(t, s, "Volodymyr Zelenskyy")
	g, err = s.Graph(ctx, store.GraphQuery{Entity: z.ID, Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Nodes) != 3 || g.Nodes[0].ID != z.ID {
		t.Errorf("Graph(Zelenskyy, 3) nodes = %+v; want him first and 2 neighbours", g.Nodes)
	}
}

func testExport(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus()...)
	if err := s.SetStory(ctx, "aaa1", "s1", ""); err != nil {
		t.Fatal(err)
	}
	var docs, quotes, events, stories int
	ents := map[string]news.Entity{}
	err := s.Export(ctx, store.Exporter{
		Document: func(id string, rec []byte) error {
			docs++
			if !strings.Contains(string(rec), `"id":"`+id+`"`) {
				return fmt.Errorf("record of %s: %.60s", id, rec)
			}
			return nil
		},
		Entity: func(e news.Entity) error { ents[e.Name] = e; return nil },
		Quote:  func(store.QuoteHit) error { quotes++; return nil },
		Event:  func(store.EventHit) error { events++; return nil },
		Story:  func(news.Story) error { stories++; return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if docs != 3 || quotes != 2 || events != 2 || stories != 1 {
		t.Errorf("Export: %d documents, %d quotes, %d events, %d stories; want 3, 2, 2, 1", docs, quotes, events, stories)
	}
	z := ents["Volodymyr Zelenskyy"]
	if !cmp.Equal(z.Aliases, []string{"Zelenskyy"}) || !cmp.Equal(z.Documents, []string{"aaa1", "bbb2"}) || z.Mentions != 3 {
		t.Errorf("exported Zelenskyy = %+v; want alias Zelenskyy, documents aaa1 bbb2, 3 mentions", z)
	}
	stop := errors.New("stop")
	if err := s.Export(ctx, store.Exporter{Document: func(string, []byte) error { return stop }}); !errors.Is(err, stop) {
		t.Errorf("Export with a failing function: err = %v; want it passed on", err)
	}
}

func testPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	var as []*news.Article
	for i := range 45 {
		as = append(as, article(fmt.Sprintf("p%02d", i), fmt.Sprintf("Story %d about Minsk", i), fmt.Sprintf("2022-01-%02d", i%28+1), "", "A report from Minsk.").a)
	}
	put(t, s, as...)
	seen := map[string]bool{}
	for off := 0; off < 45; off += 20 {
		r, err := s.Search(ctx, store.SearchQuery{Text: "Minsk", Page: store.Page{Offset: off, Limit: 20}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != 45 {
			t.Errorf("Search total = %d; want 45", r.Total)
		}
		for _, h := range r.Hits {
			if seen[h.ID] {
				t.Errorf("hit %s on two pages", h.ID)
			}
			seen[h.ID] = true
		}
	}
	if len(seen) != 45 {
		t.Errorf("pages held %d distinct hits; want 45", len(seen))
	}
	l, err := s.Documents(ctx, store.DocQuery{Page: store.Page{Limit: 100000}})
	if err != nil {
		t.Fatal(err)
	}
	if l.Page.Limit != store.MaxLimit || len(l.Documents) != 45 {
		t.Errorf("Documents(limit 100000): page %+v, %d documents; want limit %d and 45", l.Page, len(l.Documents), store.MaxLimit)
	}
	l, err = s.Documents(ctx, store.DocQuery{Page: store.Page{Offset: 40, Limit: 10}})
	if err != nil || len(l.Documents) != 5 {
		t.Errorf("Documents(offset 40) = %d documents, %v; want 5", len(l.Documents), err)
	}
}

// testEntityEditor splits a wrong merge and joins a missed one, and checks
// that both decisions hold for articles stored afterwards (stores that keep
// no decisions skip it).
func testEntityEditor(t *testing.T, s store.Store) {
	ed, ok := s.(store.EntityEditor)
	if !ok {
		t.Skip("this store keeps no entity decisions")
	}
	ctx := context.Background()
	// A credit name wrongly joined to a veteran, and an acronym the
	// blocking keys miss.
	a := article("ed1", "Veterans", "2022-06-01", "Wire",
		"Valentyn Oleksiyenko lost a leg. Valentin took the photo. The European Union sent aid.").sentences().
		entity("E1", "Valentyn Oleksiyenko", news.Person, []string{"Valentin"}, "Valentyn Oleksiyenko", "Valentin").
		entity("E2", "European Union", news.Org, nil, "European Union").a
	b := article("ed2", "Sanctions", "2022-06-02", "Wire", "The EU agreed sanctions. EU ministers met.").sentences().
		entity("E1", "EU", news.Org, nil, "EU", "EU#1").a
	put(t, s, a, b)
	docA, err := s.Document(ctx, "ed1")
	if err != nil {
		t.Fatal(err)
	}
	docB, err := s.Document(ctx, "ed2")
	if err != nil {
		t.Fatal(err)
	}
	vet, eu, acr := docA.Entities["E1"].ID, docA.Entities["E2"].ID, docB.Entities["E1"].ID
	if vet == "" || eu == "" || acr == "" || eu == acr {
		t.Fatalf("links before the edits: %v %v", docA.Entities, docB.Entities)
	}
	// Join the missed merge.
	if err := ed.MergeEntities(ctx, eu, acr); err != nil {
		t.Fatalf("MergeEntities: %v", err)
	}
	pg, err := s.Entity(ctx, eu)
	if err != nil {
		t.Fatal(err)
	}
	if pg.Documents != 2 || pg.Mentions != 3 {
		t.Errorf("merged entity: %d documents, %d mentions; want 2, 3", pg.Documents, pg.Mentions)
	}
	if _, err := s.Entity(ctx, acr); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the merged-away entity still answers: %v", err)
	}
	found := false
	for _, al := range pg.Aliases {
		found = found || al.Name == "EU" && al.Evidence != ""
	}
	if !found {
		t.Errorf("no alias EU with its evidence: %+v", pg.Aliases)
	}
	// Split the wrong merge.
	nw, err := ed.SplitEntity(ctx, vet, "Valentin")
	if err != nil {
		t.Fatalf("SplitEntity: %v", err)
	}
	if nw == vet {
		t.Fatal("SplitEntity returned the same entity")
	}
	pv, err := s.Entity(ctx, vet)
	if err != nil {
		t.Fatal(err)
	}
	for _, al := range pv.Aliases {
		if al.Name == "Valentin" {
			t.Errorf("Valentin is still an alias of %s", vet)
		}
	}
	if pv.Mentions != 1 {
		t.Errorf("%s keeps %d mentions, want 1", vet, pv.Mentions)
	}
	if len(pv.Decisions) != 1 || pv.Decisions[0].Kind != "split" || pv.Decisions[0].Other != nw {
		t.Errorf("decisions of %s: %+v", vet, pv.Decisions)
	}
	// Later articles honour both decisions.
	c := article("ed3", "More", "2022-06-03", "Wire", "Valentin Oleksiyenko spoke. The EU answered.").sentences().
		entity("E1", "Valentin", news.Person, nil, "Valentin").
		entity("E2", "EU", news.Org, nil, "EU").a
	put(t, s, c)
	docC, err := s.Document(ctx, "ed3")
	if err != nil {
		t.Fatal(err)
	}
	if docC.Entities["E1"].ID == vet {
		t.Errorf("Valentin links to %s again after the split", vet)
	}
	if docC.Entities["E2"].ID != eu {
		t.Errorf("EU links to %s, want the merged %s", docC.Entities["E2"].ID, eu)
	}
	if err := ed.MergeEntities(ctx, eu, "g000000000000ff"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("merging an unknown entity: %v, want ErrNotFound", err)
	}
	if _, err := ed.SplitEntity(ctx, vet, "Nobody"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("splitting off a name the entity lacks: %v, want ErrNotFound", err)
	}
}
