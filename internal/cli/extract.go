package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/internal/eval/extract"
	htmlextract "github.com/newsgraph/newsgraph/internal/extract"
	"github.com/newsgraph/newsgraph/internal/news"
)

func init() {
	Register(Command{
		Name:    "eval extract",
		Summary: "score article-text extraction on an HTML benchmark (Scrapinghub metric)",
		Run:     runEvalExtract,
	})
}

func runEvalExtract(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("html", "", "directory of pages `DIR/<id>.html.gz` (or .html)")
	goldPath := fs.String("gold", "", "ground truth `FILE`: {\"<id>\": {\"articleBody\": …, \"url\": …}}")
	predictPath := fs.String("predict", "", "also write the extracted text to `FILE` as {\"<id>\": {\"articleBody\": …}}")
	workers := fs.Int("workers", runtime.NumCPU(), "pages extracted at once")
	worst := fs.Int("worst", 0, "list the `N` pages with the lowest F1 on stderr")
	stage := fs.Bool("stage", false, "score the text of the whole extract stage (HTML extraction, then cleaning) rather than HTML extraction alone")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph eval extract --html DIR --gold ground-truth.json [--predict OUT.json]")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *dir == "" || *goldPath == "" || fs.NArg() > 0 {
		fs.Usage()
		return ExitUsage
	}
	gold, err := extract.LoadGold(*goldPath)
	if err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval extract:", err)
		return ExitUsage
	}
	ids := extract.IDs(gold)
	pred := make(map[string]extract.Item, len(ids))
	var (
		mu     sync.Mutex
		failed int
		wg     sync.WaitGroup
	)
	jobs := make(chan string)
	for range max(1, *workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range jobs {
				raw, err := extract.ReadPage(*dir, id)
				if err != nil {
					mu.Lock()
					failed++
					fmt.Fprintln(env.Stderr, "newsgraph eval extract:", err)
					pred[id] = extract.Item{}
					mu.Unlock()
					continue
				}
				var body string
				if *stage {
					a := &news.Article{Raw: raw, Format: news.FormatHTML, Source: news.Source{URL: gold[id].URL}}
					err = htmlextract.Process(ctx, a)
					body = a.Text
				} else {
					var d *htmlextract.Doc
					if d, err = htmlextract.HTML(raw, gold[id].URL); err == nil {
						body = d.Text
					}
				}
				mu.Lock()
				if err != nil {
					fmt.Fprintf(env.Stderr, "newsgraph eval extract: page %s: %v\n", id, err)
				}
				pred[id] = extract.Item{ArticleBody: body}
				mu.Unlock()
			}
		}()
	}
	for _, id := range ids {
		if ctx.Err() != nil {
			break
		}
		jobs <- id
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		fmt.Fprintln(env.Stderr, "newsgraph eval extract:", err)
		return ExitFailure
	}
	if *predictPath != "" {
		b, err := json.MarshalIndent(pred, "", "  ")
		if err == nil {
			err = os.WriteFile(*predictPath, append(b, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintln(env.Stderr, "newsgraph eval extract: writing predictions:", err)
			return ExitFailure
		}
	}
	m, pages := extract.Score(gold, pred)
	if *worst > 0 {
		sort.Slice(ids, func(i, j int) bool { return pages[ids[i]].F1() < pages[ids[j]].F1() })
		for _, id := range ids[:min(*worst, len(ids))] {
			p := pages[id]
			fmt.Fprintf(env.Stderr, "%s P=%.3f R=%.3f F1=%.3f\n", id, p.Precision(), p.Recall(), p.F1())
		}
	}
	fmt.Fprintf(env.Stdout, "extract pages=%d P=%.4f R=%.4f F1=%.4f\n", m.Pages, m.Precision, m.Recall, m.F1)
	if failed > 0 {
		return ExitFailure
	}
	return ExitOK
}
