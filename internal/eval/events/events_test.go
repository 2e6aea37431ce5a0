package events

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

const sampleJSON = `[
 {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "x"},
 {"id": "PLOVER-GSR01-FIGHT-0001", "event": "FIGHT", "date": "2000-01-01",
  "source": [{"actorText": "Ruritanian troops", "code": "RUR"}], "target": [{"actorText": "Freedonia", "code": "FRE"}],
  "text": "{Ruritanian troops shelled Freedonia.}"},
 {"id": "PLOVER-GSR01-SANCTION-0002", "event": "FIGHT", "source": [{"actorText": "Ruritania"}], "target": "",
  "text": "Ruritania closed its borders."},
 {"id": "PLOVER-GSR01-DEMAND-0003", "event": "DEMAND", "source": null, "target": [],
  "text": "Rebels demanded talks."}
]`

func TestRead(t *testing.T) {
	recs, err := Read(strings.NewReader(sampleJSON), "s.json")
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{
		{ID: "PLOVER-GSR01-FIGHT-0001", Type: "ASSAULT", Date: "2000-01-01", Text: "Ruritanian troops shelled Freedonia.", Sources: []string{"Ruritanian troops"}, Targets: []string{"Freedonia"}},
		{ID: "PLOVER-GSR01-SANCTION-0002", Type: "SANCTION", Text: "Ruritania closed its borders.", Sources: []string{"Ruritania"}},
		{ID: "PLOVER-GSR01-DEMAND-0003", Type: "REQUEST", Text: "Rebels demanded talks."},
	}
	if len(recs) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(recs), len(want), recs)
	}
	for i := range want {
		g, w := recs[i], want[i]
		if g.ID != w.ID || g.Type != w.Type || g.Text != w.Text || strings.Join(g.Sources, "|") != strings.Join(w.Sources, "|") || strings.Join(g.Targets, "|") != strings.Join(w.Targets, "|") {
			t.Errorf("record %d = %+v, want %+v", i, g, w)
		}
	}
	for _, bad := range []string{"", "{}", `[{"id":"x","event":"AGREE","text":""}]`, `[{"id":"x","event":"AGREE","text":"t","source":5}]`} {
		if _, err := Read(strings.NewReader(bad), "bad.json"); err == nil || !strings.Contains(err.Error(), "bad.json") {
			t.Errorf("Read(%q) error = %v, want one naming the input", bad, err)
		}
	}
}

func TestMatch(t *testing.T) {
	tests := []struct {
		pred, gold string
		want       bool
	}{
		{"Askar Akayev", "Ousted President Askar Akayev", true},
		{"refugees", "refugees fleeing the civil war in Liberia", true},
		{"Russian forces", "Russian troops", false},
		{"the", "the", false},
		{"U.N.", "U.N.", true},
	}
	for _, tt := range tests {
		if got := Match(tt.pred, tt.gold); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pred, tt.gold, got, tt.want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	recs, _ := Read(strings.NewReader(sampleJSON), "s.json")
	// A fake coder: codes ASSAULT for the first record only.
	res, err := Evaluate(context.Background(), recs, func(_ context.Context, a *news.Article) error {
		if strings.Contains(a.Text, "shelled") {
			a.Events = []news.Event{{Type: "ASSAULT", ActorName: "Ruritanian troops", TargetName: "Freedonia"}}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Records != 3 || res.TypeCorrect != 1 || res.NoEvent != 2 {
		t.Errorf("result %+v", res)
	}
	if _, _, f := res.Actor.F1(); math.Abs(f-2.0/3) > 1e-9 { // 1 TP, 0 FP, 1 FN
		t.Errorf("actor F1 = %v, want 2/3", f)
	}
	if math.Abs(res.TypeAccuracy()-1.0/3) > 1e-9 {
		t.Errorf("type accuracy %v", res.TypeAccuracy())
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sampleJSON)
	f.Add(`[{"event":"AGREE","text":"x","source":"y","target":[{"actorText":1}]}]`)
	f.Fuzz(func(t *testing.T, s string) {
		recs, err := Read(strings.NewReader(s), "fuzz.json")
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.Text == "" || r.Type == "" {
				t.Fatalf("record without text or type accepted: %+v", r)
			}
		}
	})
}
