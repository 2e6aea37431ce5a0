package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/annotate/timex"
	evaltimex "github.com/newsgraph/newsgraph/internal/eval/timex"
)

func init() {
	Register(Command{Name: "eval timex", Summary: "score time expressions against TimeML files (TempEval-3 style)", Run: runEvalTimex})
}

func runEvalTimex(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval timex", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("tml", "", "directory of TimeML .tml files (searched recursively)")
	cat := fs.String("cat", "", "directory of MEANTIME CAT .xml files (searched recursively), instead of --tml")
	split := fs.String("split", "all", "which files: all, dev (four fifths) or heldout (every fifth file in path order)")
	verbose := fs.Bool("v", false, "print every missed, spurious and wrongly valued expression")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if (*dir == "") == (*cat == "") || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "usage: newsgraph eval timex --tml DIR | --cat DIR [--split all|dev|heldout] [-v]")
		return ExitUsage
	}
	read := evaltimex.ReadFile
	files, err := evaltimex.Files(*dir)
	if *cat != "" {
		read, *dir = evaltimex.ReadCATFile, *cat
		files, err = evaltimex.CATFiles(*cat)
	}
	if err == nil {
		files, err = evaltimex.Select(files, evaltimex.Split(*split))
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph:", err)
		return ExitUsage
	}
	if len(files) == 0 {
		fmt.Fprintf(env.Stderr, "newsgraph: no input files under %s\n", *dir)
		return ExitUsage
	}
	var c evaltimex.Counts
	failed := 0
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph:", err)
			return ExitFailure
		}
		d, err := read(f)
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph:", err)
			failed++
			continue
		}
		ref, err := timex.ParseRef(d.DCT)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph: %s: %v\n", f, err)
		}
		sys := timex.Find(d.Text, ref)
		if d.Limit > 0 {
			n := 0
			for _, t := range sys {
				if t.Start < d.Limit {
					sys[n] = t
					n++
				}
			}
			sys = sys[:n]
			gold := d.Timexs[:0]
			for _, g := range d.Timexs {
				if g.Start < d.Limit {
					gold = append(gold, g)
				}
			}
			d.Timexs = gold
		}
		c.Add(d.Timexs, sys)
		if *verbose {
			evaltimex.Diff(env.Stdout, d, sys)
		}
	}
	s, r, v := c.Strict(), c.Relaxed(), c.Value()
	fmt.Fprintf(env.Stdout, "files=%d gold=%d system=%d\n", len(files)-failed, c.Gold, c.System)
	fmt.Fprintf(env.Stdout, "strict   P=%.2f R=%.2f F1=%.2f\n", s.P, s.R, s.F)
	fmt.Fprintf(env.Stdout, "relaxed  P=%.2f R=%.2f F1=%.2f\n", r.P, r.R, r.F)
	fmt.Fprintf(env.Stdout, "value    P=%.2f R=%.2f F1=%.2f\n", v.P, v.R, v.F)
	fmt.Fprintf(env.Stdout, "timex strict_F1=%.2f relaxed_F1=%.2f value_F1=%.2f\n", s.F, r.F, v.F)
	if failed > 0 {
		return ExitFailure
	}
	return ExitOK
}
