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
	}
	// The later article is published first: it founds the story, which
	// takes its ID; ask for both at the end.
	for _, a := range arts {
		id, _ := c.StoryOf(a.ID)
		ids = append(ids, id)
	}
	if ids[0] != ids[1] {
		t.Errorf("the seeds went to stories %v, want one", ids)
	}
	checkSeedComparison(t, story.Compare(arts), arts)
}

// checkSeedComparison checks the compare view of the two seeds (000 first,
// then 004): Zelenskyy and the Kastus Kalinouski Battalion are shared, each
// with both outlets' spellings; Prokopiev is quoted only by 004 and
// Kulazhanka only by 000; figures carry whole words.
func checkSeedComparison(t *testing.T, c story.Comparison, arts []*news.Article) {
	t.Helper()
	// Compare groups articles by outlet, or by article when the outlet is
	// unknown (000 names none).
	key := func(a *news.Article) string {
		if o := story.Outlet(a); o != "" {
			return o
		}
		return a.ID
	}
	o000, o004 := key(arts[0]), key(arts[1])
	if len(c.Outlets) != 2 {
		t.Fatalf("compare: %d outlets; want 2", len(c.Outlets))
	}
	shared := func(label string, spell000, spell004 string) {
		t.Helper()
		for _, it := range c.Shared.Entities {
			if !strings.Contains(it.Label, label) {
				continue
			}
			if !containsS(it.Spellings[o000], spell000) || !containsS(it.Spellings[o004], spell004) {
				t.Errorf("shared %s: spellings %v; want %q from 000 and %q from 004", label, it.Spellings, spell000, spell004)
			}
			return
		}
		t.Errorf("compare: %s is not a shared entity: %+v", label, c.Shared.Entities)
	}
	shared("Zelensk", "Volodymyr Zelensky", "Volodymyr Zelenskyy")
	shared("Kastus Kalinouski", "Kastus Kalinouski Battalion", "Kastus Kalinouski")
	for _, o := range c.Outlets {
		for _, q := range o.Quotes {
			t.Logf("%s quote %s (only %v)", o.Outlet, q.Label, q.Only)
			if strings.Contains(q.Label, "Prokopiev") && (o.Outlet != o004 || !q.Only) {
				t.Errorf("%s quotes Prokopiev (%s, only %v); want only 004 to", o.Outlet, q.Label, q.Only)
			}
			if strings.Contains(q.Label, "Kulazhanka") && (o.Outlet != o000 || !q.Only) {
				t.Errorf("%s quotes Kulazhanka (%s, only %v); want only 000 to", o.Outlet, q.Label, q.Only)
			}
		}
	}
	quoted := map[string]bool{}
	for _, o := range c.Outlets {
		for _, q := range o.Quotes {
			quoted[o.Outlet+" "+strings.SplitN(q.Label, ":", 2)[0]] = true
		}
	}
	if !quoted[o004+" Vadim Prokopiev"] || !quoted[o000+" Pavel Kulazhanka"] {
		t.Errorf("quoted speakers %v; want Prokopiev in 004 and Kulazhanka in 000", quoted)
	}
	// Figures: the evidence is whole words of the article.
	texts := map[string]string{o000: arts[0].Text, o004: arts[1].Text}
	figs := 0
	for _, o := range c.Outlets {
		words := map[string]bool{}
		for _, w := range strings.Fields(texts[o.Outlet]) {
			words[w] = true
		}
		for _, f := range o.Figures {
			for _, ev := range f.Evidence {
				figs++
				fs := strings.Fields(ev)
				if len(fs) > 0 && (!words[fs[0]] && !strings.HasPrefix(texts[o.Outlet], fs[0]) || !words[fs[len(fs)-1]] && !strings.HasSuffix(texts[o.Outlet], fs[len(fs)-1])) {
					t.Errorf("%s figure %s: evidence %q is cut inside a word", o.Outlet, f.Label, ev)
				}
			}
		}
	}
	if figs == 0 {
		t.Error("compare: no figures")
	}
}

func containsS(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
