package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/eval/events"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

func init() {
	Register(Command{
		Name:    "eval events",
		Summary: "score the event coder on PLOVER gold records (type accuracy, actor and target F1)",
		Run:     runEvalEvents,
	})
}

// eventStages are the stages an event-coding run uses: the event stage and
// whichever of the stages that improve it are linked into the binary.
func eventStages() []string {
	ids := []string{"annotate.event"}
	for _, id := range []string{"annotate.parse", "annotate.ner", "annotate.entity", "annotate.quote", "annotate.timex", "annotate.geo"} {
		if _, ok := pipeline.Lookup(id); ok {
			ids = append(ids, id)
		}
	}
	return ids
}

func runEvalEvents(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval events", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	file := fs.String("plover", "", "PLOVER gold records (JSON array, PLOVER_GSR_CAMEO format)")
	verbose := fs.Bool("v", false, "list the records coded wrongly and the confusion of types")
	var e2e e2eOptions
	fs.StringVar(&e2e.dir, "e2e", "", "WikiEvents-style `folder` (gold/*.gold.jsonl, text/...): score end to end on running text")
	fs.StringVar(&e2e.split, "split", "all", "with --e2e: score all documents, or the even or odd ones in ID order (a tuning and a held-out half)")
	fs.StringVar(&e2e.details, "details", "", "with --e2e: write every false positive, miss and wrong argument to this `file`")
	fs.StringVar(&e2e.pred, "pred", "", "with --e2e: write the predictions as JSON Lines (the shared scorer's input) to this `file`")
	fs.BoolVar(&e2e.calib, "calibration", false, "with --e2e: print confidence against the share of predictions that are right")
	fs.BoolVar(&e2e.all, "all-status", false, "with --e2e: score events of every status, not only asserted and reported ones")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if e2e.dir != "" && *file == "" && fs.NArg() == 0 {
		return runE2E(ctx, env, e2e)
	}
	if *file == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "usage: newsgraph eval events --plover FILE [-v]\n       newsgraph eval events --e2e DIR [-split all|even|odd] [-details FILE] [-pred FILE]")
		return ExitUsage
	}
	f, err := os.Open(*file)
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
		return ExitUsage
	}
	recs, err := events.Read(f, *file)
	f.Close()
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
		return ExitUsage
	}
	stages := eventStages()
	chain, err := annotate.Chain(stages)
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
		return ExitUsage
	}
	defer chain.Close()
	res, err := events.Evaluate(ctx, recs, func(ctx context.Context, a *news.Article) error {
		a.Raw, a.Format = []byte(a.Text), news.FormatText
		return chain.Process(ctx, a)
	})
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval events:", err)
		return ExitFailure
	}
	if *verbose {
		for _, o := range res.Errors {
			fmt.Fprintf(env.Stdout, "%s gold=%s got=%q actors=%q targets=%q | %s\n    all: %s\n", o.ID, o.Record.Type, o.Type, o.Actors, o.Targets, o.Text, strings.Join(o.All, " "))
		}
		for _, o := range res.Outcomes {
			var c events.Counts
			c.Score(o.Targets, o.Record.Targets)
			if o.Type == o.Record.Type && (c.FP > 0 || c.FN > 0) {
				fmt.Fprintf(env.Stdout, "target %s gold=%q got=%q | %s\n", o.ID, o.Record.Targets, o.Targets, o.Text)
			}
			var a events.Counts
			a.Score(o.Actors, o.Record.Sources)
			if o.Type == o.Record.Type && (a.FP > 0 || a.FN > 0) {
				fmt.Fprintf(env.Stdout, "actor %s gold=%q got=%q | %s\n", o.ID, o.Record.Sources, o.Actors, o.Text)
			}
		}
		var golds []string
		for g := range res.Confusion {
			golds = append(golds, g)
		}
		sort.Strings(golds)
		for _, g := range golds {
			var parts []string
			for p, n := range res.Confusion[g] {
				if p == "" {
					p = "none"
				}
				parts = append(parts, fmt.Sprintf("%s:%d", p, n))
			}
			sort.Strings(parts)
			fmt.Fprintf(env.Stdout, "confusion %-10s %s\n", g, strings.Join(parts, " "))
		}
	}
	ap, ar, af := res.Actor.F1()
	tp, tr, tf := res.Target.F1()
	fmt.Fprintf(env.Stdout, "records %d (stages: %s), no event coded for %d\n", res.Records, strings.Join(stages, ","), res.NoEvent)
	fmt.Fprintf(env.Stdout, "actor  P=%.3f R=%.3f F1=%.3f\n", ap, ar, af)
	fmt.Fprintf(env.Stdout, "target P=%.3f R=%.3f F1=%.3f\n", tp, tr, tf)
	fmt.Fprintf(env.Stdout, "events type_acc=%.3f actor_F1=%.3f target_F1=%.3f\n", res.TypeAccuracy(), af, tf)
	return ExitOK
}
