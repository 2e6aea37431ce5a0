package store

import (
	"testing"
	"unicode/utf8"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		in, want string
		empty    bool
	}{
		{in: "Kalinouski", want: "kalinouski"},
		{in: "  Kastus   Kalinouski ", want: "kastus kalinouski"},
		{in: `"Kastus Kalinouski" battalion`, want: `"kastus kalinouski" battalion`},
		{in: `“Kastus Kalinouski”`, want: `"kastus kalinouski"`},
		{in: `"unclosed phrase`, want: `"unclosed phrase"`},
		{in: "belarus*", want: "belarus*"},
		{in: `"kastus kal"*`, want: `"kastus kal"*`},
		{in: "minsk OR warsaw kyiv", want: "minsk OR warsaw kyiv"},
		{in: "OR minsk", want: "minsk"},
		{in: "minsk OR", want: "minsk"},
		{in: "minsk -putin", want: "minsk -putin"},
		{in: "minsk NOT putin", want: "minsk -putin"},
		{in: `minsk -"vladimir putin"`, want: `minsk -"vladimir putin"`},
		{in: "-putin", empty: true, want: "-putin"},
		{in: "title:Tokyo", want: `"title tokyo"`},
		{in: "covid-19", want: `"covid 19"`},
		{in: "O'Neill", want: `"o neill"`},
		{in: "NEAR(a b)", want: `"near a" b`},
		{in: "a AND b", want: "a b"},
		{in: `"" * - ^ ( )`, empty: true},
		{in: "", empty: true},
		{in: "Łukaszenka Лукашенко", want: "łukaszenka лукашенко"},
	}
	for _, tc := range tests {
		q := ParseQuery(tc.in)
		if got := q.String(); got != tc.want || q.Empty() != tc.empty {
			t.Errorf("ParseQuery(%q) = %q (empty %v); want %q (empty %v)", tc.in, got, q.Empty(), tc.want, tc.empty)
		}
	}
}

func TestParseQueryLimits(t *testing.T) {
	long := ""
	for range 100 {
		long += "word "
	}
	q := ParseQuery(long)
	n := 0
	for _, g := range q.All {
		n += len(g)
	}
	if n != maxQueryTerms {
		t.Errorf("ParseQuery of 100 words kept %d terms; want %d", n, maxQueryTerms)
	}
	w := ParseQuery(string(make([]rune, 0)) + "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé")
	if got := w.All[0][0].Words[0]; len(got) > maxWordBytes || !utf8.ValidString(got) {
		t.Errorf("long word kept as %d bytes (valid UTF-8 %v); want at most %d", len(got), utf8.ValidString(got), maxWordBytes)
	}
}

// FuzzParseQuery checks that parsing never panics, that every word it keeps
// is valid UTF-8 made of letters, digits and marks, and that the normalised
// form parses to itself.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"a b", `"a b"*`, "a OR b -c", "NOT", "“x”", "-\"", "a\x00b", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := ParseQuery(s)
		for _, g := range q.All {
			for _, term := range g {
				for _, w := range term.Words {
					if w == "" || !utf8.ValidString(w) || len(w) > maxWordBytes {
						t.Fatalf("ParseQuery(%q): bad word %q", s, w)
					}
				}
			}
		}
		again := ParseQuery(q.String())
		if again.String() != q.String() {
			t.Fatalf("ParseQuery(%q) = %q, which parses to %q", s, q.String(), again.String())
		}
	})
}
