package quote

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/annotate/entity"
	"github.com/newsgraph/newsgraph/internal/extract"
	"github.com/newsgraph/newsgraph/internal/news"
)

// mentions finds each "text/TYPE" in order in s.
func mentions(t *testing.T, s string, specs ...string) []news.Mention {
	t.Helper()
	var out []news.Mention
	from := 0
	for _, spec := range specs {
		i := strings.LastIndex(spec, "/")
		text, typ := spec[:i], news.EntityType(spec[i+1:])
		j := strings.Index(s[from:], text)
		if j < 0 {
			t.Fatalf("mention %q not found after byte %d", text, from)
		}
		start := from + j
		out = append(out, news.Mention{Span: news.Span{Start: start, End: start + len(text)}, Text: text, Type: typ, Confidence: 1})
		from = start + len(text)
	}
	return out
}

func annotate(t *testing.T, text string, ms []news.Mention) *news.Article {
	t.Helper()
	a := &news.Article{Text: text, Mentions: ms}
	if err := entity.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// render shows a quote as "kind | speaker | cue | text".
func render(q news.Quote) string {
	return fmt.Sprintf("%s | %s | %s | %s", q.Kind, q.SpeakerName, q.Cue, q.Text)
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		specs []string // nil: let the entity stage find names itself
		want  []string
	}{
		{
			name:  "speaker after, inverted",
			text:  "“We will rebuild every bridge in this city,” said Maria Kovalenko, the mayor of the town.",
			specs: []string{"Maria Kovalenko/PERSON"},
			want:  []string{"direct | Maria Kovalenko | said | We will rebuild every bridge in this city,"},
		},
		{
			name:  "speaker before, colon",
			text:  "Tom Harris said: “The budget is a disaster for our schools.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | said | The budget is a disaster for our schools."},
		},
		{
			name:  "according to",
			text:  "According to Lena Fischer, “The vaccine works in older patients too.”",
			specs: []string{"Lena Fischer/PERSON"},
			want:  []string{"direct | Lena Fischer | According to | The vaccine works in older patients too."},
		},
		{
			name: "he said skips a name that came in between",
			text: "Mark Dalton, the union leader, spent the morning at the docks. He had met Peter Ames, the port director, a week earlier.\n\n" +
				"“Nobody here wants a strike, but nobody will accept these terms,” he said.",
			specs: []string{"Mark Dalton/PERSON", "Peter Ames/PERSON"},
			want:  []string{"direct | Mark Dalton | said | Nobody here wants a strike, but nobody will accept these terms,"},
		},
		{
			name: "she said follows gender",
			text: "Senator John Walsh visited the farms on Tuesday. His rival, Anna Berg, stayed in the capital and met John Walsh's advisers.\n\n" +
				"“The harvest will be late this year,” she said.",
			specs: []string{"Senator John Walsh/PERSON", "Anna Berg/PERSON", "John Walsh's/PERSON"},
			want:  []string{"direct | Anna Berg | said | The harvest will be late this year,"},
		},
		{
			name: "a name inside the quote is not the speaker",
			text: "Oleg Sirko ran the campaign for two years.\n\n" +
				"“Nobody in this town trusts Ivan Petrov any more,” he said.",
			specs: []string{"Oleg Sirko/PERSON", "Ivan Petrov/PERSON"},
			want:  []string{"direct | Oleg Sirko | said | Nobody in this town trusts Ivan Petrov any more,"},
		},
		{
			name: "a quote over two paragraphs",
			text: "Jane Moss described the night of the flood.\n\n" +
				"“We heard the sirens first. Then the windows went.\n\n" +
				"“By morning the street was gone,” Moss said.",
			specs: []string{"Jane Moss/PERSON", "Moss/PERSON"},
			want: []string{"direct | Jane Moss | said | We heard the sirens first. Then the windows went.\n\n" +
				"“By morning the street was gone,"},
		},
		{
			name: "a floating quote continues the previous speaker",
			text: "“The river rose in an hour,” Jane Moss said.\n\n" +
				"“Nobody had time to move the cars. We lost everything we had.”",
			specs: []string{"Jane Moss/PERSON"},
			want: []string{
				"direct | Jane Moss | said | The river rose in an hour,",
				"direct | Jane Moss |  | Nobody had time to move the cars. We lost everything we had.",
			},
		},
		{
			name: "an unframed quote takes the frame of the quote right after it",
			text: "Anna Berg lost her house in the flood.\n\n" +
				"“We lost everything we had in one night.” “Nobody came to help us for three days,” Berg said.",
			specs: []string{"Anna Berg/PERSON", "Berg/PERSON"},
			want: []string{
				"direct | Anna Berg |  | We lost everything we had in one night.",
				"direct | Anna Berg | said | Nobody came to help us for three days,",
			},
		},
		{
			name:  "partial quote in reported speech",
			text:  "Viktor Orlov has called the protesters “paid provocateurs” on state television.",
			specs: []string{"Viktor Orlov/PERSON"},
			want:  []string{"partial | Viktor Orlov | called | paid provocateurs"},
		},
		{
			name:  "partial quote after a participle takes the clause subject",
			text:  "Markets fell, and Ruth Adler has publicly defended the plan, describing it as a “necessary cure.”",
			specs: []string{"Ruth Adler/PERSON"},
			want:  []string{"partial | Ruth Adler | describing | necessary cure."},
		},
		{
			name:  "scare quotes and titles are not quotes",
			text:  "The so-called “peace plan” was rejected. She starred in “The Long Road Home” last year.",
			specs: []string{},
			want:  nil,
		},
		{
			name:  "indirect with that",
			text:  "Finance Minister Ruth Adler said that the deficit would shrink next year.",
			specs: []string{"Finance Minister Ruth Adler/PERSON"},
			want:  []string{"indirect | Ruth Adler | said | the deficit would shrink next year"},
		},
		{
			name:  "indirect with the frame at the end",
			text:  "The talks will resume on Monday in Geneva, a government spokesman said.",
			specs: []string{"Monday/DATE", "Geneva/GPE"},
			want:  []string{"indirect | a government spokesman | said | The talks will resume on Monday in Geneva"},
		},
		{
			name:  "told reporters that",
			text:  "Ruth Adler told reporters on Friday that the plan was final.",
			specs: []string{"Ruth Adler/PERSON", "Friday/DATE"},
			want:  []string{"indirect | Ruth Adler | told | the plan was final"},
		},
		{
			name:  "works without NER mentions",
			text:  "“The bridge will open in May,” said Karl Weber, the chief engineer.",
			specs: nil,
			want:  []string{"direct | Karl Weber | said | The bridge will open in May,"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []news.Mention
			if tt.specs != nil {
				ms = mentions(t, tt.text, tt.specs...)
			}
			a := annotate(t, tt.text, ms)
			var got []string
			for _, q := range a.Quotes {
				got = append(got, render(q))
				if q.Kind != news.QuoteIndirect && a.Text[q.Start:q.End] != q.Text {
					t.Errorf("quote text %q does not match its span", q.Text)
				}
				if q.SpeakerSpan != nil && q.SpeakerSpan.Overlaps(q.Span) && q.Kind != news.QuoteIndirect {
					t.Errorf("speaker %q lies inside the quote", q.SpeakerName)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeedSpeakers checks the speakers of the direct and partial quotes of
// the two sample articles, with names found without NER.
func TestSeedSpeakers(t *testing.T) {
	want := map[string]string{ // start of quote text → surname of speaker
		"Life is about leaps of faith":                 "Kulazhanka",
		"Fighting Lukashenko was one":                  "Kulazhanka",
		"We understand that it’s a long journey":       "Prokopiev",
		"When the Ukraine war will be eventually over": "Prokopiev",
		"Power from Lukashenko can only be taken":      "Prokopiev",
		"If Putin is defeated":                         "Kukhta",
		"crazy Belarusian citizens":                    "Lukashenko",
		"big brother":                                  "Lukashenko",
		"but to make Belarus independent":              "Ales",
	}
	found := map[string]bool{}
	files, _ := filepath.Glob("../../../examples/*.txt")
	if len(files) != 2 {
		t.Fatalf("found %d sample articles, want 2", len(files))
	}
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{Raw: raw, Format: news.FormatText}
		if err := extract.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := entity.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if err := Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			for prefix, surname := range want {
				if !strings.HasPrefix(q.Text, prefix) {
					continue
				}
				found[prefix] = true
				if q.Kind == news.QuoteIndirect {
					t.Errorf("%q: kind %s, want direct or partial", prefix, q.Kind)
				}
				if !strings.HasSuffix(q.SpeakerName, surname) || q.Speaker == "" {
					t.Errorf("%q: speaker %q (%s), want %s", prefix, q.SpeakerName, q.Speaker, surname)
				}
			}
		}
	}
	for prefix := range want {
		if !found[prefix] {
			t.Errorf("quote %q not found", prefix)
		}
	}
}
