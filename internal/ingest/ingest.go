// Package ingest runs newsgraph's ingest loop: read inputs, annotate each
// article, store it (which links its entities to global ones), and put new
// articles into stories. The command line (newsgraph ingest, serve
// --ingest) and the queue workers (newsgraph worker) all call it; they
// differ only in where articles come from and how progress is shown.
//
// [Run] is the whole loop over paths in one process. [Sink] is its second
// half, storing annotated articles in order and assigning stories, for
// callers that annotate elsewhere (a worker pulling from a queue).
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Options controls [Run].
type Options struct {
	// Workers is the number of articles annotated at once; zero means one
	// per CPU.
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
	// Version is recorded in each article's provenance.
	Version string
}

// Progress shows how an ingest is going. Update is called about four
// times a second and once at the end with done set; Clear is called before
// an error line is written. Calls never overlap.
type Progress interface {
	Update(s Summary, done bool)
	Clear()
}

// Summary counts what an ingest did.
type Summary struct {
	Read, New, Unchanged, Failed int
	Elapsed                      time.Duration
	// Bytes and TotalBytes measure progress through the inputs; TotalBytes
	// is 0 when unknown (stdin).
	Bytes, TotalBytes int64
}

// String is the one-line summary ingest prints last.
func (s Summary) String() string {
	secs := s.Elapsed.Seconds()
	rate := 0.0
	if secs > 0 {
		rate = float64(s.Read) / secs
	}
	return fmt.Sprintf("read %d, new %d, unchanged %d, failed %d, %.2f seconds, %.1f articles/s",
		s.Read, s.New, s.Unchanged, s.Failed, secs, rate)
}

// Run reads, annotates and stores every article under paths. Articles
// already stored are counted as unchanged without being annotated again.
// Articles are stored in input order whatever the number of workers, so
// the global entities and stories a run builds do not depend on timing.
// Each batch of articles is one transaction, so a run that is killed
// leaves whole articles behind and a rerun stores the rest once. It
// returns an error only when the store fails or ctx is cancelled; failed
// inputs are counted and reported to opt.Errors.
func Run(ctx context.Context, st store.Store, paths []string, opt Options) (*Summary, error) {
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

	sink, err := NewSink(ctx, st, SinkOptions{NoStories: opt.NoStories, Errors: opt.Errors})
	if err != nil {
		return nil, err
	}

	var c counters
	c.total.Store(totalBytes(paths))
	snapshot := func() Summary {
		return Summary{Read: int(c.read.Load()), New: int(c.new.Load()), Unchanged: int(c.unchanged.Load()),
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
			created, err := sink.Write(context.WithoutCancel(ctx), pending)
			if err != nil {
				return err
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
	aopt := annotate.Options{Workers: opt.Workers, Stdin: opt.Stdin, Version: opt.Version, Skip: skip, Ordered: true}
	runErr := annotate.RunChain(ctx, chain, paths, aopt, func(res pipeline.Result) error {
		if res.Err != nil {
			c.read.Add(1)
			c.failed.Add(1)
			report("newsgraph ingest: %v", Describe(res))
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

// Describe returns the error of a failed result, naming its input.
func Describe(res pipeline.Result) error {
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
