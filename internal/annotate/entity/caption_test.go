package entity_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// TestCaptionFacts runs the pipeline over the sample article whose photo
// captions extraction keeps aside, through the JSON record: each distinct
// caption is annotated once, the people named only there are entities
// marked as caption facts, and the caption's date is kept.
func TestCaptionFacts(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.entity", "annotate.timex"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	raw, err := os.ReadFile("../../../testdata/seeds/004_5d72647e57bd1dce.txt")
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Raw: raw, Format: news.FormatText}
	if err := chain.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var back news.Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Captions) == 0 {
		t.Fatal("no captions kept aside")
	}
	seen := map[string]bool{}
	dated := false
	for _, c := range back.Captions {
		if seen[c.Text] {
			t.Errorf("caption annotated twice: %.40q", c.Text)
		}
		seen[c.Text] = true
		for _, m := range c.Mentions {
			if c.Text[m.Start:m.End] != m.Text {
				t.Errorf("caption mention %q has span text %q", m.Text, c.Text[m.Start:m.End])
			}
			if m.Entity == "" {
				t.Errorf("caption mention %q has no entity", m.Text)
			}
		}
		for _, tm := range c.Times {
			if tm.Text == "Friday, May 20, 2022" && tm.Value == "2022-05-20" {
				dated = true
			}
		}
	}
	if !dated {
		t.Error(`no caption carries the date "Friday, May 20, 2022" (2022-05-20)`)
	}
	ents := map[string]news.Entity{}
	for _, e := range back.Entities {
		ents[e.Name] = e
	}
	for _, name := range []string{"Matthew Parker", "Dariusz Tomysek"} {
		e, ok := ents[name]
		if !ok {
			t.Errorf("%s is not an entity", name)
			continue
		}
		if e.Type != news.Person || !e.CaptionOnly {
			t.Errorf("%s: type %s, caption_only %v; want PERSON, a caption fact", name, e.Type, e.CaptionOnly)
		}
	}
	if e, ok := ents["Alexander Lukashenko"]; !ok || e.CaptionOnly {
		t.Errorf("Alexander Lukashenko, named in the text, is missing or marked a caption fact: %+v", e)
	}
}
