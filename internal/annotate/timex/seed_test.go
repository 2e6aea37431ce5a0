package timex

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	_ "github.com/newsgraph/newsgraph/internal/annotate/sentence"
	_ "github.com/newsgraph/newsgraph/internal/extract"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// TestSeeds runs the pipeline up to this stage over the two sample articles
// in testdata/seeds/ and checks the values the acceptance lists, in the
// body or in the captions.
func TestSeeds(t *testing.T) {
	tests := []struct {
		file string
		want map[string]string // expression text → value
	}{
		{"004_5d72647e57bd1dce.txt", map[string]string{"Friday, May 20, 2022": "2022-05-20", "Saturday": "2022-05-21", "1994": "1994", "2020": "2020", "the 19th century": "18", "later in the day": "2022-05-21", "last year": "2021"}},
		{"000_c6a7f52a561d1da7.txt", map[string]string{"the 1860s": "186X", "28 years": "P28Y", "a decade": "P10Y", "Last April": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			b, err := os.ReadFile("../../../testdata/seeds/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			chain, err := pipeline.Build([]string{ID}, nil)
			if err != nil {
				t.Fatal(err)
			}
			a := &news.Article{Raw: b, Format: news.FormatText}
			if err := chain.Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			// Through the JSON record, as users see it.
			rec, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			var back news.Article
			if err := json.Unmarshal(rec, &back); err != nil {
				t.Fatal(err)
			}
			times := back.Times
			for _, c := range back.Captions {
				for _, tm := range c.Times {
					if c.Text[tm.Start:tm.End] != tm.Text {
						t.Errorf("caption time %q has span text %q", tm.Text, c.Text[tm.Start:tm.End])
					}
				}
				times = append(times, c.Times...)
			}
			got := map[string]string{}
			for _, tm := range times {
				if _, seen := got[tm.Text]; !seen {
					got[tm.Text] = tm.Value
				}
				if testing.Verbose() {
					t.Logf("%q %s %q anchor=%s", tm.Text, tm.Kind, tm.Value, tm.Anchor)
				}
			}
			for text, v := range tt.want {
				g, ok := got[text]
				if !ok {
					t.Errorf("%q not found", text)
				} else if g != v {
					t.Errorf("%q = %q, want %q", text, g, v)
				}
			}
			t.Logf("notes: %v", a.Provenance.Notes)
		})
	}
}
