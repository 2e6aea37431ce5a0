package news

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSONRoundTripOffsets(t *testing.T) {
	text := "“Life is about leaps of faith,” Kulazhanka said. Zelenskyy’s call."
	start := strings.Index(text, "Kulazhanka")
	a := Article{
		ID:        "x",
		Text:      text,
		Sentences: []Span{{0, strings.Index(text, " Zelenskyy")}},
		Mentions:  []Mention{{Span: Span{start, start + len("Kulazhanka")}, Text: "Kulazhanka", Type: Person}},
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		V        int       `json:"v"`
		Text     string    `json:"text"`
		Mentions []Mention `json:"mentions"`
		Sents    [][2]int  `json:"sentences"`
		Quotes   []Quote   `json:"quotes"`
		Removed  []Removed `json:"removed"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	if rec.V != FormatVersion {
		t.Errorf("v = %d, want %d", rec.V, FormatVersion)
	}
	runes := []rune(rec.Text)
	m := rec.Mentions[0]
	if got := string(runes[m.Start:m.End]); got != "Kulazhanka" {
		t.Errorf("code-point slice = %q, want Kulazhanka", got)
	}
	if rec.Quotes == nil || rec.Removed == nil {
		t.Errorf("empty annotation lists must encode as [], got %s", b)
	}
	var back Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a.Mentions, back.Mentions); diff != "" {
		t.Errorf("mentions after round trip (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(a.Sentences, back.Sentences); diff != "" {
		t.Errorf("sentences after round trip (-want +got):\n%s", diff)
	}
}

func TestPublishedNull(t *testing.T) {
	for _, tc := range []struct {
		published string
		want      string
	}{{"", `"published":null`}, {"2022-05-21", `"published":"2022-05-21"`}} {
		b, err := json.Marshal(Article{Published: tc.published})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.want) {
			t.Errorf("published %q encoded as %s, want %s", tc.published, b, tc.want)
		}
		var back Article
		if err := json.Unmarshal(b, &back); err != nil || back.Published != tc.published {
			t.Errorf("round trip of published %q = %q, %v", tc.published, back.Published, err)
		}
	}
}

func TestUnmarshalNewerVersion(t *testing.T) {
	var a Article
	if err := json.Unmarshal([]byte(`{"v": 99, "text": "x"}`), &a); err == nil {
		t.Fatal("decoding a newer record version succeeded, want an error")
	}
}

func TestSentenceOf(t *testing.T) {
	a := Article{Sentences: []Span{{0, 5}, {6, 10}, {10, 20}}}
	for _, tc := range []struct{ off, want int }{{0, 0}, {4, 0}, {5, -1}, {6, 1}, {10, 2}, {19, 2}, {20, -1}} {
		if got := a.SentenceOf(tc.off); got != tc.want {
			t.Errorf("SentenceOf(%d) = %d, want %d", tc.off, got, tc.want)
		}
	}
}
