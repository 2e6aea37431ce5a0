package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/eval/quotes"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

func init() {
	Register(Command{
		Name:    "eval quotes",
		Summary: "score quote attribution against PolNeAR (--polnear DIR)",
		Run:     runEvalQuotes,
	})
}

func runEvalQuotes(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval quotes", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("polnear", "", "PolNeAR compartment `DIR` holding text/ and attributions/ (e.g. polnear/dev)")
	verbose := fs.Bool("v", false, "print counts before the scores")
	errs := fs.Bool("errors", false, "list every extra prediction, wrong speaker and missed attribution (tab-separated) before the scores")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph eval quotes --polnear DIR")
		fmt.Fprintln(env.Stderr, "Scores the quote stage against PolNeAR's BRAT attributions: content overlap and source match.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *dir == "" || fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	docs, err := quotes.Load(*dir)
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval quotes:", err)
		return ExitUsage
	}
	run, ids, err := stagesAfterExtract("annotate.quote")
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval quotes:", err)
		return ExitUsage
	}
	fmt.Fprintf(env.Stderr, "newsgraph eval quotes: %d documents; stages %s\n", len(docs), strings.Join(ids, ", "))
	var explain func(string, []string)
	if *errs {
		explain = func(doc string, lines []string) {
			for _, l := range lines {
				fmt.Fprintf(env.Stdout, "%s\t%s\n", doc, l)
			}
		}
	}
	c, err := quotes.Evaluate(ctx, docs, run, explain)
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval quotes:", err)
		return ExitFailure
	}
	p, r, f := c.PRF()
	_, _, df := c.DirectPRF()
	if *verbose {
		dp, dr, _ := c.DirectPRF()
		fmt.Fprintf(env.Stdout, "predicted %d (matched %d, content only %d); gold %d (matched %d)\n", c.Pred, c.PredMatched, c.ContentOnly, c.Gold, c.GoldMatched)
		fmt.Fprintf(env.Stdout, "direct: predicted %d (matched %d); gold %d (matched %d); P=%.3f R=%.3f\n", c.DirectPred, c.DirectPredMatched, c.DirectGold, c.DirectGoldMatched, dp, dr)
	}
	fmt.Fprintf(env.Stdout, "quotes P=%.3f R=%.3f F1=%.3f direct_F1=%.3f\n", p, r, f, df)
	return ExitOK
}

// stagesAfterExtract returns a function running the stages target needs,
// except extraction (evaluation texts are already clean and their gold
// offsets point into them), and the stage IDs it runs. When a required
// stage is not linked into the binary, it runs the linked ones among
// target's requirements, so an evaluation still works on a partial build.
func stagesAfterExtract(target string) (func(context.Context, *news.Article) error, []string, error) {
	infos, err := pipeline.Plan(target)
	if err != nil {
		infos = nil
		seen := map[string]bool{}
		var visit func(id string)
		visit = func(id string) {
			if seen[id] {
				return
			}
			seen[id] = true
			info, ok := pipeline.Lookup(id)
			if !ok {
				return
			}
			for _, r := range info.Requires {
				visit(r)
			}
			infos = append(infos, info)
		}
		visit(target)
		if len(infos) == 0 {
			return nil, nil, err
		}
	}
	var stages []pipeline.Stage
	var ids []string
	for _, info := range infos {
		if info.ID == "extract" {
			continue
		}
		s, err := info.New(nil)
		if err != nil {
			return nil, nil, fmt.Errorf("building stage %s: %w", info.ID, err)
		}
		stages = append(stages, s)
		ids = append(ids, info.ID)
	}
	run := func(ctx context.Context, a *news.Article) error {
		for i, s := range stages {
			if err := s.Process(ctx, a); err != nil {
				if err == pipeline.ErrSkip {
					return nil
				}
				return fmt.Errorf("stage %s: %w", ids[i], err)
			}
		}
		return nil
	}
	return run, ids, nil
}
