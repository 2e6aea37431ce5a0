package server_test

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

var (
	loadPeople = []string{"Anna Kovalenko", "Pavel Shevchuk", "Olga Lysenko", "Ihar Bondar", "Maria Tkachenko", "Dmitri Moroz",
		"Sofia Kravets", "Yuri Savchenko", "Elena Marchenko", "Viktor Rudenko", "Irina Petrenko", "Ales Hrytsenko"}
	loadPlaces = []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga", "Lviv", "Gdansk", "Brest", "Kharkiv", "Tallinn", "Odesa", "Krakow"}
	loadOrgs   = []string{"Red Cross", "United Nations", "European Commission", "NATO", "World Bank", "Interior Ministry"}
	loadTopics = []string{"border crossings", "budget", "energy prices", "refugee centres", "railway line", "elections", "grain exports", "water supply"}
)

// loadArticle returns a generated, already annotated article (entities,
// mentions and a quote marked where the names occur), so that a large
// store is built without running the annotation stages.
func loadArticle(i int) *news.Article {
	r := rand.New(rand.NewPCG(uint64(i), 99))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	person, other, place, org, topic := pick(loadPeople), pick(loadPeople), pick(loadPlaces), pick(loadOrgs), pick(loadTopics)
	quote := fmt.Sprintf("We will settle the %s by May %d", topic, 1+r.IntN(28))
	text := fmt.Sprintf("%s met %s in %s on Tuesday to discuss the %s with the %s, report %d says.\n\n“%s,” said %s. "+
		"The %s has followed the %s since %d, and %s called the talks useful.",
		person, other, place, topic, org, i, quote, person, org, topic, 1990+r.IntN(30), other)
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/60)
	a := &news.Article{ID: fmt.Sprintf("%064x", i+1), Title: fmt.Sprintf("Report %d: talks in %s on the %s", i, place, topic),
		Published: day.Format("2006-01-02"), Text: text, Language: "en",
		Source: news.Source{Outlet: fmt.Sprintf("Outlet %d", i%13), URL: fmt.Sprintf("https://news.example.org/%d", i)}}
	a.Paragraphs = []news.Span{{Start: 0, End: strings.Index(text, "\n\n")}, {Start: strings.Index(text, "\n\n") + 2, End: len(text)}}
	ids := map[string]string{}
	mention := func(name string, typ news.EntityType, from int) {
		at := strings.Index(text[from:], name)
		if at < 0 {
			return
		}
		at += from
		id, ok := ids[name]
		if !ok {
			id = "E" + strconv.Itoa(len(ids)+1)
			ids[name] = id
			a.Entities = append(a.Entities, news.Entity{ID: id, Name: name, Type: typ, Aliases: []string{}})
		}
		a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: at, End: at + len(name)}, Text: name, Type: typ, Entity: id, Confidence: 0.9})
	}
	mention(person, news.Person, 0)
	mention(other, news.Person, len(person))
	mention(place, news.GPE, 0)
	mention(org, news.Org, 0)
	q := strings.Index(text, quote)
	mention(person, news.Person, q+len(quote))
	mention(org, news.Org, q)
	slices.SortFunc(a.Mentions, func(x, y news.Mention) int { return x.Start - y.Start })
	a.Quotes = []news.Quote{{Span: news.Span{Start: q, End: q + len(quote)}, Text: quote, Speaker: ids[person], SpeakerName: person,
		Cue: "said", Kind: news.QuoteDirect, Confidence: 0.9}}
	return a
}

// TestLoad builds a store of NEWSGRAPH_LOAD_ARTICLES generated articles
// (100,000 for the figure in docs/performance.md), serves it as `newsgraph
// serve` does, and drives search, entity and story endpoints with 50
// concurrent clients, reporting p50 and p99 latency and errors. It runs
// only when that variable is set: building the store takes minutes.
func TestLoad(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("NEWSGRAPH_LOAD_ARTICLES"))
	if n <= 0 {
		t.Skip("set NEWSGRAPH_LOAD_ARTICLES (e.g. 100000) to run the load test")
	}
	const clients, perClient = 50, 40
	ctx := context.Background()
	db := os.Getenv("NEWSGRAPH_LOAD_DB") // reuse a store built before
	if db == "" {
		db = filepath.Join(t.TempDir(), "load.db")
	}
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents < n {
		start := time.Now()
		sink, err := ingest.NewSink(ctx, st, ingest.SinkOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for i := stats.Documents; i < n; i += 500 {
			var batch []*news.Article
			for j := i; j < min(n, i+500); j++ {
				batch = append(batch, loadArticle(j))
			}
			if _, err := sink.Write(ctx, batch); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("built a store of %d articles in %v", n, time.Since(start))
	}
	h, err := cli.Handler(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Guard(h, server.GuardOptions{}))
	defer srv.Close()

	// Requests: searches, entity pages and lists, stories and story pages.
	ents, err := st.Entities(ctx, store.EntityQuery{Page: store.Page{Limit: 50}})
	if err != nil {
		t.Fatal(err)
	}
	stories, err := st.Stories(ctx, store.Page{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(ents.Entities) == 0 || len(stories.Stories) == 0 {
		t.Fatalf("store has %d entities and %d stories", len(ents.Entities), len(stories.Stories))
	}
	paths := func(r *rand.Rand) string {
		switch r.IntN(6) {
		case 0:
			return "/api/v1/search?q=" + strings.ReplaceAll(loadTopics[r.IntN(len(loadTopics))], " ", "+")
		case 1:
			return "/api/v1/search?q=" + loadPlaces[r.IntN(len(loadPlaces))] + "&offset=" + strconv.Itoa(20*r.IntN(10))
		case 2:
			return "/api/v1/entities/" + ents.Entities[r.IntN(len(ents.Entities))].ID
		case 3:
			return "/api/v1/entities?name=" + strings.Fields(loadPeople[r.IntN(len(loadPeople))])[1]
		case 4:
			return "/api/v1/stories?offset=" + strconv.Itoa(20*r.IntN(50))
		default:
			return "/api/v1/stories/" + stories.Stories[r.IntN(len(stories.Stories))].ID
		}
	}
	var mu sync.Mutex
	var lat []time.Duration
	byKind := map[string][]time.Duration{}
	errs := map[string]int{}
	var wg sync.WaitGroup
	begin := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 7))
			for range perClient {
				p := paths(r)
				t0 := time.Now()
				resp, err := http.Get(srv.URL + p)
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				kind := strings.SplitN(p, "?", 2)[0]
				if k := strings.LastIndexByte(kind, '/'); strings.Count(kind, "/") > 3 {
					kind = kind[:k] + "/{id}"
				}
				byKind[kind] = append(byKind[kind], d)
				if err != nil {
					errs[err.Error()]++
				} else {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						errs[fmt.Sprintf("%d on %s", resp.StatusCode, strings.SplitN(p, "?", 2)[0])]++
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	wall := time.Since(begin)
	slices.Sort(lat)
	p50, p99 := lat[len(lat)/2], lat[len(lat)*99/100]
	t.Logf("%d articles, %d clients, %d requests in %v (%.0f/s): p50 %v, p99 %v, max %v, errors %v",
		n, clients, len(lat), wall.Round(time.Millisecond), float64(len(lat))/wall.Seconds(), p50.Round(time.Millisecond), p99.Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond), errs)
	for k, l := range byKind {
		slices.Sort(l)
		t.Logf("  %-26s %4d requests: p50 %v, p99 %v", k, len(l), l[len(l)/2].Round(time.Millisecond), l[len(l)*99/100].Round(time.Millisecond))
	}
	if len(errs) > 0 {
		t.Errorf("errors under load: %v", errs)
	}
	if p99 > 500*time.Millisecond {
		t.Errorf("p99 %v over 500 ms", p99)
	}
}
