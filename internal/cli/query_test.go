package cli_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// knowledgeDB returns a database holding two annotated articles.
func knowledgeDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "k.db")
	st, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	mk := func(id, text string, quote, speaker string, names ...string) *news.Article {
		a := &news.Article{ID: id, Title: "Article " + id, Published: "2022-05-20", Text: text, Source: news.Source{Outlet: "Outlet " + id}}
		for i, n := range names {
			at := strings.Index(text, n)
			eid := "E" + string(rune('1'+i))
			a.Entities = append(a.Entities, news.Entity{ID: eid, Name: n, Type: news.Person})
			a.Mentions = append(a.Mentions, news.Mention{Span: news.Span{Start: at, End: at + len(n)}, Text: n, Type: news.Person, Entity: eid})
			if n == speaker {
				q := strings.Index(text, quote)
				a.Quotes = append(a.Quotes, news.Quote{Span: news.Span{Start: q, End: q + len(quote)}, Text: quote, Speaker: eid, SpeakerName: n, Cue: "said", Kind: news.QuoteDirect})
			}
		}
		return a
	}
	as := []*news.Article{
		mk("a1", "Pavel Kukhta said: “If Putin is defeated, Lukashenko will be defeated.”", "If Putin is defeated, Lukashenko will be defeated.", "Pavel Kukhta", "Pavel Kukhta", "Putin", "Lukashenko"),
		mk("a2", "Lukashenko met Putin in Sochi. “We are allies,” said Lukashenko.", "We are allies,", "Lukashenko", "Lukashenko", "Putin"),
	}
	if _, err := st.PutMany(context.Background(), as); err != nil {
		t.Fatal(err)
	}
	return db
}

func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), &cli.Env{Stdout: &stdout, Stderr: &stderr}, args)
	return stdout.String(), stderr.String(), code
}

func TestQuery(t *testing.T) {
	db := knowledgeDB(t)
	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"query", "search", "--db", db, "defeated"}, 0, []string{"Article a1", "1–1 of 1 articles for defeated"}},
		{[]string{"query", "search", "putin", "--db", db}, 0, []string{"Article a1", "Article a2", "of 2 articles"}},
		{[]string{"query", "search", "--db", db, `""`}, 2, nil},
		{[]string{"query", "search", "--db", db, "--outlet", "Outlet a2", "putin"}, 0, []string{"Article a2", "1–1 of 1 articles"}},
		{[]string{"query", "search", "--db", db, "--from", "2023", "putin"}, 0, []string{"of 0 articles"}},
		{[]string{"query", "search", "--db", db, "--from", "last week", "putin"}, 2, nil},
		{[]string{"query", "search", "--db", db}, 2, nil},
		{[]string{"query", "entity", "--db", db, "Lukashenko"}, 0, []string{"Lukashenko (PERSON,", "in 2 articles", "Quotes by Lukashenko (1)", "“We are allies,”", "Quotes about Lukashenko (1)", "Putin (PERSON) in 2 article(s)"}},
		{[]string{"query", "entity", "--db", db, "kukh"}, 0, []string{"Pavel Kukhta (PERSON"}},
		{[]string{"query", "entity", "--db", db, "Nobody"}, 1, nil},
		{[]string{"query", "quotes", "--db", db, "--speaker", "Kukhta"}, 0, []string{"“If Putin is defeated, Lukashenko will be defeated.”", "— Pavel Kukhta (direct, said)", "1 of 1 quotes by Kukhta"}},
		{[]string{"query", "quotes", "--db", db}, 0, []string{"2 of 2 quotes"}},
		{[]string{"query", "search", "--db", filepath.Join(t.TempDir(), "none.db"), "x"}, 2, nil},
	}
	for _, tc := range tests {
		out, errOut, code := run(t, tc.args...)
		if code != tc.code {
			t.Errorf("%q: exit %d; want %d\n%s%s", tc.args, code, tc.code, out, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%q: output lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
	var res struct{ Total int }
	out, _, _ := run(t, "query", "search", "--db", db, "--json", "putin")
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Total != 2 {
		t.Errorf("query search --json: %v, total %d:\n%s", err, res.Total, out)
	}
}

func TestExport(t *testing.T) {
	db := knowledgeDB(t)
	out, errOut, code := run(t, "export", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("export json: exit %d: %s", code, errOut)
	}
	var all struct {
		V         int
		Documents []news.Article
		Entities  []news.Entity
		Quotes    []map[string]any
		Events    []map[string]any
		Stories   []news.Story
	}
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatalf("export json: %v\n%s", err, out)
	}
	if all.V != 1 || len(all.Documents) != 2 || len(all.Entities) != 3 || len(all.Quotes) != 2 || all.Events == nil || all.Stories == nil {
		t.Errorf("export json: v %d, %d documents, %d entities, %d quotes, events %v, stories %v", all.V, len(all.Documents), len(all.Entities), len(all.Quotes), all.Events, all.Stories)
	}
	for _, e := range all.Entities {
		if e.Name == "Putin" && len(e.Documents) != 2 {
			t.Errorf("exported Putin documents %v; want both", e.Documents)
		}
	}

	out, _, code = run(t, "export", "--db", db)
	kinds := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct{ Kind string }
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("export jsonl line %q: %v", line, err)
		}
		kinds[r.Kind]++
	}
	if code != 0 || kinds["document"] != 2 || kinds["entity"] != 3 || kinds["quote"] != 2 {
		t.Errorf("export jsonl kinds %v (exit %d)", kinds, code)
	}

	dir := filepath.Join(t.TempDir(), "csv")
	if _, errOut, code := run(t, "export", "--db", db, "--format", "csv", "--out", dir); code != 0 {
		t.Fatalf("export csv: exit %d: %s", code, errOut)
	}
	for kind, rows := range map[string]int{"documents": 3, "entities": 4, "quotes": 3, "events": 1, "stories": 1} {
		f, err := os.Open(filepath.Join(dir, kind+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil || len(recs) != rows {
			t.Errorf("%s.csv: %d rows, %v; want %d with the header", kind, len(recs), err, rows)
		}
	}
	for _, args := range [][]string{
		{"export", "--db", db, "--format", "csv"},
		{"export", "--db", db, "--format", "xml"},
		{"export", "--db", db, "--kind", "people"},
	} {
		if _, _, code := run(t, args...); code != cli.ExitUsage {
			t.Errorf("%q: exit %d; want %d", args, code, cli.ExitUsage)
		}
	}
}
