package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/annotate/ner"
	"github.com/newsgraph/newsgraph/internal/eval/conll"
)

func init() {
	Register(Command{Name: "train ner", Summary: "train the named-entity model from CoNLL-2003 files", Run: trainNER})
	Register(Command{Name: "eval ner", Summary: "score the named-entity model on a CoNLL-2003 file", Run: evalNER})
}

// readCoNLL reads a CoNLL file into NER examples.
// half picks one half of its documents ([conll.Half]: "A", "B" or "" for all).
func readCoNLL(path, half string) ([]conll.Document, []ner.Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	docs, err := conll.Read(bufio.NewReader(f), path)
	if err != nil {
		return nil, nil, err
	}
	if docs, err = conll.Half(docs, half); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	exs := make([]ner.Example, len(docs))
	for di, d := range docs {
		ex := ner.Example{Words: make([][]string, len(d.Sentences)), Gold: make([][]ner.Span, len(d.Sentences))}
		for si, s := range d.Sentences {
			words := make([]string, len(s))
			tags := make([]string, len(s))
			for i, t := range s {
				words[i], tags[i] = t.Word, t.Tag
			}
			ex.Words[si] = words
			for _, c := range conll.Chunks(tags) {
				cls, ok := ner.ParseClass(c.Type)
				if !ok {
					return nil, nil, fmt.Errorf("%s: document %d: unknown entity type %q (want PER, ORG, LOC or MISC)", path, di+1, c.Type)
				}
				ex.Gold[si] = append(ex.Gold[si], ner.Span{Start: c.Start, End: c.End, Class: cls})
			}
		}
		exs[di] = ex
	}
	return docs, exs, nil
}

func trainNER(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("train ner", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph train ner --train eng.train [--dev eng.testa] [--out FILE] [flags]")
		fmt.Fprintln(env.Stderr, "Trains the named-entity tagger (an averaged perceptron over word, shape, cluster and gazetteer")
		fmt.Fprintln(env.Stderr, "features) on CoNLL-2003 files and writes the model; the shipped one is internal/annotate/ner/data/model.gz.")
		fs.PrintDefaults()
	}
	trainPath := fs.String("train", "", "CoNLL-2003 training `file` (required; eng.train)")
	devPath := fs.String("dev", "", "CoNLL-2003 development `file` (eng.testa): keep the epoch that scores best on it (empty: train all epochs)")
	devHalf := fs.String("dev-half", "A", "which half of the development file's documents picks the epoch (A: 1st, 3rd, …; B: 2nd, 4th, …; empty: all); the other half stays unseen for reporting")
	extra := fs.String("extra", "", "a second CoNLL `file` trained on as well (the development set, for a release model)")
	extraHalf := fs.String("extra-half", "", "train on only this half of the --extra file's documents (A or B; empty: all)")
	out := fs.String("out", "ner-model.gz", "`file` to write the model to")
	epochs := fs.Int("epochs", 12, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	minCount := fs.Int("min-count", 2, "keep features seen at least this often")
	folds := fs.Int("folds", 10, "jackknife folds for the second pass (1: one pass only)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *trainPath == "" {
		fmt.Fprintln(env.Stderr, "newsgraph train ner: --train FILE is required (the CoNLL-2003 training file, eng.train)")
		return ExitUsage
	}
	_, train, err := readCoNLL(*trainPath, "")
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train ner: %v\n", err)
		return ExitUsage
	}
	if *extra != "" {
		_, more, err := readCoNLL(*extra, *extraHalf)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph train ner: %v\n", err)
			return ExitUsage
		}
		train = append(train, more...)
	}
	opt := ner.TrainOptions{Epochs: *epochs, Seed: *seed, MinCount: *minCount, Log: env.Stderr, MinEpoch: 1, Folds: *folds}
	if *devPath != "" {
		_, dev, err := readCoNLL(*devPath, *devHalf)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph train ner: %v\n", err)
			return ExitUsage
		}
		opt.Dev = dev
	}
	lex, err := ner.DefaultLexicon()
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train ner: %v\n", err)
		return ExitFailure
	}
	start := time.Now()
	m, err := ner.Train(ner.NewUntrained(lex), train, opt)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train ner: %v\n", err)
		return ExitFailure
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train ner: %v\n", err)
		return ExitFailure
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train ner: writing %s: %v\n", *out, err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d bytes) in %.1fs\n", *out, n, time.Since(start).Seconds())
	return ExitOK
}

func evalNER(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval ner", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	path := fs.String("conll", "", "CoNLL-2003 `file` to tag and score (IOB1 or IOB2)")
	outPath := fs.String("out", "", "write `token POS chunk GOLD PRED` lines to this file")
	modelPath := fs.String("model", "", "model `file` to use instead of the shipped one")
	half := fs.String("half", "", "score one half of the file's documents: A (1st, 3rd, …, where newsgraph tunes) or B (2nd, 4th, …, held out); empty: all")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *path == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "usage: newsgraph eval ner --conll FILE [--half A|B] [--out PRED]")
		return ExitUsage
	}
	docs, exs, err := readCoNLL(*path, *half)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph eval ner: %v\n", err)
		return ExitUsage
	}
	var m *ner.Model
	if *modelPath != "" {
		lex, err := ner.DefaultLexicon()
		if err == nil {
			var f *os.File
			if f, err = os.Open(*modelPath); err == nil {
				m, err = ner.Load(f, lex)
				f.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval ner: %v\n", err)
			return ExitUsage
		}
	} else if m, err = ner.Default(); err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph eval ner: %v\n", err)
		return ExitFailure
	}
	var pw *bufio.Writer
	if *outPath != "" {
		f, err := os.Create(*outPath)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval ner: %v\n", err)
			return ExitFailure
		}
		defer f.Close()
		pw = bufio.NewWriter(f)
		defer pw.Flush()
	}
	// Predictions follow the gold file's scheme, so that conlleval's token
	// accuracy means something.
	iob1 := false
	for _, d := range docs {
		for _, s := range d.Sentences {
			tags := make([]string, len(s))
			for i, t := range s {
				tags[i] = t.Tag
			}
			iob1 = iob1 || conll.IsIOB1(tags)
		}
	}
	sc := conll.NewScorer()
	tokens := 0
	start := time.Now()
	for di, d := range docs {
		if err := ctx.Err(); err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval ner: %v\n", err)
			return ExitFailure
		}
		pred := m.TagCoNLL(exs[di].Words)
		if iob1 {
			for si := range pred {
				pred[si] = conll.IOB1(pred[si])
			}
		}
		if d.Started {
			// conlleval counts the -DOCSTART- line as an O token.
			sc.Add("O", "O")
			sc.Boundary()
			if pw != nil {
				fmt.Fprintf(pw, "%s -X- -X- O O\n\n", conll.DocStart)
			}
		}
		for si, s := range d.Sentences {
			for i, t := range s {
				sc.Add(t.Tag, pred[si][i])
				if pw != nil {
					fmt.Fprintf(pw, "%s %s %s %s %s\n", t.Word, orDash(t.POS), orDash(t.Chunk), t.Tag, pred[si][i])
				}
			}
			tokens += len(s)
			sc.Boundary()
			if pw != nil {
				pw.WriteByte('\n')
			}
		}
	}
	elapsed := time.Since(start)
	if err := sc.Report(env.Stdout); err != nil {
		return ExitFailure
	}
	fmt.Fprintf(env.Stderr, "tagged %d tokens in %.2fs (%.0f tokens/s)\n", tokens, elapsed.Seconds(), float64(tokens)/elapsed.Seconds())
	o, _ := sc.Results()
	fmt.Fprintf(env.Stdout, "ner P=%.2f R=%.2f F1=%.2f\n", o.Precision, o.Recall, o.F1)
	return ExitOK
}
