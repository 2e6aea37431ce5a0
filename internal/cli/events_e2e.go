package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/eval/events"
	"github.com/newsgraph/newsgraph/internal/news"
)

// e2eOptions are the flags of `eval events --e2e`.
type e2eOptions struct {
	dir     string
	split   string // all, even, odd: documents by position in ID order
	details string // write every FP, FN and wrong argument here
	pred    string // write the predictions (JSON Lines, the shared scorer's input) here
	all     bool   // score events of every status, not only asserted and reported
	calib   bool   // print a calibration table of confidence against precision
}

// runE2E runs the pipeline on a WikiEvents-style folder (gold/*.gold.jsonl
// with the texts their "file" fields name) and prints the shared scorer's
// figures.
func runE2E(ctx context.Context, env *Env, o e2eOptions) int {
	files, err := filepath.Glob(filepath.Join(o.dir, "gold", "*.gold.jsonl"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(env.Stderr, "newsgraph eval events: %s: no gold/*.gold.jsonl files\n", o.dir)
		return ExitUsage
	}
	var gold []events.GoldDoc
	for _, f := range files {
		r, err := os.Open(f)
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
			return ExitUsage
		}
		g, err := events.ReadGold(r, f)
		r.Close()
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
			return ExitUsage
		}
		gold = append(gold, g...)
	}
	sort.Slice(gold, func(i, j int) bool { return gold[i].ID < gold[j].ID })
	switch o.split {
	case "all", "":
	case "even", "odd":
		var keep []events.GoldDoc
		for i, g := range gold {
			if (i%2 == 0) == (o.split == "even") {
				keep = append(keep, g)
			}
		}
		gold = keep
	default:
		fmt.Fprintf(env.Stderr, "newsgraph eval events: -split %q: want all, even or odd\n", o.split)
		return ExitUsage
	}
	chain, err := annotate.Chain(eventStages())
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
		return ExitUsage
	}
	defer chain.Close()
	var predOut io.Writer
	if o.pred != "" {
		f, err := os.Create(o.pred)
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
			return ExitUsage
		}
		defer f.Close()
		predOut = f
	}
	preds := map[string]events.PredDoc{}
	failed := 0
	for _, g := range gold {
		path := filepath.Join(o.dir, filepath.FromSlash(g.File))
		raw, err := os.ReadFile(path)
		if err != nil || g.File == "" {
			// the gold carries the text; use it when the file is missing
			raw = []byte(g.Text)
		}
		if !utf8.Valid(raw) {
			fmt.Fprintf(env.Stderr, "newsgraph eval events: %s: not UTF-8\n", path)
			failed++
			continue
		}
		a := &news.Article{ID: g.ID, Text: string(raw), Raw: raw, Format: news.FormatText, Source: news.Source{Path: path}}
		if err := chain.Process(ctx, a); err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval events: %s: %v\n", path, err)
			failed++
			continue
		}
		pd := events.PredDoc{ID: g.ID, Text: a.Text}
		b2c := byteToCodePoint(a.Text)
		type jev struct {
			Type    string         `json:"type"`
			Trigger map[string]any `json:"trigger"`
			Actor   string         `json:"actor_name"`
			Target  string         `json:"target_name"`
			Status  string         `json:"status,omitempty"`
		}
		jevs := []jev{}
		for _, e := range a.Events {
			if !o.all && !news.ShownByDefault(e.Status) {
				continue
			}
			s, en := b2c(e.Trigger.Start), b2c(e.Trigger.End)
			pd.Events = append(pd.Events, events.PredEvent{Type: e.Type, Start: s, End: en, Text: e.Trigger.Text, ActorName: e.ActorName, TargetName: e.TargetName, Confidence: e.Confidence})
			jevs = append(jevs, jev{e.Type, map[string]any{"start": s, "end": en, "text": e.Trigger.Text}, e.ActorName, e.TargetName, e.Status})
		}
		preds[g.ID] = pd
		if predOut != nil {
			b, _ := json.Marshal(map[string]any{"id": g.ID, "text": a.Text, "events": jevs})
			fmt.Fprintf(predOut, "%s\n", b)
		}
	}
	r := events.ScoreE2E(gold, preds)
	if o.details != "" {
		if err := os.WriteFile(o.details, []byte(strings.Join(r.Details, "\n")+"\n"), 0o644); err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
		}
	}
	for _, id := range r.NotAligned {
		fmt.Fprintf(env.Stderr, "newsgraph eval events: %s: the pipeline's text differs from the gold text beyond whitespace; offsets taken as they are\n", id)
	}
	w := env.Stdout
	fmt.Fprintf(w, "documents: %d (split %s)\n", r.Documents, orAll(o.split))
	fmt.Fprintf(w, "EVENTS (PLOVER type + trigger)   P %.3f  R %.3f  F1 %.3f   tp %d  fp %d  fn %d  gold %d\n", r.Precision, r.Recall, r.F1, r.TP, r.FP, r.FN, r.Gold)
	fmt.Fprintf(w, "  not scored: %d matched optional gold, %d unverifiable, %d of types the dataset does not annotate\n", r.IgnoredOptional, r.Unverifiable, r.Unscored)
	fmt.Fprintf(w, "  %d false positives repeat a same-type gold trigger word in another sentence; precision without them (lenient): %.3f\n", r.FPRemention, r.PrecisionLenient)
	fmt.Fprintf(w, "ACTOR   P %.3f  R %.3f  F1 %.3f   (correct %d, predicted %d, gold %d)\n", r.ActorP, r.ActorR, r.ActorF1, r.ActorCorrect, r.ActorPred, r.ActorGold)
	fmt.Fprintf(w, "TARGET  P %.3f  R %.3f  F1 %.3f   (correct %d, predicted %d, gold %d)\n", r.TargetP, r.TargetR, r.TargetF1, r.TargetCorrect, r.TargetPred, r.TargetGold)
	fmt.Fprintf(w, "ACTOR+TARGET  P %.3f  R %.3f  F1 %.3f\n", r.ATP, r.ATR, r.ATF1)
	fmt.Fprintf(w, "SENTENCES with a required event  P %.3f  R %.3f  F1 %.3f\n", r.SentP, r.SentR, r.SentF1)
	var kinds []string
	for k, n := range r.FPKinds {
		kinds = append(kinds, fmt.Sprintf("%s: %d", k, n))
	}
	sort.Strings(kinds)
	if len(kinds) > 0 {
		fmt.Fprintf(w, "false positives by kind: %s\n", strings.Join(kinds, "; "))
	}
	if o.calib {
		fmt.Fprintln(w, "calibration (confidence of scored predictions → share right):")
		edges := []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01}
		for i := 0; i+1 < len(edges); i++ {
			n, tp := 0, 0
			for _, s := range r.Scored {
				if s.Confidence >= edges[i] && s.Confidence < edges[i+1] {
					n++
					if s.TP {
						tp++
					}
				}
			}
			share := 0.0
			if n > 0 {
				share = float64(tp) / float64(n)
			}
			fmt.Fprintf(w, "  [%.1f, %.1f)  n=%3d  right=%.2f\n", edges[i], min(edges[i+1], 1), n, share)
		}
	}
	fmt.Fprintf(w, "events_e2e P=%.3f R=%.3f F1=%.3f actor_target_F1=%.3f\n", r.Precision, r.Recall, r.F1, r.ATF1)
	if failed > 0 {
		return ExitFailure
	}
	return ExitOK
}

func orAll(s string) string {
	if s == "" {
		return "all"
	}
	return s
}

// byteToCodePoint maps byte offsets of s to code-point offsets.
func byteToCodePoint(s string) func(int) int {
	idx := make([]int, len(s)+1)
	n := 0
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		for j := 0; j < w; j++ {
			idx[i+j] = n
		}
		i += w
		n++
	}
	idx[len(s)] = n
	return func(off int) int {
		if off < 0 {
			return 0
		}
		if off > len(s) {
			off = len(s)
		}
		return idx[off]
	}
}
