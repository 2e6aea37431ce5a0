package timex

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

func ref(t *testing.T, s string) Ref {
	t.Helper()
	r, err := ParseRef(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFind(t *testing.T) {
	tests := []struct {
		text, ref string
		want      string // the expression's text
		value     string
		kind      news.TimeKind
	}{
		{"Volunteers train near Warsaw on Friday, May 20, 2022.", "", "Friday, May 20, 2022", "2022-05-20", news.TimeDate},
		{"It happened on 3 March 2021 in the capital.", "", "3 March 2021", "2021-03-03", news.TimeDate},
		{"The filing is dated 2019-11-04.", "", "2019-11-04", "2019-11-04", news.TimeDate},
		{"He has held power since 1994.", "", "1994", "1994", news.TimeDate},
		{"The 2020 election was disputed.", "", "2020", "2020", news.TimeDate},
		{"About 2000 people marched.", "", "", "", ""},
		{"He led the insurrection in the 1860s.", "", "the 1860s", "186X", news.TimeDate},
		{"A hero of the 19th century.", "", "the 19th century", "18", news.TimeDate},
		{"In the early '90s, it grew.", "2022-05-20", "the early '90s", "199X", news.TimeDate},
		{"in power for over 28 years", "", "28 years", "P28Y", news.TimeDuration},
		{"fighting for over a decade", "", "a decade", "P10Y", news.TimeDuration},
		{"a two-year contract", "", "two-year", "P2Y", news.TimeDuration},
		{"a 50-year-old businessman", "", "", "", ""},
		{"talks lasted 45 minutes", "", "45 minutes", "PT45M", news.TimeDuration},
		{"he hopes that one day soon a window will open", "2022-05-20", "one day", "FUTURE_REF", news.TimeDate},
		{"the strike lasted for one day", "", "one day", "P1D", news.TimeDuration},
		{"for several months", "", "several months", "PXM", news.TimeDuration},
		{"They met on Saturday.", "2022-05-23", "Saturday", "2022-05-21", news.TimeDate},
		{"They will meet on Saturday.", "2022-05-19", "Saturday", "2022-05-21", news.TimeDate},
		{"They met Friday.", "2022-05-20", "Friday", "2022-05-20", news.TimeDate},
		{"The vote was last Friday.", "2022-05-20", "last Friday", "2022-05-13", news.TimeDate},
		{"He moved there last year.", "2022-05-20", "last year", "2021", news.TimeDate},
		{"He moved there last year.", "", "last year", "", news.TimeDate},
		{"Prices rose this month.", "2022-05-20", "this month", "2022-05", news.TimeDate},
		{"It opens next week.", "2022-05-20", "next week", "2022-W21", news.TimeDate},
		{"The deal closed yesterday.", "2022-05-20", "yesterday", "2022-05-19", news.TimeDate},
		{"Shops close today.", "", "today", "", news.TimeDate},
		{"She arrived two weeks ago.", "2022-05-20", "two weeks ago", "2022-W18", news.TimeDate},
		{"It fell three years ago.", "2022-05-20", "three years ago", "2019", news.TimeDate},
		{"Prices are now higher.", "", "now", "PRESENT_REF", news.TimeDate},
		{"Talks began in April.", "2022-05-20", "April", "2022-04", news.TimeDate},
		{"Elections are due in November.", "2022-01-20", "November", "2022-11", news.TimeDate},
		{"Talks began in January.", "2022-11-20", "January", "2022-01", news.TimeDate},
		{"The meeting on January 5 will start.", "2022-12-20", "January 5", "2023-01-05", news.TimeDate},
		{"It was signed in May 2021.", "", "May 2021", "2021-05", news.TimeDate},
		{"You may leave.", "2022-05-20", "", "", ""},
		{"Results for the third quarter were weak.", "2022-10-20", "the third quarter", "2022-Q3", news.TimeDate},
		{"The paper is published daily.", "", "daily", "P1D", news.TimeSet},
		{"They meet every Monday.", "", "every Monday", "XXXX-WXX-1", news.TimeSet},
		{"It started at 10:30 a.m.", "2022-05-20", "10:30 a.m.", "2022-05-20T10:30", news.TimeTime},
		{"It ended at noon Thursday.", "2022-05-20", "noon Thursday", "2022-05-19T12:00", news.TimeTime},
		{"It rose last summer.", "2022-05-20", "last summer", "2021-SU", news.TimeDate},
		{"It was Christmas Day 2019.", "", "Christmas Day 2019", "2019-12-25", news.TimeDate},
		{"It was announced in June last year.", "2022-05-20", "June last year", "2021-06", news.TimeDate},
		{"On Monday, they left. The next day it rained.", "2022-05-20", "The next day", "2022-05-17", news.TimeDate},
		{"He fled in 2016. The following year he returned.", "2022-05-20", "The following year", "2017", news.TimeDate},
		{"They met nearly two weeks ago.", "2022-05-20", "nearly two weeks ago", "2022-W18", news.TimeDate},
		{"the third-quarter results", "2022-10-20", "third-quarter", "2022-Q3", news.TimeDate},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := Find(tt.text, ref(t, tt.ref))
			if tt.want == "" {
				for _, g := range got {
					if g.Kind != news.TimeDuration || tt.text != "About 2000 people marched." {
						t.Errorf("Find(%q) = %+v, want no expression", tt.text, got)
					}
				}
				return
			}
			for _, g := range got {
				if g.Text == tt.want {
					if g.Value != tt.value || g.Kind != tt.kind {
						t.Errorf("Find(%q, %q): %q = %q (%s), want %q (%s)", tt.text, tt.ref, g.Text, g.Value, g.Kind, tt.value, tt.kind)
					}
					return
				}
			}
			t.Errorf("Find(%q) = %+v, want %q", tt.text, got, tt.want)
		})
	}
}

func TestProcessInfersDateFromCaptions(t *testing.T) {
	text := "Fighters train near a city, Poland, on Friday, May 20, 2022.\n(AP Photo/Someone)\n\nOn Saturday, they gathered in a hall. Later in the day they left.\n"
	a := &news.Article{Text: text}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Friday, May 20, 2022": "2022-05-20", "Saturday": "2022-05-21", "Later in the day": "2022-05-21"}
	for _, tm := range a.Times {
		if w, ok := want[tm.Text]; ok {
			if tm.Value != w {
				t.Errorf("%q = %q, want %q", tm.Text, tm.Value, w)
			}
			delete(want, tm.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v", want)
	}
	if len(a.Provenance.Notes) != 1 || !strings.Contains(a.Provenance.Notes[0], "2022-05-20") {
		t.Errorf("notes = %q, want one note naming 2022-05-20", a.Provenance.Notes)
	}
	// The article's own date wins and adds no note.
	b := &news.Article{Text: text, Published: "2022-05-26"}
	if err := Process(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	if len(b.Provenance.Notes) != 0 {
		t.Errorf("notes = %q, want none", b.Provenance.Notes)
	}
	for _, tm := range b.Times {
		if tm.Text == "Saturday" && tm.Value != "2022-05-21" {
			t.Errorf("Saturday = %q, want 2022-05-21", tm.Value)
		}
	}
}

func TestProcessMentions(t *testing.T) {
	text := "Kulazhanka fled in 2020 and returned on May 3, 2022."
	a := &news.Article{Text: text, Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 10}, Text: "Kulazhanka", Type: news.Person}, {Span: news.Span{Start: 19, End: 23}, Text: "2020", Type: news.Date}}}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Mentions) != 3 {
		t.Fatalf("mentions = %+v, want 3", a.Mentions)
	}
	for i := 1; i < len(a.Mentions); i++ {
		if a.Mentions[i].Start < a.Mentions[i-1].Start {
			t.Errorf("mentions not sorted: %+v", a.Mentions)
		}
	}
	if m := a.Mentions[2]; m.Text != "May 3, 2022" || m.Type != news.Date {
		t.Errorf("added mention = %+v", m)
	}
}

func TestParseRef(t *testing.T) {
	for _, s := range []string{"2022-05-20", "2022-05-20T10:00:00Z"} {
		r, err := ParseRef(s)
		if err != nil || !r.Exact || r.Date != time.Date(2022, 5, 20, 0, 0, 0, 0, time.UTC) {
			t.Errorf("ParseRef(%q) = %+v, %v", s, r, err)
		}
	}
	if _, err := ParseRef("20 May"); err == nil {
		t.Error("ParseRef(\"20 May\") succeeded, want an error")
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"On Friday, May 20, 2022, later in the day", "since 1994, the 1860s, over 28 years", "noon Thursday 10:30 a.m. every Monday", "the year-earlier quarter", "’90s", "\xff\xfe May 5"} {
		f.Add(s, "2022-05-20")
	}
	f.Fuzz(func(t *testing.T, text, r string) {
		rf, err := ParseRef(r)
		if err != nil {
			rf = Ref{}
		}
		prev := -1
		for _, tm := range Find(text, rf) {
			if tm.Start < 0 || tm.End > len(text) || tm.Start >= tm.End {
				t.Fatalf("bad span %+v in %q", tm.Span, text)
			}
			if text[tm.Start:tm.End] != tm.Text {
				t.Fatalf("text %q != span text %q", tm.Text, text[tm.Start:tm.End])
			}
			if tm.Start < prev {
				t.Fatalf("not sorted")
			}
			prev = tm.Start
			if utf8.ValidString(text) && !utf8.ValidString(tm.Text) {
				t.Fatalf("span splits a rune: %q", tm.Text)
			}
		}
	})
}

// BenchmarkFind runs over the sample article 004 (about 10 KB of news).
func BenchmarkFind(b *testing.B) {
	raw, err := os.ReadFile("../../../testdata/seeds/004_5d72647e57bd1dce.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	r := Ref{Date: time.Date(2022, 5, 22, 0, 0, 0, 0, time.UTC), Exact: true}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Find(text, r)
	}
}
