package news

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestTokensRoundTrip(t *testing.T) {
	a := Article{ID: "x", Text: "Kyiv’s mayor spoke."}
	// byte offsets: "Kyiv" 0-4, "’s" 4-8 (’ is 3 bytes), "mayor" 9-14, "spoke" 15-20, "." 20-21
	a.Tokens = []Token{
		{Span: Span{0, 4}, Text: "Kyiv", UPOS: "PROPN", Head: 2, Deprel: "nmod:poss"},
		{Span: Span{4, 8}, Text: "’s", UPOS: "PART", Head: 0, Deprel: "case"},
		{Span: Span{9, 14}, Text: "mayor", UPOS: "NOUN", Head: 3, Deprel: "nsubj"},
		{Span: Span{15, 20}, Text: "spoke", UPOS: "VERB", Head: -1, Deprel: "root"},
		{Span: Span{20, 21}, Text: ".", UPOS: "PUNCT", Head: 3, Deprel: "punct"},
	}
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	// code points in JSON: "’s" is 4-6, "mayor" 7-12
	if !strings.Contains(string(b), `{"start":7,"end":12,"text":"mayor","upos":"NOUN","head":3,"deprel":"nsubj"}`) {
		t.Errorf("tokens not written with code-point offsets and parse: %s", b)
	}
	var back Article
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for i := range a.Tokens {
		if back.Tokens[i] != a.Tokens[i] {
			t.Errorf("token %d: %+v after a round trip, want %+v", i, back.Tokens[i], a.Tokens[i])
		}
	}
	// Without a parse, tokens are not written.
	a.Tokens = []Token{{Span: Span{0, 4}, Text: "Kyiv"}}
	b, _ = json.Marshal(a)
	if strings.Contains(string(b), `"tokens"`) {
		t.Errorf("unparsed tokens written: %s", b)
	}
}

func TestTokenListMatchesEncodingJSON(t *testing.T) {
	ts := []Token{
		{Span: Span{0, 3}, Text: `a"b`, UPOS: "X", Head: -1, Deprel: "root"},
		{Span: Span{3, 9}, Text: "<Ü>&\\", UPOS: "SYM", Head: 0, Deprel: "dep"},
		{Span: Span{9, 10}, Text: "\u2028\x01"},
	}
	got, err := tokenList(ts).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var back []Token
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatalf("%s: %v", got, err)
	}
	for i := range ts {
		if back[i] != ts[i] {
			t.Errorf("token %d: %+v, want %+v (%s)", i, back[i], ts[i], got)
		}
	}
}
