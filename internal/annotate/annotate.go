// Package annotate runs the registered annotation stages over inputs read by
// package source: the glue every command that annotates shares (annotate,
// ingest, serve --ingest, worker). The stages themselves live in the
// subpackages, one per stage.
package annotate

import (
	"context"
	"errors"
	"io"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"
)

// Options controls [Run].
type Options struct {
	// Workers is the number of articles annotated at once; zero means one
	// per CPU.
	Workers int
	// Stages are the stage IDs to run (with their requirements); empty
	// means every registered stage.
	Stages []string
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Ordered delivers results in input order.
	Ordered bool
	// Version is recorded in each article's provenance.
	Version string
	// Skip, when set, is called for each article read, before it is
	// annotated; articles it reports true for are dropped (ingest skips
	// articles already stored). An error stops the run.
	Skip func(*news.Article) (bool, error)
}

// Chain builds the chain of the given stage IDs, or of every registered
// stage when ids is empty.
func Chain(ids []string) (*pipeline.Chain, error) {
	if len(ids) == 0 {
		for _, info := range pipeline.Registered() {
			ids = append(ids, info.ID)
		}
	}
	return pipeline.Build(ids, nil)
}

// Run reads every path, annotates each article and calls emit with each
// result (an annotated article, or the error of one input or one article).
// It returns emit's error, ctx's error, or an error building the stages.
func Run(ctx context.Context, paths []string, opt Options, emit func(pipeline.Result) error) error {
	chain, err := Chain(opt.Stages)
	if err != nil {
		return err
	}
	defer chain.Close()
	return RunChain(ctx, chain, paths, opt, emit)
}

// RunChain is [Run] with a chain built once by the caller.
func RunChain(ctx context.Context, chain *pipeline.Chain, paths []string, opt Options, emit func(pipeline.Result) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	in := make(chan pipeline.Item)
	readErr := make(chan error, 1)
	go func() {
		defer close(in)
		readErr <- source.Walk(ctx, paths, source.Options{Stdin: opt.Stdin}, func(a *news.Article, err error) error {
			if a != nil {
				a.Provenance.Version = opt.Version
			}
			if err == nil && a != nil && opt.Skip != nil {
				skip, serr := opt.Skip(a)
				if serr != nil {
					return serr
				}
				if skip {
					return nil
				}
			}
			select {
			case in <- pipeline.Item{Article: a, Err: err}:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	r := &pipeline.Runner{Chain: chain, Workers: opt.Workers, Ordered: opt.Ordered}
	err := r.Run(ctx, in, emit)
	cancel()
	if rerr := <-readErr; rerr != nil && !errors.Is(rerr, context.Canceled) {
		// A failure of the reader (or of Skip) is the cause of the
		// runner's cancellation, so it is the error to report.
		err = rerr
	}
	return err
}
