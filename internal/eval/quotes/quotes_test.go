package quotes

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/news"
)

// A small article of our own with BRAT annotations over it.
const sampleText = "“We will win,” said Anna Berg. Officials said the vote was fair.\n\nBerg’s rival was silent."

const sampleAnn = "T1\tContent 1 12\tWe will win\n" +
	"T2\tCue 15 19\tsaid\n" +
	"T3\tSource 20 29\tAnna Berg\n" +
	"T4\tAttribution 15 19\tsaid\n" +
	"E1\tAttribution:T4 Content:T1 Cue:T2 Source:T3\n" +
	"T5\tSource 31 40\tOfficials\n" +
	"T6\tCue 41 45\tsaid\n" +
	"T7\tContent 46 63;63 63\tthe vote was fair\n" +
	"T8\tAttribution 41 45\tsaid\n" +
	"E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5\n" +
	"#1\tAnnotatorNotes T7\ta note\n" +
	"R1\tSomething Arg1:T1 Arg2:T3\n"

func TestParseBRAT(t *testing.T) {
	b, err := ParseBRAT(strings.NewReader(sampleAnn))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.TextBounds) != 8 || len(b.Events) != 2 {
		t.Fatalf("got %d text-bounds and %d events, want 8 and 2", len(b.TextBounds), len(b.Events))
	}
	if got, want := b.TextBounds["T7"].Fragments, []Fragment{{46, 63}, {63, 63}}; !cmp.Equal(got, want) {
		t.Errorf("T7 fragments = %v, want %v", got, want)
	}
	if got := b.Events[0].Args["Source"]; !cmp.Equal(got, []string{"T3"}) {
		t.Errorf("E1 source = %v, want [T3]", got)
	}
}

func TestParseBRATErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"no ID", "hello\n", "line 1: no annotation ID"},
		{"bad offsets", "T1\tContent 5 x\tfoo\n", "line 1: text-bound T1: bad fragment"},
		{"end before start", "T1\tContent 9 5\tfoo\n", "line 1: text-bound T1: bad fragment"},
		{"dangling argument", "T1\tCue 0 1\ta\nE1\tAttribution:T1 Content:T9\n", "event E1: Content argument T9"},
		{"duplicate", "T1\tCue 0 1\ta\nT1\tCue 0 1\ta\n", "line 2: duplicate ID T1"},
		{"bad trigger", "E1\tAttribution\n", "line 1: event E1: bad trigger"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBRAT(strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrSyntax) {
				t.Errorf("ParseBRAT(%q) error = %v, want one containing %q wrapping ErrSyntax", tt.in, err, tt.want)
			}
		})
	}
}

func TestAttributionsCodePoints(t *testing.T) {
	b, err := ParseBRAT(strings.NewReader(sampleAnn))
	if err != nil {
		t.Fatal(err)
	}
	gold, err := Attributions(b, sampleText)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 {
		t.Fatalf("got %d attributions, want 2", len(gold))
	}
	for i, want := range []string{"Anna Berg", "Officials"} {
		s := gold[i].Source[0]
		if got := sampleText[s.Start:s.End]; got != want {
			t.Errorf("attribution %d source = %q, want %q", i, got, want)
		}
	}
	if c := gold[1].Content[0]; sampleText[c.Start:c.End] != "the vote was fair" {
		t.Errorf("attribution 1 content = %q", sampleText[c.Start:c.End])
	}
	if !gold[0].Direct || gold[1].Direct {
		t.Errorf("direct = %v, %v; want true, false", gold[0].Direct, gold[1].Direct)
	}
	if _, err := Attributions(&BRAT{TextBounds: map[string]*TextBound{"T1": {ID: "T1", Fragments: []Fragment{{0, 999}}}},
		Events: []Event{{ID: "E1", Type: "Attribution", Args: map[string][]string{"Content": {"T1"}}}}}, sampleText); err == nil {
		t.Error("offset past the end: no error")
	}
}

func TestScore(t *testing.T) {
	b, _ := ParseBRAT(strings.NewReader(sampleAnn))
	gold, _ := Attributions(b, sampleText)
	span := func(s string) news.Span {
		i := strings.Index(sampleText, s)
		return news.Span{Start: i, End: i + len(s)}
	}
	ptr := func(s news.Span) *news.Span { return &s }
	tests := []struct {
		name   string
		quotes []news.Quote
		want   Counts
	}{
		{"all right", []news.Quote{
			{Span: span("We will win"), SpeakerSpan: ptr(span("Anna Berg")), SpeakerName: "Anna Berg", Kind: news.QuoteDirect},
			{Span: span("the vote was fair"), SpeakerSpan: ptr(span("Officials")), SpeakerName: "Officials", Kind: news.QuoteIndirect},
		}, Counts{Pred: 2, PredMatched: 2, Gold: 2, GoldMatched: 2, DirectPred: 1, DirectPredMatched: 1, DirectGold: 1, DirectGoldMatched: 1}},
		{"wrong speaker", []news.Quote{
			{Span: span("We will win"), SpeakerSpan: ptr(span("Berg’s rival")), SpeakerName: "rival", Kind: news.QuoteDirect},
		}, Counts{Pred: 1, Gold: 2, DirectPred: 1, DirectGold: 1, ContentOnly: 1}},
		{"speaker by name elsewhere", []news.Quote{
			{Span: span("We will win"), SpeakerSpan: ptr(span("Berg’s")), SpeakerName: "Anna Berg", Kind: news.QuoteDirect},
		}, Counts{Pred: 1, PredMatched: 1, Gold: 2, GoldMatched: 1, DirectPred: 1, DirectPredMatched: 1, DirectGold: 1, DirectGoldMatched: 1}},
		{"too little overlap", []news.Quote{
			{Span: news.Span{Start: span("fair").Start, End: span("rival").End}, SpeakerSpan: ptr(span("Officials")), Kind: news.QuoteIndirect},
		}, Counts{Pred: 1, Gold: 2, DirectGold: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &news.Article{Text: sampleText, Quotes: tt.quotes}
			if diff := cmp.Diff(tt.want, Score(a, gold)); diff != "" {
				t.Errorf("Score (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"text", "attributions"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("text/a.txt", sampleText)
	write("attributions/a_x1.ann", sampleAnn)
	write("attributions/a_x2.ann", "T1\tContent 0 1\tx\nE1\tAttribution:T1 Content:T1\n")
	docs, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Gold) != 2 {
		t.Fatalf("Load: %d docs, want 1 with 2 attributions (the first annotator's file)", len(docs))
	}
	if a := docs[0].Article(); len(a.Paragraphs) != 2 {
		t.Errorf("paragraphs = %v, want 2", a.Paragraphs)
	}
	write("attributions/a_x1.ann", "oops\n")
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "a_x1.ann") {
		t.Errorf("Load with a bad file: error %v, want one naming a_x1.ann", err)
	}
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty directory: no error")
	}
}

func FuzzParseBRAT(f *testing.F) {
	f.Add(sampleAnn)
	f.Add("T1\tContent 0 5;7 9\tab\ncd\nE1\tAttribution:T1 Content:T1 Content2:T1\n")
	f.Add("")
	f.Add("E1\t:\n")
	f.Fuzz(func(t *testing.T, in string) {
		b, err := ParseBRAT(strings.NewReader(in))
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("error %v does not wrap ErrSyntax", err)
			}
			return
		}
		for _, tb := range b.TextBounds {
			for _, fr := range tb.Fragments {
				if fr.Start < 0 || fr.End < fr.Start {
					t.Fatalf("bad fragment %v accepted", fr)
				}
			}
		}
		// gold extraction over any text must not panic
		if _, err := Attributions(b, sampleText); err != nil && !strings.Contains(err.Error(), "past the end") {
			t.Fatalf("Attributions: %v", err)
		}
	})
}
