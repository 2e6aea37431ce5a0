package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/internal/eval/coref"
	"github.com/newsgraph/newsgraph/internal/news"
)

func init() {
	Register(Command{
		Name:    "eval coref",
		Summary: "score within-document entity grouping against GUM coreference (--gum DIR)",
		Run:     runEvalCoref,
	})
}

func runEvalCoref(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval coref", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("gum", "", "`DIR` of GUM CoNLL-U files (*.conllu)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph eval coref --gum DIR")
		fmt.Fprintln(env.Stderr, "B-cubed scores of the entity stage's chains over GUM's named mentions (people, organisations, places).")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *dir == "" || fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	files, err := filepath.Glob(filepath.Join(*dir, "*.conllu"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(env.Stderr, "newsgraph eval coref: %s: no *.conllu files\n", *dir)
		return ExitUsage
	}
	run, ids, err := stagesAfterExtract("annotate.entity")
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval coref:", err)
		return ExitUsage
	}
	fmt.Fprintf(env.Stderr, "newsgraph eval coref: %d files; stages %s\n", len(files), strings.Join(ids, ", "))
	var total coref.Result
	ndocs := 0
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval coref:", err)
			return ExitFailure
		}
		docs, err := coref.ReadGUM(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval coref: %s: %v\n", p, err)
			return ExitFailure
		}
		for _, d := range docs {
			if err := ctx.Err(); err != nil {
				return ExitFailure
			}
			a := &news.Article{ID: d.ID, Text: d.Text, Paragraphs: d.Paragraphs, Language: "en", Format: news.FormatText, Raw: []byte(d.Text)}
			if err := run(ctx, a); err != nil {
				fmt.Fprintf(env.Stderr, "newsgraph eval coref: %s: %v\n", d.ID, err)
				return ExitFailure
			}
			total.Add(coref.Score(d, a.Mentions))
			ndocs++
		}
	}
	p, r, f1 := total.PRF()
	fmt.Fprintf(env.Stdout, "coref B3 P=%.3f R=%.3f F1=%.3f docs=%d mentions=%d aligned=%d\n", p, r, f1, ndocs, total.Mentions, total.Aligned)
	return ExitOK
}
