package story

import (
	"fmt"
	"math/rand"
	"strings"
	"time"
)

// newsGen writes realistic generated news without outside text: many
// outlets, each with its own furniture (a newsletter line, a follow-us
// line) and, for a third of them, a template headline ("Outlet Briefing:
// …"); stories with their own people, places, organisations, figures and
// topic words, each told by several outlets over a few days; filler from a
// Zipf-distributed vocabulary; one article in ten undated; and every
// hundredth story an earnings notice under a template ("X Corp 3rd qtr
// net", "Shr … vs …") like the wire's, which must never join another
// company's.
type newsGen struct {
	r        *rand.Rand
	zipf     *rand.Zipf
	vocab    []string
	outlets  []string
	perDay   int // articles a day
	storyDay int // stories starting each day
}

func newNewsGen(seed int64) *newsGen {
	r := rand.New(rand.NewSource(seed))
	g := &newsGen{r: r, zipf: rand.NewZipf(r, 1.1, 1, 19999), perDay: 2000, storyDay: 250}
	g.vocab = make([]string, 20000)
	for i := range g.vocab {
		g.vocab[i] = pseudoWord(i, false)
	}
	g.outlets = make([]string, 120)
	for i := range g.outlets {
		g.outlets[i] = "The " + pseudoWord(i+7000, true) + " " + []string{"Times", "Post", "Herald", "News", "Wire", "Daily"}[i%6]
	}
	return g
}

var syllables = []string{"ka", "lo", "vi", "ten", "mar", "sko", "ru", "dan", "el", "pe", "tro", "shin", "va", "gor", "li", "ne",
	"bra", "zu", "ko", "min", "sa", "ta", "rev", "chi", "ol", "dru", "nik", "po", "ves", "ha", "len", "gri"}

// pseudoWord spells number i as syllables: distinct numbers, distinct
// words.
func pseudoWord(i int, capital bool) string {
	var b strings.Builder
	n := i
	for k := 0; k < 2 || n > 0; k++ {
		b.WriteString(syllables[n%len(syllables)])
		n /= len(syllables)
	}
	w := b.String()
	if capital {
		w = strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}

// storyFacts are what one story is about.
type storyFacts struct {
	people, places []string
	org            string
	figures        []string
	topic          []string
	earnings       bool
	day            int
}

func (g *newsGen) facts(s int) storyFacts {
	r := rand.New(rand.NewSource(int64(s)*7919 + 13))
	f := storyFacts{day: s / g.storyDay, earnings: s%100 == 42}
	for k := 0; k < 3; k++ {
		f.people = append(f.people, pseudoWord(r.Intn(600), true)+" "+pseudoWord(1000+r.Intn(30000), true))
	}
	for k := 0; k < 2; k++ {
		f.places = append(f.places, pseudoWord(40000+r.Intn(3000), true))
	}
	f.org = pseudoWord(50000+r.Intn(20000), true) + " " + []string{"Corp", "Ministry", "Council", "Group", "Union"}[r.Intn(5)]
	for k := 0; k < 3; k++ {
		f.figures = append(f.figures, fmt.Sprintf("%d", 2+r.Intn(9000)))
	}
	for k := 0; k < 8; k++ {
		f.topic = append(f.topic, g.vocab[200+r.Intn(8000)])
	}
	return f
}

// article returns the i-th generated article and the story it tells.
func (g *newsGen) article(i int) (Doc, int) {
	day := i / g.perDay
	// A story told over three days: pick one of the stories started in
	// the last three days.
	first := max(0, day-2) * g.storyDay
	s := first + g.r.Intn((day+1)*g.storyDay-first)
	f := g.facts(s)
	outlet := g.outlets[g.r.Intn(len(g.outlets))]
	if f.earnings { // earnings notices come from the wires
		outlet = g.outlets[5+6*g.r.Intn(3)]
	}
	oi := strings.Index(outlet, " ")
	short := outlet[oi+1:]
	var title string
	var b strings.Builder
	sentence := func(words ...string) {
		b.WriteString(strings.Join(words, " "))
		b.WriteString(". ")
	}
	filler := func(n int) []string {
		out := make([]string, n)
		for k := range out {
			out[k] = g.vocab[g.zipf.Uint64()]
		}
		return out
	}
	if f.earnings {
		company := f.org
		title = strings.ToUpper(company) + " 3RD QTR NET"
		sentence("Shr", f.figures[0], "cts", "vs", f.figures[1], "cts")
		sentence("Net", f.figures[2], "mln", "vs", fmt.Sprint(g.r.Intn(900)), "mln")
		sentence("Revs", fmt.Sprint(g.r.Intn(9000)), "mln", "vs", fmt.Sprint(g.r.Intn(9000)), "mln")
	} else {
		if strings.HasSuffix(outlet, "Times") || strings.HasSuffix(outlet, "Wire") {
			title = short + " Briefing: " + f.topic[0] + " in " + f.places[0]
		} else {
			title = f.people[0] + " " + f.topic[0] + " " + f.topic[1] + " " + f.places[0]
		}
		for k := 0; k < 14; k++ {
			w := filler(10)
			switch k % 5 {
			case 0:
				w = append(w, f.people[g.r.Intn(3)], f.topic[g.r.Intn(8)], "in", f.places[g.r.Intn(2)])
			case 1:
				w = append(w, f.org, f.topic[g.r.Intn(8)], f.figures[g.r.Intn(3)], g.vocab[g.r.Intn(300)])
			case 2:
				w = append(w, f.topic[g.r.Intn(8)], f.topic[g.r.Intn(8)], "said", f.people[g.r.Intn(3)])
			}
			g.r.Shuffle(len(w), func(a, b int) { w[a], w[b] = w[b], w[a] })
			sentence(append([]string{"The"}, w...)...)
		}
	}
	sentence("Sign up for the", short, "newsletter and follow", outlet, "for updates")
	d := Doc{ID: fmt.Sprintf("a%07d", i), Outlet: outlet, Title: title, Text: b.String(),
		Entities: append(append([]string{f.org}, f.people...), f.places...)}
	if g.r.Intn(10) != 0 {
		d.Time = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, day)
	}
	return d, s
}
