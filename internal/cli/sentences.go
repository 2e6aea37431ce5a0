package cli

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/newsgraph/newsgraph/internal/annotate/sentence"
	evalsent "github.com/newsgraph/newsgraph/internal/eval/sentence"
	"github.com/newsgraph/newsgraph/internal/news"
)

func init() {
	Register(Command{Name: "eval sentences", Summary: "score sentence splitting on CoNLL-U treebanks", Run: runEvalSentences})
}

func runEvalSentences(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval sentences", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph eval sentences FILE.conllu...")
		fmt.Fprintln(env.Stderr, "Prints boundary P/R/F1; last line: sentences P=… R=… F1=…")
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	var paras []evalsent.Paragraph
	for _, name := range fs.Args() {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval sentences: %v\n", err)
			return ExitUsage
		}
		p, err := evalsent.ReadCoNLLU(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval sentences: %s: %v\n", name, err)
			return ExitUsage
		}
		paras = append(paras, p...)
	}
	s := evalsent.Evaluate(paras, func(text string) []news.Span { return sentence.Split(text, nil) })
	fmt.Fprintf(env.Stdout, "paragraphs=%d boundaries: tp=%d fp=%d fn=%d\n", len(paras), s.TP, s.FP, s.FN)
	fmt.Fprintf(env.Stdout, "sentences P=%.4f R=%.4f F1=%.4f\n", s.P(), s.R(), s.F1())
	return ExitOK
}
