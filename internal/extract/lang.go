package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// langSample is how much text language identification looks at.
const langSample = 1536

// Language identifies the language of text as an ISO 639-1 code, or ""
// when it cannot tell. declared is what the page says about itself (the
// lang attribute of <html>, "en-GB" say); it decides when the text is too
// short or too mixed for a reliable guess, and it is never trusted over a
// confident identification of the text.
func Language(text, declared string) string {
	declared = normLang(declared)
	sample := text
	if len(sample) > langSample {
		cut := langSample
		for cut > 0 && !utf8.RuneStart(sample[cut]) {
			cut--
		}
		sample = sample[:cut]
	}
	letters := 0
	for _, r := range sample {
		if r > ' ' {
			letters++
		}
	}
	if letters < 20 {
		return declared
	}
	if (declared == "" || declared == "en") && clearlyEnglish(sample) {
		// Most input is English news; its function words settle it at a
		// fraction of the cost of trigram profiles.
		return "en"
	}
	info := whatlanggo.Detect(sample)
	code := info.Lang.Iso6391()
	switch {
	case code == "" || info.Confidence == 0:
		// Confidence 0 is a tie between the best languages, which
		// whatlanggo breaks by map order, differently from run to run:
		// answer only what is certain, so that annotations repeat.
		return declared
	case declared == "" || code == declared || info.IsReliable():
		// whatlanggo's confidence is low on short texts; there the page's
		// own declaration is the better guide, and otherwise the best guess.
		return code
	default:
		return declared
	}
}

// normLang reduces a language tag ("en-US", "EN_gb") to its ISO 639-1
// primary subtag; anything else becomes "".
func normLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_ ,;"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// englishFunctionWords are words that make up a large share of any English
// running text and are rare as words in other languages.
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "is": true, "that": true, "for": true,
	"was": true, "on": true, "with": true, "as": true, "by": true, "at": true, "from": true, "he": true,
	"it": true, "his": true, "said": true, "has": true, "have": true, "are": true, "were": true, "be": true,
	"been": true, "which": true, "who": true, "their": true, "they": true, "this": true, "not": true,
}

// clearlyEnglish reports whether at least a fifth of the first words of
// text are English function words. English news runs at 35–45%; texts in
// other languages, even with English names and quotes in them, stay far
// below a fifth.
func clearlyEnglish(text string) bool {
	words, hits := 0, 0
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80)
	}) {
		words++
		if len(w) <= 5 && englishFunctionWords[strings.ToLower(w)] {
			hits++
		}
	}
	return words >= 20 && hits*5 >= words
}
