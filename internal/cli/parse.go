package cli

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/annotate/parse"
	"github.com/newsgraph/newsgraph/internal/cputime"
)

func init() {
	Register(Command{Name: "train parse", Summary: "train the tagger and dependency parser from CoNLL-U treebanks", Run: trainParse})
	Register(Command{Name: "eval parse", Summary: "score the tagger and dependency parser on a CoNLL-U file", Run: evalParse})
}

// parseGenres are the GUM genres whose texts are CC BY or CC BY-SA
// (../shared/eval/treebanks/gum-all/LICENSE.txt), the ones the shipped
// model is trained on.
const parseGenres = "academic,bio,court,interview,news,speech,textbook,vlog,voyage"

func trainParse(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("train parse", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("treebank", filepath.Join("..", "shared", "eval", "treebanks", "gum-all"), "`directory` of CoNLL-U files (.conllu or .conllu.gz), or one file")
	genres := fs.String("genres", parseGenres, "comma-separated GUM genres to train on (file names GUM_<genre>_*); empty: every file")
	extra := fs.String("extra", "", "comma-separated CoNLL-U `files` trained on as well (e.g. UD English-EWT dev)")
	prune := fs.Float64("prune", 0.5, "drop features whose averaged weights all stay below this (update units)")
	dev := fs.String("dev", "", "CoNLL-U `file` scored after training (not trained on)")
	out := fs.String("out", filepath.Join("internal", "annotate", "parse", "data", "model.gz"), "where to write the model")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	tagEp := fs.Int("tag-epochs", 6, "tagger epochs")
	parseEp := fs.Int("parse-epochs", 12, "parser epochs")
	labEp := fs.Int("label-epochs", 8, "relation labeller epochs")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	files, err := treebankFiles(*dir, *genres)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train parse: %v\n", err)
		return ExitUsage
	}
	var sents []parse.Sentence
	for _, f := range files {
		s, err := parse.ReadCoNLLUFile(f)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph train parse: %v\n", err)
			return ExitUsage
		}
		sents = append(sents, s...)
	}
	for _, x := range strings.Split(*extra, ",") {
		if x = strings.TrimSpace(x); x == "" {
			continue
		}
		s, err := parse.ReadCoNLLUFile(x)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph train parse: %v\n", err)
			return ExitUsage
		}
		files = append(files, x)
		sents = append(sents, s...)
	}
	opt := parse.TrainOptions{Prune: float32(*prune), Seed: *seed, TagEpochs: *tagEp, ParseEpochs: *parseEp, LabelEpochs: *labEp, Log: env.Stderr}
	if *dev != "" {
		d, err := parse.ReadCoNLLUFile(*dev)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph train parse: %v\n", err)
			return ExitUsage
		}
		opt.Dev = d
	}
	words := 0
	for _, s := range sents {
		words += len(s.Words)
	}
	fmt.Fprintf(env.Stderr, "training on %d files, %d sentences, %d words\n", len(files), len(sents), words)
	start := time.Now()
	m, err := parse.Train(sents, opt)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train parse: %v\n", err)
		return ExitFailure
	}
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train parse: %v\n", err)
		return ExitFailure
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train parse: writing %s: %v\n", *out, err)
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d bytes) in %.1fs\n", *out, n, time.Since(start).Seconds())
	return ExitOK
}

// treebankFiles lists the CoNLL-U files of dir (or dir itself when it is a
// file) whose GUM genre is in genres.
func treebankFiles(dir, genres string) ([]string, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{dir}, nil
	}
	want := map[string]bool{}
	for _, g := range strings.Split(genres, ",") {
		if g = strings.TrimSpace(g); g != "" {
			want[g] = true
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".conllu") || strings.HasSuffix(name, ".conllu.gz")) {
			continue
		}
		if len(want) > 0 {
			parts := strings.SplitN(name, "_", 3)
			if len(parts) < 3 || !want[parts[1]] {
				continue
			}
		}
		out = append(out, filepath.Join(dir, name))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no CoNLL-U files (genres %q)", dir, genres)
	}
	return out, nil
}

func evalParse(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval parse", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	modelPath := fs.String("model", "", "model `file` (default: the shipped model)")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: newsgraph eval parse [-model FILE] FILE.conllu[.gz] ...")
		fmt.Fprintln(env.Stderr, "Scores UPOS accuracy, UAS and LAS (universal relations, punctuation included) on gold words.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	var m *parse.Model
	var err error
	if *modelPath != "" {
		f, ferr := os.Open(*modelPath)
		if ferr != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval parse: %v\n", ferr)
			return ExitUsage
		}
		m, err = parse.Read(f)
		f.Close()
	} else {
		m, err = parse.Default()
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph eval parse: %v\n", err)
		return ExitFailure
	}
	var total parse.Score
	for _, path := range fs.Args() {
		gold, err := parse.ReadCoNLLUFile(path)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph eval parse: %v\n", err)
			return ExitUsage
		}
		cpu := cputime.Process()
		sc := parse.Evaluate(m, gold)
		secs := (cputime.Process() - cpu).Seconds()
		fmt.Fprintf(env.Stdout, "%s: %s", path, sc)
		if secs > 0 {
			fmt.Fprintf(env.Stdout, ", %.0f words/CPU-s", float64(sc.Words)/secs)
		}
		fmt.Fprintln(env.Stdout)
		total.Words += sc.Words
		total.UPOS += sc.UPOS
		total.UAS += sc.UAS
		total.LAS += sc.LAS
	}
	u, ua, la := total.Rates()
	fmt.Fprintf(env.Stdout, "parse upos=%.4f uas=%.4f las=%.4f\n", u, ua, la)
	return ExitOK
}
