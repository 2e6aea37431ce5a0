package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/queue"
)

func init() {
	Register(Command{
		Name:    "ingest",
		Summary: "annotate articles and add them to the store (idempotent, resumable)",
		Run:     runIngest,
	})
}

func runIngest(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	db := fl.String("db", DefaultDB, dbUsage)
	workers := fl.Int("workers", 0, "articles annotated at once (default: one per CPU)")
	batch := fl.Int("batch", 64, "articles stored per transaction")
	quiet := fl.Bool("quiet", false, "no progress output")
	stages := fl.String("stages", "", "comma-separated stage `IDs` to run, with what they require (default: all)")
	noStories := fl.Bool("no-stories", false, "do not group new articles into stories")
	queueURL := fl.String("queue", "", "publish the articles to the NATS JetStream `URL` (nats://host:port, comma-separated) for `newsgraph worker` instead of storing them")
	queueName := fl.String("queue-name", queue.DefaultName, "`name` of the queue's streams and subjects, with --queue")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph ingest [--db FILE|postgres://…] [--workers N] PATH...")
		fmt.Fprintln(env.Stderr, "Annotates every article under PATH (files, directories, - for stdin) and stores")
		fmt.Fprintln(env.Stderr, "it. Articles already stored (same content) are skipped, so a second run, or a")
		fmt.Fprintln(env.Stderr, "run after an interrupted one, adds each article exactly once.")
		fmt.Fprintln(env.Stderr, "With --queue nats://…, articles are published to NATS JetStream instead, for")
		fmt.Fprintln(env.Stderr, "newsgraph worker processes to annotate and store (docs/scale.md).")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "newsgraph ingest: no input; give files, directories or - for stdin")
		fl.Usage()
		return ExitUsage
	}
	if *queueURL != "" {
		return publish(ctx, env, *queueURL, *queueName, fl.Args())
	}
	st, err := openDB(ctx, *db, false)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph ingest: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	sum, err := ingest.Run(ctx, st, fl.Args(), ingest.Options{
		Workers: *workers, Batch: *batch, Stdin: env.Stdin, Errors: env.Stderr, Version: Version,
		Progress: progressFor(env.Stderr, *quiet), DB: dbName(*db), Stages: splitList(*stages), NoStories: *noStories,
	})
	if sum != nil {
		if sum.New == 0 && sum.Unchanged > 0 && sum.Failed == 0 {
			fmt.Fprintf(env.Stdout, "nothing new: all %d articles are already in %s\n", sum.Unchanged, dbName(*db))
		}
		fmt.Fprintln(env.Stdout, sum)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph ingest: %v\n", err)
		return ExitFailure
	}
	if sum.Failed > 0 {
		return ExitFailure
	}
	return ExitOK
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressFor returns a progress reporter: a bar redrawn in place on a
// terminal, a plain line every few seconds otherwise.
func progressFor(w io.Writer, quiet bool) ingest.Progress {
	if quiet {
		return nil
	}
	if isTerminal(w) {
		return &bar{w: w}
	}
	return &lines{w: w}
}

// bar draws a progress bar on a terminal line.
type bar struct {
	w     io.Writer
	drawn bool
}

func (b *bar) Update(s ingest.Summary, done bool) {
	const width = 30
	frac := 0.0
	if s.TotalBytes > 0 {
		frac = min(1, float64(s.Bytes)/float64(s.TotalBytes))
	}
	if done {
		frac = 1
	}
	n := int(frac * width)
	fmt.Fprintf(b.w, "\r\033[K[%s%s] %3.0f%% %s", strings.Repeat("█", n), strings.Repeat("░", width-n), frac*100, short(s))
	b.drawn = true
	if done {
		fmt.Fprintln(b.w)
		b.drawn = false
	}
}

func (b *bar) Clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
		b.drawn = false
	}
}

// lines writes a plain progress line every five seconds.
type lines struct {
	w    io.Writer
	last time.Duration
}

func (l *lines) Update(s ingest.Summary, done bool) {
	if done || s.Elapsed-l.last < 5*time.Second {
		return
	}
	l.last = s.Elapsed
	fmt.Fprintf(l.w, "ingest: %s\n", short(s))
}

func (l *lines) Clear() {}

func short(s ingest.Summary) string {
	rate := 0.0
	if secs := s.Elapsed.Seconds(); secs > 0 {
		rate = float64(s.Read) / secs
	}
	return fmt.Sprintf("%d read, %d new, %d unchanged, %d failed, %.0f s, %.0f articles/s",
		s.Read, s.New, s.Unchanged, s.Failed, s.Elapsed.Seconds(), rate)
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}
