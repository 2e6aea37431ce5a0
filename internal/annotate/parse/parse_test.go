package parse

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate/sentence"
	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/news"
)

func model(t testing.TB) *Model {
	t.Helper()
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// find returns the index of w in words.
func find(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}

// TestRoles checks the relations the event coder reads roles from, on
// sentences written for this test.
func TestRoles(t *testing.T) {
	m := model(t)
	tests := []struct {
		sent      string
		dep, head string // dep is attached to head ...
		rel       string // ... with this relation (its universal part)
	}{
		{"The rebels attacked the convoy near the border .", "rebels", "attacked", "nsubj"},
		{"The rebels attacked the convoy near the border .", "convoy", "attacked", "obj"},
		{"The mayor was arrested by the police on Monday .", "police", "arrested", "obl"},
		{"The mayor was arrested by the police on Monday .", "mayor", "arrested", "nsubj"},
		{"Officials said the army shelled the town overnight .", "shelled", "said", "ccomp"},
		{"Officials said the army shelled the town overnight .", "army", "shelled", "nsubj"},
		{"The minister did not meet the delegation .", "not", "meet", "advmod"},
		{"Protesters marched against the new tax in the capital .", "tax", "marched", "obl"},
		{"The government 's decision angered farmers .", "government", "decision", "nmod"},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.sent)
		p := m.Parse(words)
		d, h := find(words, tt.dep), find(words, tt.head)
		if p.Head[d] != h || universal(p.Deprel[d]) != tt.rel {
			got := "root"
			if p.Head[d] >= 0 {
				got = words[p.Head[d]]
			}
			t.Errorf("%q: %s ← %s %s, want ← %s %s\n  upos %v\n  rels %v", tt.sent, tt.dep, got, p.Deprel[d], tt.head, tt.rel, p.UPOS, p.Deprel)
		}
	}
}

func TestParseIsATree(t *testing.T) {
	m := model(t)
	for _, s := range []string{"", "Hello", "A . B , C ; ( D ) E", strings.Repeat("word ", 300)} {
		words := strings.Fields(s)
		p := m.Parse(words)
		roots := 0
		for i, h := range p.Head {
			if h == -1 {
				roots++
				if p.Deprel[i] != "root" {
					t.Errorf("%q: root %d labelled %q", s, i, p.Deprel[i])
				}
				continue
			}
			if h < 0 || h >= len(words) || h == i {
				t.Fatalf("%q: word %d has head %d", s, i, h)
			}
			// no cycles: following heads reaches the root
			seen := 0
			for x := i; x != -1; x = p.Head[x] {
				if seen++; seen > len(words) {
					t.Fatalf("%q: cycle through word %d", s, i)
				}
			}
		}
		if len(words) > 0 && roots != 1 {
			t.Errorf("%q: %d roots", s, roots)
		}
	}
}

// tiny is a treebank written for the tests.
const tiny = `1	Rebels	rebel	NOUN	NNS	_	2	nsubj	_	_
2	attacked	attack	VERB	VBD	_	0	root	_	_
3	the	the	DET	DT	_	4	det	_	_
4	convoy	convoy	NOUN	NN	_	2	obj	_	_
5	.	.	PUNCT	.	_	2	punct	_	_

1	The	the	DET	DT	_	2	det	_	_
2	mayor	mayor	NOUN	NN	_	4	nsubj:pass	_	_
3	was	be	AUX	VBD	_	4	aux:pass	_	_
4	arrested	arrest	VERB	VBN	_	0	root	_	_
5	by	by	ADP	IN	_	6	case	_	_
6	police	police	NOUN	NN	_	4	obl:agent	_	_
7	.	.	PUNCT	.	_	4	punct	_	_

`

func TestTrainRoundTrip(t *testing.T) {
	// four copies, so that every jackknife fold sees both sentences
	sents, err := ReadCoNLLU(strings.NewReader(strings.Repeat(tiny, 4)), "tiny")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Train(sents, TrainOptions{TagEpochs: 10, ParseEpochs: 10, LabelEpochs: 10, MinLabel: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sc := Evaluate(m, sents); sc.LAS != sc.Words {
		t.Errorf("training sentences not learnt: %s", sc)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("The mayor attacked the police .")
	a, b := m.Parse(words), m2.Parse(words)
	for i := range words {
		if a.Head[i] != b.Head[i] || a.Deprel[i] != b.Deprel[i] || a.UPOS[i] != b.UPOS[i] {
			t.Fatalf("word %d differs after a round trip", i)
		}
	}
	if _, err := Read(strings.NewReader("not a model")); err == nil {
		t.Error("Read accepted garbage")
	}
}

func TestReadCoNLLU(t *testing.T) {
	const in = "# text = They came.\n1-2\tThey're\t_\t_\t_\t_\t_\t_\t_\t_\n1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n"
	s, err := ReadCoNLLU(strings.NewReader(in), "t")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 1 || len(s[0].Words) != 3 || s[0].Head[0] != 1 || s[0].Head[1] != -1 || s[0].Deprel[2] != "punct" {
		t.Fatalf("got %+v", s)
	}
	for _, bad := range []string{"1\tx\n", "2\tx\t_\tX\t_\t_\t0\troot\t_\t_\n", "1\tx\t_\tX\t_\t_\t9\troot\t_\t_\n", "1\tx\t_\tX\t_\t_\tz\troot\t_\t_\n"} {
		if _, err := ReadCoNLLU(strings.NewReader(bad), "bad.conllu"); err == nil || !strings.Contains(err.Error(), "bad.conllu") {
			t.Errorf("%q: error %v, want one naming the input", bad, err)
		}
	}
}

func FuzzReadCoNLLU(f *testing.F) {
	f.Add("1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\t_\n\n")
	f.Add("# c\n1-2\tx\t_\t_\t_\t_\t_\t_\t_\t_\n")
	f.Fuzz(func(t *testing.T, s string) {
		sents, err := ReadCoNLLU(strings.NewReader(s), "fuzz")
		if err != nil {
			return
		}
		for _, x := range sents {
			for _, h := range x.Head {
				if h < -1 || h >= len(x.Words) {
					t.Fatalf("head %d outside %d words", h, len(x.Words))
				}
			}
		}
	})
}

func FuzzRead(f *testing.F) {
	f.Add(shipped[:200])
	f.Fuzz(func(t *testing.T, b []byte) {
		Read(bytes.NewReader(b)) // must not panic
	})
}

func TestStage(t *testing.T) {
	a := &news.Article{Text: "The army shelled the town. Residents fled."}
	a.Sentences = sentence.Split(a.Text, nil)
	if err := token.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	s := &Stage{Model: model(t)}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if !a.Parsed() {
		t.Fatal("tokens carry no parse")
	}
	roots := 0
	for i, tk := range a.Tokens {
		if tk.Head == -1 {
			roots++
			continue
		}
		if a.SentenceOf(a.Tokens[tk.Head].Start) != a.SentenceOf(tk.Start) {
			t.Errorf("token %d %q has its head in another sentence", i, tk.Text)
		}
	}
	if roots != 2 {
		t.Errorf("%d roots, want one per sentence", roots)
	}
}

// reutersSentences reads sentences of Reuters-21578 bodies as token lists.
func reutersSentences(tb testing.TB, files int) [][]string {
	dir := filepath.Join("..", "..", "..", "..", "shared", "eval", "unlabeled", "reuters21578")
	body := regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	var out [][]string
	for i := 0; i < files; i++ {
		b, err := os.ReadFile(filepath.Join(dir, "reut2-"+[]string{"000", "001", "002"}[i]+".xml"))
		if err != nil {
			tb.Skipf("Reuters-21578 not found (%v)", err)
		}
		for _, m := range body.FindAllSubmatch(b, -1) {
			text := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#3;", "").Replace(string(m[1]))
			for _, s := range sentence.Split(text, nil) {
				var ws []string
				for _, t := range token.Append(nil, text, s.Start, s.End) {
					ws = append(ws, t.Text)
				}
				if len(ws) > 0 {
					out = append(out, ws)
				}
			}
		}
	}
	return out
}

// BenchmarkParse tags and parses Reuters-21578 sentences and reports
// tokens per CPU-second.
func BenchmarkParse(b *testing.B) {
	sents := reutersSentences(b, 1)
	m := model(b)
	n := len(sents)
	up, hd, rl := make([]int, 1000), make([]int, 1000), make([]int, 1000)
	toks := 0
	cpu0 := cputime.Process()
	i := 0
	for b.Loop() {
		s := sents[i%n]
		if len(s) > 1000 {
			s = s[:1000]
		}
		i++
		m.ParseInto(s, up, hd, rl)
		toks += len(s)
	}
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(toks)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// BenchmarkLoad reads the shipped model (what the first use costs).
func BenchmarkLoad(b *testing.B) {
	cpu0 := cputime.Process()
	for b.Loop() {
		if _, err := Read(bytes.NewReader(shipped)); err != nil {
			b.Fatal(err)
		}
	}
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(cpu.Seconds()*1000/float64(b.N), "cpu-ms/load")
	}
}

func TestShapeHash(t *testing.T) {
	for _, s := range []string{"Kyiv", "1,000", "U.S.", "ÉTAT", "naïve", "x", "", "abcDEF123-+*"} {
		if shapeHash(s) != hashString(shape(s)) {
			t.Errorf("%q: shapeHash differs from hashString(shape)", s)
		}
	}
}
