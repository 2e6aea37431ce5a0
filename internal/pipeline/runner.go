package pipeline

import (
	"context"
	"runtime"
	"sync"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Result is one article after the chain ran on it. Err is nil, a
// *[StageError], or an error from reading the input (then Article may be
// nil or partly filled).
type Result struct {
	Article *news.Article
	Err     error
	// Seq is the position of the article in the input, starting at 0.
	Seq int
}

// Item is an input to [Runner.Run]: an article to annotate, or an error a
// source reported for one input, which is passed through in order.
type Item struct {
	Article *news.Article
	Err     error
}

// Runner annotates articles concurrently with a [Chain].
type Runner struct {
	Chain *Chain
	// Workers is the number of articles annotated at once; zero means one
	// per CPU.
	Workers int
	// Ordered makes Run deliver results in input order.
	Ordered bool
}

// Run annotates every item from in and calls emit with each result, from one
// goroutine at a time. It returns when in is closed and drained, when emit
// returns an error (which Run returns), or when ctx is done (Run then returns
// ctx.Err() after the articles in flight finish or abandon their work; no
// result is half-emitted).
func (r *Runner) Run(ctx context.Context, in <-chan Item, emit func(Result) error) error {
	workers := r.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item Item
		seq  int
	}
	jobs := make(chan job)
	results := make(chan Result, workers)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				res := Result{Article: j.item.Article, Err: j.item.Err, Seq: j.seq}
				if res.Err == nil && res.Article != nil {
					if r.Chain != nil {
						res.Err = r.Chain.Process(ctx, res.Article)
					}
				}
				if ctx.Err() != nil {
					return
				}
				select {
				case results <- res:
				case <-ctx.Done():
					return
				}
			}
		}()
	}

	// Feed jobs.
	go func() {
		defer close(jobs)
		seq := 0
		for {
			select {
			case <-ctx.Done():
				return
			case it, ok := <-in:
				if !ok {
					return
				}
				select {
				case jobs <- job{it, seq}:
					seq++
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	go func() {
		wg.Wait()
		close(results)
	}()

	var emitErr error
	pending := map[int]Result{}
	next := 0
	deliver := func(res Result) {
		if emitErr != nil {
			return
		}
		if err := emit(res); err != nil {
			emitErr = err
			cancel()
		}
	}
	for res := range results {
		if !r.Ordered {
			deliver(res)
			continue
		}
		pending[res.Seq] = res
		for {
			p, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			deliver(p)
		}
	}
	if emitErr != nil {
		return emitErr
	}
	return ctx.Err()
}
