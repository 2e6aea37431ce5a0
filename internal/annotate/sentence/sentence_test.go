package sentence

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"plain", "It rained. Then it stopped.", []string{"It rained.", "Then it stopped."}},
		{"year before period", "They met on Friday, May 20, 2022. The fighters left.", []string{"They met on Friday, May 20, 2022.", "The fighters left."}},
		{"titles and initials", "Mr. J. R. Smith met Gen. Mark Milley. He left.", []string{"Mr. J. R. Smith met Gen. Mark Milley.", "He left."}},
		{"month abbreviation", "It was Jan. 3 when No. 10 said so. Nobody came.", []string{"It was Jan. 3 when No. 10 said so.", "Nobody came."}},
		{"acronym inside", "The U.S. Army said so. It left.", []string{"The U.S. Army said so.", "It left."}},
		{"acronym at end", "He flew to the U.S. The trip was long.", []string{"He flew to the U.S.", "The trip was long."}},
		{"quote then lowercase", "“Why?” she asked. “Stop!” he cried.", []string{"“Why?” she asked.", "“Stop!” he cried."}},
		{"closing quote", "He called him his “big brother.” Russia agreed.", []string{"He called him his “big brother.”", "Russia agreed."}},
		{"comma in quote", "“Life is about leaps of faith,” Kulazhanka said in an interview.", []string{"“Life is about leaps of faith,” Kulazhanka said in an interview."}},
		{"decimal", "Prices rose 2.5 percent. Markets fell.", []string{"Prices rose 2.5 percent.", "Markets fell."}},
		{"ellipsis", "He paused... Then he spoke.", []string{"He paused...", "Then he spoke."}},
		{"paragraphs", "First line without stop\n\nSecond paragraph.", []string{"First line without stop", "Second paragraph."}},
		{"company", "He joined Acme Inc. in 2010. Apple Inc. The firm grew.", []string{"He joined Acme Inc. in 2010.", "Apple Inc.", "The firm grew."}},
		{"open quote starts", "He left. “We will win,” he said.", []string{"He left.", "“We will win,” he said."}},
		{"empty", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, s := range Split(tc.in, nil) {
				got = append(got, tc.in[s.Start:s.End])
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Split(%q) mismatch (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("Mr. Smith went to Washington. He said “No.” Then… nothing.\n\nNew para")
	f.Add("“")
	f.Add("a.\xff B")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Split(s, nil) {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("Split(%q): bad span %v after %d", s, sp, prev)
			}
			prev = sp.End
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	text := "Volunteers from Belarus practice at a shooting range near Warsaw, Poland, on Friday, May 20, 2022. " +
		"Mr. J. R. Smith met Gen. Mark Milley. “Why?” she asked. The U.S. Army said so. It left.\n\n"
	for len(text) < 64<<10 {
		text += text
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Split(text, nil)
	}
}

func TestNonEnglishSkipsLaterStages(t *testing.T) {
	chain, err := pipeline.Build([]string{StageID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, lang string
		noted      bool
	}{
		{"Die Regierung hat am Montag beschlossen, die Steuern zu senken. Die Opposition protestierte sofort dagegen und kündigte Widerstand an.", "de", true},
		{"The government decided on Monday to cut taxes. The opposition protested at once and promised to resist the plan.", "en", false},
	} {
		a := &news.Article{Raw: []byte(tc.text), Format: news.FormatText}
		if err := chain.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if a.Language != tc.lang || len(a.Sentences) != 2 {
			t.Errorf("%q: language %q with %d sentences, want %q with 2", tc.text[:20], a.Language, len(a.Sentences), tc.lang)
		}
		if got := strings.Contains(strings.Join(a.Provenance.Notes, ";"), "English-only stages not run"); got != tc.noted {
			t.Errorf("%q: provenance notes %v", tc.text[:20], a.Provenance.Notes)
		}
	}
}
