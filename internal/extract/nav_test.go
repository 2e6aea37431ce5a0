package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

func TestCleanNavigation(t *testing.T) {
	story := "The bridge reopened on Monday after three months of repairs.\n\nDrivers said the detour had added an hour to their commute."
	states := "Alabama\nAlaska\nArizona\nArkansas\nCalifornia\nColorado\nConnecticut\nDelaware\nFlorida"
	tests := []struct {
		name     string
		body     string
		wantText string
		wantNav  []string // lines removed as navigation, in order
	}{
		{
			name:     "site controls alone",
			body:     "Skip to content\nListen Live\n" + story + "\nSign in",
			wantText: story,
			wantNav:  []string{"Skip to content", "Listen Live", "Sign in"},
		},
		{
			name:     "dropdown of states",
			body:     story + "\n\n" + states,
			wantText: story,
			wantNav:  strings.Split(states, "\n"),
		},
		{
			name:     "dropdown of countries with a control",
			body:     "Select a country\nBrazil\nCanada\nChile\nFrance\nGermany\nIndia\nJapan\nKenya\n" + story,
			wantText: story,
			wantNav:  []string{"Select a country", "Brazil", "Canada", "Chile", "France", "Germany", "India", "Japan", "Kenya"},
		},
		{
			name:     "menu of sections",
			body:     "Home\nNews\nSports\nWeather\nBusiness\nOpinion\nArts & Culture\nThings to Do\n" + story,
			wantText: story,
			wantNav:  []string{"Home", "News", "Sports", "Weather", "Business", "Opinion", "Arts & Culture", "Things to Do"},
		},
		{
			name:     "seven states are a list in a story",
			body:     story + "\n\nAlabama\nAlaska\nArizona\nArkansas\nCalifornia\nColorado\nConnecticut",
			wantText: story + "\n\nAlabama\n\nAlaska\n\nArizona\n\nArkansas\n\nCalifornia\n\nColorado\n\nConnecticut",
		},
		{
			name:     "names of people stay",
			body:     story + "\n\nMaria Holm\nJon Sigurdsson\nPeter Lund\nAnne Walsh\nLiam Byrne\nKaren Moss\nDavid Kerr\nSara Olsen",
			wantText: story + "\n\nMaria Holm\n\nJon Sigurdsson\n\nPeter Lund\n\nAnne Walsh\n\nLiam Byrne\n\nKaren Moss\n\nDavid Kerr\n\nSara Olsen",
		},
		{
			name:     "a story line cuts the run",
			body:     "Alabama\nAlaska\nArizona\nArkansas\nThe vote was close in each state.\nCalifornia\nColorado\nConnecticut\nDelaware\n" + story,
			wantText: "Alabama\n\nAlaska\n\nArizona\n\nArkansas\n\nThe vote was close in each state.\n\nCalifornia\n\nColorado\n\nConnecticut\n\nDelaware\n\n" + story,
		},
		{
			name:     "sentences that name places stay",
			body:     story + "\n\nFrance voted yes.\nGermany voted no.\nItaly abstained.\nSpain voted yes.\nPoland voted no.\nGreece voted yes.\nAustria voted no.\nBelgium voted yes.",
			wantText: story + "\n\nFrance voted yes.\n\nGermany voted no.\n\nItaly abstained.\n\nSpain voted yes.\n\nPoland voted no.\n\nGreece voted yes.\n\nAustria voted no.\n\nBelgium voted yes.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Clean(tc.body, "")
			if c.Text != tc.wantText {
				t.Errorf("text:\n%q\nwant:\n%q", c.Text, tc.wantText)
			}
			var nav []string
			for _, r := range c.Removed {
				if r.Kind == news.RemovedNavigation {
					nav = append(nav, r.Text)
				}
			}
			if strings.Join(nav, "|") != strings.Join(tc.wantNav, "|") {
				t.Errorf("navigation removed = %q, want %q", nav, tc.wantNav)
			}
		})
	}
}

// TestNavigationStructured checks that HTML-extracted text keeps a run of
// title-case lines (section headings, lists the page marked up) but loses a
// dropdown of states.
func TestNavigationStructured(t *testing.T) {
	menu := "Home\nNews\nSports\nWeather\nBusiness\nOpinion\nArts\nTravel"
	story := "The bridge reopened on Monday after three months of repairs."
	c := CleanWith(story+"\n\n"+menu, "", CleanOptions{Structured: true})
	if !strings.Contains(c.Text, "Travel") {
		t.Errorf("structured text lost its menu-like lines: %q", c.Text)
	}
	c = CleanWith(story+"\n\nAlabama\nAlaska\nArizona\nArkansas\nCalifornia\nColorado\nConnecticut\nDelaware", "", CleanOptions{Structured: true})
	if c.Text != story {
		t.Errorf("structured text kept the states list: %q", c.Text)
	}
}

// TestNavDocuments cleans the marked documents of testdata/nav (written
// alongside the rules) and testdata/nav-heldout (written after them; see the
// READMEs) and reports, for each set, how many navigation lines were removed
// and how many story lines were wrongly removed. Story lines must all stay.
func TestNavDocuments(t *testing.T) {
	for _, dir := range []string{"testdata/nav", "testdata/nav-heldout"} {
		navRemoved, navTotal := navCounts(t, dir)
		if navRemoved*10 < navTotal*9 {
			t.Errorf("%s: only %d of %d navigation lines removed", dir, navRemoved, navTotal)
		}
	}
}

// navCounts cleans the documents of dir and returns how many of their
// navigation lines were removed, of how many; a story line removed is an
// error.
func navCounts(t *testing.T, dir string) (navRemoved, navTotal int) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Fatalf("no documents in %s", dir)
	}
	var storyTotal, storyRemoved int
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var body []string
		want := map[string]byte{}
		for _, line := range strings.Split(string(raw), "\n") {
			kind := byte('S')
			if len(line) > 3 && line[1:3] == "| " && (line[0] == 'N' || line[0] == 'P') {
				kind, line = line[0], line[3:]
			}
			body = append(body, line)
			if strings.TrimSpace(line) != "" {
				want[line] = kind
			}
		}
		c := Clean(strings.Join(body, "\n"), "")
		kept := map[string]bool{c.Title: true}
		for _, sp := range c.Paragraphs {
			kept[c.Text[sp.Start:sp.End]] = true
		}
		for line, kind := range want {
			switch {
			case kind == 'S':
				storyTotal++
				if !kept[line] {
					storyRemoved++
					t.Errorf("%s: story line removed: %q", filepath.Base(f), line)
				}
			default:
				navTotal++
				if !kept[line] {
					navRemoved++
				} else {
					t.Logf("%s: navigation line kept: %q", filepath.Base(f), line)
				}
			}
		}
	}
	t.Logf("%s: %d of %d navigation/link lines removed; %d of %d story lines wrongly removed",
		dir, navRemoved, navTotal, storyRemoved, storyTotal)
	return navRemoved, navTotal
}
