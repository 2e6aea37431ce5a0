package coref

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

// A document of our own in GUM's format: "Anna Berg met Tom. Berg's
// school won." Anna Berg and Berg are chain 1 (person); Tom chain 2; the
// school chain 3 (not named).
const sample = `# newdoc id = test_doc
# newpar
# sent_id = test-1
1	Anna	Anna	PROPN	NNP	_	2	compound	_	Entity=(1-person-new-s-cf1-1,2-coref-Anna_Berg
2	Berg	Berg	PROPN	NNP	_	3	nsubj	_	Entity=1)
3	met	meet	VERB	VBD	_	0	root	_	_
4	Tom	Tom	PROPN	NNP	_	3	obj	_	Entity=(2-person-new-s-cf2-1-sgl)|SpaceAfter=No
5	.	.	PUNCT	.	_	3	punct	_	_

# newpar
# sent_id = test-2
1-2	Berg's	_	_	_	_	_	_	_	_
1	Berg	Berg	PROPN	NNP	_	3	nmod:poss	_	Entity=(3-place-new-s-cf1-2-coref(1-person-giv-s-cf1-1-coref)
2	's	's	PART	POS	_	1	case	_	_
3	school	school	NOUN	NN	_	4	nsubj	_	Entity=3)
4	won	win	VERB	VBD	_	0	root	_	SpaceAfter=No
5	.	.	PUNCT	.	_	4	punct	_	_
`

func TestReadGUM(t *testing.T) {
	docs, err := ReadGUM(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	d := docs[0]
	if want := "Anna Berg met Tom.\n\nBerg's school won."; d.Text != want {
		t.Errorf("text = %q, want %q", d.Text, want)
	}
	var got []string
	for _, m := range d.Mentions {
		named := ""
		if m.Named {
			named = "*"
		}
		got = append(got, m.Group+":"+d.Text[m.Span.Start:m.Span.End]+named)
	}
	want := "1:Anna Berg* 2:Tom* 1:Berg's* 3:Berg's school"
	if strings.Join(got, " ") != want {
		t.Errorf("mentions = %q, want %q", strings.Join(got, " "), want)
	}
	if len(d.Paragraphs) != 2 {
		t.Errorf("paragraphs = %v, want 2", d.Paragraphs)
	}
}

func TestReadGUMErrors(t *testing.T) {
	for _, in := range []string{
		"1\tA\tA\tX\n",
		"1\tA\tA\tPROPN\t_\t_\t0\troot\t_\tEntity=3)\n",
		"1\tA\tA\tPROPN\t_\t_\t0\troot\t_\tEntity=(x\n",
		"x-y\tA\t_\t_\t_\t_\t_\t_\t_\t_\n",
	} {
		if _, err := ReadGUM(strings.NewReader(in)); !errors.Is(err, ErrSyntax) {
			t.Errorf("ReadGUM(%q) error = %v, want ErrSyntax", in, err)
		}
	}
}

func TestScore(t *testing.T) {
	docs, _ := ReadGUM(strings.NewReader(sample))
	d := docs[0]
	span := func(s string, from int) news.Span {
		i := strings.Index(d.Text[from:], s) + from
		return news.Span{Start: i, End: i + len(s)}
	}
	second := strings.Index(d.Text, "\n")
	tests := []struct {
		name    string
		sys     []news.Mention
		p, r    float64
		aligned int
	}{
		{"perfect", []news.Mention{
			{Span: span("Anna Berg", 0), Entity: "E1"}, {Span: span("Tom", 0), Entity: "E2"}, {Span: span("Berg", second), Entity: "E1"},
		}, 1, 1, 3},
		{"all apart", []news.Mention{
			{Span: span("Anna Berg", 0), Entity: "E1"}, {Span: span("Tom", 0), Entity: "E2"}, {Span: span("Berg", second), Entity: "E3"},
		}, 1, (0.5 + 1 + 0.5) / 3, 3},
		{"all together", []news.Mention{
			{Span: span("Anna Berg", 0), Entity: "E1"}, {Span: span("Tom", 0), Entity: "E1"}, {Span: span("Berg", second), Entity: "E1"},
		}, (2.0/3 + 1.0/3 + 2.0/3) / 3, 1, 3},
		{"nothing found", nil, 1, (0.5 + 1 + 0.5) / 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Score(d, tt.sys)
			p, r, _ := res.PRF()
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || res.Aligned != tt.aligned {
				t.Errorf("Score: P=%.3f R=%.3f aligned %d, want P=%.3f R=%.3f aligned %d", p, r, res.Aligned, tt.p, tt.r, tt.aligned)
			}
		})
	}
}

func FuzzReadGUM(f *testing.F) {
	f.Add(sample)
	f.Add("1-3\tx\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tPROPN\t_\t_\t0\troot\t_\tEntity=(1-person)\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := ReadGUM(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v does not wrap ErrSyntax", err)
			}
			return
		}
		for _, d := range docs {
			for _, m := range d.Mentions {
				if m.Span.Start < 0 || m.Span.End > len(d.Text) || m.Span.Start > m.Span.End {
					t.Fatalf("mention span %v outside text of %d bytes", m.Span, len(d.Text))
				}
			}
			Score(d, nil)
		}
	})
}
