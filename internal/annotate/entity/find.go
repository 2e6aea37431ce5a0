package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// word is a run of letters, digits and inner punctuation ('.-’) with its
// byte span.
type word struct {
	start, end int
	text       string
	// sentStart is true for the first word of a sentence or paragraph.
	sentStart bool
	// after is the byte just after the word (0 at end of text).
	after byte
}

// words splits text into words, marking the first word of each sentence.
func words(text string) []word {
	var out []word
	sentStart := true
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				// inner punctuation: "U.S.", "Jean-Luc", "O’Brien", "’s"
				if r2 == '.' || r2 == '-' || r2 == '\'' || r2 == '’' {
					if j+n2 < len(text) {
						r3, _ := utf8.DecodeRuneInString(text[j+n2:])
						if unicode.IsLetter(r3) {
							j += n2
							continue
						}
					}
					// keep the period of an initial or abbreviation ("J.", "U.S.")
					if r2 == '.' && isAbbrev(text[i:j]) {
						j += n2
					}
				}
				break
			}
			w := word{start: i, end: j, text: text[i:j], sentStart: sentStart}
			if j < len(text) {
				w.after = text[j]
			}
			out = append(out, w)
			sentStart = false
			i = j
			continue
		}
		switch r {
		case '.', '!', '?':
			// the period of an abbreviation was consumed above
			sentStart = true
		case '\n':
			sentStart = true
		case ':', '"', '“', '”', '‘', '—', '–', '(':
			// a capital after a colon, an opening quote or a dash often
			// starts a sentence-like unit
			sentStart = true
		}
		i += n
	}
	return out
}

// isAbbrev reports whether s is an initial ("J") or a known abbreviation
// that takes a period.
func isAbbrev(s string) bool {
	if utf8.RuneCountInString(s) == 1 {
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsUpper(r)
	}
	switch strings.ToLower(s) {
	case "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "capt", "sgt", "prof", "rev", "jr", "sr", "u.s", "u.k", "u.n", "d.c", "inc", "corp", "co", "ltd", "no", "vs", "sens", "reps", "maj", "adm", "cmdr", "cpl", "pvt", "fr", "mt", "ft":
		return true
	}
	return false
}

// sentenceWords are capitalised words that, at the start of a sentence,
// are ordinary words rather than names.
var functionWords = set(
	"a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
	"my", "your", "but", "and", "or", "so", "yet", "if", "when", "while", "after", "before", "since", "as", "at", "in", "on", "of", "for",
	"from", "to", "with", "by", "about", "there", "here", "what", "who", "which", "where", "why", "how", "not", "no", "yes", "all",
	"some", "many", "most", "one", "two", "three", "still", "also", "even", "then", "now", "today", "yesterday", "tomorrow", "last",
	"next", "other", "another", "such", "each", "every", "both", "more", "less", "much", "very", "just", "only", "once", "during",
	"despite", "although", "though", "because", "unless", "until", "under", "over", "into", "across", "against", "among", "between",
	"through", "without", "within", "according", "meanwhile", "however", "instead", "indeed", "eventually", "soon", "later", "earlier",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
	"june", "july", "august", "september", "october", "november", "december", "is", "was", "are", "were", "be", "been", "has", "have",
	"had", "do", "does", "did", "will", "would", "can", "could", "should", "must", "might", "said", "says", "say", "mr", "mrs", "ms",
	"dr", "photo", "click", "read", "watch", "new", "former", "several", "few", "any", "those", "like", "unlike", "upon", "amid",
	"dressed", "organizing", "weakening", "volunteers", "members", "police", "officials", "authorities",
)

var calendarWords = set("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"march", "april", "june", "july", "august", "september", "october", "november", "december")

// Find returns capitalised-name spans of text as mentions, for articles
// that have no NER mentions. A run of capitalised words (with "of", "the",
// "for"... between them) is a name; a single capitalised word that starts
// a sentence counts only if the article also capitalises it elsewhere
// mid-sentence and never writes it in lower case. Types are guessed: a
// title before a name or a known first name makes a PERSON, an
// organisation designator at its end an ORG, anything else MISC.
func Find(text string) []news.Mention {
	ws := words(text)
	midCap := map[string]bool{}
	lower := map[string]bool{}
	for _, w := range ws {
		t := stripPossessive(w.text)
		if isCapitalized(t) && !w.sentStart {
			midCap[t] = true
		}
		if !isCapitalized(t) {
			lower[strings.ToLower(t)] = true
		}
	}
	nameWord := func(i int) bool {
		w := ws[i]
		t := stripPossessive(w.text)
		if !isCapitalized(t) {
			return false
		}
		f := fold(t)
		if calendarWords[f] || f == "i" {
			return false
		}
		if w.sentStart {
			if functionWords[f] {
				return false
			}
			if lower[strings.ToLower(t)] {
				return false
			}
			if midCap[t] || maleNames[f] || femaleNames[f] {
				return true
			}
			// "Anna Berg said…": a capitalised word right after makes a name
			return i+1 < len(ws) && text[w.end:ws[i+1].start] == " " && isCapitalized(ws[i+1].text) && !functionWords[fold(ws[i+1].text)]
		}
		return true
	}
	var out []news.Mention
	for i := 0; i < len(ws); {
		if !nameWord(i) {
			i++
			continue
		}
		j := i + 1
		for j < len(ws) {
			if gap := text[ws[j-1].end:ws[j].start]; gap != " " && gap != "-" {
				break // punctuation between words ends a name
			}
			if strings.HasSuffix(ws[j-1].text, "’s") || strings.HasSuffix(ws[j-1].text, "'s") {
				break
			}
			if nameWord(j) || (isCapitalized(ws[j].text) && !ws[j].sentStart) {
				j++
				continue
			}
			// connector followed by a name word: "Committee to Protect Journalists"
			if c := fold(ws[j].text); connectors[c] && c != "and" && !isCapitalized(ws[j].text) && j+1 < len(ws) && text[ws[j].end:ws[j+1].start] == " " && nameWord(j+1) {
				j += 2
				continue
			}
			break
		}
		// a run of three or more all-caps words is a headline, not a name
		allCaps := 0
		for k := i; k < j; k++ {
			if isAllCaps(ws[k].text) {
				allCaps++
			}
		}
		if allCaps >= 3 && allCaps == j-i {
			i = j
			continue
		}
		start, end := ws[i].start, ws[j-1].end
		t := text[start:end]
		if p := stripPossessive(t); p != t {
			end -= len(t) - len(p)
			t = p
		}
		typ := guessType(ws, i, j, t)
		out = append(out, news.Mention{Span: news.Span{Start: start, End: end}, Text: t, Type: typ, Confidence: 0.5})
		i = j
	}
	return out
}

// guessType guesses the type of the name ws[i:j].
func guessType(ws []word, i, j int, t string) news.EntityType {
	fields := strings.Fields(t)
	last := fold(fields[len(fields)-1])
	if orgDesignators[last] {
		return news.Org
	}
	if i > 0 && titleWords[fold(ws[i-1].text)] && isCapitalized(fields[0]) {
		return news.Person
	}
	name, titles := CleanName(t, true)
	if len(titles) > 0 && name != "" {
		return news.Person
	}
	if len(fields) >= 2 && (maleNames[fold(fields[0])] || femaleNames[fold(fields[0])]) {
		return news.Person
	}
	if len(fields) == 1 && isAllCaps(fields[0]) {
		return news.Org
	}
	return news.Misc
}
