// Package pipeline runs annotation stages over articles.
//
// A [Stage] adds annotations to one article. Stages register an [Info] in an
// init function (like database/sql drivers or go/analysis passes); each Info
// names the stages it requires, and [Plan] orders any requested set of stages
// so that requirements run first. A [Runner] annotates many articles
// concurrently: one article's failure is that article's error, never the
// run's.
package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/news"
)

// A Stage adds annotations to an article. It must not modify text it did not
// produce. Process may be called concurrently for different articles, and
// must return promptly once ctx is done.
type Stage interface {
	Process(ctx context.Context, a *news.Article) error
}

// Func adapts an ordinary function to a [Stage], like http.HandlerFunc.
type Func func(ctx context.Context, a *news.Article) error

// Process calls f(ctx, a).
func (f Func) Process(ctx context.Context, a *news.Article) error { return f(ctx, a) }

// ErrSkip, returned by a stage, stops the remaining stages for that article
// without marking it failed (a non-English article, say).
var ErrSkip = errors.New("pipeline: skip remaining stages")

// Info describes a registered stage.
type Info struct {
	// ID is a dotted lowercase name such as "annotate.ner".
	ID string
	// Version changes whenever the stage's output can change; it is
	// recorded in every article's provenance.
	Version string
	// Requires lists the IDs of stages that must run first.
	Requires []string
	// Doc is a one-line description.
	Doc string
	// New builds the stage from its JSON configuration (nil for defaults).
	New func(cfg json.RawMessage) (Stage, error)
}

var (
	mu       sync.RWMutex
	registry = map[string]Info{}
)

// Register makes a stage available by its ID. It panics if the ID is empty or
// already registered: both are programming errors found at init time.
func Register(info Info) {
	mu.Lock()
	defer mu.Unlock()
	if info.ID == "" || info.New == nil {
		panic("pipeline: Register with empty ID or nil New")
	}
	if _, dup := registry[info.ID]; dup {
		panic("pipeline: stage registered twice: " + info.ID)
	}
	registry[info.ID] = info
}

// Lookup returns the registered stage with the given ID.
func Lookup(id string) (Info, bool) {
	mu.RLock()
	defer mu.RUnlock()
	info, ok := registry[id]
	return info, ok
}

// Registered returns every registered stage, sorted by ID.
func Registered() []Info {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]Info, 0, len(registry))
	for _, info := range registry {
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Plan returns the given stages and everything they require, ordered so that
// every stage comes after its requirements. Stages with no order between them
// keep the order of their IDs. It fails on an unknown ID or a cycle.
func Plan(ids ...string) ([]Info, error) {
	const (
		unseen = iota
		visiting
		done
	)
	state := map[string]int{}
	var out []Info
	var visit func(id string, from string) error
	visit = func(id, from string) error {
		switch state[id] {
		case done:
			return nil
		case visiting:
			return fmt.Errorf("pipeline: requirement cycle through %q", id)
		}
		info, ok := Lookup(id)
		if !ok {
			if from != "" {
				return fmt.Errorf("pipeline: stage %q requires unknown stage %q", from, id)
			}
			return fmt.Errorf("pipeline: unknown stage %q", id)
		}
		state[id] = visiting
		reqs := append([]string(nil), info.Requires...)
		sort.Strings(reqs)
		for _, r := range reqs {
			if err := visit(r, id); err != nil {
				return err
			}
		}
		state[id] = done
		out = append(out, info)
		return nil
	}
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	for _, id := range sorted {
		if err := visit(id, ""); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// StageError records the failure of one stage on one article.
type StageError struct {
	Stage     string
	ArticleID string
	Path      string
	Err       error
}

func (e *StageError) Error() string {
	where := e.ArticleID
	if e.Path != "" {
		where = e.Path
	}
	return fmt.Sprintf("%s: stage %s: %v", where, e.Stage, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }

// Chain is an ordered, built list of stages.
type Chain struct {
	infos  []Info
	stages []Stage
}

// Build plans the given stage IDs and builds each stage with its default
// configuration (or cfg[id] when given).
func Build(ids []string, cfg map[string]json.RawMessage) (*Chain, error) {
	infos, err := Plan(ids...)
	if err != nil {
		return nil, err
	}
	c := &Chain{infos: infos}
	for _, info := range infos {
		s, err := info.New(cfg[info.ID])
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("pipeline: building stage %s: %w", info.ID, err)
		}
		c.stages = append(c.stages, s)
	}
	return c, nil
}

// Stages returns the planned stages in run order.
func (c *Chain) Stages() []Info { return c.infos }

// Versions returns the stage ID → version map recorded in provenance.
func (c *Chain) Versions() map[string]string {
	m := make(map[string]string, len(c.infos))
	for _, info := range c.infos {
		m[info.ID] = info.Version
	}
	return m
}

// Process runs every stage on a in order. It stops at the first error and
// returns it as a *StageError; [ErrSkip] stops without an error. When ctx
// carries a [cputime.Meter], each stage's CPU time is added to it under
// the stage's ID.
func (c *Chain) Process(ctx context.Context, a *news.Article) error {
	if a.Provenance.Stages == nil {
		a.Provenance.Stages = map[string]string{}
	}
	for i, s := range c.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		info := c.infos[i]
		stop := cputime.Track(ctx, info.ID) // newsgraph bench: CPU per stage
		err := safeProcess(ctx, s, a)
		stop()
		if errors.Is(err, ErrSkip) {
			return nil
		}
		if err != nil {
			if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
				return err
			}
			return &StageError{Stage: info.ID, ArticleID: a.ID, Path: a.Source.Path, Err: err}
		}
		a.Provenance.Stages[info.ID] = info.Version
	}
	return nil
}

// safeProcess turns a stage's panic into that article's error, so one bad
// document never takes the run down.
func safeProcess(ctx context.Context, s Stage, a *news.Article) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return s.Process(ctx, a)
}

// Close closes every stage that implements io.Closer.
func (c *Chain) Close() error {
	var errs []error
	for _, s := range c.stages {
		if cl, ok := s.(interface{ Close() error }); ok {
			errs = append(errs, cl.Close())
		}
	}
	return errors.Join(errs...)
}
