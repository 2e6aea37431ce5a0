package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Cleaned is article text after [Clean].
type Cleaned struct {
	// Title is the title line found at the top of the body, if any.
	Title      string
	Text       string
	Paragraphs []news.Span
	Removed    []news.Removed
	Captions   []news.Caption
}

// Clean splits body into paragraphs and takes out what is not the article:
// the title repeated at the top, app, audio and newsletter prompts,
// ALL-CAPS headlines of other stories, legal and advertising lines, photo
// captions (kept with their credit and a count) and photo credits, site
// navigation (controls such as "Skip to content", menus, dropdown lists of
// states or countries), and paragraphs repeated verbatim. title, when known, is the article's title
// from metadata. The rules are general ones for web and wire news; they
// never name an outlet.
func Clean(body, title string) Cleaned {
	return CleanWith(body, title, CleanOptions{})
}

// CleanOptions tunes [CleanWith].
type CleanOptions struct {
	// Structured says the body comes from HTML extraction, which already
	// used the page's structure to drop promotions and find captions. The
	// rules that guess from plain text alone then stay off: an ALL-CAPS
	// line is a section heading, a short line ending in brackets is not a
	// caption unless the brackets hold a photo credit, the line before a
	// credit line is not taken for its caption, a headline-like first line
	// is a title only when it matches the page's title, and repeated lines
	// (interview questions, list items) are kept.
	Structured bool
}

// CleanWith is [Clean] with options.
func CleanWith(body, title string, opt CleanOptions) Cleaned {
	paras := paragraphs(body)
	c := Cleaned{}
	kinds := make([]news.RemovedKind, len(paras))

	// 1. The title at the top: the metadata title, or a first line that
	// reads like a headline; and copies of it right after.
	// Site controls above it ("Skip to content") are not the title.
	i := 0
	for i < len(paras) && isNavPhrase(paras[i]) {
		kinds[i] = news.RemovedNavigation
		i++
	}
	titleKey := normKey(title)
	if len(paras) > i+1 && (titleKey != "" && normKey(paras[i]) == titleKey || !opt.Structured && looksLikeHeadline(paras[i], paras[i+1:])) {
		c.Title = paras[i]
		titleKey = normKey(paras[i])
	}
	for ; i < len(paras) && titleKey != "" && normKey(paras[i]) == titleKey; i++ {
		kinds[i] = news.RemovedTitle
	}

	// 2. Credits, and the captions they close.
	credit := make([]string, len(paras))
	for j := i; j < len(paras); j++ {
		if kinds[j] != "" {
			continue
		}
		p := paras[j]
		if isCredit(p) {
			kinds[j] = news.RemovedCredit
			if !opt.Structured && j > i && kinds[j-1] == "" && isCaptionCandidate(paras[j-1]) {
				kinds[j-1] = news.RemovedCaption
				credit[j-1] = strings.Trim(p, "()[] ")
			}
			continue
		}
		if cap, cred, ok := splitTrailingCredit(p, opt.Structured); ok {
			paras[j] = cap
			kinds[j] = news.RemovedCaption
			credit[j] = cred
		}
	}

	// 3. Promotions, boilerplate and headlines of other stories.
	for j := i; j < len(paras); j++ {
		if kinds[j] != "" {
			continue
		}
		kinds[j] = paragraphKind(paras[j], opt.Structured)
	}
	// Site navigation: controls, menus and dropdown lists of places.
	markNavigation(paras, kinds, i, opt.Structured)

	// 4. Repeats. A caption repeated with small edits ("on Friday" for
	// "Friday") is one caption with a count; other paragraphs repeated
	// verbatim keep their first copy.
	seen := map[string]int{}
	capIndex := map[string]int{}
	var capWords, capLeads []map[string]bool
	for j := i; j < len(paras); j++ {
		key := normKey(paras[j])
		switch kinds[j] {
		case news.RemovedCaption:
			words, lead := wordSet(paras[j]), wordSet(firstSentence(paras[j]))
			k, ok := capIndex[key]
			if !ok {
				k, ok = nearest(capWords, capLeads, words, lead)
			}
			if ok {
				capIndex[key] = k
				c.Captions[k].Count++
				if c.Captions[k].Credit == "" {
					c.Captions[k].Credit = credit[j]
				}
				continue
			}
			capIndex[key] = len(c.Captions)
			capWords = append(capWords, words)
			capLeads = append(capLeads, lead)
			c.Captions = append(c.Captions, news.Caption{Text: paras[j], Credit: credit[j], Count: 1})
		case "":
			if _, dup := seen[key]; dup && !opt.Structured {
				kinds[j] = news.RemovedDuplicate
			} else {
				seen[key] = j
			}
		}
	}
	// A body paragraph that is also a caption elsewhere is a caption.
	for j := i; j < len(paras); j++ {
		if kinds[j] == "" {
			if k, ok := capIndex[normKey(paras[j])]; ok {
				kinds[j] = news.RemovedCaption
				c.Captions[k].Count++
			}
		}
	}

	var b strings.Builder
	for j, p := range paras {
		if kinds[j] != "" {
			if kinds[j] != news.RemovedCaption { // captions are kept in Captions
				c.Removed = append(c.Removed, news.Removed{Kind: kinds[j], Text: p})
			}
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		c.Paragraphs = append(c.Paragraphs, news.Span{Start: start, End: b.Len()})
	}
	c.Text = b.String()
	return c
}

// paragraphs splits a body into trimmed paragraphs: each non-empty line is
// one, except that hard-wrapped lines (a line with no closing punctuation
// followed by one starting in lower case) are joined.
func paragraphs(body string) []string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	body = strings.TrimPrefix(body, "\ufeff")
	var out []string
	prevBlank := true
	for _, line := range strings.Split(body, "\n") {
		line = strings.Join(strings.FieldsFunc(line, isSpaceNotNBSP), " ")
		if line == "" {
			prevBlank = true
			continue
		}
		if n := len(out); n > 0 && !prevBlank && isContinuation(out[n-1], line) {
			out[n-1] += " " + line
		} else {
			out = append(out, line)
		}
		prevBlank = false
	}
	return out
}

func isSpaceNotNBSP(r rune) bool { return unicode.IsSpace(r) }

func isContinuation(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	if strings.ContainsRune(".!?:;\"”’)]", last) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(first)
}

// normKey is the comparison key of a paragraph: lowercase letters and
// digits only.
func normKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// looksLikeHeadline reports whether the first line of a body is a title:
// short, with no closing sentence punctuation, and either repeated right
// after or followed by a longer paragraph that is a sentence.
func looksLikeHeadline(first string, rest []string) bool {
	words := len(strings.Fields(first))
	if words == 0 || words > 25 || endsSentence(first) || strings.HasSuffix(first, ")") {
		return false
	}
	if len(rest) > 0 && normKey(rest[0]) == normKey(first) {
		return true
	}
	return words >= 3 && startsUpper(first)
}

func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"”’')] ")
	last, _ := utf8.DecodeLastRuneInString(s)
	return last == '.' || last == '!' || last == '?'
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// creditRE matches a line that is only a photo, video or image credit.
var creditRE = regexp.MustCompile(`(?i)^[(\[]?\s*(?:(?:[\p{L}.&-]+\s+){0,3}(?:photos?|images?|video|pictures?|illustration|graphic|file photo)\s*(?:/|:|by|credit:?)\s*[^()\[\]]{2,80}|(?:photo|image)\s+credit:?\s*[^()\[\]]{2,80}|credit:\s*[^()\[\]]{2,80}|[^()\[\]]{2,60}/(?:getty images|afp|reuters|ap|epa|shutterstock|ap photo|via getty images|sipa|tass|anadolu)[^()\[\]]{0,30})\s*[)\]]?$`)

// isCredit reports whether a paragraph is only a credit line.
func isCredit(p string) bool {
	return len(p) <= 160 && creditRE.MatchString(p)
}

// captionCreditRE matches a parenthesised credit that closes a caption:
// "Members of the battalion (Battalion Facebook)" or "… attacks. (AP Photo/X Y)".
var captionCreditRE = regexp.MustCompile(`^(.*\S)\s*[(\[]([^()\[\]]{2,80})[)\]]$`)

// splitTrailingCredit splits a caption with its credit in brackets at the
// end: either a photo credit, or a short unpunctuated line (a caption, not a
// sentence) ending in a bracketed source.
func splitTrailingCredit(p string, creditOnly bool) (caption, credit string, ok bool) {
	if !strings.HasSuffix(p, ")") && !strings.HasSuffix(p, "]") {
		return "", "", false
	}
	m := captionCreditRE.FindStringSubmatch(p)
	if m == nil {
		return "", "", false
	}
	body, cred := m[1], m[2]
	if isCredit("(" + cred + ")") {
		return body, cred, true
	}
	if creditOnly {
		return "", "", false
	}
	// A caption line: short, no sentence punctuation, bracketed source.
	if !endsSentence(body) && !strings.ContainsAny(body, ".!?") && len(strings.Fields(body)) <= 20 &&
		startsUpper(body) && startsUpper(cred) {
		return body, cred, true
	}
	return "", "", false
}

// isCaptionCandidate reports whether the paragraph before a credit line can
// be its caption (not a quote, not a heading of the story).
func isCaptionCandidate(p string) bool {
	return len(strings.Fields(p)) >= 3 && !strings.HasPrefix(p, "“") && !strings.HasPrefix(p, "\"")
}

var (
	// promoLineRE matches prompts to use an app, listen, subscribe or read
	// another story.
	promoLineRE = regexp.MustCompile(`(?i)(\blisten to (?:this|our|the)?\s*(?:\w+\s+){0,3}(?:articles?|stories|story|podcast)|\byou can now listen\b|\bclick here\b|\btap here\b|\bdownload (?:the|our)\b.*\bapp\b|\bget the\b.*\bapp\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bfollow (?:us|@)|\bread more\b|^(?:read|see|watch|related|also read|more|recommended|trending)\s*:|\bshare this\b|\bstory continues\b|\bcontinue reading\b|^advertisement$|^sponsored\b)`)
	// boilerplateRE matches legal and syndication lines.
	boilerplateRE = regexp.MustCompile(`(?i)(\ball rights reserved\b|^copyright\b|^©|\bmay not be (?:published|reproduced)|\brewritten or redistributed\b|\bterms of (?:use|service)\b|\bprivacy policy\b|\bcookie)`)
)

var (
	boilerplateHints = []string{"rights reserved", "copyright", "©", "may not be", "redistributed", "terms of", "privacy policy", "cookie"}
	promoHints       = []string{"listen", "click here", "tap here", "download", "app", "sign up", "subscribe", "newsletter",
		"follow", "read more", "share this", "story continues", "continue reading", "advertisement", "sponsored"}
)

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// paragraphKind returns the kind of removal a paragraph needs, or "" to keep it.
func paragraphKind(p string, structured bool) news.RemovedKind {
	words := len(strings.Fields(p))
	if words <= 30 {
		lower := strings.ToLower(p)
		// Cheap substring checks first: the regular expressions run only
		// on the few paragraphs that can match.
		if containsAny(lower, boilerplateHints) && boilerplateRE.MatchString(p) {
			return news.RemovedBoilerplate
		}
		if words <= 25 && (containsAny(lower, promoHints) || strings.Contains(lower, ":")) && promoLineRE.MatchString(p) {
			return news.RemovedPromo
		}
	}
	if !structured && words >= 3 && isAllCaps(p) {
		return news.RemovedPromo // a headline of another story
	}
	return ""
}

// isAllCaps reports whether nearly all letters of p are upper case.
func isAllCaps(p string) bool {
	upper, letters := 0, 0
	for _, r := range p {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 10 && upper*100 >= letters*90
}

// wordSet returns the set of lowercase words of s.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		m[w] = true
	}
	return m
}

// nearest returns the index of the first caption that is a light edit of
// this one: nearly the same words overall, and the same photo described in
// the first sentence (agencies reuse the context sentences that follow it
// across different photos).
func nearest(words, leads []map[string]bool, w, lead map[string]bool) (int, bool) {
	for i := range words {
		if jaccard(words[i], w) >= 0.9 && jaccard(leads[i], lead) >= 0.8 {
			return i, true
		}
	}
	return 0, false
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range b {
		if a[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

// firstSentence returns s up to its first ". ".
func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i]
	}
	return s
}
