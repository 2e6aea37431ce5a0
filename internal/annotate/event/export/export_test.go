package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

func sample() *news.Article {
	text := "Café owners protested.\nRussian troops invaded Ukraine."
	i := strings.Index(text, "invaded")
	return &news.Article{
		ID: "doc1", Text: text, Published: "2022-02-24",
		Source:    news.Source{Outlet: "Wire", URL: "https://wire.example/a"},
		Sentences: []news.Span{{Start: 0, End: 23}, {Start: 24, End: len(text)}},
		Events: []news.Event{{
			Type: "ASSAULT", Mode: "seize", ActorName: "Russian troops", ActorType: "military", ActorCountry: "RUS",
			TargetName: "Ukraine", TargetType: "government", TargetCountry: "UKR",
			Date: "2022-02-24", DateFrom: "published", Sentence: 1, Confidence: 0.7,
			Trigger: news.Trigger{Span: news.Span{Start: i, End: i + 7}, Text: "invaded"},
		}},
	}
}

func TestFormats(t *testing.T) {
	a := sample()
	for _, f := range []Format{JSONL, CSV, TSV} {
		var b bytes.Buffer
		if err := Write(&b, f, []*news.Article{a}); err != nil {
			t.Fatal(err)
		}
		out := b.String()
		switch f {
		case JSONL:
			var r map[string]any
			if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &r); err != nil {
				t.Fatal(err)
			}
			// "Café" has one two-byte letter: code points are one less.
			tr := r["trigger"].(map[string]any)
			if r["type"] != "ASSAULT" || r["evidence"] != "Russian troops invaded Ukraine." || tr["start"].(float64) != float64(a.Events[0].Trigger.Start-1) {
				t.Errorf("jsonl record %v", r)
			}
		case CSV:
			rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
			if err != nil || len(rows) != 2 || len(rows[0]) != len(Columns) || rows[1][1] != "20220224" || rows[1][12] != "ASSAULT" {
				t.Errorf("csv %q %v", rows, err)
			}
		case TSV:
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 2 || strings.Count(lines[1], "\t") != len(Columns)-1 {
				t.Errorf("tsv %q", out)
			}
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): no error")
	}
	if EventID("doc1", a.Events[0]) != EventID("doc1", a.Events[0]) || EventID("doc1", a.Events[0]) == EventID("doc2", a.Events[0]) {
		t.Error("EventID is not stable or not distinct")
	}
}
