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
	info := whatlanggo.Detect(sample)
	code := info.Lang.Iso6391()
	switch {
	case code == "":
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
