package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
	"github.com/newsgraph/newsgraph/internal/store"
)

// benchArticle returns an annotated article: about 2 KB of text, 12
// entities drawn from a pool of a few thousand names, 30 mentions, 2
// quotes, 2 places and 1 event.
func benchArticle(r *rand.Rand, i int) *news.Article {
	first := []string{"Pavel", "Anna", "Ales", "Olga", "Ihar", "Maria", "Dmitri", "Sofia", "Yuri", "Elena", "Viktor", "Irina", "Taras", "Oksana"}
	last := []string{"Kovalenko", "Shevchuk", "Lysenko", "Bondar", "Tkachenko", "Moroz", "Kravets", "Savchenko", "Marchenko", "Rudenko",
		"Melnyk", "Boyko", "Koval", "Oliynyk", "Polishchuk", "Bilyk", "Hrytsenko", "Zinchenko", "Levchenko", "Kuzmenko"}
	cities := []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga", "Lviv", "Gdansk", "Brest", "Kharkiv", "Tallinn"}
	a := &news.Article{ID: fmt.Sprintf("%064x", i), Title: fmt.Sprintf("Report %d", i), Published: fmt.Sprintf("2022-%02d-%02d", 1+i%12, 1+i%28),
		Source: news.Source{Outlet: fmt.Sprintf("Outlet %d", i%9)}}
	var b strings.Builder
	add := func(s string) news.Span {
		start := b.Len()
		b.WriteString(s)
		return news.Span{Start: start, End: b.Len()}
	}
	for e := 0; e < 12; e++ {
		var name string
		typ := news.Person
		if e < 3 {
			name, typ = cities[r.IntN(len(cities))], news.GPE
		} else {
			name = first[r.IntN(len(first))] + " " + last[r.IntN(len(last))]
		}
		id := fmt.Sprintf("E%d", e+1)
		a.Entities = append(a.Entities, news.Entity{ID: id, Name: name, Type: typ})
		for m := 0; m < 2+e%2; m++ {
			add("In the morning ")
			sp := add(name)
			a.Mentions = append(a.Mentions, news.Mention{Span: sp, Text: name, Type: typ, Entity: id, Confidence: 0.9})
			add(" spoke to reporters about the border, the budget and the talks that continue this week. ")
		}
		if e == 4 || e == 7 {
			q := add("“We will keep working on it until the end,” ")
			a.Quotes = append(a.Quotes, news.Quote{Span: q, Text: a.Mentions[0].Text, Speaker: id, SpeakerName: name, Cue: "said", Kind: news.QuoteDirect})
		}
		if typ == news.GPE {
			a.Places = append(a.Places, news.Place{Span: a.Mentions[len(a.Mentions)-1].Span, Text: name, Name: name, Country: "PL", Lat: 52, Lon: 21, GeoNames: 1000 + r.IntN(10)})
		}
	}
	a.Text = b.String()
	a.Sentences = []news.Span{{Start: 0, End: len(a.Text)}}
	for i := range a.Quotes {
		a.Quotes[i].Text = a.Slice(a.Quotes[i].Span)
	}
	a.Events = []news.Event{{Type: "CONSULT", Actor: "E4", Target: "E5", Date: a.Published, Sentence: 0,
		Trigger: news.Trigger{Span: a.Mentions[0].Span, Text: a.Mentions[0].Text}, Confidence: 0.5}}
	return a
}

// BenchmarkPut stores annotated articles in batches of 64, as ingest does,
// into a store that already holds 1,000 or 10,000 articles: entity
// linking and indexing cost per article should not grow with the store.
func BenchmarkPut(b *testing.B) {
	for _, size := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("stored=%d", size), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			r := rand.New(rand.NewPCG(7, 8))
			const batch = 64
			for i := 0; i < size; i += batch {
				var as []*news.Article
				for j := i; j < min(i+batch, size); j++ {
					as = append(as, benchArticle(r, j))
				}
				if _, err := s.PutMany(ctx, as); err != nil {
					b.Fatal(err)
				}
			}
			// Articles to store, built before timing.
			as := make([]*news.Article, b.N)
			for i := range as {
				as[i] = benchArticle(r, size+i)
			}
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			b.ReportAllocs()
			b.ResetTimer()
			start := time.Now()
			for i := 0; i < b.N; i += batch {
				if _, err := s.PutMany(ctx, as[i:min(i+batch, b.N)]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&m1)
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
			b.ReportMetric(float64(m1.Mallocs-m0.Mallocs)/float64(b.N), "allocs/article")
		})
	}
}

// BenchmarkSearch runs a ranked search with snippets over 10,000 articles.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "search.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 10000; i += 100 {
		var as []*news.Article
		for j := i; j < i+100; j++ {
			as = append(as, benchArticle(r, j))
		}
		if _, err := s.PutMany(ctx, as); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Search(ctx, storeQuery("kovalenko budget")); err != nil {
			b.Fatal(err)
		}
	}
}

func storeQuery(q string) store.SearchQuery { return store.SearchQuery{Text: q} }

// BenchmarkResolve measures cross-article entity resolution alone — the
// blocking-key lookup of candidates (resolve.Lookup) and resolve.Match —
// per entity, in stores of 1,000 and 10,000 articles. Its cost follows the
// candidates a key returns, not the size of the store.
func BenchmarkResolve(b *testing.B) {
	for _, size := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("stored=%d", size), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "resolve.db"), Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			r := rand.New(rand.NewPCG(7, 8))
			for i := 0; i < size; i += 100 {
				var as []*news.Article
				for j := i; j < min(i+100, size); j++ {
					as = append(as, benchArticle(r, j))
				}
				if _, err := s.PutMany(ctx, as); err != nil {
					b.Fatal(err)
				}
			}
			var ents []news.Entity
			for len(ents) < 1000 {
				ents = append(ents, benchArticle(r, size+len(ents)).Entities...)
			}
			tx, err := s.w.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer tx.Rollback()
			look := &lookup{w: &writer{tx: tx}}
			cands := 0
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e := ents[i%len(ents)]
				cs, err := look.CandidatesByKey(ctx, resolve.Keys(e))
				if err != nil {
					b.Fatal(err)
				}
				cands += len(cs)
				resolve.Match(e, cs)
			}
			b.ReportMetric(float64(cands)/float64(b.N), "candidates/entity")
		})
	}
}
