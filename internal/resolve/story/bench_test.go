package story

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

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
