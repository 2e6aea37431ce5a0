package geo

import (
	"context"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

func resolver(t testing.TB) *Resolver {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	return &Resolver{G: g}
}

// checkPlace compares a place with "CC" or "CC:lat,lon".
func checkPlace(t *testing.T, what string, p news.Place, spec string) {
	t.Helper()
	cc, coords, _ := strings.Cut(spec, ":")
	if p.Country != cc {
		t.Errorf("%s → %s (%s), want %s", what, p.Country, p.Name, cc)
		return
	}
	if coords != "" {
		x, y, _ := strings.Cut(coords, ",")
		lat, _ := strconv.ParseFloat(x, 64)
		lon, _ := strconv.ParseFloat(y, 64)
		if math.Abs(p.Lat-lat) > 0.02 || math.Abs(p.Lon-lon) > 0.02 {
			t.Errorf("%s at %.2f,%.2f, want %s", what, p.Lat, p.Lon, coords)
		}
	}
}

func TestStage(t *testing.T) {
	kyiv := "Kulazhanka said Kyiv would hold."
	tests := []struct {
		name     string
		text     string
		mentions []news.Mention
		want     map[string]string // toponym text → "CC" or "CC:lat,lon"
		entity   map[string]string // toponym text → entity
		absent   []string
	}{
		{
			name: "patterns without NER",
			text: "Volunteers from Belarus train at a range near Warsaw, Poland. One ran restaurants in Minsk and was later found outside Minsk. He was interviewed in the Kyiv region and once lived in New York City.",
			want: map[string]string{"Belarus": "BY", "Warsaw": "PL:52.23,21.01", "Poland": "PL", "Minsk": "BY:53.90,27.57", "Kyiv region": "UA", "New York City": "US:40.71,-74.01"},
		},
		{
			name: "NER mentions carry their entity",
			text: kyiv,
			mentions: []news.Mention{
				{Span: news.Span{Start: 0, End: 10}, Text: "Kulazhanka", Type: news.Person, Entity: "E1"},
				{Span: news.Span{Start: 16, End: 20}, Text: "Kyiv", Type: news.GPE, Entity: "E2"},
			},
			want:   map[string]string{"Kyiv": "UA:50.45,30.52"},
			entity: map[string]string{"Kyiv": "E2"},
		},
		{
			name:     "a person is not a place",
			text:     "George Washington crossed the river. Later he visited Paris, France.",
			mentions: []news.Mention{{Span: news.Span{Start: 0, End: 17}, Text: "George Washington", Type: news.Person}},
			want:     map[string]string{"Paris": "FR", "France": "FR"},
			absent:   []string{"George Washington", "Washington"},
		},
		{
			name:   "the leading place of a longer name; no months",
			text:   "U.S. President Joe Biden spoke in March about Toronto Police and the BA pension.",
			want:   map[string]string{"U.S.": "US", "Toronto": "CA:43.70,-79.42"},
			absent: []string{"March", "BA", "U.S. President Joe Biden"},
		},
		{
			name:     "a direction name is not a foreign subdivision",
			text:     "Leaders in the West met in Berlin, Germany, and in the Gulf.",
			mentions: []news.Mention{{Span: news.Span{Start: 15, End: 19}, Text: "West", Type: news.Loc}, {Span: news.Span{Start: 55, End: 59}, Text: "Gulf", Type: news.Loc}},
			want:     map[string]string{"Berlin": "DE", "Germany": "DE"},
			absent:   []string{"West", "Gulf"},
		},
		{
			name:     "a country or state that begins an organisation's name",
			text:     "He was embedded with US Special Forces and met George Washington and the California National Guard.",
			mentions: []news.Mention{{Span: news.Span{Start: 21, End: 38}, Text: "US Special Forces", Type: news.Org}, {Span: news.Span{Start: 47, End: 64}, Text: "George Washington", Type: news.Person}, {Span: news.Span{Start: 73, End: 99}, Text: "California National Guard", Type: news.Org}},
			want:     map[string]string{"US": "US", "California": "US"},
			absent:   []string{"Washington", "US Special Forces"},
		},
		{
			name: "a state beats the country of its name when the story names other states",
			text: "Officials in the United States said cases rose in Alabama, in Florida and in Georgia, the worst week in the United States since the United States began testing.",
			want: map[string]string{"Alabama": "US", "Florida": "US", "Georgia": "US"},
		},
		{
			name:   "a direction name alone is not a subdivision",
			text:   "The State said the Centre had failed to act in Tamil Nadu.",
			want:   map[string]string{"Tamil Nadu": "IN"},
			absent: []string{"Centre"},
		},
		{
			name:     "an ocean is not a town of its name",
			text:     "Storms over the Atlantic reached Omaha.",
			mentions: []news.Mention{{Span: news.Span{Start: 16, End: 24}, Text: "Atlantic", Type: news.Loc}},
			want:     map[string]string{"Omaha": "US"},
			absent:   []string{"Atlantic"},
		},
		{
			name: "subdivisions placed through their GeoNames division and bracketed names",
			text: "Fires spread in British Columbia and Tamil Nadu, and floods hit Wales.",
			want: map[string]string{"British Columbia": "CA", "Tamil Nadu": "IN", "Wales": "GB:52.39,-3.92"},
		},
		{
			name: "a qualifier picks the state",
			text: "Police in Springfield, Illinois, said the state capital was calm.",
			want: map[string]string{"Springfield": "US:39.80,-89.64"},
		},
	}
	r := resolver(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: tt.text, Mentions: tt.mentions}
			if err := (&Stage{R: r}).Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			got := map[string]news.Place{}
			for _, p := range a.Places {
				if tt.text[p.Start:p.End] != p.Text {
					t.Errorf("place %q has span text %q", p.Text, tt.text[p.Start:p.End])
				}
				got[p.Text] = p
			}
			for text, spec := range tt.want {
				p, ok := got[text]
				if !ok {
					t.Errorf("%q not resolved; places %+v", text, a.Places)
					continue
				}
				checkPlace(t, text, p, spec)
			}
			for text, e := range tt.entity {
				if got[text].Entity != e {
					t.Errorf("%q entity %q, want %q", text, got[text].Entity, e)
				}
			}
			for _, text := range tt.absent {
				if _, ok := got[text]; ok {
					t.Errorf("%q resolved, want nothing", text)
				}
			}
		})
	}
}

func TestResolveDemonymsAndContext(t *testing.T) {
	r := resolver(t)
	text := "Georgia's parliament met in Tbilisi as Georgian officials spoke."
	tops := Find(r.G, text, nil, Options{Demonyms: true})
	res := r.Resolve(text, tops)
	found := map[string]string{}
	for _, x := range res {
		if x.Entry >= 0 {
			found[x.Text] = r.G.Entry(x.Entry).Country
		}
	}
	for k, v := range map[string]string{"Georgia": "GE", "Tbilisi": "GE", "Georgian": "GE"} {
		if found[k] != v {
			t.Errorf("%q → %q, want %s (all: %v)", k, found[k], v, found)
		}
	}
}

// TestSeeds checks the places the acceptance lists in the two
// sample articles, with toponyms from the stage's own patterns only.
func TestSeeds(t *testing.T) {
	r := resolver(t)
	want := map[string]map[string]string{
		"004_5d72647e57bd1dce.txt": {"Warsaw": "PL:52.23,21.01", "Minsk": "BY:53.90,27.57", "Kyiv": "UA:50.45,30.52", "Belarus": "BY", "Poland": "PL"},
		"000_c6a7f52a561d1da7.txt": {"New York City": "US:40.71,-74.01", "Belarus": "BY", "Moscow": "RU"},
	}
	for file, w := range want {
		b, err := os.ReadFile("../../../testdata/seeds/" + file)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Text: string(b)}
		if err := (&Stage{R: r}).Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		got := map[string]news.Place{}
		for _, p := range a.Places {
			if _, ok := got[p.Text]; !ok {
				got[p.Text] = p
			}
			if testing.Verbose() {
				t.Logf("%s: %q → %s %s (%.2f,%.2f) %s %d conf=%.2f", file, p.Text, p.Name, p.Country, p.Lat, p.Lon, p.Feature, p.GeoNames, p.Confidence)
			}
		}
		for text, spec := range w {
			p, ok := got[text]
			if !ok {
				t.Errorf("%s: %q not found", file, text)
				continue
			}
			checkPlace(t, file+": "+text, p, spec)
		}
	}
}

func BenchmarkStage(b *testing.B) {
	r := resolver(b)
	text, err := os.ReadFile("../../../testdata/seeds/004_5d72647e57bd1dce.txt")
	if err != nil {
		b.Fatal(err)
	}
	s := &Stage{R: r}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		a := &news.Article{Text: string(text)}
		if err := s.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
	}
}

func FuzzStage(f *testing.F) {
	for _, s := range []string{"near Warsaw, Poland", "U.S. President in the Kyiv region", "Ł\xffódź, the São Paulo'S", "’s ’s", "A. B. C."} {
		f.Add(s)
	}
	r := resolver(f)
	s := &Stage{R: r}
	f.Fuzz(func(t *testing.T, text string) {
		a := &news.Article{Text: text}
		if err := s.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, p := range a.Places {
			if p.Start < 0 || p.End > len(text) || p.Start >= p.End || text[p.Start:p.End] != p.Text {
				t.Fatalf("bad place %+v in %q", p, text)
			}
		}
	})
}
