package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

func init() {
	Register(Command{Name: "annotate", Summary: "annotate articles and print them (JSON Lines or text)", Run: runAnnotate})
}

func runAnnotate(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	format := fs.String("format", "json", "output format: json (JSON Lines, one article a line) or text")
	workers := fs.Int("workers", 0, "articles annotated at once (0: one per CPU)")
	stages := fs.String("stages", "", "comma-separated stage IDs to run (with their requirements); empty: all")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph annotate [--format json|text] [--workers N] PATH... (- for stdin)")
		fmt.Fprintln(env.Stderr, "Reads files, directories, JSON Lines, feeds and archives; prints one annotated article per line.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *format != "json" && *format != "text" {
		fmt.Fprintf(env.Stderr, "newsgraph annotate: unknown --format %q (want json or text)\n", *format)
		return ExitUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return ExitUsage
	}
	opt := annotate.Options{Workers: *workers, Stdin: env.Stdin, Ordered: true, Version: Version}
	if *stages != "" {
		opt.Stages = strings.Split(*stages, ",")
	}
	out := bufio.NewWriterSize(env.Stdout, 1<<16)
	defer out.Flush()
	failed := 0
	err := annotate.Run(ctx, fs.Args(), opt, func(res pipeline.Result) error {
		if res.Err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "newsgraph annotate: %v\n", res.Err)
			return nil
		}
		for _, w := range res.Article.Warnings {
			fmt.Fprintf(env.Stderr, "newsgraph annotate: %s: warning: %s\n", res.Article.Source.Path, w)
		}
		if *format == "text" {
			writeText(out, res.Article)
			return nil
		}
		b, err := json.Marshal(res.Article)
		if err != nil {
			return fmt.Errorf("encoding %s: %w", res.Article.Source.Path, err)
		}
		out.Write(b)
		return out.WriteByte('\n')
	})
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(env.Stderr, "newsgraph annotate: interrupted")
			return ExitFailure
		}
		fmt.Fprintf(env.Stderr, "newsgraph annotate: %v\n", err)
		return ExitUsage
	}
	if failed > 0 {
		return ExitFailure
	}
	return ExitOK
}

// writeText prints a readable summary of an annotated article.
func writeText(w io.Writer, a *news.Article) {
	fmt.Fprintf(w, "== %s\n", a.Title)
	fmt.Fprintf(w, "source: %s", a.Source.Path)
	if a.Source.URL != "" {
		fmt.Fprintf(w, "  url: %s", a.Source.URL)
	}
	fmt.Fprintf(w, "\nid: %s  published: %s  language: %s\n", a.ID[:16], orDash(a.Published), orDash(a.Language))
	fmt.Fprintf(w, "text: %d paragraphs, %d sentences, %d characters\n", len(a.Paragraphs), len(a.Sentences), len([]rune(a.Text)))
	if len(a.Removed) > 0 {
		counts := map[news.RemovedKind]int{}
		for _, r := range a.Removed {
			counts[r.Kind]++
		}
		var parts []string
		for k, n := range counts {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
		sort.Strings(parts)
		fmt.Fprintf(w, "removed: %s\n", strings.Join(parts, ", "))
	}
	for _, c := range a.Captions {
		fmt.Fprintf(w, "caption ×%d: %s\n", c.Count, clip(c.Text, 90))
	}
	if len(a.Entities) > 0 {
		fmt.Fprintln(w, "entities:")
		for _, e := range a.Entities {
			fmt.Fprintf(w, "  %-8s %s", e.Type, e.Name)
			if len(e.Aliases) > 0 {
				fmt.Fprintf(w, "  (also %s)", strings.Join(e.Aliases, ", "))
			}
			fmt.Fprintln(w)
		}
	} else if len(a.Mentions) > 0 {
		fmt.Fprintln(w, "mentions:")
		for _, m := range a.Mentions {
			fmt.Fprintf(w, "  %-8s %s\n", m.Type, m.Text)
		}
	}
	for _, q := range a.Quotes {
		fmt.Fprintf(w, "quote (%s) %s: %s\n", q.Kind, orDash(q.SpeakerName), clip(q.Text, 90))
	}
	for _, t := range a.Times {
		fmt.Fprintf(w, "time: %q → %s\n", t.Text, orDash(t.Value))
	}
	for _, p := range a.Places {
		fmt.Fprintf(w, "place: %q → %s, %s (%.2f, %.2f)\n", p.Text, p.Name, p.Country, p.Lat, p.Lon)
	}
	for _, e := range a.Events {
		fmt.Fprintf(w, "event: %s %s → %s (%q, %s)\n", e.Type, orDash(e.ActorName), orDash(e.TargetName), e.Trigger.Text, orDash(e.Date))
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
