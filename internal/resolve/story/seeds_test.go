package story_test

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/resolve/story"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// TestSeeds runs the whole pipeline on the two seed articles: they tell one
// story, and the compare view tells who quotes whom.
func TestSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every stage")
	}
	var arts []*news.Article
	err := annotate.Run(context.Background(), []string{"../../../examples"}, annotate.Options{Ordered: true, Workers: 1}, func(r pipeline.Result) error {
		if r.Err != nil {
			return r.Err
		}
		arts = append(arts, r.Article)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 {
		t.Fatalf("%d articles, want 2", len(arts))
	}
	c := story.New(story.Config{})
	var ids []string
	for _, a := range arts {
		as, err := c.Assign(story.FromArticle(a))
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s → %s (score %.2f, new %v)", a.Source.Path, as.Story, as.Score, as.New)
		ids = append(ids, as.Story)
	}
	if ids[0] != ids[1] {
		t.Errorf("the seeds went to stories %v, want one", ids)
	}
	cmp := story.Compare(arts)
	for _, o := range cmp.Outlets {
		var qs []string
		for _, q := range o.Quotes {
			qs = append(qs, q.Label+map[bool]string{true: " (only)", false: ""}[q.Only])
		}
		t.Logf("%s quotes: %s", o.Outlet, strings.Join(qs, "; "))
	}
	only := func(outlet, speaker string) bool {
		for _, o := range cmp.Outlets {
			if o.Outlet != outlet {
				continue
			}
			for _, q := range o.Quotes {
				if strings.Contains(q.Label, speaker) && q.Only {
					return true
				}
			}
		}
		return false
	}
	// Compare groups articles by outlet, or by article when the outlet is
	// unknown (000 names none); seeds.jsonl holds 000 first, then 004.
	key := func(a *news.Article) string {
		if o := story.Outlet(a); o != "" {
			return o
		}
		return a.ID
	}
	if !only(key(arts[1]), "Prokopiev") {
		t.Errorf("compare: want only 004 (%s) to quote Prokopiev", key(arts[1]))
	}
	if !only(key(arts[0]), "Kulazhanka") {
		t.Errorf("compare: want only 000 (%s) to quote Kulazhanka", key(arts[0]))
	}
}
