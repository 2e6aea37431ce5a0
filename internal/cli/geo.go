package cli

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate/geo"
	evalgeo "github.com/newsgraph/newsgraph/internal/eval/geo"
	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

func init() {
	Register(Command{Name: "eval geo", Summary: "score place resolution (gold spans) and tagging on a GeoWebNews/GeoVirus XML corpus", Run: runEvalGeo})
}

func runEvalGeo(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval geo", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	corpus := fs.String("corpus", "", "corpus XML file (Gritta et al. format)")
	useNER := fs.Bool("ner", true, "tag with the annotate.ner stage's GPE/LOC mentions when it is linked in")
	verbose := fs.Bool("v", false, "print every toponym resolved more than 161 km from its gold point, and every wrong place end to end")
	half := fs.String("half", "", "score one half of the articles: A (1st, 3rd, …, where newsgraph tunes) or B (2nd, 4th, …, held out); empty: all")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *corpus == "" || fs.NArg() > 0 {
		fmt.Fprintln(env.Stderr, "usage: newsgraph eval geo --corpus FILE [--half A|B] [--ner=false] [-v]")
		return ExitUsage
	}
	arts, err := evalgeo.ReadFile(*corpus)
	if err == nil {
		arts, err = evalgeo.Half(arts, *half)
	}
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph:", err)
		return ExitUsage
	}
	g, err := gazetteer.Default()
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph:", err)
		return ExitFailure
	}
	r := &geo.Resolver{G: g}
	var ner []pipeline.Stage
	if *useNER {
		if ner, err = nerStages(); err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph:", err)
			return ExitFailure
		}
	}
	var s evalgeo.Scores
	skipped := 0
	for i := range arts {
		skipped += arts[i].Skipped
		if err := ctx.Err(); err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph:", err)
			return ExitFailure
		}
		a := &arts[i]
		s.Resolve(r, a)
		if *verbose {
			evalgeo.Misses(env.Stdout, r, a)
		}
		var mentions []news.Mention
		if ner != nil {
			na := &news.Article{ID: a.ID, Text: a.Text, Paragraphs: paragraphSpans(a.Text)}
			for _, st := range ner {
				if err := st.Process(ctx, na); err != nil {
					fmt.Fprintf(env.Stderr, "newsgraph: article %s: %v\n", a.ID, err)
					break
				}
			}
			mentions = na.Mentions
		}
		s.Tag(g, a, mentions)
		s.AddPlaces(r, a, mentions)
		if *verbose {
			evalgeo.WrongPlaces(env.Stdout, r, a, mentions)
		}
	}
	if skipped > 0 {
		fmt.Fprintf(env.Stderr, "newsgraph: %s: %d gold toponyms with unusable offsets skipped\n", *corpus, skipped)
	}
	p, rc, f := s.Tagging()
	tagger := "patterns and gazetteer"
	if ner != nil {
		tagger = "annotate.ner GPE/LOC/NORP + patterns and gazetteer"
	}
	fmt.Fprintf(env.Stdout, "articles=%d gold_toponyms=%d resolved_within_161km=%d unresolved=%d median_error_km=%.1f\n", len(arts), s.Gold, s.Within, s.Missing, s.MedianError())
	fmt.Fprintf(env.Stdout, "tagging (%s): P=%.2f R=%.2f F1=%.2f\n", tagger, p, rc, f)
	pp, pr := s.Places()
	fmt.Fprintf(env.Stdout, "places end to end (%s, then resolved): P=%.2f R=%.2f (%d places judged, %d overlapping only toponyms without coordinates)\n", tagger, pp, pr, s.PlaceSys, s.PlaceUnjudged)
	fmt.Fprintf(env.Stdout, "geo acc161=%.2f tag_F1=%.2f place_P=%.2f\n", s.Acc161(), f, pp)
	return ExitOK
}

// nerStages builds the stages the NER stage needs after extraction, or
// returns nil when no NER stage is linked in.
func nerStages() ([]pipeline.Stage, error) {
	if _, ok := pipeline.Lookup("annotate.ner"); !ok {
		return nil, nil
	}
	infos, err := pipeline.Plan("annotate.ner")
	if err != nil {
		return nil, err
	}
	var out []pipeline.Stage
	for _, info := range infos {
		if info.ID == "extract" {
			continue // the corpus text is already clean
		}
		st, err := info.New(nil)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// paragraphSpans splits text at blank lines, as extraction would.
func paragraphSpans(text string) []news.Span {
	var out []news.Span
	start := 0
	for start < len(text) {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		if strings.TrimSpace(text[start:end]) != "" {
			out = append(out, news.Span{Start: start, End: end})
		}
		if i < 0 {
			break
		}
		start = end + 2
	}
	return out
}
