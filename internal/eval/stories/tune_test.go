package stories

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/resolve/story"
)

func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip()
	}
	dir := "/work/shared/eval/clustering/ecbplus"
	all, _ := Load(dir, "dev")
	keep := map[string]bool{}
	for _, x := range strings.Split(os.Getenv("TUNE"), ",") {
		keep[x] = true
	}
	var docs []Doc
	for _, d := range all {
		if keep[d.Topic] {
			docs = append(docs, d)
		}
	}
	bdocs, _ := Load(dir, "train")
	var bg []string
	for _, d := range bdocs {
		bg = append(bg, d.Title+"\n"+d.Text)
	}
	for _, ms := range []int{1, 2, 3} {
		for _, sh := range []float64{0.02, 0.05, 0.2} {
			for _, th := range []float64{0.1, 0.16, 0.24, 0.3} {
				for _, nw := range []float64{1, 3} {
					r := Evaluate(docs, bg, story.Config{MinSpecific: ms, SpecificShare: sh, StoryThreshold: th, NameWeight: nw})
					fmt.Printf("ms=%d sh=%.2f th=%.2f nw=%.0f refine F=%.3f (P %.3f R %.3f) one F=%.3f (P %.3f R %.3f)\n", ms, sh, th, nw, r.Ours.F, r.Ours.P, r.Ours.R, r.Incremental.F, r.Incremental.P, r.Incremental.R)
				}
			}
		}
	}
}
