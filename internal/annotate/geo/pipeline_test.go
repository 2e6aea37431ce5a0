package geo_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// TestPipelineSeeds runs every stage the binary links up to annotate.geo
// over the sample articles, through the JSON record, and checks the places
// the acceptance lists.
func TestPipelineSeeds(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.geo"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string][3]any{
		"004_5d72647e57bd1dce.txt": {"Warsaw": {"PL", 52.23, 21.01}, "Minsk": {"BY", 53.90, 27.57}, "Kyiv": {"UA", 50.45, 30.52}},
		"000_c6a7f52a561d1da7.txt": {"New York City": {"US", 40.71, -74.01}},
	}
	for file, places := range want {
		raw, err := os.ReadFile("../../../testdata/seeds/" + file)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Raw: raw, Format: news.FormatText}
		if err := chain.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var rec struct {
			Text   string       `json:"text"`
			Places []news.Place `json:"places"`
		}
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatal(err)
		}
		runes := []rune(rec.Text)
		got := map[string]news.Place{}
		for _, p := range rec.Places {
			if string(runes[p.Start:p.End]) != p.Text {
				t.Errorf("%s: place %q has code-point span text %q", file, p.Text, string(runes[p.Start:p.End]))
			}
			got[p.Text] = p
		}
		for name, w := range places {
			p, ok := got[name]
			if !ok {
				t.Errorf("%s: %q not among the places", file, name)
				continue
			}
			if p.Country != w[0].(string) || math.Abs(p.Lat-w[1].(float64)) > 0.01 || math.Abs(p.Lon-w[2].(float64)) > 0.01 {
				t.Errorf("%s: %q → %s %.2f,%.2f, want %v", file, name, p.Country, p.Lat, p.Lon, w)
			}
		}
	}
}

// TestPipelinePlaces runs the whole pipeline (with NER) over sentences of
// our own and checks the places a reader must be able to trust: an explicit
// qualifier decides, prominence beats a weak country context,
// transliteration variants resolve, and titles and planets are no places.
func TestPipelinePlaces(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.geo"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		text   string
		want   map[string]string // place text → country[.admin1]
		absent []string
	}{
		{"qualifier decides", "The talks were held in Geneva, Switzerland, on Friday.", map[string]string{"Geneva": "CH", "Switzerland": "CH"}, nil},
		{"prominence over a weak context", "American and Russian diplomats met in Geneva on Friday, the U.S. State Department said.", map[string]string{"Geneva": "CH"}, nil},
		{"a qualifier names the small town", "Firefighters in Geneva, Illinois, said a barn burned overnight.", map[string]string{"Geneva": "US.IL"}, nil},
		{"transliterations", "Shelling hit Zaporizhzhia and Odesa overnight, Ukrainian officials said.", map[string]string{"Zaporizhzhia": "UA", "Odesa": "UA"}, nil},
		{"older spellings", "Families from Zaporozhye and Odessa reached Kiev by train, Ukraine's rail company said.", map[string]string{"Zaporozhye": "UA", "Odessa": "UA", "Kiev": "UA"}, nil},
		{"a title is no place", "The Peace Plan was discussed for hours on Tuesday.", nil, []string{"Peace Plan", "Peace"}},
		{"a magazine is no place", "City Limits, a nonprofit magazine, first reported the story.", nil, []string{"City Limits", "City"}},
		{"planets are no places", "The probe will reach Jupiter in 2031 and pass Mars on the way, NASA said.", nil, []string{"Jupiter", "Mars"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &news.Article{Raw: []byte(tc.text), Format: news.FormatText}
			if err := chain.Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			got := map[string]news.Place{}
			for _, p := range a.Places {
				got[p.Text] = p
			}
			for name, want := range tc.want {
				p, ok := got[name]
				if !ok {
					t.Errorf("%q not among the places %v", name, a.Places)
					continue
				}
				cc, adm, _ := strings.Cut(want, ".")
				if p.Country != cc || adm != "" && p.Admin1 != adm {
					t.Errorf("%q → %s (%s %s), want %s", name, p.Name, p.Country, p.Admin1, want)
				}
			}
			for _, name := range tc.absent {
				if p, ok := got[name]; ok {
					t.Errorf("%q is a place: %s (%s)", name, p.Name, p.Country)
				}
			}
		})
	}
}

// TestPipelineSeedCountries checks that every country, city and
// organisation entity of the sample articles carries its country code.
func TestPipelineSeedCountries(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.geo"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Belarus": "BY", "Republic of Belarus": "BY", "Warsaw": "PL", "Kyiv": "UA", "NATO": "BE",
		"International Legion for the Territorial Defense of Ukraine": "UA", "Belarusians": "BY"}
	for _, file := range []string{"000_c6a7f52a561d1da7.txt", "004_5d72647e57bd1dce.txt"} {
		raw, err := os.ReadFile("../../../testdata/seeds/" + file)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Raw: raw, Format: news.FormatText}
		if err := chain.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Entities {
			if (e.Type == news.GPE || e.Type == news.Org) && e.Country == "" {
				t.Errorf("%s: %s %q has no country", file, e.Type, e.Name)
			}
			if w, ok := want[e.Name]; ok && e.Country != w {
				t.Errorf("%s: %q country %q, want %q", file, e.Name, e.Country, w)
			}
		}
	}
}
