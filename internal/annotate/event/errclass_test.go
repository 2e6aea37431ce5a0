package event_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"
)

var (
	chainOnce sync.Once
	chain     *pipeline.Chain
	chainErr  error
)

// codeText runs every stage on text and returns its events.
func codeText(t *testing.T, text string) []news.Event {
	t.Helper()
	chainOnce.Do(func() { chain, chainErr = annotate.Chain(nil) })
	if chainErr != nil {
		t.Fatal(chainErr)
	}
	a := source.NewArticle([]byte(text), news.FormatText, news.Source{Path: "test.txt"})
	if err := chain.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a.Events
}

// ev describes an expected event; empty fields match anything, and
// Actor/Target/Source match as substrings.
type ev struct {
	typ, status, actor, target, source, trigger string
}

func (w ev) match(e news.Event) bool {
	st := e.Status
	if st == "" {
		st = news.StatusAsserted
	}
	return (w.typ == "" || e.Type == w.typ) && (w.status == "" || st == w.status) &&
		strings.Contains(e.ActorName, w.actor) && strings.Contains(e.TargetName, w.target) &&
		strings.Contains(e.SourceName, w.source) && strings.Contains(e.Trigger.Text, w.trigger)
}

// TestErrorClasses has one table per class of error the event coder made
// on real news before it read a parse (issue 10), with sentences written
// for this test in the same shapes.
func TestErrorClasses(t *testing.T) {
	tests := []struct {
		class string
		text  string
		want  []ev // each must be found
		not   []ev // none may be found among the events shown by default
	}{
		// The reporting source is not the actor.
		{"source", "Ukrainian officials said a Russian missile attack struck a power station in Kharkiv on Monday.",
			[]ev{{typ: "ASSAULT", source: "Ukrainian officials", target: "power station"}},
			[]ev{{actor: "officials"}}},
		{"source", "Prosecutors said the police arrested three opposition activists in the capital.",
			[]ev{{typ: "COERCE", actor: "police", target: "activists", source: "Prosecutors"}},
			[]ev{{actor: "Prosecutors"}}},
		// Direction in passives.
		{"passive", "The opposition leader, a candidate endorsed by the governor, won the primary.",
			[]ev{{typ: "SUPPORT", actor: "governor", target: "candidate"}},
			[]ev{{typ: "SUPPORT", actor: "candidate"}}},
		{"passive", "The rebels were attacked by government troops near the border.",
			[]ev{{typ: "ASSAULT", actor: "troops", target: "rebels"}},
			[]ev{{actor: "rebels"}, {typ: "ACCUSE"}}},
		// Negations, plans and requests for comment are not events that
		// happened.
		{"negation", "The army did not attack the town.",
			nil, []ev{{typ: "ASSAULT"}}},
		{"negation", "The ministry did not respond to requests for comment.",
			nil, []ev{{typ: "REQUEST"}}},
		{"plan", "Peace talks between the two governments are planned for March.",
			nil, []ev{{typ: "CONSULT"}, {typ: "AGREE"}}},
		{"plan", "The government plans to arrest the opposition leaders.",
			[]ev{}, []ev{{typ: "COERCE"}}},
		{"reported", "The army reportedly shelled the village.",
			[]ev{{typ: "ASSAULT", status: news.StatusReported, actor: "army", target: "village"}}, nil},
		{"plan", "If the army advances, the rebels will retreat from the city.",
			nil, []ev{{}}},
		{"threaten", "The militia threatened to attack the airport.",
			[]ev{{typ: "THREATEN", actor: "militia", target: "airport"}},
			[]ev{{typ: "ASSAULT"}}},
		// Word sense from context.
		{"sense", "A missile strike destroyed an ammunition depot in the east.",
			[]ev{{typ: "ASSAULT", trigger: "strike"}}, []ev{{typ: "PROTEST"}}},
		{"sense", "Dock workers went on strike over pay in the port city.",
			[]ev{{typ: "PROTEST", trigger: "strike"}}, []ev{{typ: "ASSAULT"}}},
		{"sense", "The rebels seized the initiative after the elections.",
			nil, []ev{{typ: "COERCE"}, {typ: "ASSAULT"}}},
		// The main attack of a sentence is found.
		{"missed", "Russia unleashed a barrage of drones on Ukraine's energy grid overnight.",
			[]ev{{typ: "ASSAULT", actor: "Russia", target: "grid"}}, nil},
		{"missed", "The president called the protesters \"dangerous criminals\" in a speech on Sunday.",
			[]ev{{typ: "ACCUSE", actor: "president", target: "protesters"}}, nil},
	}
	for _, tt := range tests {
		evs := codeText(t, tt.text)
		for _, w := range tt.want {
			found := false
			for _, e := range evs {
				if news.ShownByDefault(e.Status) && w.match(e) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %q: no event %+v among\n%s", tt.class, tt.text, w, describe(evs))
			}
		}
		for _, w := range tt.not {
			for _, e := range evs {
				if news.ShownByDefault(e.Status) && w.match(e) {
					t.Errorf("%s: %q: unwanted event %+v: %s", tt.class, tt.text, w, describe([]news.Event{e}))
				}
			}
		}
	}
}

func describe(evs []news.Event) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString("  " + e.Type + " " + e.Status + " " + e.ActorName + " → " + e.TargetName + " @" + e.Trigger.Text + " (source " + e.SourceName + ")\n")
	}
	return b.String()
}
