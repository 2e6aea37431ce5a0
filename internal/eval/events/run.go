package events

import (
	"context"
	"sort"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Annotator annotates one sentence as an article: the eval runs the same
// stages the pipeline would, then reads a.Events.
type Annotator func(ctx context.Context, a *news.Article) error

// Result is the outcome of an evaluation.
type Result struct {
	Records       int
	TypeCorrect   int
	NoEvent       int
	Actor, Target Counts
	// Confusion counts gold type → predicted type ("" for none).
	Confusion map[string]map[string]int
	Errors    []Outcome
	// Outcomes holds every record's outcome, in order.
	Outcomes []Outcome
}

// Outcome is one record's prediction, for error reports.
type Outcome struct {
	Record
	Type            string
	Actors, Targets []string
	// All lists every event coded in the sentence, for reports.
	All []string
}

// TypeAccuracy returns the share of records with the right type.
func (r Result) TypeAccuracy() float64 {
	if r.Records == 0 {
		return 0
	}
	return float64(r.TypeCorrect) / float64(r.Records)
}

// Evaluate codes every record with annotate and scores it.
func Evaluate(ctx context.Context, recs []Record, annotate Annotator) (Result, error) {
	res := Result{Confusion: map[string]map[string]int{}}
	for _, rec := range recs {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		a := &news.Article{ID: rec.ID, Text: rec.Text, Published: rec.Date, Language: "en"}
		if err := annotate(ctx, a); err != nil {
			return res, err
		}
		o := pick(a.Events)
		o.Record = rec
		res.Records++
		res.Outcomes = append(res.Outcomes, o)
		if res.Confusion[rec.Type] == nil {
			res.Confusion[rec.Type] = map[string]int{}
		}
		res.Confusion[rec.Type][o.Type]++
		if o.Type == rec.Type {
			res.TypeCorrect++
		} else {
			res.Errors = append(res.Errors, o)
		}
		if o.Type == "" {
			res.NoEvent++
		}
		res.Actor.Score(o.Actors, rec.Sources)
		res.Target.Score(o.Targets, rec.Targets)
		if o.Type == rec.Type && (len(o.Actors) == 0 || len(rec.Sources) == 0) {
			// nothing more
		}
	}
	return res, nil
}

// pick chooses the sentence's event: the first one in the sentence (the
// main clause's, in news sentences), and the distinct actors and targets of
// the events coded with the same trigger (compound actors and targets).
func pick(evs []news.Event) Outcome {
	var o Outcome
	if len(evs) == 0 {
		return o
	}
	best := 0
	for i, e := range evs {
		if e.Trigger.Start < evs[best].Trigger.Start {
			best = i
		}
	}
	o.Type = evs[best].Type
	seenA, seenT := map[string]bool{}, map[string]bool{}
	for _, e := range evs {
		// The chosen event, with its compound actors and targets (events
		// of the same trigger).
		if e.Type != o.Type || e.Trigger.Span != evs[best].Trigger.Span {
			continue
		}
		if e.ActorName != "" && !seenA[e.ActorName] {
			seenA[e.ActorName] = true
			o.Actors = append(o.Actors, e.ActorName)
		}
		if e.TargetName != "" && !seenT[e.TargetName] {
			seenT[e.TargetName] = true
			o.Targets = append(o.Targets, e.TargetName)
		}
	}
	for _, e := range evs {
		o.All = append(o.All, e.Type+"("+e.ActorName+"→"+e.TargetName+" @"+e.Trigger.Text+")")
	}
	sort.Strings(o.Actors)
	sort.Strings(o.Targets)
	return o
}
