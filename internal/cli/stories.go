package cli

import (
	"context"
	"flag"
	"fmt"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/eval/stories"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve/story"
)

func init() {
	Register(Command{
		Name:    "eval stories",
		Summary: "score same-story clustering on ECB+ (B-cubed F1 against sub-topics, beside a TF-IDF baseline)",
		Run:     runEvalStories,
	})
}

func runEvalStories(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval stories", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("ecb", "", "ECB+ folder holding story_clusters.tsv and ECB+/<topic>/*.xml")
	split := fs.String("split", "dev", "split to cluster (dev, train, test; empty for all)")
	background := fs.String("background", "train", "split whose texts prime the document frequencies (none for no priming)")
	threshold := fs.Float64("threshold", 0, "story similarity threshold (0 for the default)")
	entities := fs.Bool("entities", false, "run the entity stage (and the NER before it) on each document and use the entities it finds")
	minSpecific := fs.Int("min-specific", 0, "specific things an article must share with a story (0 for the default)")
	specificShare := fs.Float64("specific-share", 0, "share of articles a specific name may appear in (0 for the default)")
	topics := fs.String("topics", "", "comma-separated topics to keep (empty for all): to tune on some topics and report on the others")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *dir == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "usage: newsgraph eval stories --ecb DIR [--split dev] [--background train]")
		return ExitUsage
	}
	docs, err := stories.Load(*dir, *split)
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval stories:", err)
		return ExitUsage
	}
	if *topics != "" {
		keep := map[string]bool{}
		for _, t := range splitList(*topics) {
			keep[t] = true
		}
		kept := docs[:0]
		for _, d := range docs {
			if keep[d.Topic] {
				kept = append(kept, d)
			}
		}
		if len(kept) == 0 {
			fmt.Fprintf(env.Stderr, "newsgraph eval stories: no documents of topics %s in split %s\n", *topics, *split)
			return ExitUsage
		}
		docs = kept
	}
	var bg []string
	if *background != "none" && *background != "" && *background != *split {
		bdocs, err := stories.Load(*dir, *background)
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval stories:", err)
			return ExitUsage
		}
		for _, d := range bdocs {
			bg = append(bg, d.Title+"\n"+d.Text)
		}
	}
	if ctx.Err() != nil {
		return ExitFailure
	}
	if *entities {
		chain, err := annotate.Chain([]string{"annotate.entity"})
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval stories:", err)
			return ExitUsage
		}
		defer chain.Close()
		for i := range docs {
			a := &news.Article{ID: docs[i].Name, Raw: []byte(docs[i].Text), Format: news.FormatText}
			if err := chain.Process(ctx, a); err != nil {
				fmt.Fprintln(env.Stderr, "newsgraph eval stories:", docs[i].Name+":", err)
				continue
			}
			for _, e := range a.Entities {
				switch e.Type {
				case news.Person, news.Org, news.GPE, news.Loc, news.Fac, news.EventType:
					docs[i].Entities = append(docs[i].Entities, e.Name)
				}
			}
		}
	}
	res := stories.Evaluate(docs, bg, story.Config{StoryThreshold: *threshold, MinSpecific: *minSpecific, SpecificShare: *specificShare})
	fmt.Fprintf(env.Stdout, "documents %d, stories %d, background documents %d\n", res.Docs, res.Stories, len(bg))
	fmt.Fprintf(env.Stdout, "newsgraph   P=%.3f R=%.3f F1=%.3f clusters=%d (one pass, then Refine)\n", res.Ours.P, res.Ours.R, res.Ours.F, res.Ours.Clusters)
	fmt.Fprintf(env.Stdout, "one pass    P=%.3f R=%.3f F1=%.3f clusters=%d (arrival order, as ingest)\n", res.Incremental.P, res.Incremental.R, res.Incremental.F, res.Incremental.Clusters)
	fmt.Fprintf(env.Stdout, "tfidf       P=%.3f R=%.3f F1=%.3f clusters=%d (average link, best cosine threshold %.3f)\n",
		res.Baseline.P, res.Baseline.R, res.Baseline.F, res.Baseline.Clusters, res.BaselineThreshold)
	fmt.Fprintf(env.Stdout, "stories bcubed_F1=%.3f tfidf_bcubed_F1=%.3f\n", res.Ours.F, res.Baseline.F)
	return ExitOK
}
