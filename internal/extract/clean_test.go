package extract

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/news"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name        string
		body, title string
		wantText    string
		wantTitle   string
		wantRemoved []news.Removed
		wantCaps    []news.Caption
	}{
		{
			name:     "plain paragraphs",
			body:     "First paragraph is here.\n\nSecond one follows.",
			wantText: "First paragraph is here.\n\nSecond one follows.",
		},
		{
			name:      "repeated headline at top",
			body:      "Storm hits coast: ‘worst in years’\n\nStorm hits coast: ‘worst in years’\n\nThe storm arrived on Monday.",
			wantTitle: "Storm hits coast: ‘worst in years’",
			wantText:  "The storm arrived on Monday.",
			wantRemoved: []news.Removed{
				{Kind: news.RemovedTitle, Text: "Storm hits coast: ‘worst in years’"},
				{Kind: news.RemovedTitle, Text: "Storm hits coast: ‘worst in years’"},
			},
		},
		{
			name:     "metadata title repeated",
			body:     "Council votes on budget\nThe council voted on Tuesday.",
			title:    "Council votes on budget",
			wantText: "The council voted on Tuesday.",
			wantRemoved: []news.Removed{
				{Kind: news.RemovedTitle, Text: "Council votes on budget"},
			},
			wantTitle: "Council votes on budget",
		},
		{
			name: "prompts and other headlines",
			body: "The mayor spoke on Monday.\n\nListen to this article now in our app!\n\nMAYOR'S RIVAL SAYS CITY BUDGET IS BROKEN\n\n" +
				"Sign up for our morning newsletter.\n\nShe left at noon.\n\nCopyright 2024 The Daily. All rights reserved.",
			wantText: "The mayor spoke on Monday.\n\nShe left at noon.",
			wantRemoved: []news.Removed{
				{Kind: news.RemovedPromo, Text: "Listen to this article now in our app!"},
				{Kind: news.RemovedPromo, Text: "MAYOR'S RIVAL SAYS CITY BUDGET IS BROKEN"},
				{Kind: news.RemovedPromo, Text: "Sign up for our morning newsletter."},
				{Kind: news.RemovedBoilerplate, Text: "Copyright 2024 The Daily. All rights reserved."},
			},
		},
		{
			name: "captions with credits, repeated with small edits",
			body: "Rescuers search the rubble in Antakya, Turkey, on Monday, Feb. 6, 2023.\n(Reuters Photo/Jane Roe)\n\n" +
				"The quake struck before dawn.\n\n" +
				"Rescuers search the rubble in Antakya, Turkey, Monday, Feb. 6, 2023.\n(Reuters Photo/Jane Roe)\n\n" +
				"Aid arrived later.\n\nA crowd waits outside a hospital (Photo by John Doe/Getty Images)",
			wantText: "The quake struck before dawn.\n\nAid arrived later.",
			wantRemoved: []news.Removed{
				{Kind: news.RemovedCredit, Text: "(Reuters Photo/Jane Roe)"},
				{Kind: news.RemovedCredit, Text: "(Reuters Photo/Jane Roe)"},
			},
			wantCaps: []news.Caption{
				{Text: "Rescuers search the rubble in Antakya, Turkey, on Monday, Feb. 6, 2023.", Credit: "Reuters Photo/Jane Roe", Count: 2},
				{Text: "A crowd waits outside a hospital", Credit: "Photo by John Doe/Getty Images", Count: 1},
			},
		},
		{
			name:     "bracketed source on a short caption line",
			body:     "Members of the river patrol (Coast Guard handout)\n\nThe patrol found nothing (or so it said).",
			wantText: "The patrol found nothing (or so it said).",
			wantCaps: []news.Caption{{Text: "Members of the river patrol", Credit: "Coast Guard handout", Count: 1}},
		},
		{
			name:     "verbatim duplicate paragraph",
			body:     "He said yes.\n\nThe vote passed.\n\nHe said yes.",
			wantText: "He said yes.\n\nThe vote passed.",
			wantRemoved: []news.Removed{
				{Kind: news.RemovedDuplicate, Text: "He said yes."},
			},
		},
		{
			name:     "hard-wrapped lines are joined",
			body:     "The minister said the plan\nwould go ahead next week.\nOpposition leaders objected.",
			wantText: "The minister said the plan would go ahead next week.\n\nOpposition leaders objected.",
		},
		{
			name:     "quote paragraphs are not captions",
			body:     "“We will rebuild,” she said.\n\nThe town is quiet.",
			wantText: "“We will rebuild,” she said.\n\nThe town is quiet.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Clean(tc.body, tc.title)
			if c.Text != tc.wantText {
				t.Errorf("Clean text = %q, want %q", c.Text, tc.wantText)
			}
			if c.Title != tc.wantTitle {
				t.Errorf("Clean title = %q, want %q", c.Title, tc.wantTitle)
			}
			if diff := cmp.Diff(tc.wantRemoved, c.Removed); diff != "" {
				t.Errorf("removed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tc.wantCaps, c.Captions); diff != "" {
				t.Errorf("captions (-want +got):\n%s", diff)
			}
			for i, p := range c.Paragraphs {
				if got := c.Text[p.Start:p.End]; strings.Contains(got, "\n") || got == "" {
					t.Errorf("paragraph %d = %q", i, got)
				}
			}
		})
	}
}

// TestSeedArticle checks the cleaning the bundled AP example needs: no app
// prompts or other stories' headlines in the text, the repeated caption at
// most once, and every story paragraph kept in order.
func TestSeedArticle(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/seeds/004_5d72647e57bd1dce.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Raw: raw, Format: news.FormatText}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{
		"You can now listen to Fox News articles", "CLICK HERE TO GET THE FOX NEWS APP",
		"ZELENSKYY’S GLOBAL FOOD CRISIS", "UKRAINE WAR HAS TAUGHT US", "AP Photo",
	} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("text still contains %q", bad)
		}
	}
	const cap = "Volunteers from Belarus practice at a shooting range near Warsaw, Poland"
	if n := strings.Count(a.Text, cap); n > 1 {
		t.Errorf("caption appears %d times in text", n)
	}
	total := 0
	for _, c := range a.Captions {
		if strings.HasPrefix(c.Text, cap) {
			total += c.Count
			if c.Credit != "AP Photo/Michal Dyjuk" {
				t.Errorf("caption credit = %q", c.Credit)
			}
		}
	}
	if total < 2 {
		t.Errorf("caption %q counted %d times in captions, want the repeats counted", cap, total)
	}
	// Every story paragraph, in order: the input lines that are sentences of
	// the story (not captions, credits, prompts or headlines).
	story := []string{
		"One is a restaurateur who fled Belarus",
		"What united them is their determination",
		"Belarusians are among those who have answered a call by Ukrainian President Volodymyr Zelenskyy for foreign fighters to go to Ukraine and join the International Legion for the Territorial Defense of Ukraine, given",
		"For the Belarusians, who consider Ukrainians",
		"Russian troops used Belarusian territory",
		"Weakening Putin, the Belarusian volunteers believe",
		"For many of the Belarusians, their base is Poland",
		"Some of the volunteer fighters are already in Poland",
		"“We understand that it’s a long journey",
		"“When the Ukraine war will be eventually over",
		"Prokopiev heads a unit called “Pahonia”",
		"Prokopiev wants his men to gain",
		"The 2020 presidential election in Belarus",
		"“Power from Lukashenko can only be taken by force,” he said.",
		"On Saturday, men with another unit",
		"The regiment, formally part of Ukraine’s armed forces",
		"Lukashenko has called them “crazy Belarusian citizens,”",
		"One willing to describe his motivations",
		"Dressed all in black",
		"He said he was going to fight not only to help Ukraine",
		"It is a dangerous mission.",
		"Still, the fighting in Ukraine can feel less dangerous",
		"Organizing the Kastus Kalinouski recruits was Pavel Kukhta",
		"Kukhta said his half-brother, Nikita Krivtsov",
		"But he insisted that his support for Ukraine",
		"“If Putin is defeated, Lukashenko will be defeated,” he said.",
	}
	pos := 0
	for _, s := range story {
		i := strings.Index(a.Text[pos:], s)
		if i < 0 {
			t.Errorf("story paragraph %q missing or out of order", s)
			continue
		}
		pos += i + len(s)
	}
	if len(a.Paragraphs) != len(story) {
		t.Errorf("got %d paragraphs, want %d", len(a.Paragraphs), len(story))
	}
}

// TestGolden compares the extract stage's output on the bundled examples
// with golden files; run with -update to rewrite them.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			a := &news.Article{Raw: raw, Format: news.FormatText}
			if err := Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(struct {
				Title    string         `json:"title"`
				Text     string         `json:"text"`
				Removed  []news.Removed `json:"removed"`
				Captions []news.Caption `json:"captions"`
			}{a.Title, a.Text, a.Removed, a.Captions}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".txt")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)+"\n"); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	f.Add("Title here\n\nTitle here\n\nBody text. (AP Photo/X)\nCLICK HERE NOW PLEASE", "")
	f.Add("a\r\nb\rc", "a")
	f.Add("Skip to content\nHome\nNews\nSports\nArts & Culture\nWeather\nOpinion\nTravel\nListen Live\nAlabama\nAlaska\nArizona\nArkansas\nIowa\nOhio\nUtah\nMaine\nStory text.", "")
	f.Fuzz(func(t *testing.T, body, title string) {
		c := Clean(body, title)
		for _, p := range c.Paragraphs {
			if p.Start < 0 || p.End > len(c.Text) || p.Start >= p.End {
				t.Fatalf("bad paragraph span %v in %q", p, c.Text)
			}
		}
	})
}
