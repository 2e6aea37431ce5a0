package resolve_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/resolve"
)

// TestResolutionSet is newsgraph's resolution test set: short articles
// written for it, one case for each kind of wrong or missed merge seen in
// real news, run through the whole pipeline (NER, entities, places) and
// resolved across articles.
func TestResolutionSet(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.geo"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	type pair struct{ a, b string }
	tests := []struct {
		name     string
		docs     []string
		same     []pair            // names of one global entity
		distinct []pair            // names of two global entities
		absent   []string          // "TYPE name": no entity of that type has that name or alias
		country  map[string]string // entity name → ISO code
	}{
		{
			name: "a surname typed as an organisation is still the person; spellings join",
			docs: []string{
				"Ukrainian President Volodymyr Zelenskyy visited troops near the front on Monday. Zelenskyy praised their courage.",
				"Zelensky said on Tuesday that the talks would go on. Volodymyr Zelensky thanked the allies for their help.",
			},
			same:   []pair{{"Volodymyr Zelenskyy", "Volodymyr Zelensky"}},
			absent: []string{"ORG Zelenskyy", "ORG Zelensky"},
		},
		{
			name:   "a company joined by 'and' is one organisation",
			docs:   []string{"Standard and Poor's Corp cut the country's rating on Friday, and its analysts expect more cuts."},
			absent: []string{"PERSON Corp", "ORG Poor"},
		},
		{
			name:   "no verbs in names",
			docs:   []string{"Reagan has long been remembered as a communicator. Ronald Reagan was president from 1981."},
			absent: []string{"PERSON Reagan has"},
		},
		{
			name: "a country is not the organisation named after it",
			docs: []string{
				"The US Senate voted on the aid package late on Tuesday.",
				"The US sent more air defence systems, US officials said on Wednesday.",
			},
			distinct: []pair{{"US", "US Senate"}},
			country:  map[string]string{"US Senate": "US", "US": "US"},
		},
		{
			name: "the European Union, its Council and an adjective are three things",
			docs: []string{
				"The European Union agreed new sanctions on Monday. EU foreign ministers met in Brussels to approve them.",
				"The European Council met on Thursday, and European diplomats said the EU would act within days.",
			},
			same:     []pair{{"European Union", "EU"}},
			distinct: []pair{{"European Union", "European Council"}, {"European Union", "European"}, {"European Council", "European"}},
			absent:   []string{"ORG European"},
		},
		{
			name: "official and short country names, singular and plural nationalities",
			docs: []string{
				"The Republic of Belarus rejected the claim on Monday. Belarusian officials called it a provocation.",
				"Belarus said it would close the border. Many Belarusians have fled to Poland since 2020.",
			},
			same:    []pair{{"Republic of Belarus", "Belarus"}, {"Belarusian", "Belarusians"}},
			country: map[string]string{"Belarus": "BY", "Belarusians": "BY", "Poland": "PL"},
		},
		{
			name: "countries of organisations and cities",
			docs: []string{
				"The Ukrainian Ministry of Defence said drones struck Zaporizhzhia overnight. Officials in Warsaw offered help.",
			},
			country: map[string]string{"Ukrainian Ministry of Defence": "UA", "Zaporizhzhia": "UA", "Warsaw": "PL"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := newMemStore()
			local := map[string]news.Entity{} // by name and alias, across the articles
			for i, text := range tc.docs {
				a := &news.Article{ID: fmt.Sprintf("doc%d", i+1), Raw: []byte(text), Format: news.FormatText}
				if err := chain.Process(ctx, a); err != nil {
					t.Fatal(err)
				}
				if _, err := s.ingest(ctx, a); err != nil {
					t.Fatal(err)
				}
				for _, e := range a.Entities {
					for _, n := range append([]string{e.Name}, e.Aliases...) {
						local[n] = e
					}
				}
			}
			global := func(name string) *resolve.Candidate {
				for _, c := range s.ents {
					for _, n := range append([]string{c.Name}, c.Aliases...) {
						if n == name {
							return c
						}
					}
				}
				return nil
			}
			dump := func() string {
				var b strings.Builder
				for _, c := range s.ents {
					fmt.Fprintf(&b, "\n  %s %s %q %q", c.ID, c.Type, c.Name, c.Aliases)
				}
				return b.String()
			}
			for _, p := range tc.same {
				ga, gb := global(p.a), global(p.b)
				if ga == nil || gb == nil || ga.ID != gb.ID {
					t.Errorf("%q and %q: want one entity; entities:%s", p.a, p.b, dump())
				}
			}
			for _, p := range tc.distinct {
				ga, gb := global(p.a), global(p.b)
				if ga == nil || gb == nil || ga.ID == gb.ID {
					t.Errorf("%q and %q: want two entities; entities:%s", p.a, p.b, dump())
				}
			}
			for _, spec := range tc.absent {
				typ, name, _ := strings.Cut(spec, " ")
				if c := global(name); c != nil && string(c.Type) == typ {
					t.Errorf("%s: an entity %s %q %q", spec, c.Type, c.Name, c.Aliases)
				}
			}
			for name, want := range tc.country {
				e, ok := local[name]
				if !ok {
					t.Errorf("%q: no entity", name)
				} else if e.Country != want {
					t.Errorf("%q (%s): country %q, want %q", name, e.Type, e.Country, want)
				}
			}
		})
	}
}
