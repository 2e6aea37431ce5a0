package extract

import "testing"

// TestLanguageDeterministic: texts on which whatlanggo's best languages
// tie (it then answers by map order, so "af" one run and "en" the next)
// get the same answer every time: the declared language, or none.
func TestLanguageDeterministic(t *testing.T) {
	for _, tc := range []struct{ text, declared, want string }{
		{"op kat uit the al wat daar al to to uit", "", ""},
		{"op kat uit the al wat daar al to to uit", "en", "en"},
		{"was hy van kat al by hy was hy van kat al by hy", "", ""},
	} {
		for range 40 {
			if got := Language(tc.text, tc.declared); got != tc.want {
				t.Fatalf("Language(%q, %q) = %q; want %q", tc.text, tc.declared, got, tc.want)
			}
		}
	}
}
