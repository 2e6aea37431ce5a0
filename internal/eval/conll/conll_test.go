package conll

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const sample = `-DOCSTART- -X- O O

EU NNP I-NP I-ORG
rejects VBZ I-VP O
German JJ I-NP I-MISC
call NN I-NP O
. . O O

Peter NNP I-NP I-PER
Blackburn NNP I-NP I-PER
Smith NNP I-NP B-PER

-DOCSTART- -X- O O

BRUSSELS NNP I-NP I-LOC
1996-08-22 CD I-NP O
`

func TestRead(t *testing.T) {
	docs, err := Read(strings.NewReader(sample), "sample")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || len(docs[1].Sentences) != 1 || !docs[0].Started {
		t.Fatalf("got %d docs: %+v", len(docs), docs)
	}
	if got := docs[0].Sentences[1][2]; got != (Token{Word: "Smith", POS: "NNP", Chunk: "I-NP", Tag: "B-PER"}) {
		t.Errorf("token %+v", got)
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"word\n", "a NN I-NP X-PER\n", "a NN I-NP B-\n"} {
		_, err := Read(strings.NewReader(in), "bad.conll")
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 1 || !strings.Contains(err.Error(), "bad.conll:1") {
			t.Errorf("Read(%q) = %v, want a ParseError at line 1", in, err)
		}
	}
}

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Span
	}{
		{"IOB1 adjacent", "I-PER I-PER B-PER O", []Span{{0, 2, "PER"}, {2, 3, "PER"}}},
		{"IOB2", "B-PER I-PER B-PER O", []Span{{0, 2, "PER"}, {2, 3, "PER"}}},
		{"type change", "I-ORG I-LOC", []Span{{0, 1, "ORG"}, {1, 2, "LOC"}}},
		{"I after O starts", "O I-MISC I-MISC", []Span{{1, 3, "MISC"}}},
		{"open at end", "B-LOC", []Span{{0, 1, "LOC"}}},
		{"none", "O O", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Chunks(strings.Fields(tc.tags))
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("Chunks(%s) (-want +got):\n%s", tc.tags, diff)
			}
		})
	}
	if got, want := strings.Join(IOB1(strings.Fields("B-PER I-PER B-PER O B-LOC B-ORG")), " "), "I-PER I-PER B-PER O I-LOC I-ORG"; got != want {
		t.Errorf("IOB1 = %s, want %s", got, want)
	}
	if !IsIOB1(strings.Fields("O I-PER")) || IsIOB1(strings.Fields("B-PER I-PER")) {
		t.Error("IsIOB1 wrong")
	}
	if got, want := strings.Join(IOB2(strings.Fields("I-PER I-PER B-PER O I-LOC")), " "), "B-PER I-PER B-PER O B-LOC"; got != want {
		t.Errorf("IOB2 = %s, want %s", got, want)
	}
}

// TestScorer checks the counts conlleval prints for a small case worked out
// by hand: gold has PER(0-2) PER(2) LOC(4); the guess gets PER(0-2) right,
// merges nothing, misses LOC and guesses a wrong-type ORG at 2.
func TestScorer(t *testing.T) {
	gold := strings.Fields("I-PER I-PER B-PER O I-LOC")
	pred := strings.Fields("B-PER I-PER B-ORG O O")
	s := NewScorer()
	for i := range gold {
		s.Add(gold[i], pred[i])
	}
	s.Boundary()
	o, by := s.Results()
	if o.Gold != 3 || o.Found != 2 || o.CorrectEn != 1 {
		t.Fatalf("gold %d found %d correct %d, want 3 2 1", o.Gold, o.Found, o.CorrectEn)
	}
	if len(by) != 3 {
		t.Fatalf("types %+v", by)
	}
	var buf bytes.Buffer
	if err := s.Report(&buf); err != nil {
		t.Fatal(err)
	}
	want := "processed 5 tokens with 3 phrases; found: 2 phrases; correct: 1.\n" +
		"accuracy:  40.00%; precision:  50.00%; recall:  33.33%; FB1:  40.00\n" +
		"              LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0\n" +
		"              ORG: precision:   0.00%; recall:   0.00%; FB1:   0.00  1\n" +
		"              PER: precision: 100.00%; recall:  50.00%; FB1:  66.67  1\n"
	if diff := cmp.Diff(want, buf.String()); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

// TestScorerOpenChunkAtEnd: conlleval counts a correct chunk still open
// when input ends without a blank line.
func TestScorerOpenChunkAtEnd(t *testing.T) {
	s := NewScorer()
	s.Add("B-LOC", "B-LOC")
	o, _ := s.Results()
	if o.CorrectEn != 1 || o.F1 != 100 {
		t.Fatalf("%+v", o)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("a b\n\n-DOCSTART-\nc I-X\n")
	f.Add("x B-\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := Read(strings.NewReader(in), "fuzz")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a ParseError", err)
			}
			return
		}
		s := NewScorer()
		for _, d := range docs {
			for _, sent := range d.Sentences {
				tags := make([]string, len(sent))
				for i, tok := range sent {
					tags[i] = tok.Tag
					s.Add(tok.Tag, tok.Tag)
				}
				for _, c := range Chunks(tags) {
					if c.Start < 0 || c.End > len(tags) || c.Start >= c.End {
						t.Fatalf("bad chunk %+v of %v", c, tags)
					}
				}
				s.Boundary()
			}
		}
		// Scoring gold against itself is perfect.
		if o, _ := s.Results(); o.Gold > 0 && o.F1 != 100 {
			t.Fatalf("self-score %+v", o)
		}
	})
}

func TestHalf(t *testing.T) {
	docs := make([]Document, 5)
	for i := range docs {
		docs[i].Sentences = []Sentence{{{Word: strings.Repeat("w", i+1), Tag: "O"}}}
	}
	for _, tc := range []struct {
		half string
		want []string
	}{
		{"A", []string{"w", "www", "wwwww"}},
		{"B", []string{"ww", "wwww"}},
		{"", []string{"w", "ww", "www", "wwww", "wwwww"}},
	} {
		got, err := Half(docs, tc.half)
		if err != nil {
			t.Fatal(err)
		}
		var words []string
		for _, d := range got {
			words = append(words, d.Sentences[0][0].Word)
		}
		if strings.Join(words, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Half(%q) = %v, want %v", tc.half, words, tc.want)
		}
	}
	if _, err := Half(docs, "C"); err == nil {
		t.Error("Half(C): no error")
	}
}
