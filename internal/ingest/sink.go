package ingest

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve/story"
	"github.com/newsgraph/newsgraph/internal/store"
)

// SinkOptions controls [NewSink].
type SinkOptions struct {
	// NoStories turns off story clustering of new articles.
	NoStories bool
	// Errors receives warnings (a stored record that cannot be decoded).
	Errors io.Writer
}

// Sink stores annotated articles and puts the new ones into stories. The
// store links each article's entities to global ones as it stores it, and
// the sink's story clusterer, rebuilt from the store when the sink is made,
// assigns stories. Write is called from one goroutine at a time; a store
// has one sink writing to it at a time, or stories split.
type Sink struct {
	st store.Store
	cl *story.Clusterer
}

// NewSink returns a sink writing to st. Unless opt.NoStories is set it
// rebuilds the story clusterer from the store (see [RestoreStories]).
func NewSink(ctx context.Context, st store.Store, opt SinkOptions) (*Sink, error) {
	if opt.Errors == nil {
		opt.Errors = io.Discard
	}
	s := &Sink{st: st}
	if !opt.NoStories {
		cl, err := RestoreStories(ctx, st, opt.Errors)
		if err != nil {
			return nil, err
		}
		s.cl = cl
	}
	return s, nil
}

// Write stores as in one transaction, in order, and assigns each new
// article a story. created[i] reports whether as[i] was new; storing an
// article already stored changes nothing, so Write is safe to repeat.
func (s *Sink) Write(ctx context.Context, as []*news.Article) (created []bool, err error) {
	stop := cputime.Track(ctx, "store") // newsgraph bench: store write, with resolution
	created, err = s.st.PutMany(ctx, as)
	stop()
	if err != nil {
		return nil, err
	}
	if s.cl != nil {
		// New articles' stories are recorded together, in one
		// transaction where the store can (store.StoryBatcher); a story
		// that changes ID is written whole, after the assignments
		// before it.
		var batch []store.StoryAssignment
		for i, a := range as {
			if !created[i] {
				continue
			}
			asg, err := assign(ctx, s.st, s.cl, a, func() error {
				err := setStories(ctx, s.st, batch)
				batch = batch[:0]
				return err
			})
			if err != nil {
				return nil, err
			}
			if asg != nil {
				batch = append(batch, *asg)
			}
		}
		if err := setStories(ctx, s.st, batch); err != nil {
			return nil, err
		}
	}
	return created, nil
}

// RestoreWindow is how far back from the newest stored article
// [RestoreStories] replays articles into the story clusterer: new
// articles join stories whose latest article is within a few days of them,
// so older stories need not be in memory.
const RestoreWindow = 30 * 24 * time.Hour

// RestoreStories rebuilds the story clusterer from the store: articles
// already in a story and published within RestoreWindow of the newest one
// (or undated) are replayed into it, and stored articles without a story
// (stored before story clustering ran, or by a run killed between storing
// and clustering) are assigned now, in the order they were stored. Memory
// stays bounded by the window; the scan of the stored records is linear
// but decodes only their dates outside it.
func RestoreStories(ctx context.Context, st store.Store, errs io.Writer) (*story.Clusterer, error) {
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
			cutoff = t.Add(-RestoreWindow).Format("2006-01-02")
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
		return AssignStory(ctx, st, cl, a)
	}})
	if err != nil {
		return nil, fmt.Errorf("restoring stories: %w", err)
	}
	return cl, nil
}

// AssignStory puts a stored article into a story and records it.
func AssignStory(ctx context.Context, st store.Store, cl *story.Clusterer, a *news.Article) error {
	asg, err := assign(ctx, st, cl, a, func() error { return nil })
	if err != nil || asg == nil {
		return err
	}
	return setStories(ctx, st, []store.StoryAssignment{*asg})
}

// assign puts a stored article into a story. When the story changes ID
// (the article founds it), it calls flush and then writes the whole story,
// and returns nil; otherwise it returns the assignment to record.
func assign(ctx context.Context, st store.Store, cl *story.Clusterer, a *news.Article, flush func() error) (*store.StoryAssignment, error) {
	stop := cputime.Track(ctx, "stories") // newsgraph bench: clustering
	asg, err := cl.Assign(story.FromArticle(a))
	stop()
	if err != nil {
		return nil, fmt.Errorf("story of %s: %w", a.ID, err)
	}
	if asg.Renamed == "" {
		return &store.StoryAssignment{Doc: a.ID, Story: asg.Story, DuplicateOf: asg.DuplicateOf}, nil
	}
	// The article founds the story now: the story takes its ID
	// (docs/format/store.md, "Identifiers").
	s, ok := cl.Story(asg.Story)
	if !ok {
		return nil, fmt.Errorf("story of %s: story %s is not held", a.ID, asg.Story)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	defer cputime.Track(ctx, "stories.store")() // newsgraph bench: recording stories
	if err := st.PutStory(ctx, s); err != nil {
		return nil, fmt.Errorf("story of %s: %w", a.ID, err)
	}
	return nil, nil
}

// setStories records story assignments: in one transaction where the
// store can, else one by one.
func setStories(ctx context.Context, st store.Store, as []store.StoryAssignment) error {
	if len(as) == 0 {
		return nil
	}
	defer cputime.Track(ctx, "stories.store")() // newsgraph bench: recording stories
	if b, ok := st.(store.StoryBatcher); ok {
		if err := b.SetStories(ctx, as); err != nil {
			return fmt.Errorf("stories of %d articles: %w", len(as), err)
		}
		return nil
	}
	for _, a := range as {
		if err := st.SetStory(ctx, a.Doc, a.Story, a.DuplicateOf); err != nil {
			return fmt.Errorf("story of %s: %w", a.Doc, err)
		}
	}
	return nil
}
