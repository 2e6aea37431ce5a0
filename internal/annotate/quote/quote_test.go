package quote

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/annotate/entity"
	"github.com/newsgraph/newsgraph/internal/extract"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/news/newstest"
)

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
			name:  "inverted cue after a clause that follows the quote",
			text:  "“He can say it, but it seems unlikely” that the senator can win, said Tom Harris, a former aide.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | said | He can say it, but it seems unlikely"},
		},
		{
			name:  "descriptor before a colon speaker",
			text:  "Veteran pollster Tom Harris: “Late deciders broke for the challenger in every state we polled.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | : | Late deciders broke for the challenger in every state we polled."},
		},
		{
			name:  "wire quote ending in a single quotation",
			text:  "''I would use the word 'careful,''' Tom Harris said.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | said | I would use the word 'careful,'"},
		},
		{
			name:  "lower-case clause after a frame ending in a comma",
			text:  "Instead, Tom Harris said, “she started as the favorite and never recovered.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | said | she started as the favorite and never recovered."},
		},
		{
			name:  "a quote ending in a comma takes the frame after it, not the colon before",
			text:  "Tom Harris read the letter differently: “When she says it, she means it,” he said.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | said | When she says it, she means it,"},
		},
		{
			name:  "colon speaker after a digest dash",
			text:  "Pollsters agree - Tom Harris: “Keep calling voters as late as you possibly can.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | : | Keep calling voters as late as you possibly can."},
		},
		{
			name:  "time adjunct between subject and cue",
			text:  "Party spokesman Tom Harris on Thursday evening said the party was not in a crisis.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"indirect | Tom Harris | said | the party was not in a crisis"},
		},
		{
			name:  "finding in a poll",
			text:  "In a new county poll released on Friday, the mayor had 38 percent support. The challenger still leads in the polls.",
			specs: []string{},
			want: []string{"indirect | a new county poll released on Friday | In | the mayor had 38 percent support",
				"indirect | the polls | in | The challenger still leads"},
		},
		{
			name:  "a closing according-to frame holds a frame inside it",
			text:  "Most residents say they prefer the old bridge, according to a county survey released Thursday.",
			specs: []string{},
			want:  []string{"indirect | a county survey released Thursday | according to | Most residents say they prefer the old bridge"},
		},
		{
			name:  "shot back",
			text:  "“They are all here for the free lunch, every one of them,” Tom Harris shot back with a laugh.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | shot back | They are all here for the free lunch, every one of them,"},
		},
		{
			name:  "a partial quote inside reported speech belongs to the reporter",
			text:  "Anna Berg says her rival Tom Harris accepted the money and “there is nothing wrong with that.”",
			specs: []string{"Anna Berg/PERSON", "Tom Harris/PERSON"},
			want:  []string{"partial | Anna Berg | says | there is nothing wrong with that."},
		},
		{
			name:  "a title in capitals inside prose is not speech",
			text:  "Tom Harris told “Morning Talk with Jane Doe,” on Sunday.",
			specs: []string{"Tom Harris/PERSON"},
			want:  nil,
		},
		{
			name:  "colon after a clause with an irregular past verb",
			text:  "In an interview later that day, Tom Harris went even further: “If he loses, it is the end of his career.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | : | If he loses, it is the end of his career."},
		},
		{
			name:  "a place name right before the cue speaks",
			text:  "“Republicans will have to recruit interns to sit in the seats,” Israel said.",
			specs: []string{"Israel/GPE"},
			want:  []string{"direct | Israel | said | Republicans will have to recruit interns to sit in the seats,"},
		},
		{
			name:  "and-added skips the subject of the reported clause",
			text:  "Anna Berg, 70, said it was too early to celebrate but added, “I think you all know the results.”",
			specs: []string{"Anna Berg/PERSON"},
			want: []string{"indirect | Anna Berg | said | it was too early to celebrate",
				"direct | Anna Berg | added | I think you all know the results."},
		},
		{
			name:  "subject with a relative clause before the cue",
			text:  "A city official who spoke anonymously to discuss internal strategy said, “There are talks between the two offices.”",
			specs: []string{},
			want:  []string{"direct | A city official | said | There are talks between the two offices."},
		},
		{
			name:  "time adjunct right after the cue",
			text:  "Party donor Tom Harris said on Friday he met the candidate earlier this week.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"indirect | Tom Harris | said | he met the candidate earlier this week"},
		},
		{
			name:  "inverted end frame with a long apposition",
			text:  "That will be true up to a point, said Tom Harris, a university graduate whose energy has driven less eager reporters off the beat.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"indirect | Tom Harris | said | That will be true up to a point"},
		},
		{
			name:  "a name after the cue that opens a clause is not an inverted subject",
			text:  "Tom Harris, a policy expert at the institute, says Libya is the biggest trouble spot for the senator.",
			specs: []string{"Tom Harris/PERSON", "Libya/GPE"},
			want:  []string{"indirect | Tom Harris | says | Libya is the biggest trouble spot for the senator"},
		},
		{
			name:  "participle subject past an apposition",
			text:  "Republicans, who hold a majority in the Senate, have blocked the measures for years, saying they infringe on the right to bear arms.",
			specs: []string{"Republicans/NORP", "Senate/ORG"},
			want:  []string{"indirect | Republicans | saying | they infringe on the right to bear arms"},
		},
		{
			name:  "but-says takes the noun phrase that opens the sentence",
			text:  "The research firm keeps its own finances a secret but says its business has tripled since 2020.",
			specs: []string{},
			want:  []string{"indirect | The research firm | says | its business has tripled since 2020"},
		},
		{
			name:  "colon frame with an unnamed subject",
			text:  "The research firm went even further: “Our business has tripled since the last election.”",
			specs: []string{},
			want:  []string{"direct | The research firm | : | Our business has tripled since the last election."},
		},
		{
			name:  "by saying",
			text:  "Tom Harris set himself apart from the field by saying he would meet the rebels.",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"indirect | Tom Harris | saying | he would meet the rebels"},
		},
		{
			name:  "more from X, colon",
			text:  "What that means for this year - More from Tom Harris: “The partisanship of the state is a starting point.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | : | The partisanship of the state is a starting point."},
		},
		{
			name:  "as X put it",
			text:  "As Tom Harris put it in his memo, “Imagine a world where we no longer look up at the giants.”",
			specs: []string{"Tom Harris/PERSON"},
			want:  []string{"direct | Tom Harris | put it | Imagine a world where we no longer look up at the giants."},
		},
		{
			name:  "quotation signed with a dash in the next paragraph",
			text:  "“The whole idea of it is something we hear about all the time, and it needs to stop.”\n\n-Anna Berg, Philadelphia.",
			specs: []string{"Anna Berg/PERSON", "Philadelphia/GPE"},
			want:  []string{"direct | Anna Berg | - | The whole idea of it is something we hear about all the time, and it needs to stop."},
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
				ms = newstest.Mentions(t, tt.text, tt.specs...)
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
	CheckSeedSpeakers(t, func(t *testing.T, _ string, raw []byte) *news.Article {
		a := &news.Article{Raw: raw, Format: news.FormatText}
		for _, step := range []func(context.Context, *news.Article) error{extract.Process, entity.Process, Process} {
			if err := step(context.Background(), a); err != nil {
				t.Fatal(err)
			}
		}
		return a
	})
}
