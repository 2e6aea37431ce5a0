package story

import (
	"fmt"
	"math/rand"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/cputime"

	"github.com/newsgraph/newsgraph/internal/news"
)

// corpus makes n articles of about 400 words over stories stories: a third
// of the words from the story's own terms, the rest from a Zipf-distributed
// vocabulary of 30,000 words, as in news text. It needs no outside text.
func corpus(n, stories int) []Doc {
	r := rand.New(rand.NewSource(1))
	zipf := rand.NewZipf(r, 1.1, 1, 29999)
	vocab := make([]string, 30000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%d", i)
	}
	names := make([]string, 400)
	for i := range names {
		names[i] = fmt.Sprintf("Name%d", i)
	}
	docs := make([]Doc, n)
	for i := range docs {
		s := i % stories
		var b strings.Builder
		for w := 0; w < 400; w++ {
			switch {
			case w%15 == 0:
				b.WriteString(names[(s*7+r.Intn(5))%len(names)])
			case r.Intn(3) == 0:
				b.WriteString(vocab[(s*31+r.Intn(40))%len(vocab)])
			default:
				b.WriteString(vocab[zipf.Uint64()])
			}
			b.WriteString(" ")
			if w%20 == 19 {
				b.WriteString(". ")
			}
		}
		docs[i] = Doc{ID: fmt.Sprintf("d%d", i), Outlet: fmt.Sprintf("o%d", i%13), Text: b.String(),
			Time: time.Date(2024, 1, 1+i/200, 0, 0, 0, 0, time.UTC)}
	}
	return docs
}

// BenchmarkAssign measures assigning one article to a clusterer already
// holding 2,000 articles.
func BenchmarkAssign(b *testing.B) {
	docs := corpus(2000+b.N, 300)
	c := New(Config{})
	for _, d := range docs[:2000] {
		if _, err := c.Assign(d); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Assign(docs[2000+i]); err != nil {
			b.Fatal(err)
		}
	}
}

// filled holds, per size, a clusterer that has been given that many
// generated articles, and the generator to go on with: a benchmark function
// runs several times, and filling is the slow part.
var filled = map[int]*struct {
	c    *Clusterer
	g    *newsGen
	next int
}{}

// BenchmarkStoryStep measures the story step of ingest (Assign) per
// article once 10,000, 100,000 or 1,000,000 generated articles (see
// newsGen: 120 outlets, template headlines, furniture, undated articles)
// have been assigned, in CPU time per article. The cost must not grow with
// the articles stored. The million runs only with NEWSGRAPH_BENCH_1M=1
// (filling takes about ten CPU-minutes):
//
//	NEWSGRAPH_BENCH_1M=1 go test -run '^$' -bench StoryStep -benchtime 5000x ./internal/resolve/story/
func BenchmarkStoryStep(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			if n >= 1_000_000 && os.Getenv("NEWSGRAPH_BENCH_1M") != "1" {
				b.Skip("set NEWSGRAPH_BENCH_1M=1 to fill a clusterer with a million articles")
			}
			f := filled[n]
			if f == nil {
				f = &struct {
					c    *Clusterer
					g    *newsGen
					next int
				}{c: New(Config{}), g: newNewsGen(1)}
				for ; f.next < n; f.next++ {
					d, _ := f.g.article(f.next)
					if _, err := f.c.Assign(d); err != nil {
						b.Fatal(err)
					}
				}
				filled[n] = f
			}
			docs := make([]Doc, b.N)
			for i := range docs {
				docs[i], _ = f.g.article(f.next + i)
			}
			f.next += b.N
			b.ResetTimer()
			cpu := cputime.Process()
			for _, d := range docs {
				if _, err := f.c.Assign(d); err != nil {
					b.Fatal(err)
				}
			}
			used := cputime.Process() - cpu
			b.StopTimer()
			if used > 0 {
				b.ReportMetric(float64(used.Microseconds())/float64(b.N), "cpu-µs/article")
			}
			arts, sts := f.c.Len()
			b.ReportMetric(float64(arts), "held-articles")
			b.ReportMetric(float64(sts), "held-stories")
		})
	}
}

func BenchmarkMinHash(b *testing.B) {
	d := corpus(1, 1)[0]
	b.SetBytes(int64(len(d.Text)))
	for i := 0; i < b.N; i++ {
		MinHash(d.Text)
	}
}

func BenchmarkCompare(b *testing.B) {
	var arts []*news.Article
	for i, d := range corpus(20, 1) {
		arts = append(arts, &news.Article{ID: d.ID, Text: d.Text, Source: news.Source{Outlet: d.Outlet},
			Entities: []news.Entity{{ID: "E1", Name: fmt.Sprintf("Name%d", i%3), Type: news.Person}},
			Events:   []news.Event{{Type: "ASSAULT", ActorName: "A", TargetName: fmt.Sprintf("T%d", i%2)}}})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Compare(arts)
	}
}
