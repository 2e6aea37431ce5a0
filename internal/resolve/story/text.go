package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one token of an article's text with what the clusterer needs to
// know about it.
type word struct {
	norm    string // lower case, light stemming
	raw     string
	capital bool // starts with an upper-case letter
	initial bool // first word of a sentence, line or quote
	number  bool
}

// words splits text into words. Punctuation is dropped, but ends of sentences
// mark the next word as initial so that capitalised sentence starts are not
// taken for names.
func words(text string) []word {
	var out []word
	initial := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch r {
			case '.', '!', '?', '\n', '"', '“', '”', ':', '‘', '(', ')':
				initial = true
			}
			i += size
			continue
		}
		j := i
		for j < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) || ((r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == ',') && j+s2 < len(text) && nextIsWord(text[j+s2:], r2)) {
				j += s2
				continue
			}
			break
		}
		raw := text[i:j]
		first, _ := utf8.DecodeRuneInString(raw)
		w := word{raw: raw, capital: unicode.IsUpper(first), initial: initial, number: unicode.IsDigit(first)}
		w.norm = normWord(raw, w.number)
		out = append(out, w)
		initial = false
		i = j
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// nextIsWord reports whether an inner mark (apostrophe, hyphen, or a decimal
// point or thousands comma between digits) continues a word.
func nextIsWord(rest string, mark rune) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	if mark == '.' || mark == ',' {
		return unicode.IsDigit(r)
	}
	return isWordRune(r)
}

// normWord lower-cases a word, drops possessives and thousands separators and
// strips a plural s.
func normWord(raw string, number bool) string {
	s := strings.ToLower(raw)
	s = strings.ReplaceAll(s, "’", "'")
	if number {
		return strings.ReplaceAll(s, ",", "")
	}
	s = strings.TrimSuffix(s, "'s")
	if n := len(s); n > 4 && s[n-1] == 's' && s[n-2] != 's' && s[n-2] != 'u' && s[n-2] != 'i' {
		s = s[:n-1]
		if strings.HasSuffix(s, "ie") && len(s) > 4 {
			s = s[:len(s)-2] + "y"
		}
	}
	return s
}

// stopwords are function words and reporting verbs, which say nothing about
// which story an article tells.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves said say says told tell according added ha wa
one two three first last new year years day days time week weeks month months mr mrs ms dr monday tuesday wednesday thursday
friday saturday sunday today yesterday tomorrow may might must us via like get got make made many much since still even
well back around another however including among people report reported news image photo getty reuters ap afp`) {
		m[w] = true
	}
	return m
}()
