// Package webtest generates annotated articles for the web UI's browser
// tests and page benchmarks: a reproducible store of any size with people,
// organisations, places (cities pinned, countries shaded), quotes (direct
// and paraphrased), events with dates of every precision, photo captions
// and stories, plus one hostile article whose title and text carry script
// payloads.
package webtest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Hostile is the ID of the article whose title, text, entity and quote
// carry <script> and onerror payloads. The UI must show them as text.
const Hostile = "0000000000000000000000000000000000000000000000000000000000000bad"

// HostileTitle is the title of the hostile article.
const HostileTitle = `<script>alert("title")</script> Minister <img src=x onerror=alert(1)> resigns`

type place struct {
	name, country string
	lat, lon      float64
	geonames      int
}

// Cities are pinned; countries (their real GeoNames IDs) are shaded.
var (
	cities = []place{
		{"Warsaw", "PL", 52.23, 21.01, 756135}, {"Minsk", "BY", 53.90, 27.57, 625144}, {"Kyiv", "UA", 50.45, 30.52, 703448},
		{"Lviv", "UA", 49.84, 24.03, 702550}, {"Kharkiv", "UA", 49.99, 36.23, 706483}, {"Vilnius", "LT", 54.69, 25.28, 593116},
		{"Riga", "LV", 56.95, 24.11, 456172}, {"Gdansk", "PL", 54.35, 18.65, 3099434}, {"Brest", "BY", 52.10, 23.69, 629634},
		{"Berlin", "DE", 52.52, 13.41, 2950159}, {"Moscow", "RU", 55.75, 37.62, 524901}, {"Tbilisi", "GE", 41.69, 44.83, 611717},
		{"Chisinau", "MD", 47.01, 28.86, 618426}, {"Odesa", "UA", 46.48, 30.73, 698740}, {"Krakow", "PL", 50.06, 19.94, 3094802},
		{"Tallinn", "EE", 59.44, 24.75, 588409}, {"Brussels", "BE", 50.85, 4.35, 2800866}, {"Geneva", "CH", 46.20, 6.14, 2660646},
	}
	countries = []place{
		{"Poland", "PL", 52.06, 19.70, 798544}, {"Belarus", "BY", 53.0, 28.0, 630336}, {"Ukraine", "UA", 49.0, 32.0, 690791},
		{"Lithuania", "LT", 55.42, 24.0, 597427}, {"Germany", "DE", 51.5, 10.5, 2921044}, {"Russia", "RU", 60.0, 100.0, 2017370},
		{"Georgia", "GE", 42.0, 43.5, 614540}, {"Moldova", "MD", 47.25, 28.58, 617790},
	}
	first = []string{"Pavel", "Anna", "Ales", "Olga", "Ihar", "Maria", "Dmitri", "Sofia", "Yuri", "Elena", "Viktor", "Irina", "Taras",
		"Oksana", "Marek", "Agnieszka", "Jonas", "Ruta", "Giorgi", "Nino", "Andrei", "Ludmila", "Tomasz", "Katarzyna"}
	last = []string{"Kovalenko", "Shevchuk", "Lysenko", "Bondar", "Tkachenko", "Moroz", "Kravets", "Savchenko", "Marchenko", "Rudenko",
		"Melnyk", "Boyko", "Koval", "Oliynyk", "Polishchuk", "Bilyk", "Hrytsenko", "Zinchenko", "Levchenko", "Kuzmenko", "Nowak",
		"Kowalski", "Wisniewski", "Kazlauskas", "Beridze", "Ciobanu", "Sokolov", "Volkov"}
	orgs = []string{"Border Guard Service", "Interior Ministry", "Red Cross", "Electoral Commission", "Supreme Court", "Central Bank",
		"Defence Ministry", "Human Rights Watch", "Amnesty International", "European Commission", "NATO", "United Nations",
		"State Security Committee", "Viasna", "Press Association", "Railway Workers Union"}
	outlets = []string{"Daily Ledger", "Eastern Wire", "The Courier", "Baltic Times", "Morning Post", "Radio Free Plains",
		"Kyiv Observer", "Warsaw Voice", "Minsk Monitor", "Global Desk", "", "Evening Herald", "Civic Journal", "Riverside News"}
	eventTypes = []string{"ASSAULT", "PROTEST", "COERCE", "SUPPORT", "CONSULT", "AGREE", "ACCUSE", "AID", "REQUEST", "THREATEN", "COOPERATE"}
	verbs      = map[string]string{"ASSAULT": "attacked", "PROTEST": "protested against", "COERCE": "detained", "SUPPORT": "backed",
		"CONSULT": "met", "AGREE": "agreed with", "ACCUSE": "accused", "AID": "sent aid to", "REQUEST": "asked", "THREATEN": "threatened",
		"COOPERATE": "worked with"}
)

// builder writes an article's text and records spans.
type builder struct {
	a    *news.Article
	b    strings.Builder
	sent int
}

func (w *builder) add(s string) news.Span {
	start := w.b.Len()
	w.b.WriteString(s)
	return news.Span{Start: start, End: w.b.Len()}
}

// sentence starts a sentence; end closes it.
func (w *builder) sentence() { w.sent = w.b.Len() }
func (w *builder) end() {
	w.b.WriteString(" ")
	w.a.Sentences = append(w.a.Sentences, news.Span{Start: w.sent, End: w.b.Len() - 1})
}

type ent struct {
	id, name string
	typ      news.EntityType
	pl       *place
}

// Article returns generated article i (deterministic for a seed).
func Article(seed uint64, i int) *news.Article {
	r := rand.New(rand.NewPCG(seed, uint64(i)))
	a := &news.Article{ID: fmt.Sprintf("%064x", i+1), Language: "en"}
	a.Source = news.Source{Outlet: outlets[r.IntN(len(outlets))], URL: ""}
	if r.IntN(10) > 0 {
		a.Published = fmt.Sprintf("%d-%02d-%02d", 2019+r.IntN(6), 1+r.IntN(12), 1+r.IntN(28))
	}
	w := &builder{a: a}
	var ents []ent
	addEnt := func(name string, typ news.EntityType, pl *place) ent {
		for _, e := range ents {
			if e.name == name {
				return e
			}
		}
		e := ent{id: fmt.Sprintf("E%d", len(ents)+1), name: name, typ: typ, pl: pl}
		ents = append(ents, e)
		a.Entities = append(a.Entities, news.Entity{ID: e.id, Name: name, Type: typ})
		return e
	}
	mention := func(e ent) news.Span {
		sp := w.add(e.name)
		a.Mentions = append(a.Mentions, news.Mention{Span: sp, Text: e.name, Type: e.typ, Entity: e.id, Confidence: 0.9})
		if e.pl != nil {
			feature := "city"
			for _, c := range countries {
				if c.geonames == e.pl.geonames {
					feature = "country"
				}
			}
			a.Places = append(a.Places, news.Place{Span: sp, Text: e.name, Entity: e.id, Name: e.pl.name, Country: e.pl.country,
				Feature: feature, Lat: e.pl.lat, Lon: e.pl.lon, GeoNames: e.pl.geonames, Confidence: 0.9})
		}
		return sp
	}
	person := func() ent {
		return addEnt(first[r.IntN(len(first))]+" "+last[r.IntN(len(last))], news.Person, nil)
	}
	city := &cities[r.IntN(len(cities))]
	country := &countries[r.IntN(len(countries))]
	people := []ent{person(), person(), person(), person()}
	org := addEnt(orgs[r.IntN(len(orgs))], news.Org, nil)
	cityE := addEnt(city.name, news.GPE, city)
	countryE := addEnt(country.name, news.GPE, country)
	a.Title = fmt.Sprintf("%s and %s clash over %s in %s", people[0].name, org.name, []string{"border", "budget", "elections", "detentions", "aid"}[r.IntN(5)], city.name)

	date := func() (string, string) {
		y := 2016 + r.IntN(9)
		switch r.IntN(3) {
		case 0:
			return fmt.Sprint(y), fmt.Sprint(y)
		case 1:
			m := 1 + r.IntN(12)
			return fmt.Sprintf("%d-%02d", y, m), fmt.Sprintf("%s %d", []string{"January", "February", "March", "April", "May", "June",
				"July", "August", "September", "October", "November", "December"}[m-1], y)
		}
		m, d := 1+r.IntN(12), 1+r.IntN(28)
		return fmt.Sprintf("%d-%02d-%02d", y, m, d), fmt.Sprintf("%d %s %d", d, []string{"January", "February", "March", "April", "May",
			"June", "July", "August", "September", "October", "November", "December"}[m-1], y)
	}
	for p := 0; p < 6; p++ {
		start := w.b.Len()
		for s := 0; s < 3; s++ {
			w.sentence()
			switch (p*3 + s) % 5 {
			case 0: // an event with a date and a place
				typ := eventTypes[r.IntN(len(eventTypes))]
				actor, target := people[r.IntN(len(people))], people[r.IntN(len(people))]
				if actor == target {
					target = org
				}
				mention(actor)
				w.add(" ")
				trig := w.add(verbs[typ])
				w.add(" ")
				mention(target)
				w.add(" in ")
				where := cityE
				if r.IntN(3) == 0 {
					where = countryE
				}
				mention(where)
				value, words := date()
				w.add(" on ")
				tsp := w.add(words)
				w.add(".")
				a.Times = append(a.Times, news.Time{Span: tsp, Text: words, Value: value, Kind: news.TimeDate})
				a.Events = append(a.Events, news.Event{Type: typ, Actor: actor.id, ActorName: actor.name, Target: target.id, TargetName: target.name,
					Date: value, DateFrom: "time", Place: where.id, PlaceName: where.name, Sentence: len(a.Sentences),
					Trigger: news.Trigger{Span: trig, Text: verbs[typ]}, Confidence: 0.6 + 0.3*r.Float64()})
			case 1: // a direct quote
				sp := people[r.IntN(len(people))]
				w.add("“")
				q := w.add(fmt.Sprintf("We will not stop until the %s answers for what happened in %s", org.name, city.name))
				w.add(",” said ")
				ssp := mention(sp)
				w.add(".")
				a.Quotes = append(a.Quotes, news.Quote{Span: q, Text: a.Slice(q), Speaker: sp.id, SpeakerName: sp.name, SpeakerSpan: &ssp,
					Cue: "said", Kind: news.QuoteDirect, Confidence: 0.9})
			case 2: // a paraphrase
				sp := people[r.IntN(len(people))]
				ssp := mention(sp)
				w.add(" said ")
				q := w.add(fmt.Sprintf("that talks with %s had stalled", countryE.name))
				w.add(".")
				a.Quotes = append(a.Quotes, news.Quote{Span: q, Text: a.Slice(q), Speaker: sp.id, SpeakerName: sp.name, SpeakerSpan: &ssp,
					Cue: "said", Kind: news.QuoteIndirect, Confidence: 0.7})
			default:
				w.add("Officials in ")
				mention(countryE)
				w.add(" and the ")
				mention(org)
				w.add(" declined to comment on the reports from ")
				mention(cityE)
				w.add(", where volunteers have gathered for weeks.")
			}
			w.end()
		}
		a.Paragraphs = append(a.Paragraphs, news.Span{Start: start, End: w.b.Len() - 1})
	}
	a.Text = strings.TrimRight(w.b.String(), " ")
	for i := range a.Quotes {
		a.Quotes[i].Text = a.Slice(a.Quotes[i].Span)
	}
	if r.IntN(3) == 0 {
		value, words := date()
		c := news.Caption{Text: "Volunteers train near " + city.name + ", " + words + ".", Credit: "Photo/Staff", Count: 1 + r.IntN(3)}
		i := strings.Index(c.Text, words)
		c.Times = []news.Time{{Span: news.Span{Start: i, End: i + len(words)}, Text: words, Value: value, Kind: news.TimeDate}}
		a.Captions = append(a.Captions, c)
	}
	a.Removed = []news.Removed{{Kind: news.RemovedPromo, Text: "Subscribe to our newsletter"}}
	return a
}

// HostileArticle returns the article with script payloads in its title,
// text, entity name and quote.
func HostileArticle() *news.Article {
	text := `Officials said <script>alert("text")</script> nothing. The minister <img src=x onerror=alert(2)> left Warsaw. ` +
		`“<svg onload=alert(3)>” said Robert'); DROP TABLE documents;--.`
	at := func(s string) news.Span {
		i := strings.Index(text, s)
		return news.Span{Start: i, End: i + len(s)}
	}
	sp := at(`Robert'); DROP TABLE documents;--`)
	a := &news.Article{ID: Hostile, Title: HostileTitle, Text: text, Language: "en", Published: "2022-05-20",
		Source:     news.Source{Outlet: `<b onmouseover=alert(4)>Outlet</b>`},
		Paragraphs: []news.Span{{Start: 0, End: len(text)}},
		Sentences:  []news.Span{at(`Officials said <script>alert("text")</script> nothing.`), at(`The minister <img src=x onerror=alert(2)> left Warsaw.`), at(`“<svg onload=alert(3)>” said Robert'); DROP TABLE documents;--.`)},
		Entities: []news.Entity{{ID: "E1", Name: `<img src=x onerror=alert(5)>`, Type: news.Person}, {ID: "E2", Name: "Warsaw", Type: news.GPE},
			{ID: "E3", Name: `Robert'); DROP TABLE documents;--`, Type: news.Person}},
		Mentions: []news.Mention{{Span: at(`<img src=x onerror=alert(2)>`), Text: `<img src=x onerror=alert(2)>`, Type: news.Person, Entity: "E1"},
			{Span: at("Warsaw"), Text: "Warsaw", Type: news.GPE, Entity: "E2"}, {Span: sp, Text: `Robert'); DROP TABLE documents;--`, Type: news.Person, Entity: "E3"}},
		Quotes: []news.Quote{{Span: at(`<svg onload=alert(3)>`), Text: `<svg onload=alert(3)>`, Speaker: "E3", SpeakerName: `Robert'); DROP TABLE documents;--`,
			SpeakerSpan: &sp, Cue: "said", Kind: news.QuoteDirect, Confidence: 0.9}},
		Places: []news.Place{{Span: at("Warsaw"), Text: "Warsaw", Entity: "E2", Name: "Warsaw", Country: "PL", Feature: "city", Lat: 52.23, Lon: 21.01, GeoNames: 756135}},
		Events: []news.Event{{Type: "PROTEST", Actor: "E1", ActorName: `<img src=x onerror=alert(5)>`, Target: "E3", TargetName: `Robert'); DROP TABLE documents;--`,
			Date: "2022-05-20", Sentence: 1, Trigger: news.Trigger{Span: at("left"), Text: "left"}, Confidence: 0.5}},
		Captions: []news.Caption{{Text: `<iframe src="https://example.com"></iframe> caption`, Count: 1}},
		Removed:  []news.Removed{{Kind: news.RemovedPromo, Text: `<a href="javascript:alert(6)">click</a>`}},
	}
	return a
}

// Fill stores n generated articles (and the hostile one) in st, in
// batches, and groups every fourth article with its neighbours into
// stories.
func Fill(ctx context.Context, st store.Store, seed uint64, n int) error {
	batch := []*news.Article{HostileArticle()}
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := st.PutMany(ctx, batch)
		batch = batch[:0]
		return err
	}
	for i := 0; i < n; i++ {
		batch = append(batch, Article(seed, i))
		if len(batch) == 256 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for i := 0; i+3 < n && i < 4000; i += 4 {
		s := fmt.Sprintf("gen-story-%d", i/4)
		for j := 0; j < 3; j++ {
			dup := ""
			if j == 2 && i%8 == 0 {
				dup = fmt.Sprintf("%064x", i+1)
			}
			if err := st.SetStory(ctx, fmt.Sprintf("%064x", i+j+1), s, dup); err != nil {
				return err
			}
		}
	}
	return nil
}
