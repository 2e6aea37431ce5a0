package sentence

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

func TestEvaluate(t *testing.T) {
	const conllu = "# newdoc id = d1\n# newpar id = p1\n# text = It rained.\n1\tIt\n\n# text = Then it stopped.\n1\tThen\n\n" +
		"# newpar id = p2\n# text = One more.\n1\tOne\n"
	paras, err := ReadCoNLLU(strings.NewReader(conllu))
	if err != nil {
		t.Fatal(err)
	}
	if len(paras) != 2 || len(paras[0].Sentences) != 2 {
		t.Fatalf("paragraphs = %+v", paras)
	}
	perfect := func(text string) []news.Span {
		if i := strings.Index(text, ". "); i >= 0 {
			return []news.Span{{Start: 0, End: i + 1}, {Start: i + 2, End: len(text)}}
		}
		return []news.Span{{Start: 0, End: len(text)}}
	}
	if s := Evaluate(paras, perfect); s != (Score{TP: 1}) {
		t.Errorf("perfect splitter scored %+v", s)
	}
	none := func(text string) []news.Span { return []news.Span{{Start: 0, End: len(text)}} }
	if s := Evaluate(paras, none); s != (Score{FN: 1}) || s.F1() != 0 {
		t.Errorf("no-split scored %+v", s)
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add("# newpar\n# text = a b.\n")
	f.Fuzz(func(t *testing.T, s string) {
		ReadCoNLLU(strings.NewReader(s))
	})
}
