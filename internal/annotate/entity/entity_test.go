package entity

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/news/newstest"
)

// groups renders entities as "Name [aliases] = mention texts" for
// comparison.
func groups(a *news.Article) []string {
	var out []string
	for _, e := range a.Entities {
		var ms []string
		for _, m := range a.Mentions {
			if m.Entity == e.ID {
				ms = append(ms, m.Text)
			}
		}
		out = append(out, string(e.Type)+" "+e.Name+" = "+strings.Join(ms, " | "))
	}
	sort.Strings(out)
	return out
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		specs []string
		want  []string
	}{
		{
			name:  "title stripped, surname links to full name",
			text:  "Ukrainian President Volodymyr Zelenskyy met troops. Zelenskyy later spoke in Kyiv.",
			specs: []string{"Ukrainian President Volodymyr Zelenskyy/PERSON", "Zelenskyy/PERSON", "Kyiv/GPE"},
			want: []string{
				"GPE Kyiv = Kyiv",
				"PERSON Volodymyr Zelenskyy = Ukrainian President Volodymyr Zelenskyy | Zelenskyy",
			},
		},
		{
			name:  "short form before the full name",
			text:  "Marchenko arrived first. Later, Ihor Marchenko of the port authority joined him.",
			specs: []string{"Marchenko/PERSON", "Ihor Marchenko/PERSON"},
			want:  []string{"PERSON Ihor Marchenko = Marchenko | Ihor Marchenko"},
		},
		{
			name:  "two people with one first name stay two",
			text:  "Pavel Orlik leads the first company. Pavel Demchenko recruits for the second. Demchenko is 24.",
			specs: []string{"Pavel Orlik/PERSON", "Pavel Demchenko/PERSON", "Demchenko/PERSON"},
			want: []string{
				"PERSON Pavel Demchenko = Pavel Demchenko | Demchenko",
				"PERSON Pavel Orlik = Pavel Orlik",
			},
		},
		{
			name:  "same surname, different first names",
			text:  "Hillary Clinton spoke after Bill Clinton. Clinton then took questions.",
			specs: []string{"Hillary Clinton/PERSON", "Bill Clinton/PERSON", "Clinton/PERSON"},
			want: []string{
				"PERSON Bill Clinton = Bill Clinton | Clinton",
				"PERSON Hillary Clinton = Hillary Clinton",
			},
		},
		{
			name:  "a lone surname goes to the person mentioned most",
			text:  "Jeanne Moreau was born in Paris. Moreau studied acting. Her father, Anatole Moreau, ran a bar. Moreau later left.",
			specs: []string{"Jeanne Moreau/PERSON", "Moreau/PERSON", "Anatole Moreau/PERSON", "Moreau/PERSON"},
			want: []string{
				"PERSON Anatole Moreau = Anatole Moreau",
				"PERSON Jeanne Moreau = Jeanne Moreau | Moreau | Moreau",
			},
		},
		{
			name:  "an organisation's short form",
			text:  "The Pittsburgh Pirates drafted him. He left the Pirates in 2014.",
			specs: []string{"Pittsburgh Pirates/ORG", "Pirates/ORG"},
			want:  []string{"ORG Pittsburgh Pirates = Pittsburgh Pirates | Pirates"},
		},
		{
			name:  "acronym and expansion",
			text:  "The Committee to Protect Journalists said the CPJ had counted 12 cases.",
			specs: []string{"Committee to Protect Journalists/ORG", "CPJ/ORG"},
			want:  []string{"ORG Committee to Protect Journalists = Committee to Protect Journalists | CPJ"},
		},
		{
			name:  "abbreviation with periods",
			text:  "The United States and the U.S. Navy; the U.S. said so.",
			specs: []string{"United States/GPE", "U.S./GPE", "U.S./GPE"},
			want:  []string{"GPE United States = United States | U.S. | U.S."},
		},
		{
			name:  "organisation designators; a unit named after a person is not the person",
			text:  "The Ivan Sirko Battalion trained at dawn. Ivan Sirko was a Cossack leader. The Ivan Sirko Regiment then moved east.",
			specs: []string{"Ivan Sirko Battalion/ORG", "Ivan Sirko/PERSON", "Ivan Sirko Regiment/ORG"},
			want: []string{
				"ORG Ivan Sirko Battalion = Ivan Sirko Battalion | Ivan Sirko Regiment",
				"PERSON Ivan Sirko = Ivan Sirko",
			},
		},
		{
			name:  "transliteration variants of one surname",
			text:  "Alexander Lukashenko spoke. Lukashenka's critics answered.",
			specs: []string{"Alexander Lukashenko/PERSON", "Lukashenka's/PERSON"},
			want:  []string{"PERSON Alexander Lukashenko = Alexander Lukashenko | Lukashenka's"},
		},
		{
			name:  "a photo credit's first name is not the story's person",
			text:  "Valentyn Oleksiyenko, a veteran, lost a leg near Bakhmut. Photo: Valentin/AFP",
			specs: []string{"Valentyn Oleksiyenko/PERSON", "Bakhmut/GPE", "Valentin/PERSON"},
			want:  []string{"GPE Bakhmut = Bakhmut", "PERSON Valentin = Valentin", "PERSON Valentyn Oleksiyenko = Valentyn Oleksiyenko"},
		},
		{
			name:  "a credit with the story person's full name is that person",
			text:  "We spoke to David Titley about storms. Image: David Titley.",
			specs: []string{"David Titley/PERSON", "David Titley/PERSON"},
			want:  []string{"PERSON David Titley = David Titley | David Titley"},
		},
		{
			name:  "a country is not the organisation named after it; a nationality is not an organisation",
			text:  "The US Senate voted. The US sent arms. The European Union and the European Council met, and EU and European diplomats spoke.",
			specs: []string{"US Senate/ORG", "US/ORG", "European Union/ORG", "European Council/ORG", "EU/ORG", "European/MISC"},
			want: []string{
				"GPE US = US", "NORP European = European", "ORG European Council = European Council",
				"ORG European Union = European Union | EU", "ORG US Senate = US Senate",
			},
		},
		{
			name:  "official and short country names; singular and plural nationalities",
			text:  "The Republic of Belarus denied it. Belarus said Belarusian and other Belarusians were not citizens.",
			specs: []string{"Republic of Belarus/GPE", "Belarus/GPE", "Belarusian/NORP", "Belarusians/NORP"},
			want:  []string{"GPE Republic of Belarus = Republic of Belarus | Belarus", "NORP Belarusians = Belarusian | Belarusians"},
		},
		{
			name:  "a lone surname typed as an organisation; a designator alone; no verbs in names",
			text:  "Volodymyr Zelenskyy spoke. Zelenskyy left. Corp said so. Reagan has said it.",
			specs: []string{"Volodymyr Zelenskyy/PERSON", "Zelenskyy/ORG", "Corp/PERSON", "Reagan has/PERSON"},
			want:  []string{"PERSON Reagan = Reagan has", "PERSON Volodymyr Zelenskyy = Volodymyr Zelenskyy | Zelenskyy"},
		},
		{
			name:  "values are not entities",
			text:  "On Friday, May 20, Anna Berg spoke.",
			specs: []string{"Friday, May 20/DATE", "Anna Berg/PERSON"},
			want:  []string{"PERSON Anna Berg = Anna Berg"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: tt.text, Mentions: newstest.Mentions(t, tt.text, tt.specs...)}
			if err := Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, groups(a)); diff != "" {
				t.Errorf("entities (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGroupIDsAndAliases(t *testing.T) {
	text := "Belarusian dictator Alexander Lukashenko met Vladimir Putin. Lukashenko called Putin his ally."
	a := &news.Article{Text: text, Mentions: newstest.Mentions(t, text,
		"Belarusian dictator Alexander Lukashenko/PERSON", "Vladimir Putin/PERSON", "Lukashenko/PERSON", "Putin/PERSON")}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := []news.Entity{
		{ID: "E1", Name: "Alexander Lukashenko", Type: news.Person, Aliases: []string{"Lukashenko"}},
		{ID: "E2", Name: "Vladimir Putin", Type: news.Person, Aliases: []string{"Putin"}},
	}
	if diff := cmp.Diff(want, a.Entities); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
	for _, m := range a.Mentions {
		if m.Entity == "" {
			t.Errorf("mention %q has no entity", m.Text)
		}
	}
}

func TestCleanName(t *testing.T) {
	tests := []struct {
		in, want string
		person   bool
	}{
		{"Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy", true},
		{"Belarusian dictator Alexander Lukashenko", "Alexander Lukashenko", true},
		{"Mr. Putin’s", "Putin", true},
		{"Secretary of State John Kerry", "John Kerry", true},
		{"Martin Luther King Jr.", "Martin Luther King", true},
		{"the International Legion for the Territorial Defense of Ukraine", "International Legion for the Territorial Defense of Ukraine", false},
		{"Bank of America", "Bank of America", true},
	}
	for _, tt := range tests {
		if got, _ := CleanName(tt.in, tt.person); got != tt.want {
			t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFind(t *testing.T) {
	text := "Volunteers gathered in Warsaw on Friday. Anna Berg, a nurse from Gdansk, said the Red Cross had sent supplies.\n\nBerg said more would come. NEW SUPPLIES ARRIVE IN TOWN"
	var got []string
	for _, m := range Find(text) {
		got = append(got, m.Text)
	}
	want := []string{"Warsaw", "Anna Berg", "Gdansk", "Red Cross", "Berg"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Find (-want +got):\n%s", diff)
	}
}

func TestProcessWithoutNER(t *testing.T) {
	text := "Anna Berg, a nurse, spoke first. Later Berg said the Red Cross would help."
	a := &news.Article{Text: text}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) == 0 {
		t.Fatal("no entities found without NER mentions")
	}
	var berg *news.Entity
	for i := range a.Entities {
		if a.Entities[i].Name == "Anna Berg" {
			berg = &a.Entities[i]
		}
	}
	if berg == nil || len(berg.Aliases) != 1 || berg.Aliases[0] != "Berg" {
		t.Errorf("entities = %+v, want Anna Berg with alias Berg", a.Entities)
	}
}
