package ner_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/annotate/ner"
	_ "github.com/newsgraph/newsgraph/internal/annotate/sentence"
	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite golden files")

// annotateExample runs the pipeline up to NER over a bundled example.
func annotateExample(t testing.TB, path string) *news.Article {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	chain, err := pipeline.Build([]string{ner.StageID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Raw: raw, Format: news.FormatText}
	if err := chain.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func examples(t testing.TB) []string {
	files, _ := filepath.Glob("../../../testdata/seeds/*.txt")
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	return files
}

// TestGolden compares the mentions found in the bundled examples with
// golden files; run with -update to rewrite them after a deliberate model
// change, and read the diff.
func TestGolden(t *testing.T) {
	for _, f := range examples(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			a := annotateExample(t, f)
			var b strings.Builder
			for _, m := range a.Mentions {
				fmt.Fprintf(&b, "%d\t%d\t%s\t%s\n", m.Start, m.End, m.Type, m.Text)
			}
			got := b.String()
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".txt")+".mentions.golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestSeedArticles checks what issue 4 asks of the two seed articles: every
// listed name is found, as a whole span, with the right type, and never
// with another type.
func TestSeedArticles(t *testing.T) {
	want := map[string]news.EntityType{
		"Pavel Kulazhanka": news.Person, "Vadim Prokopiev": news.Person, "Aliaksiej Skoblia": news.Person,
		"Pavel Kukhta": news.Person, "Nikita Krivtsov": news.Person,
		"Kastus Kalinouski Battalion": news.Org, "Pahonia": news.Org, "KGB": news.Org,
		"International Legion for the Territorial Defense of Ukraine": news.Org,
		"Belarus": news.GPE, "Ukraine": news.GPE, "Russia": news.GPE, "Poland": news.GPE, "Warsaw": news.GPE, "Minsk": news.GPE,
		"Belarusian": news.NORP, "Belarusians": news.NORP, "Ukrainian": news.NORP, "Ukrainians": news.NORP,
	}
	got := map[string]map[news.EntityType]int{}
	var text strings.Builder
	for _, f := range examples(t) {
		a := annotateExample(t, f)
		text.WriteString(a.Text)
		for _, m := range a.Mentions {
			if got[m.Text] == nil {
				got[m.Text] = map[news.EntityType]int{}
			}
			got[m.Text][m.Type]++
		}
	}
	for name, typ := range want {
		if !strings.Contains(text.String(), name) {
			t.Errorf("%q is not in the examples", name)
			continue
		}
		if got[name][typ] == 0 {
			t.Errorf("%q never found as %s (found as %v)", name, typ, got[name])
		}
		for other, n := range got[name] {
			if other != typ {
				t.Errorf("%q found %d times as %s, want %s only", name, n, other, typ)
			}
		}
	}
}

// TestTrainDeterministic trains twice on a tiny corpus with one seed and
// checks the models are byte-identical, that they learn it, and that a
// model survives writing and loading.
func TestTrainDeterministic(t *testing.T) {
	train := tinyCorpus()
	lex, err := ner.DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	var files [2][]byte
	var m *ner.Model
	for i := range files {
		m, err = ner.Train(ner.NewUntrained(lex), train, ner.TrainOptions{Epochs: 5, Seed: 3, MinCount: 1, Folds: 2})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		files[i] = buf.Bytes()
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("two trainings with one seed gave different models")
	}
	if _, _, f := m.Score(train); f < 90 {
		t.Errorf("training F1 %.1f on a corpus it should learn", f)
	}
	m2, err := ner.Load(bytes.NewReader(files[0]), lex)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m.Tag(train[0].Words), m2.Tag(train[0].Words)); diff != "" {
		t.Errorf("loaded model tags differently:\n%s", diff)
	}
	if _, err := ner.Load(bytes.NewReader(files[0][:len(files[0])/2]), lex); err == nil {
		t.Error("a truncated model loaded without error")
	}
	if _, err := ner.Load(strings.NewReader("not a model"), lex); err == nil {
		t.Error("garbage loaded without error")
	}
}

func tinyCorpus() []ner.Example {
	var exs []ner.Example
	people := []string{"Anna Marsh", "Olek Tarn", "Ivo Brandt", "Mira Solt"}
	orgs := []string{"Norwin Bank", "Tarvel Party", "Kesh Corp"}
	places := []string{"Brelin", "Ostrava", "Kalm"}
	for i := 0; i < 12; i++ {
		p := strings.Fields(people[i%len(people)])
		o := strings.Fields(orgs[i%len(orgs)])
		l := places[i%len(places)]
		words := append(append(append([]string{}, p...), "of"), o...)
		words = append(words, "visited", l, ".")
		gold := []ner.Span{
			{Start: 0, End: len(p), Class: ner.PER},
			{Start: len(p) + 1, End: len(p) + 1 + len(o), Class: ner.ORG},
			{Start: len(words) - 2, End: len(words) - 1, Class: ner.LOC},
		}
		exs = append(exs, ner.Example{Words: [][]string{words}, Gold: [][]ner.Span{gold}})
	}
	return exs
}

// BenchmarkTokenizeNER measures tokenising and tagging the bundled examples
// (sentences split beforehand), in tokens per second on one goroutine.
func BenchmarkTokenizeNER(b *testing.B) {
	var arts []*news.Article
	tokens := 0
	for _, f := range examples(b) {
		a := annotateExample(b, f)
		tokens += len(a.Tokens)
		// The stage tags each distinct photo caption too.
		for _, c := range a.Captions {
			tokens += len(token.Tokenize(c.Text))
		}
		arts = append(arts, a)
	}
	tok, _ := pipeline.Lookup("annotate.token")
	tokStage, err := tok.New(nil)
	if err != nil {
		b.Fatal(err)
	}
	m, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	st := &ner.Stage{Model: m}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cputime.Process()
	for i := 0; i < b.N; i++ {
		for _, a := range arts {
			if err := tokStage.Process(ctx, a); err != nil {
				b.Fatal(err)
			}
			if err := st.Process(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// Tokens per second of CPU time: the per-core figure, meaningful even
	// when other processes share the machine (run with -cpu 1).
	if cpu := cputime.Process() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu.Seconds(), "tokens/cpu-s")
	}
}

// FuzzLoad: a model file from outside (eval ner --model) never panics the
// loader.
func FuzzLoad(f *testing.F) {
	lex, err := ner.DefaultLexicon()
	if err != nil {
		f.Fatal(err)
	}
	m, err := ner.Train(ner.NewUntrained(lex), tinyCorpus(), ner.TrainOptions{Epochs: 1, Seed: 1, MinCount: 1})
	if err != nil {
		f.Fatal(err)
	}
	var buf bytes.Buffer
	m.WriteTo(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte("newsgraph-ner\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := ner.Load(bytes.NewReader(b), lex)
		if err == nil {
			m.Tag([][]string{{"Anna", "Marsh", "visited", "Kalm", "."}})
		}
	})
}
