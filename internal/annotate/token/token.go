// Package token splits news English into tokens with byte offsets: the
// "annotate.token" stage, shared by every stage after it.
//
// Tokens follow the conventions of the CoNLL-2003 and Penn Treebank news
// corpora, so that models trained on them see what they were trained on:
// hyphenated words stay whole ("50-year-old"), possessives and contractions
// split off ("Ukraine" "'s", "do" "n't"), abbreviations and initials keep
// their periods ("U.S.", "Mr.", "J."), numbers keep their separators
// ("1,000.50", "10:30", "1/2"), URLs and e-mail addresses stay whole, and
// every other punctuation mark (Unicode quotes and dashes included) is a
// token of its own, except runs of the same mark ("...", "--").
package token

import (
	"context"
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// StageID is the ID of the tokenising stage.
const StageID = "annotate.token"

func init() {
	pipeline.Register(pipeline.Info{
		ID:       StageID,
		Version:  "1",
		Requires: []string{"annotate.sentence"},
		Doc:      "sentences → tokens (CoNLL/PTB conventions, byte offsets)",
		New:      func(json.RawMessage) (pipeline.Stage, error) { return pipeline.Func(Process), nil },
	})
}

// Process fills a.Tokens with the tokens of every sentence of a. When a has
// no sentences, the whole text is tokenised as one.
func Process(ctx context.Context, a *news.Article) error {
	a.Tokens = a.Tokens[:0]
	if len(a.Sentences) == 0 {
		a.Tokens = Append(a.Tokens, a.Text, 0, len(a.Text))
		return nil
	}
	for i, s := range a.Sentences {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
			continue
		}
		a.Tokens = Append(a.Tokens, a.Text, s.Start, s.End)
	}
	return nil
}

// Tokenize returns the tokens of text.
func Tokenize(text string) []news.Token {
	return Append(nil, text, 0, len(text))
}

// Append appends the tokens of text[start:end] to dst and returns it. Token
// offsets are offsets into text.
func Append(dst []news.Token, text string, start, end int) []news.Token {
	s := text[:end]
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(s[i:])
		if isSpace(r) {
			i += n
			continue
		}
		j := scan(s, i, r, n)
		if j <= i { // never loop forever
			j = i + n
		}
		// Split off clitics: "'s", "n't", "'re" ...
		if k := clitic(s, i, j); k > i {
			dst = append(dst, news.Token{Span: news.Span{Start: i, End: k}, Text: s[i:k]})
			i = k
		}
		dst = append(dst, news.Token{Span: news.Span{Start: i, End: j}, Text: s[i:j]})
		i = j
	}
	return dst
}

func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == 0xa0 || r == 0x200b || r == 0xfeff || (r > 127 && unicode.IsSpace(r))
}

func isWordRune(r rune) bool {
	if r < 128 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

func isApos(r rune) bool { return r == '\'' || r == '’' }

func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// scan returns the end of the token that starts at i with rune r of width n.
func scan(s string, i int, r rune, n int) int {
	if !isWordRune(r) {
		if r == '@' || r == '#' { // handles and hashtags
			if j := i + n; j < len(s) {
				if r2, _ := utf8.DecodeRuneInString(s[j:]); isWordRune(r2) {
					return wordEnd(s, j)
				}
			}
		}
		if isApos(r) {
			if j := apostropheWord(s, i, n); j > i {
				return j
			}
		}
		// A run of the same punctuation mark is one token ("...", "--", "!!").
		j := i + n
		for j < len(s) {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			if r2 != r || r == '"' || r == '\'' || r == '(' || r == ')' {
				break
			}
			j += n2
		}
		return j
	}
	if j := urlEnd(s, i); j > i {
		return j
	}
	return wordEnd(s, i)
}

// apostropheWord returns the end of a clitic written after a space
// ("'s", "'re", "n't" never start with one) or of a year like "'96", or i.
func apostropheWord(s string, i, n int) int {
	j := i + n
	if j+1 < len(s) && isDigit(rune(s[j])) && isDigit(rune(s[j+1])) && (j+2 == len(s) || !isWordRune(rune(s[j+2]))) {
		return j + 2
	}
	return i
}

// urlEnd returns the end of a URL or e-mail address starting at i, or i.
func urlEnd(s string, i int) int {
	rest := s[i:]
	if !(hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://") || hasPrefixFold(rest, "www.")) {
		// e-mail: word chars, '@', domain with a dot
		at := -1
		j := i
		for j < len(s) {
			c := s[j]
			if c == '@' && at < 0 {
				at = j
				j++
				continue
			}
			if c < 128 && (c == '.' || c == '_' || c == '-' || c == '+' || isWordRune(rune(c))) {
				j++
				continue
			}
			break
		}
		if at <= i || j <= at+1 {
			return i
		}
		for j > at && (s[j-1] == '.' || s[j-1] == '-') {
			j--
		}
		if !strings.Contains(s[at:j], ".") {
			return i
		}
		return j
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isSpace(r) || r == '"' || r == '<' || r == '>' || r == '“' || r == '”' || r == '‘' || r == '’' {
			break
		}
		j += n
	}
	// Trailing punctuation belongs to the sentence, a closing bracket only
	// when the URL holds no opening one.
	for j > i {
		c := s[j-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || (c == ')' && !strings.Contains(s[i:j], "(")) {
			j--
			continue
		}
		break
	}
	return j
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// wordEnd returns the end of a word or number starting at i.
func wordEnd(s string, i int) int {
	j := i
	letters, digits, periods := 0, 0, 0
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			if isDigit(r) {
				digits++
			} else {
				letters++
			}
			j += n
			continue
		}
		// Joiners: the character is inside the word when a word character
		// (of the right kind) follows.
		if j+n >= len(s) {
			break
		}
		next, nn := utf8.DecodeRuneInString(s[j+n:])
		switch {
		case isHyphen(r) && isWordRune(next):
			j += n
			continue
		case (r == ',' || r == ':' || r == '/') && isDigit(next) && j > i && isDigit(lastRune(s[i:j])):
			j += n
			continue
		case r == '.' && isWordRune(next):
			prev := lastRune(s[i:j])
			if isDigit(prev) && isDigit(next) { // 3.5, 1.2.3
				j += n
				continue
			}
			// Abbreviations with inner periods: U.S, e.g, a.m
			if !isDigit(prev) && !isDigit(next) && segLen(s[i:j]) <= 2 && (j+n+nn >= len(s) || segLenAhead(s[j+n:]) <= 2) {
				periods++
				j += n
				continue
			}
			// Domain names: example.com
			if letters > 1 && isTLD(s[j+n:]) {
				j += n
				continue
			}
		case r == '&' && isUpper(next) && j > i && isUpper(lastRune(s[i:j])) && j-i <= 3: // AT&T, S&P
			j += n
			continue
		case isApos(r) && unicode.IsLetter(next) && j > i:
			// Possessives and contractions (split off later by clitic),
			// O'Brien, rock'n'roll.
			j += n
			continue
		}
		break
	}
	// A trailing period belongs to abbreviations and initials.
	if j < len(s) && s[j] == '.' && j > i {
		w := s[i:j]
		if periods > 0 || (utf8.RuneCountInString(w) == 1 && isUpper(lastRune(w))) || isAbbrev(w) {
			return j + 1
		}
	}
	return j
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isUpper(r rune) bool {
	if r < 128 {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// segLen returns the number of runes after the last period of s.
func segLen(s string) int {
	if k := strings.LastIndexByte(s, '.'); k >= 0 {
		s = s[k+1:]
	}
	return utf8.RuneCountInString(s)
}

// segLenAhead returns the number of word runes at the start of s.
func segLenAhead(s string) int {
	n := 0
	for _, r := range s {
		if !isWordRune(r) {
			break
		}
		n++
	}
	return n
}

var tlds = []string{"com", "org", "net", "gov", "edu", "io", "co", "uk", "de", "fr", "ru", "ua", "by", "pl", "info", "int", "eu"}

// isTLD reports whether s starts with a top-level domain that ends the word.
func isTLD(s string) bool {
	for _, t := range tlds {
		if len(s) >= len(t) && s[:len(t)] == t && (len(s) == len(t) || !isWordRune(rune(s[len(t)]))) {
			return true
		}
	}
	return false
}

// abbrevs are words that keep a following period.
var abbrevs = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`Mr Mrs Ms Dr Prof Rev Sr Jr St Mt Ft Gen Lt Col Maj Capt Cpt Sgt Cpl Pvt Adm Cmdr Gov Sen Rep Pres Supt Insp Det Hon Amb Atty Messrs Mme Mlle
		Inc Corp Co Ltd Bros Cos Plc Assn Dept Univ Inst Govt Admin
		Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
		No Nos Nr Vol Vols Fig Figs Ch Sec Art Para pp Ed Eds Est approx vs v etc al cf eg ie
		Ave Blvd Rd Hwy Sq Pl Ln Ct
		Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wisc Wyo
		Jr Sr Esq Ph PhD`) {
		abbrevs[w] = true
	}
}

func isAbbrev(w string) bool {
	if abbrevs[w] {
		return true
	}
	// Capitalised forms of lowercase abbreviations: "Vs", "Etc".
	return false
}

// clitic returns the end of a leading stem when the token s[i:j] ends with
// a clitic that CoNLL and the Penn Treebank split off ("Ukraine's" → 5,
// "don't" → 2, "Ukrainians’" handled by scan), or i when there is none.
func clitic(s string, i, j int) int {
	w := s[i:j]
	if len(w) < 3 {
		return i
	}
	// n't
	if k := len(w) - 3; k > 0 && (w[k:] == "n't" || w[k:] == "N'T") {
		return i + k
	}
	if k := len(w) - 5; k > 0 && (w[k:] == "n’t" || w[k:] == "N’T") {
		return i + k
	}
	for _, c := range [...]string{"'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m"} {
		if len(w) > len(c) && strings.EqualFold(w[len(w)-len(c):], c) {
			return i + len(w) - len(c)
		}
	}
	return i
}
