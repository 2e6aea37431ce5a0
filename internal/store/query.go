package store

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Query limits: longer queries are cut, never rejected.
const (
	maxQueryTerms = 32
	maxWordBytes  = 100
)

// Term is a word or a phrase of a search query.
type Term struct {
	// Words are the words of the term, in order; more than one make a
	// phrase that must appear as written.
	Words []string
	// Prefix matches any word that begins with the last word.
	Prefix bool
}

// Query is a parsed search query: every group must match (a group matches
// when any of its terms does) and no excluded term may.
type Query struct {
	All  [][]Term
	None []Term
}

// Empty reports whether q matches nothing because it has no positive term.
func (q Query) Empty() bool { return len(q.All) == 0 }

// ParseQuery parses a user's search query. It accepts any string and never
// fails; what it does not understand it treats as words. The syntax:
//
//	kalinouski battalion      both words (in any order, stemmed)
//	"kastus kalinouski"       the phrase
//	belarus*                  words beginning with "belarus"
//	minsk OR warsaw           either word
//	-putin, NOT putin         documents without the word
//
// Words are runs of letters and digits, as the full-text index sees them;
// other characters separate words.
func ParseQuery(s string) Query {
	var q Query
	var pendingOr, pendingNot bool
	terms := 0
	add := func(t Term, not bool) {
		if len(t.Words) == 0 || terms >= maxQueryTerms {
			return
		}
		terms++
		switch {
		case not:
			q.None = append(q.None, t)
		case pendingOr && len(q.All) > 0:
			last := len(q.All) - 1
			q.All[last] = append(q.All[last], t)
		default:
			q.All = append(q.All, []Term{t})
		}
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
			continue
		case r == '"' || r == '“' || r == '”':
			// A phrase, up to the closing quote or the end.
			j := i + w
			end := len(s)
			next := len(s)
			for k := j; k < len(s); {
				r2, w2 := utf8.DecodeRuneInString(s[k:])
				if r2 == '"' || r2 == '“' || r2 == '”' {
					end, next = k, k+w2
					break
				}
				k += w2
			}
			t := Term{Words: words(s[j:end])}
			if next < len(s) && s[next] == '*' {
				t.Prefix = true
				next++
			}
			add(t, pendingNot)
			pendingOr, pendingNot = false, false
			i = next
			continue
		}
		// A bare token, up to the next space or quote.
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) || r2 == '"' || r2 == '“' || r2 == '”' {
				break
			}
			j += w2
		}
		tok := s[i:j]
		i = j
		switch tok {
		case "OR", "|":
			pendingOr = len(q.All) > 0
			continue
		case "AND", "&":
			continue
		case "NOT":
			pendingNot = true
			continue
		}
		not := pendingNot
		if strings.HasPrefix(tok, "-") {
			not = true
			tok = strings.TrimLeft(tok, "-")
			if tok == "" { // -"a phrase"
				pendingNot = true
				continue
			}
		}
		prefix := strings.HasSuffix(tok, "*")
		ws := words(tok)
		// "o'neill" and "covid-19" are several index words: keep them
		// together as a phrase.
		t := Term{Words: ws, Prefix: prefix && len(ws) > 0}
		add(t, not)
		pendingOr, pendingNot = false, false
	}
	return q
}

// words splits s into runs of letters, digits and combining marks, lower
// case, each at most maxWordBytes long.
func words(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(s[start:end])
			if len(w) > maxWordBytes {
				w = w[:maxWordBytes]
				for !utf8.ValidString(w) {
					w = w[:len(w)-1]
				}
			}
			if hasLetterOrDigit(w) {
				out = append(out, w)
			}
			start = -1
		}
	}
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(s))
	return out
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// String returns q in the syntax ParseQuery reads, normalised.
func (q Query) String() string {
	var b strings.Builder
	term := func(t Term) {
		if len(t.Words) == 1 {
			b.WriteString(t.Words[0])
		} else {
			b.WriteString(`"` + strings.Join(t.Words, " ") + `"`)
		}
		if t.Prefix {
			b.WriteByte('*')
		}
	}
	for i, g := range q.All {
		if i > 0 {
			b.WriteByte(' ')
		}
		for j, t := range g {
			if j > 0 {
				b.WriteString(" OR ")
			}
			term(t)
		}
	}
	for _, t := range q.None {
		b.WriteString(" -")
		term(t)
	}
	return strings.TrimSpace(b.String())
}
