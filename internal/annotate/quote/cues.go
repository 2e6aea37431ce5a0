package quote

import (
	"bufio"
	"embed"
	"strings"
)

// The cue lists are the Gender Gap Tracker's quote verbs (MIT) and
// textacy's English reporting verbs (Apache-2.0); see cues/ and
// docs/THIRD_PARTY.md.
//
//go:embed cues/ggt_quote_verbs.txt cues/textacy_reporting_verbs.txt
var cueFiles embed.FS

// cueForms holds every surface form of a reporting verb, lower case.
var cueForms = loadCues()

// speechForms are the forms of the verbs of saying proper, which alone may
// attribute a quote that stands at the end of its sentence ("…, X added").
var speechForms = set("say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
	"write", "writes", "wrote", "writing", "ask", "asks", "asked", "explain", "explains", "explained", "insist", "insists", "insisted",
	"note", "notes", "noted", "argue", "argues", "argued", "claim", "claims", "claimed", "continue", "continues", "continued",
	"declare", "declares", "declared", "recall", "recalls", "recalled", "reply", "replies", "replied", "state", "states", "stated",
	"warn", "warns", "warned", "tweet", "tweets", "tweeted", "posted", "joke", "joked", "quipped", "remarked", "responded",
	"concluded", "conceded", "admitted", "acknowledged", "announced", "predicted", "promised", "suggested", "urged", "stressed",
	"emphasized", "emphasised", "complained", "confirmed", "countered", "maintained", "observed", "pointed", "testified", "vowed",
	"wondered", "yelled", "shouted", "screamed", "exclaimed", "cautioned", "boasted", "estimated", "reported", "reports", "charged",
	"contended", "asserted", "alleged", "denied", "disclosed", "mentioned", "agreed", "disagreed", "believes", "believed", "thinks",
	"thought", "hopes", "hoped", "fears", "feared", "worries", "worried", "says", "explaining", "adding", "noting", "arguing",
)

// namingForms are verbs that put a name or a label in quotation marks ("a
// unit called “Pahonia”"); after them a quote that is only capitalised
// words is a name, not speech.
var namingForms = set("call", "calls", "called", "calling", "dub", "dubs", "dubbed", "dubbing", "name", "named", "nicknamed",
	"label", "labels", "labeled", "labelled", "brand", "brands", "branded", "term", "termed", "titled", "entitled", "known")

// extraCues are reporting verbs newsgraph adds to the two lists: the forms
// the Gender Gap Tracker notes are missing, and verbs that govern partial
// quotes ("called them “crazy”", "describing him as his “big brother”").
var extraCues = []string{
	"speak", "speaks", "spoke", "speaking", "found", "presented", "estimate", "find",
	"call", "calls", "called", "calling", "dub", "dubs", "dubbed", "label", "labels", "labeled", "labelled", "brand", "branded",
	"tweet", "tweets", "tweeted", "post", "posted", "write", "writes", "wrote", "written", "writing",
	"think", "thinks", "thought", "thinking", "tell", "tells", "told", "telling", "say", "says", "said", "saying",
	"according", "describe", "describes", "described", "describing", "vow", "vows", "vowed", "pledge", "pledged",
	"quip", "quipped", "joke", "joked", "remark", "remarked", "respond", "responded", "shout", "shouted", "yell", "yelled",
	"wonder", "wondered", "want", "wants", "wanted", "expect", "expects", "expected", "know", "knows", "knew",
	"feel", "feels", "felt", "see", "sees", "saw", "accuse", "accused", "accuses", "reported", "reports", "report",
	"answer", "answered", "answers", "reply", "replied", "react", "reacted", "chant", "chanted", "chanting", "read", "reads",
	"confess", "confessed", "retort", "retorted", "blast", "blasted", "slam", "slammed", "mock", "mocked", "scoff", "scoffed",
	"question", "questioned", "muse", "mused", "recount", "recounted", "reiterate", "reiterated", "assert", "asserted",
	"interject", "interjected", "lament", "lamented", "quote", "quoted", "quoting", "ask", "asked", "asking",
}

// extraLemmas are verbs of saying (mostly manner of speaking) newsgraph
// adds, with all their regular forms.
var extraLemmas = []string{
	"quip", "joke", "remark", "respond", "shout", "yell", "wonder", "answer", "react", "chant", "confess", "retort",
	"blast", "slam", "mock", "scoff", "muse", "recount", "reiterate", "assert", "interject", "lament", "boom", "bark",
	"scream", "exclaim", "plead", "snap", "sneer", "gush", "whisper", "mutter", "sigh", "proclaim", "tweet", "post",
	"rant", "rave", "thunder", "roar", "cheer", "jeer", "boast", "brag", "tease", "chide", "scold", "grumble",
	"complain", "concur", "inquire", "marvel", "observe", "opine", "pledge", "pronounce", "recall", "repeat", "vow",
}

// irregular gives the past forms of irregular lemmas on the textacy list.
var irregular = map[string][]string{
	"say": {"said"}, "tell": {"told"}, "think": {"thought"}, "write": {"wrote", "written"}, "find": {"found"},
	"speak": {"spoke", "spoken"}, "know": {"knew", "known"}, "feel": {"felt"}, "see": {"saw", "seen"},
}

func loadCues() map[string]bool {
	m := map[string]bool{}
	read := func(name string, inflect bool) {
		f, err := cueFiles.Open(name)
		if err != nil {
			panic("quote: embedded cue list missing: " + name) // build-time bug
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.ToLower(strings.TrimSpace(sc.Text()))
			if w == "" || strings.HasPrefix(w, "#") {
				continue
			}
			m[w] = true
			if inflect {
				for _, x := range inflections(w) {
					m[x] = true
				}
			}
		}
	}
	read("cues/ggt_quote_verbs.txt", false)
	read("cues/textacy_reporting_verbs.txt", true)
	for _, w := range extraCues {
		m[w] = true
	}
	for _, l := range extraLemmas {
		m[l] = true
		for _, x := range inflections(l) {
			m[x] = true
		}
	}
	return m
}

// inflections returns the regular forms of an English verb lemma, plus the
// irregular past forms the table knows.
func inflections(lemma string) []string {
	var out []string
	switch {
	case strings.HasSuffix(lemma, "y") && !strings.ContainsAny(lemma[len(lemma)-2:len(lemma)-1], "aeiou"):
		stem := lemma[:len(lemma)-1]
		out = append(out, stem+"ies", stem+"ied", lemma+"ing")
	case strings.HasSuffix(lemma, "e"):
		out = append(out, lemma+"s", lemma+"d", lemma[:len(lemma)-1]+"ing")
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "sh") || strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "x"):
		out = append(out, lemma+"es", lemma+"ed", lemma+"ing")
	default:
		out = append(out, lemma+"s", lemma+"ed", lemma+"ing")
	}
	if irr, ok := irregular[lemma]; ok {
		out = append(out, irr...)
	}
	return out
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
