package cli_test

import (
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestCSVFormulas: cells a spreadsheet would run as formulas are
// neutralised; numbers, negative ones included, are kept.
func TestCSVFormulas(t *testing.T) {
	db := t.TempDir() + "/f.db"
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := `Officials said: “=HYPERLINK("http://evil.example","click")” and more.`
	q := strings.Index(text, "=HYPERLINK")
	end := strings.Index(text, "”")
	a := &news.Article{ID: "f1", Title: "@SUM(A1:A9)", Published: "2022-05-20", Text: text,
		Source: news.Source{Outlet: "+Outlet", URL: "https://news.example.org/f1"},
		Quotes: []news.Quote{{Span: news.Span{Start: q, End: end}, Text: text[q:end], SpeakerName: "-Officials", Cue: "said", Kind: news.QuoteDirect, Confidence: 0.5}}}
	if _, err := st.PutMany(context.Background(), []*news.Article{a}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	for kind, check := range map[string]func(rows [][]string){
		"documents": func(rows [][]string) {
			if rows[1][1] != "'@SUM(A1:A9)" || rows[1][3] != "'+Outlet" {
				t.Errorf("documents.csv row %q", rows[1])
			}
		},
		"quotes": func(rows [][]string) {
			h := strings.Join(rows[0], ",")
			if !strings.HasPrefix(h, "document,outlet,published,url,title,") {
				t.Errorf("quotes.csv header %q: want the article's outlet, date and URL", h)
			}
			r := strings.Join(rows[1], "|")
			for _, want := range []string{"'+Outlet", "2022-05-20", "https://news.example.org/f1", "'-Officials", "'=HYPERLINK", "|0.5|"} {
				if !strings.Contains(r, want) {
					t.Errorf("quotes.csv row %q lacks %q", r, want)
				}
			}
		},
	} {
		out, errOut, code := run(t, "export", "--db", db, "--format", "csv", "--kind", kind)
		if code != 0 {
			t.Fatalf("export %s: exit %d: %s", kind, code, errOut)
		}
		rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s.csv: %d rows, %v", kind, len(rows), err)
		}
		check(rows)
	}
	if _, errOut, code := run(t, "export", "--db", db, "--format", "tsv", "--kind", "quotes"); code != cli.ExitUsage || !strings.Contains(errOut, "events only") {
		t.Errorf("export --format tsv --kind quotes: exit %d, %q; want a usage error saying TSV is for events", code, errOut)
	}
}

// TestHelp: every command group and command answers -h with help and
// exit 0, and commands describe themselves.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"query", "-h"}, {"eval", "-h"}, {"train", "--help"}, {"eval", "ner", "-h"}, {"eval", "events", "-h"},
		{"eval", "stories", "-h"}, {"train", "ner", "-h"}} {
		out, errOut, code := run(t, args...)
		text := out + errOut
		if code != cli.ExitOK || strings.Contains(text, "unknown") || strings.Contains(text, "Usage of ") || !strings.Contains(text, "sage") {
			t.Errorf("%q: exit %d:\n%s", args, code, text)
		}
		if len(args) == 3 && len(strings.Split(strings.TrimSpace(text), "\n")) < 3 {
			t.Errorf("%q: no description:\n%s", args, text)
		}
	}
	// train ner names no developer's files by default.
	_, errOut, code := run(t, "train", "ner")
	if code != cli.ExitUsage || !strings.Contains(errOut, "--train") {
		t.Errorf("train ner without --train: exit %d, %q", code, errOut)
	}
	if _, errOut, _ := run(t, "train", "ner", "-h"); strings.Contains(errOut, "shared") {
		t.Errorf("train ner defaults to developer paths:\n%s", errOut)
	}
}

// TestTSVGlobalIDs: the event TSV of a store names actors and places by
// the store's global entities and gives the place's GeoNames ID and
// coordinates.
func TestTSVGlobalIDs(t *testing.T) {
	db := t.TempDir() + "/t.db"
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Russian forces shelled Kharkiv on Monday, officials said."
	at := func(s string) news.Span { i := strings.Index(text, s); return news.Span{Start: i, End: i + len(s)} }
	a := &news.Article{ID: "t1", Title: "Shelling", Published: "2022-05-20", Text: text,
		Sentences: []news.Span{{Start: 0, End: len(text)}},
		Entities:  []news.Entity{{ID: "E1", Name: "Russian forces", Type: news.Org, Aliases: []string{}}, {ID: "E2", Name: "Kharkiv", Type: news.GPE, Aliases: []string{}}},
		Mentions:  []news.Mention{{Span: at("Russian forces"), Text: "Russian forces", Type: news.Org, Entity: "E1"}, {Span: at("Kharkiv"), Text: "Kharkiv", Type: news.GPE, Entity: "E2"}},
		Places:    []news.Place{{Span: at("Kharkiv"), Text: "Kharkiv", Entity: "E2", Name: "Kharkiv", Country: "UA", Lat: 49.98081, Lon: 36.25272, GeoNames: 706483, Feature: "city"}},
		Events: []news.Event{{Type: "ASSAULT", Actor: "E1", ActorName: "Russian forces", Place: "E2", PlaceName: "Kharkiv", Date: "2022-05-16",
			Trigger: news.Trigger{Span: at("shelled"), Text: "shelled"}, Status: "asserted", Confidence: 0.8}},
	}
	if _, err := st.PutMany(context.Background(), []*news.Article{a}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, errOut, code := run(t, "export", "--db", db, "--format", "tsv")
	if code != 0 {
		t.Fatalf("export tsv: exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("tsv: %q", out)
	}
	head, row := strings.Split(lines[0], "\t"), strings.Split(lines[1], "\t")
	col := map[string]string{}
	for i, h := range head {
		if i < len(row) {
			col[h] = row[i]
		}
	}
	if !strings.HasPrefix(col["Actor1Entity"], "g") || !strings.HasPrefix(col["ActionGeoID"], "g") || col["ActionGeoGeoNamesID"] != "706483" ||
		col["ActionGeoLat"] != "49.98081" || col["ActionGeoLong"] != "36.25272" {
		t.Errorf("tsv row: %v", col)
	}
}
