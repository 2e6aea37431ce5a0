package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// tok is a word or a punctuation mark of the article text.
type tok struct {
	start, end int
	text       string
	lower      string
	word       bool // letters or digits
	sent       int  // sentence index
	para       int  // paragraph index
	inQuote    int  // index+1 of the quotation that holds it, 0 if none
	mention    int  // index+1 into doc.mentions of a named mention it starts or lies in, 0 if none
}

// doc is an article prepared for quote finding.
type doc struct {
	a        *news.Article
	toks     []tok
	sents    []news.Span // sentence spans (from the article or split here)
	sentTok  [][2]int    // token range of each sentence
	paras    []news.Span
	mentions []news.Mention // named mentions, sorted by start
	usedCue  map[int]bool   // cue tokens that attribute a quotation
	// attributed holds the (1-based) indexes of quotations given a speaker
	attributed map[int]bool
	// quoteName holds the quotations that are names or titles ("Pahonia")
	quoteName map[int]bool
}

// tokenize splits text into word and punctuation tokens.
func tokenize(text string) []tok {
	var out []tok
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if r2 == '.' || r2 == '-' || r2 == '\'' || r2 == '’' || r2 == ',' {
					if j+n2 < len(text) {
						r3, _ := utf8.DecodeRuneInString(text[j+n2:])
						inner := unicode.IsLetter(r3) || (r2 == ',' || r2 == '.') && unicode.IsDigit(r3)
						if r2 == ',' && !unicode.IsDigit(r3) {
							inner = false
						}
						if inner {
							j += n2
							continue
						}
					}
					if r2 == '.' && isAbbrev(text[i:j]) {
						j += n2
					}
				}
				break
			}
			w := text[i:j]
			out = append(out, tok{start: i, end: j, text: w, lower: strings.ToLower(w), word: true})
			i = j
		case (r == '’' || r == '‘') && strings.HasPrefix(text[i+n:], string(r)):
			// ’’ and ‘‘ stand for double quotation marks
			out = append(out, tok{start: i, end: i + 2*n, text: text[i : i+2*n], lower: text[i : i+2*n]})
			i += 2 * n
		case (r == '\'' || r == '`') && i+1 < len(text) && text[i+1] == byte(r):
			// '' and `` stand for double quotation marks in some wire copy
			out = append(out, tok{start: i, end: i + 2, text: text[i : i+2], lower: text[i : i+2]})
			i += 2
		default:
			out = append(out, tok{start: i, end: i + n, text: text[i : i+n], lower: text[i : i+n]})
			i += n
		}
	}
	return out
}

// isAbbrev reports whether s, followed by a period, is an initial or a
// common abbreviation whose period does not end a sentence.
func isAbbrev(s string) bool {
	if utf8.RuneCountInString(s) == 1 {
		r, _ := utf8.DecodeRuneInString(s)
		return unicode.IsUpper(r)
	}
	switch strings.ToLower(s) {
	case "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "capt", "sgt", "prof", "rev", "jr", "sr",
		"u.s", "u.k", "u.n", "d.c", "inc", "corp", "co", "ltd", "vs", "sens", "reps", "maj", "adm", "cmdr", "cpl", "pvt",
		"fr", "mt", "ft", "jan", "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "p.m", "a.m", "e.g", "i.e", "etc":
		return true
	}
	return false
}

// quoteMark classifies a punctuation token as a quotation mark.
type markKind int

const (
	notMark markKind = iota
	openMark
	closeMark
	eitherMark // the straight double quote
)

func markOf(s string) markKind {
	switch s {
	case "“", "„", "«":
		return openMark
	case "”", "»", "’’":
		return closeMark
	case "\"", "''":
		return eitherMark
	case "``", "‘‘":
		return openMark
	}
	return notMark
}

func newDoc(a *news.Article) *doc {
	d := &doc{a: a, toks: tokenize(a.Text)}
	d.paras = a.Paragraphs
	if len(d.paras) == 0 {
		d.paras = splitParagraphs(a.Text)
	}
	d.sents = a.Sentences
	if len(d.sents) == 0 {
		d.sents = splitSentences(a.Text, d.toks, d.paras)
	}
	// assign sentence and paragraph indexes
	si, pi := 0, 0
	d.sentTok = make([][2]int, len(d.sents))
	for i := range d.sentTok {
		d.sentTok[i] = [2]int{-1, -1}
	}
	for i := range d.toks {
		t := &d.toks[i]
		for si < len(d.sents)-1 && t.start >= d.sents[si].End {
			si++
		}
		for pi < len(d.paras)-1 && t.start >= d.paras[pi].End {
			pi++
		}
		t.sent, t.para = si, pi
		if d.sentTok[si][0] < 0 {
			d.sentTok[si][0] = i
		}
		d.sentTok[si][1] = i + 1
	}
	for _, m := range a.Mentions {
		if m.Entity != "" {
			d.mentions = append(d.mentions, m)
		}
	}
	// mark mention tokens
	mi := 0
	for i := range d.toks {
		t := &d.toks[i]
		for mi < len(d.mentions) && d.mentions[mi].End <= t.start {
			mi++
		}
		if mi < len(d.mentions) && d.mentions[mi].Start <= t.start && t.end <= d.mentions[mi].End+3 && t.start < d.mentions[mi].End {
			t.mention = mi + 1
		}
	}
	return d
}

// splitParagraphs splits text at line breaks.
func splitParagraphs(text string) []news.Span {
	var out []news.Span
	start := 0
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == '\n' {
			s, e := start, i
			for s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r') {
				s++
			}
			for e > s && (text[e-1] == ' ' || text[e-1] == '\t' || text[e-1] == '\r') {
				e--
			}
			if e > s {
				out = append(out, news.Span{Start: s, End: e})
			}
			start = i + 1
		}
	}
	return out
}

// splitSentences splits text into sentences: after ".", "!" or "?" (and
// any closing quotation marks or brackets) followed by a capital, a digit
// or an opening mark; and at every paragraph end.
func splitSentences(text string, toks []tok, paras []news.Span) []news.Span {
	var out []news.Span
	k := 0
	for _, p := range paras {
		start := p.Start
		for k < len(toks) && toks[k].start < p.Start {
			k++
		}
		for i := k; i < len(toks) && toks[i].end <= p.End; i++ {
			t := toks[i]
			if t.text != "." && t.text != "!" && t.text != "?" {
				continue
			}
			j := i + 1
			for j < len(toks) && toks[j].end <= p.End && (markOf(toks[j].text) == closeMark || toks[j].text == ")" || toks[j].text == "’" || (markOf(toks[j].text) == eitherMark && (j+1 >= len(toks) || toks[j+1].start > toks[j].end))) {
				j++
			}
			end := toks[j-1].end
			if j >= len(toks) || toks[j].start >= p.End {
				continue // the paragraph end closes it
			}
			nt := toks[j].text
			r, _ := utf8.DecodeRuneInString(nt)
			if unicode.IsUpper(r) || unicode.IsDigit(r) || markOf(nt) == openMark || markOf(nt) == eitherMark || nt == "‘" || nt == "(" {
				out = append(out, news.Span{Start: start, End: end})
				start = toks[j].start
			}
		}
		if start < p.End {
			out = append(out, news.Span{Start: start, End: p.End})
		}
	}
	return out
}
