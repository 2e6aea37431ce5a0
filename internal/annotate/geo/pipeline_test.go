package geo_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
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
