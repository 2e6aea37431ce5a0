package event_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

// TestSeedEvents checks the events issue 7 lists for the two seed articles,
// coded by the whole pipeline.
func TestSeedEvents(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every stage")
	}
	arts := seeds(t)
	type want struct{ typ, actor, target, trigger string }
	wants := []want{
		{"ASSAULT", "Russian", "Ukraine", "invade"},             // the invasion
		{"REQUEST", "Zelenskyy", "fighters", "call"},            // the call for foreign fighters
		{"SUPPORT", "Lukashenko", "Putin", ""},                  // stood by Putin
		{"AID", "Russia", "Lukashenko", ""},                     // billions of dollars
		{"COERCE", "authorities", "Kastus Kalinouski", ""},      // wanted list, criminal cases
		{"COERCE", "KGB", "Ales", "detained"},                   // the KGB detaining Ales
		{"ASSAULT", "Russian", "Skoblia", "killed"},             // killed in a Russian ambush
		{"PROTEST", "", "", "protests"},                         // the 2020 protests
		{"COERCE", "government", "", "crackdown"},               // and the crackdown
		{"ACCUSE", "Lukashenko", "Kastus Kalinouski", "called"}, // "crazy Belarusian citizens"
	}
	for _, w := range wants {
		found := false
		for _, a := range arts {
			for _, e := range a.Events {
				if e.Type == w.typ && strings.Contains(e.ActorName, w.actor) && strings.Contains(e.TargetName, w.target) && strings.Contains(e.Trigger.Text, w.trigger) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("no %s event %q → %q (trigger %q)", w.typ, w.actor, w.target, w.trigger)
		}
	}
	// Nothing is coded as asserted or reported from what is planned,
	// future or conditional: "If Putin is defeated, ...", "will", "plan".
	for _, a := range arts {
		for _, e := range a.Events {
			s := a.Slice(a.Sentences[e.Sentence])
			if news.ShownByDefault(e.Status) && (strings.Contains(s, " will ") || strings.Contains(s, " plan") || strings.Contains(s, "If ")) {
				t.Errorf("shown %s event (status %q) from a sentence about the future or a condition: %q", e.Type, e.Status, s)
			}
		}
	}
	// Nothing is coded from the conditional quote at the end of 004.
	for _, a := range arts {
		for _, e := range a.Events {
			if strings.Contains(e.Trigger.Text, "defeated") {
				t.Errorf("coded %s from a conditional: %+v", e.Type, e)
			}
		}
	}
}
