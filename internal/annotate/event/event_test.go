package event

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

// article builds an article from text, with PERSON mentions for the given
// names (as the NER stage would add them).
func article(text string, persons ...string) *news.Article {
	a := &news.Article{Text: text, Published: "2022-05-21"}
	for i, p := range persons {
		for off := 0; ; {
			j := strings.Index(text[off:], p)
			if j < 0 {
				break
			}
			s := off + j
			a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: s, End: s + len(p)}, Text: p, Type: news.Person, Entity: "E" + string(rune('1'+i))})
			off = s + len(p)
		}
	}
	// Mentions must be in text order.
	for i := 1; i < len(a.Mentions); i++ {
		for j := i; j > 0 && a.Mentions[j].Start < a.Mentions[j-1].Start; j-- {
			a.Mentions[j], a.Mentions[j-1] = a.Mentions[j-1], a.Mentions[j]
		}
	}
	return a
}

func TestCode(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		persons []string
		want    []string // "TYPE actor → target", one per expected event (others allowed)
		none    bool     // no event at all
	}{
		{name: "invasion verb", text: "Russian troops invaded Ukraine on Thursday.",
			want: []string{"ASSAULT Russian troops → Ukraine"}},
		{name: "support", text: "Lukashenko has publicly stood by Putin.", persons: []string{"Lukashenko", "Putin"},
			want: []string{"SUPPORT Lukashenko → Putin"}},
		{name: "arrest", text: "Police arrested 12 protesters in Minsk on Sunday.",
			want: []string{"COERCE Police → protesters"}},
		{name: "refusal", text: "Belarus refused to send troops to Russia.",
			want: []string{"REJECT Belarus → Russia"}},
		{name: "promise", text: "Germany will send tanks to Ukraine.",
			want: []string{"AGREE Germany → Ukraine"}},
		{name: "passive with adjective", text: "A commander, Ivan Petrenko, was killed in a Russian ambush near Kyiv.", persons: []string{"Ivan Petrenko"},
			want: []string{"ASSAULT Russian forces → Ivan Petrenko"}},
		{name: "nominal call", text: "Thousands answered a call by President Volodymyr Zelenskyy for foreign fighters.", persons: []string{"Volodymyr Zelenskyy"},
			want: []string{"REQUEST President Volodymyr Zelenskyy → foreign fighters"}},
		{name: "conditional", text: "If Putin is defeated, Lukashenko will be defeated.", persons: []string{"Putin", "Lukashenko"}, none: true},
		{name: "quoted", text: "\"Russia attacked our villages,\" he said.", none: true},
		{name: "negated conflict", text: "Russia did not attack Ukraine.", none: true},
		{name: "hypothetical modal", text: "Russia could attack Ukraine.", none: true},
	}
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := article(tt.text, tt.persons...)
			evs, err := Code(context.Background(), d, a)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, e.Type+" "+e.ActorName+" → "+e.TargetName)
				if e.Trigger.Text == "" || a.Slice(e.Trigger.Span) != e.Trigger.Text {
					t.Errorf("event %+v: trigger text does not match its span", e)
				}
				if e.Date != "2022-05-21" || e.DateFrom != "published" {
					t.Errorf("event %+v: date %q from %q, want the publication date", e, e.Date, e.DateFrom)
				}
			}
			if tt.none {
				if len(got) > 0 {
					t.Errorf("got %q, want no events", got)
				}
				return
			}
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					if g == w {
						found = true
					}
				}
				if !found {
					t.Errorf("missing %q; got %q", w, got)
				}
			}
		})
	}
}

func TestActorTyping(t *testing.T) {
	d, _ := Default()
	a := article("Belarusian authorities detained 20 activists in Minsk.")
	evs, _ := Code(context.Background(), d, a)
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	e := evs[0]
	if e.Type != "COERCE" || e.ActorType != "government" || e.ActorCountry != "BLR" || e.TargetType != "opposition" {
		t.Errorf("got %s %s/%s/%s → %s/%s, want COERCE government BLR → opposition", e.Type, e.ActorName, e.ActorType, e.ActorCountry, e.TargetName, e.TargetType)
	}
}

func TestDateFromTime(t *testing.T) {
	d, _ := Default()
	a := article("Police arrested 12 protesters in Minsk on May 3, 2021.")
	i := strings.Index(a.Text, "May 3, 2021")
	a.Times = []news.Time{{Span: news.Span{Start: i, End: i + len("May 3, 2021")}, Text: "May 3, 2021", Value: "2021-05-03", Kind: news.TimeDate}}
	j := strings.Index(a.Text, "Minsk")
	a.Places = []news.Place{{Span: news.Span{Start: j, End: j + 5}, Text: "Minsk", Name: "Minsk", Country: "BY", GeoNames: 625144}}
	evs, _ := Code(context.Background(), d, a)
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	if evs[0].Date != "2021-05-03" || evs[0].DateFrom != "time" || evs[0].PlaceName != "Minsk" || evs[0].Place != "geonames:625144" {
		t.Errorf("got date %q (%s), place %q %q", evs[0].Date, evs[0].DateFrom, evs[0].Place, evs[0].PlaceName)
	}
}

func FuzzCode(f *testing.F) {
	f.Add("Russian troops invaded Ukraine. \"If they attack,\" he said, \"we fight.\"")
	f.Add("If , unless ' s 's the by")
	d, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := &news.Article{Text: s}
		evs, err := Code(context.Background(), d, a)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			if e.Trigger.Start < 0 || e.Trigger.End > len(s) || e.Trigger.Start > e.Trigger.End {
				t.Fatalf("trigger %+v outside the text", e.Trigger)
			}
		}
	})
}
