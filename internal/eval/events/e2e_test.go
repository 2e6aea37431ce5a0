package events

import (
	"strings"
	"testing"
)

// A document written for this test: two sentences, a required attack, an
// optional death and a non-PLOVER statement.
func testGold() []GoldDoc {
	text := "Rebels attacked the convoy near the town. Two soldiers died, officials said."
	return []GoldDoc{{
		ID: "doc1", Text: text,
		Sentences: [][2]int{{0, 41}, {42, 76}},
		Coverage:  Coverage{Full: []string{"ASSAULT", "PROTEST"}, Partial: []string{"ACCUSE"}},
		Events: []GoldEvent{
			{Plover: []string{"ASSAULT", "FIGHT"}, Status: "required", Trigger: GoldSpan{7, 15, "attacked"}, Sentence: 0,
				Actor:  []GoldArg{{Text: "Rebels"}},
				Target: []GoldArg{{Text: "the convoy", Mentions: []GoldSpan{{Text: "convoy"}}}}},
			{Plover: []string{"ASSAULT"}, Status: "optional", Trigger: GoldSpan{55, 59, "died"}, Sentence: 1},
			{Plover: []string{"CONSULT"}, Status: "out", Trigger: GoldSpan{70, 74, "said"}, Sentence: 1},
		},
	}}
}

func TestScoreE2E(t *testing.T) {
	tests := []struct {
		name         string
		preds        []PredEvent
		tp, fp       int
		ignored, unv int
		actorOK      int
	}{
		{"perfect", []PredEvent{{Type: "ASSAULT", Start: 7, End: 15, Text: "attacked", ActorName: "Rebels", TargetName: "convoy"}}, 1, 0, 0, 0, 1},
		{"shared word, other offsets", []PredEvent{{Type: "ASSAULT", Start: -1, End: -1, Text: "attacked", ActorName: "the rebels"}}, 1, 0, 0, 0, 1},
		{"wrong type", []PredEvent{{Type: "PROTEST", Start: 7, End: 15, Text: "attacked"}}, 0, 1, 0, 0, 0},
		{"optional matched is ignored", []PredEvent{{Type: "ASSAULT", Start: 55, End: 59, Text: "died"}}, 0, 0, 1, 0, 0},
		{"partial type unmatched is unverifiable", []PredEvent{{Type: "ACCUSE", Start: 70, End: 74, Text: "said"}}, 0, 0, 0, 1, 0},
		{"unscored type", []PredEvent{{Type: "AGREE", Start: 70, End: 74, Text: "said"}}, 0, 0, 0, 0, 0},
		{"non-PLOVER trigger is a false positive", []PredEvent{{Type: "ASSAULT", Start: 70, End: 74, Text: "said"}}, 0, 1, 0, 0, 0},
	}
	for _, tt := range tests {
		r := ScoreE2E(testGold(), map[string]PredDoc{"doc1": {ID: "doc1", Events: tt.preds}})
		if r.TP != tt.tp || r.FP != tt.fp || r.IgnoredOptional != tt.ignored || r.Unverifiable != tt.unv || r.ActorCorrect != tt.actorOK {
			t.Errorf("%s: tp %d fp %d ignored %d unverifiable %d actor %d, want %d %d %d %d %d", tt.name, r.TP, r.FP, r.IgnoredOptional, r.Unverifiable, r.ActorCorrect, tt.tp, tt.fp, tt.ignored, tt.unv, tt.actorOK)
		}
		if r.Gold != 1 {
			t.Errorf("%s: %d required gold events, want 1", tt.name, r.Gold)
		}
	}
	// Text re-spaced by the system: offsets are carried over.
	g := testGold()
	spaced := strings.Replace(g[0].Text, "Rebels attacked", "Rebels  attacked", 1)
	r := ScoreE2E(g, map[string]PredDoc{"doc1": {Text: spaced, Events: []PredEvent{{Type: "ASSAULT", Start: 8, End: 16, Text: "attacked"}}}})
	if r.TP != 1 || len(r.NotAligned) != 0 {
		t.Errorf("re-spaced text: tp %d, not aligned %v", r.TP, r.NotAligned)
	}
}

func TestHeadWord(t *testing.T) {
	for in, want := range map[string]string{
		"the leader of the rebels": "leader",
		"Russia's":                 "russia",
		"U.S. forces":              "force",
		"boss":                     "boss",
		"":                         "",
	} {
		if got := headWord(in); got != want {
			t.Errorf("headWord(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzReadGold(f *testing.F) {
	f.Add(`{"id":"a","text":"xy z","sentences":[[0,4]],"events":[{"plover":["ASSAULT"],"status":"required","trigger":{"start":0,"end":2,"text":"xy"},"sentence":0}]}`)
	f.Add(`{"id":"a","text":"x","sentences":[[0,9]],"events":[]}`)
	f.Add("{\n")
	f.Fuzz(func(t *testing.T, s string) {
		gold, err := ReadGold(strings.NewReader(s), "fuzz")
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		// What the reader accepts, the scorer scores without panicking.
		preds := map[string]PredDoc{}
		for _, g := range gold {
			preds[g.ID] = PredDoc{Events: []PredEvent{{Type: "ASSAULT", Start: 0, End: 1, Text: "x"}, {Type: "ASSAULT", Start: -1, End: -1, Text: "y"}}}
		}
		ScoreE2E(gold, preds)
	})
}
