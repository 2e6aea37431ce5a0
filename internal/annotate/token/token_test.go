package token

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

func texts(ts []news.Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte('|')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Putin met Lukashenko.", "Putin|met|Lukashenko|."},
		{"possessive", "Ukraine's army", "Ukraine|'s|army"},
		{"curly possessive", "Lukashenko’s Soviet-style economy", "Lukashenko|’s|Soviet-style|economy"},
		{"plural possessive", "the Ukrainians’ freedom", "the|Ukrainians|’|freedom"},
		{"negation", "They don't know", "They|do|n't|know"},
		{"contractions", "we're sure he'll go, I'd say", "we|'re|sure|he|'ll|go|,|I|'d|say"},
		{"hyphenated words stay whole", "a 50-year-old Kyiv-based fighter", "a|50-year-old|Kyiv-based|fighter"},
		{"O'Brien", "O'Brien said", "O'Brien|said"},
		{"abbreviations", "Mr. Smith of the U.S. Army met Gen. Lee", "Mr.|Smith|of|the|U.S.|Army|met|Gen.|Lee"},
		{"initials", "J. R. R. Tolkien", "J.|R.|R.|Tolkien"},
		{"sentence period", "He left Minsk.", "He|left|Minsk|."},
		{"numbers", "1,000.50 dollars, 3.5% at 10:30 on 1/2", "1,000.50|dollars|,|3.5|%|at|10:30|on|1/2"},
		{"money", "$5 million or €3bn", "$|5|million|or|€|3bn"},
		{"unicode quotes and dashes", "“Life is a leap,” he said — again…", "“|Life|is|a|leap|,|”|he|said|—|again|…"},
		{"single quotes", "‘A long journey’", "‘|A|long|journey|’"},
		{"ellipsis and dashes", "wait... no -- yes", "wait|...|no|--|yes"},
		{"url", "See https://example.com/a?b=1. Then", "See|https://example.com/a?b=1|.|Then"},
		{"www", "at www.example.org, today", "at|www.example.org|,|today"},
		{"email", "write to desk@example.com.", "write|to|desk@example.com|."},
		{"handle and hashtag", "@reuters #Ukraine", "@reuters|#Ukraine"},
		{"brackets", "(AP Photo/Michal Dyjuk)", "(|AP|Photo|/|Michal|Dyjuk|)"},
		{"ampersand company", "AT&T and S&P rose", "AT&T|and|S&P|rose"},
		{"year apostrophe", "the class of '96 won", "the|class|of|'96|won"},
		{"a.m.", "at 4.50 a.m. local", "at|4.50|a.m.|local"},
		{"non-breaking space", "10\u00a0million", "10|million"},
		{"accents", "Zelenskyy met Łukasz in Kraków", "Zelenskyy|met|Łukasz|in|Kraków"},
		{"empty", "", ""},
		{"spaces only", " \n\t ", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := texts(Tokenize(tc.in))
			if got != tc.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestProcessSentences(t *testing.T) {
	a := &news.Article{Text: "Pahonia trains recruits. Minsk is far."}
	a.Sentences = []news.Span{{Start: 0, End: 24}, {Start: 25, End: 38}}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if got, want := texts(a.Tokens), "Pahonia|trains|recruits|.|Minsk|is|far|."; got != want {
		t.Fatalf("tokens %s, want %s", got, want)
	}
	for _, tok := range a.Tokens {
		if a.Text[tok.Start:tok.End] != tok.Text {
			t.Errorf("token %q has span %v holding %q", tok.Text, tok.Span, a.Text[tok.Start:tok.End])
		}
	}
	// A token never crosses a sentence boundary.
	a.Sentences = []news.Span{{Start: 0, End: 10}, {Start: 10, End: 38}}
	if err := Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if got, want := texts(a.Tokens)[:len("Pahonia|tr|ains")], "Pahonia|tr|ains"; got != want {
		t.Fatalf("tokens %s, want prefix %s", texts(a.Tokens), want)
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Ukraine's", "U.S.", "https://x.y/z).", "a@b.c", "'96", "don't", "1,000.5%", "“‘—…", "\xff\xfeA.B", "-", "a-", "O'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		prev := 0
		for _, tok := range toks {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("bad span %v after %d in %q", tok.Span, prev, s)
			}
			if s[tok.Start:tok.End] != tok.Text {
				t.Fatalf("text %q != slice %q", tok.Text, s[tok.Start:tok.End])
			}
			// Skipped bytes are spaces only.
			for _, r := range s[prev:tok.Start] {
				if !isSpace(r) {
					t.Fatalf("skipped %q before %q in %q", s[prev:tok.Start], tok.Text, s)
				}
			}
			prev = tok.End
		}
		for _, r := range s[prev:] {
			if !isSpace(r) {
				t.Fatalf("dropped tail %q of %q", s[prev:], s)
			}
		}
		if utf8.ValidString(s) {
			for _, tok := range toks {
				if !utf8.ValidString(tok.Text) {
					t.Fatalf("token %q splits a rune", tok.Text)
				}
			}
		}
	})
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("Belarusian volunteers, led by Vadim Prokopiev, trained near Warsaw on Friday, May 20, 2022. “It’s a long journey,” said the 50-year-old, who fled Minsk in 2020; the unit's budget is $1.5 million (up 12%). ", 50)
	n := len(Tokenize(text))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	var dst []news.Token
	for i := 0; i < b.N; i++ {
		dst = Append(dst[:0], text, 0, len(text))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
