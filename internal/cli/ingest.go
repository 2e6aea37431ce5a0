package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/resolve/story"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// DefaultDB is the database file commands use unless --db says otherwise.
const DefaultDB = "newsgraph.db"

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
	db := fl.String("db", DefaultDB, "database `file`")
	workers := fl.Int("workers", 0, "articles annotated at once (default: one per CPU)")
	batch := fl.Int("batch", 64, "articles stored per transaction")
	quiet := fl.Bool("quiet", false, "no progress output")
	stages := fl.String("stages", "", "comma-separated stage `IDs` to run, with what they require (default: all)")
	noStories := fl.Bool("no-stories", false, "do not group new articles into stories")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph ingest [--db FILE] [--workers N] PATH...")
		fmt.Fprintln(env.Stderr, "Annotates every article under PATH (files, directories, - for stdin) and stores")
		fmt.Fprintln(env.Stderr, "it. Articles already stored (same content) are skipped, so a second run, or a")
		fmt.Fprintln(env.Stderr, "run after an interrupted one, adds each article exactly once.")
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
	st, err := sqlite.Open(ctx, *db, sqlite.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph ingest: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	sum, err := Ingest(ctx, st, fl.Args(), IngestOptions{
		Workers: *workers, Batch: *batch, Stdin: env.Stdin, Errors: env.Stderr,
		Progress: progressFor(env.Stderr, *quiet), DB: *db, Stages: splitList(*stages), NoStories: *noStories,
	})
	if sum != nil {
		if sum.New == 0 && sum.Unchanged > 0 && sum.Failed == 0 {
			fmt.Fprintf(env.Stdout, "nothing new: all %d articles are already in %s\n", sum.Unchanged, *db)
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

// IngestOptions controls [Ingest].
type IngestOptions struct {
	Workers int
	// Batch is the number of articles stored per transaction (default 64).
	Batch int
	Stdin io.Reader
	// Errors receives one line per failed input and per warning.
	Errors io.Writer
	// Progress, when not nil, shows the counts as the run goes.
	Progress Progress
	// DB names the database in messages.
	DB string
	// Stages are the stage IDs to run (with their requirements); empty
	// means every registered stage.
	Stages []string
	// NoStories turns off story clustering of new articles.
	NoStories bool
}

// Progress shows how an ingest is going. Update is called about four
// times a second and once at the end with done set; Clear is called before
// an error line is written. Calls never overlap.
type Progress interface {
	Update(s IngestSummary, done bool)
	Clear()
}

// IngestSummary counts what an ingest did.
type IngestSummary struct {
	Read, New, Unchanged, Failed int
	Elapsed                      time.Duration
	// Bytes and TotalBytes measure progress through the inputs; TotalBytes
	// is 0 when unknown (stdin).
	Bytes, TotalBytes int64
}

// String is the one-line summary ingest prints last.
func (s IngestSummary) String() string {
	secs := s.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.Read) / secs
	}
	return fmt.Sprintf("read %d, new %d, unchanged %d, failed %d, %.2f seconds, %.1f articles/s",
		s.Read, s.New, s.Unchanged, s.Failed, secs, rate)
}

// Ingest reads, annotates and stores every article under paths. Articles
// already stored are counted as unchanged without being annotated again.
// Each batch of articles is one transaction, so a run that is killed
// leaves whole articles behind and a rerun stores the rest once. It
// returns an error only when the store fails or ctx is cancelled; failed
// inputs are counted and reported to opt.Errors.
func Ingest(ctx context.Context, st store.Store, paths []string, opt IngestOptions) (*IngestSummary, error) {
	start := time.Now()
	if opt.Batch <= 0 {
		opt.Batch = 64
	}
	if opt.Errors == nil {
		opt.Errors = io.Discard
	}
	chain, err := annotate.Chain(opt.Stages)
	if err != nil {
		return nil, err
	}
	defer chain.Close()

	var clusterer *story.Clusterer
	if !opt.NoStories {
		if clusterer, err = restoreStories(ctx, st, opt.Errors); err != nil {
			return nil, err
		}
	}

	var c counters
	c.total.Store(totalBytes(paths))
	snapshot := func() IngestSummary {
		return IngestSummary{Read: int(c.read.Load()), New: int(c.new.Load()), Unchanged: int(c.unchanged.Load()),
			Failed: int(c.failed.Load()), Elapsed: time.Since(start), Bytes: c.bytes.Load(), TotalBytes: c.total.Load()}
	}
	var errMu sync.Mutex
	report := func(format string, args ...any) {
		errMu.Lock()
		defer errMu.Unlock()
		if opt.Progress != nil {
			opt.Progress.Clear()
		}
		fmt.Fprintf(opt.Errors, format+"\n", args...)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	// Progress ticker.
	stopTick := make(chan struct{})
	tickDone := make(chan struct{})
	go func() {
		defer close(tickDone)
		if opt.Progress == nil {
			return
		}
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stopTick:
				return
			case <-t.C:
				errMu.Lock()
				opt.Progress.Update(snapshot(), false)
				errMu.Unlock()
			}
		}
	}()

	// Writer: stores annotated articles in batches.
	toWrite := make(chan *news.Article, 2*opt.Batch)
	writeErr := make(chan error, 1)
	go func() {
		var pending []*news.Article
		flush := func() error {
			if len(pending) == 0 {
				return nil
			}
			// Articles annotated before a cancellation are still stored:
			// the batch is one transaction either way.
			created, err := st.PutMany(context.WithoutCancel(ctx), pending)
			if err != nil {
				return err
			}
			if clusterer != nil {
				for i, a := range pending {
					if !created[i] {
						continue
					}
					if err := assignStory(context.WithoutCancel(ctx), st, clusterer, a); err != nil {
						return err
					}
				}
			}
			for _, ok := range created {
				if ok {
					c.new.Add(1)
				} else {
					c.unchanged.Add(1)
				}
				c.read.Add(1)
			}
			pending = pending[:0]
			return nil
		}
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		var err error
	loop:
		for {
			select {
			case a, ok := <-toWrite:
				if !ok {
					break loop
				}
				pending = append(pending, a)
				if len(pending) >= opt.Batch {
					if err = flush(); err != nil {
						break loop
					}
				}
			case <-t.C:
				if err = flush(); err != nil {
					break loop
				}
			}
		}
		if err == nil {
			err = flush()
		}
		if err != nil {
			cancel()
			for range toWrite { // let the runner finish
			}
		}
		writeErr <- err
	}()

	// Articles already stored are counted as unchanged and never annotated.
	skip := func(a *news.Article) (bool, error) {
		c.bytes.Add(int64(len(a.Raw)))
		known, err := st.Has(ctx, a.ID)
		if err != nil || !known {
			return false, err
		}
		c.read.Add(1)
		c.unchanged.Add(1)
		return true, nil
	}
	aopt := annotate.Options{Workers: opt.Workers, Stdin: opt.Stdin, Version: Version, Skip: skip}
	runErr := annotate.RunChain(ctx, chain, paths, aopt, func(res pipeline.Result) error {
		if res.Err != nil {
			c.read.Add(1)
			c.failed.Add(1)
			report("newsgraph ingest: %v", describe(res))
			return nil
		}
		a := res.Article
		for _, w := range a.Warnings {
			report("newsgraph ingest: warning: %s: %s", a.Source.Path, w)
		}
		select {
		case toWrite <- a:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(toWrite)
	werr := <-writeErr
	close(stopTick)
	<-tickDone
	sum := snapshot()
	if opt.Progress != nil {
		opt.Progress.Update(sum, true)
	}
	switch {
	case werr != nil:
		return &sum, fmt.Errorf("storing articles in %s: %w", opt.DB, werr)
	case runErr != nil:
		if errors.Is(runErr, context.Canceled) {
			return &sum, errors.New("interrupted; articles stored so far are kept, run the same command again to go on")
		}
		return &sum, runErr
	}
	return &sum, nil
}

type counters struct {
	read, new, unchanged, failed atomic.Int64
	bytes, total                 atomic.Int64
}

// restoreWindow is how far back from the newest stored article restore
// replays articles into the story clusterer: new articles join stories
// whose latest article is within a few days of them, so older stories need
// not be in memory.
const restoreWindow = 30 * 24 * time.Hour

// restoreStories rebuilds the story clusterer from the store: articles
// already in a story and published within restoreWindow of the newest one
// (or undated) are replayed into it, and stored articles without a story
// (stored before story clustering ran, or by a run killed between storing
// and clustering) are assigned now. Memory stays bounded by the window;
// the scan of the stored records is linear but decodes only their dates
// outside it.
func restoreStories(ctx context.Context, st store.Store, errs io.Writer) (*story.Clusterer, error) {
	cl := story.New(story.Config{})
	type member struct{ story, dupOf string }
	members := map[string]member{}
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Stories(ctx, store.Page{Offset: off, Limit: store.MaxLimit})
		if err != nil {
			return nil, err
		}
		for _, s := range l.Stories {
			for _, d := range s.Documents {
				members[d] = member{s.ID, s.Duplicates[d]}
			}
		}
		if off+len(l.Stories) >= l.Total || len(l.Stories) == 0 {
			break
		}
	}
	cutoff := ""
	if l, err := st.Documents(ctx, store.DocQuery{Page: store.Page{Limit: 1}}); err == nil && len(l.Documents) > 0 {
		if t, err := time.Parse("2006-01-02", l.Documents[0].Published); err == nil {
			cutoff = t.Add(-restoreWindow).Format("2006-01-02")
		}
	}
	err := st.Export(ctx, store.Exporter{Document: func(id string, rec []byte) error {
		m, stored := members[id]
		if stored && cutoff != "" {
			var head struct {
				Published string `json:"published"`
			}
			if json.Unmarshal(rec, &head) == nil && head.Published != "" && head.Published < cutoff {
				return nil // too old to be joined by new articles
			}
		}
		a := new(news.Article)
		if err := json.Unmarshal(rec, a); err != nil {
			fmt.Fprintf(errs, "newsgraph ingest: warning: stored article %s: %v\n", id, err)
			return nil
		}
		if stored {
			return cl.Restore(story.FromArticle(a), m.story, m.dupOf)
		}
		return assignStory(ctx, st, cl, a)
	}})
	if err != nil {
		return nil, fmt.Errorf("restoring stories: %w", err)
	}
	return cl, nil
}

// assignStory puts a stored article into a story and records it.
func assignStory(ctx context.Context, st store.Store, cl *story.Clusterer, a *news.Article) error {
	asg, err := cl.Assign(story.FromArticle(a))
	if err != nil {
		return fmt.Errorf("story of %s: %w", a.ID, err)
	}
	if asg.Renamed != "" {
		// The article founds the story now: the story takes its ID.
		s, ok := cl.Story(asg.Story)
		if !ok {
			return fmt.Errorf("story of %s: story %s vanished", a.ID, asg.Story)
		}
		if err := st.PutStory(ctx, s); err != nil {
			return fmt.Errorf("story of %s: %w", a.ID, err)
		}
		return nil
	}
	if err := st.SetStory(ctx, a.ID, asg.Story, asg.DuplicateOf); err != nil {
		return fmt.Errorf("story of %s: %w", a.ID, err)
	}
	return nil
}

// describe names the input of a failed result.
func describe(res pipeline.Result) error {
	var se *source.Error
	var ste *pipeline.StageError
	if errors.As(res.Err, &se) || errors.As(res.Err, &ste) {
		return res.Err
	}
	if a := res.Article; a != nil && a.Source.Path != "" {
		return fmt.Errorf("%s: %w", a.Source.Path, res.Err)
	}
	return res.Err
}

// totalBytes sums the sizes of the files under paths, for the progress
// bar; it is an estimate (files of unknown formats count too).
func totalBytes(paths []string) int64 {
	var n int64
	for _, p := range paths {
		if p == "-" {
			return 0
		}
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if info, err := d.Info(); err == nil && !strings.HasPrefix(d.Name(), ".") {
				n += info.Size()
			}
			return nil
		})
	}
	return n
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
func progressFor(w io.Writer, quiet bool) Progress {
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

func (b *bar) Update(s IngestSummary, done bool) {
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

func (l *lines) Update(s IngestSummary, done bool) {
	if done || s.Elapsed-l.last < 5*time.Second {
		return
	}
	l.last = s.Elapsed
	fmt.Fprintf(l.w, "ingest: %s\n", short(s))
}

func (l *lines) Clear() {}

func short(s IngestSummary) string {
	rate := 0.0
	if secs := s.Elapsed.Seconds(); secs > 0 {
		rate = float64(s.Read) / secs
	}
	return fmt.Sprintf("%d read, %d new, %d unchanged, %d failed, %.0f s, %.0f articles/s",
		s.Read, s.New, s.Unchanged, s.Failed, s.Elapsed.Seconds(), rate)
}

// openStore opens an existing database for the read commands.
func openStore(ctx context.Context, path string) (*sqlite.Store, error) {
	return sqlite.Open(ctx, path, sqlite.Options{MustExist: true})
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
