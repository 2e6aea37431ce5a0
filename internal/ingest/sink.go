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
		for i, a := range as {
			if !created[i] {
				continue
			}
			if err := AssignStory(ctx, s.st, s.cl, a); err != nil {
				return nil, err
			}
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
	stop := cputime.Track(ctx, "stories") // newsgraph bench: clustering
	asg, err := cl.Assign(story.FromArticle(a))
	stop()
	if err != nil {
		return fmt.Errorf("story of %s: %w", a.ID, err)
	}
	defer cputime.Track(ctx, "stories.store")() // newsgraph bench: recording the story
	if asg.Renamed != "" {
		// The article founds the story now: the story takes its ID
		// (docs/format/store.md, "Identifiers").
		s, ok := cl.Story(asg.Story)
		if !ok {
			return fmt.Errorf("story of %s: story %s is not held", a.ID, asg.Story)
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
