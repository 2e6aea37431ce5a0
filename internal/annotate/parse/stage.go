package parse

import (
	"context"
	"encoding/json"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// StageID is the ID of the parsing stage.
const StageID = "annotate.parse"

func init() {
	pipeline.Register(pipeline.Info{
		ID:       StageID,
		Version:  "1",
		Requires: []string{"annotate.token"},
		Doc:      "tokens → Universal Dependencies parts of speech and labelled dependency trees",
		New: func(json.RawMessage) (pipeline.Stage, error) {
			m, err := Default()
			if err != nil {
				return nil, err
			}
			return &Stage{Model: m}, nil
		},
	})
}

// Stage parses every sentence of an article.
type Stage struct{ Model *Model }

// MaxWords is the longest sentence the stage parses; longer ones (tables,
// lists run together) are parsed in pieces of this many words.
const MaxWords = 200

// Process fills the UPOS, Head and Deprel of a.Tokens, sentence by sentence.
func (s *Stage) Process(ctx context.Context, a *news.Article) error {
	toks := a.Tokens
	var words []string
	var upos, head, rel []int
	for start := 0; start < len(toks); {
		if start%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		// the tokens of one sentence: up to the next sentence boundary
		sent := a.SentenceOf(toks[start].Start)
		end := start + 1
		for end < len(toks) && end-start < MaxWords && a.SentenceOf(toks[end].Start) == sent {
			end++
		}
		n := end - start
		words = words[:0]
		for _, t := range toks[start:end] {
			words = append(words, t.Text)
		}
		upos, head, rel = grow(upos, n), grow(head, n), grow(rel, n)
		s.Model.ParseInto(words, upos, head, rel)
		for i := range n {
			t := &toks[start+i]
			t.UPOS = UPOS[upos[i]]
			t.Deprel = s.Model.labels[rel[i]]
			if head[i] < 0 {
				t.Head = -1
			} else {
				t.Head = start + head[i]
			}
		}
		start = end
	}
	return nil
}

func grow(p []int, n int) []int {
	if cap(p) < n {
		return make([]int, n)
	}
	return p[:n]
}
