package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// titleWords are words that precede a person's name without being part of
// it: offices, ranks, honorifics and common news descriptors. They are
// matched case-insensitively, with a trailing period removed.
var titleWords = set(
	// honorifics
	"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "madam", "rev", "reverend", "fr", "father", "sister", "brother",
	"prof", "professor", "st", "saint",
	// offices
	"president", "vice", "prime", "minister", "premier", "chancellor", "secretary", "senator", "sen", "rep", "representative",
	"congressman", "congresswoman", "governor", "gov", "lt", "mayor", "judge", "justice", "ambassador", "envoy", "speaker",
	"attorney", "general", "gen", "col", "colonel", "maj", "major", "capt", "captain", "sgt", "sergeant", "cpl", "corporal",
	"adm", "admiral", "commander", "cmdr", "lieutenant", "private", "pvt", "officer", "chief", "deputy", "director",
	"chairman", "chairwoman", "chair", "ceo", "cfo", "founder", "spokesman", "spokeswoman", "spokesperson", "king", "queen",
	"prince", "princess", "emperor", "pope", "archbishop", "bishop", "cardinal", "sheikh", "ayatollah", "imam", "rabbi",
	"dictator", "leader", "strongman", "activist", "candidate", "nominee", "former", "late", "incumbent", "acting",
	"sheriff", "detective", "inspector", "coach", "manager", "head", "chief", "executive", "foreign", "defense", "defence",
	"interior", "finance", "state", "opposition", "businessman", "businesswoman", "journalist", "reporter", "analyst",
	"lawmaker", "legislator", "economist", "commentator", "author", "writer", "actor", "actress", "singer", "rapper",
	"commissioner", "councillor", "councilman", "councilwoman", "delegate", "minority", "majority", "whip", "house",
	"senate", "sens", "reps", "u.s", "us", "gop", "democratic", "republican", "democrat",
)

// honorifics say a person's gender.
var maleHonorifics = set("mr", "sir", "lord", "king", "prince", "emperor", "father", "brother", "congressman", "councilman", "businessman", "spokesman", "chairman", "actor")
var femaleHonorifics = set("mrs", "ms", "miss", "dame", "lady", "madam", "queen", "princess", "sister", "congresswoman", "councilwoman", "businesswoman", "spokeswoman", "chairwoman", "actress")

// orgDesignators are head words that say a name is an organisation; they
// are dropped when comparing organisation names ("Kalinouski Battalion" and
// "Kalinouski regiment" are one unit).
var orgDesignators = set(
	"battalion", "regiment", "unit", "brigade", "division", "legion", "company", "corps", "squad", "militia", "army",
	"inc", "corp", "corporation", "co", "ltd", "llc", "plc", "group", "holdings", "gmbh", "ag", "sa",
	"party", "movement", "front", "committee", "council", "association", "foundation", "institute", "agency", "union",
	"organization", "organisation", "society", "federation", "league", "coalition", "alliance", "campaign", "network",
)

// leadingWords are capitalised at the start of a sentence or a quotation
// but never begin a name.
var leadingWords = set("the", "a", "an", "if", "but", "and", "or", "when", "while", "as", "so", "then", "because", "after",
	"before", "since", "though", "although", "unless", "until", "yet", "for", "with", "without", "like", "unlike", "says",
	"said", "dear", "oh", "hey", "yes", "no", "thanks", "thank", "why", "how", "what", "where", "who", "did", "does", "do",
	"is", "was", "will", "would", "can", "could", "should", "even", "only", "not", "meanwhile", "today", "yesterday")

// stancePrefixes make a name into a stance ("anti-Lukashenko protests").
var stancePrefixes = set("anti", "pro", "non", "ex", "post", "pre", "neo", "pan", "mid", "un")

// nameSuffixes follow a surname without being it.
var nameSuffixes = set("jr", "sr", "ii", "iii", "iv", "phd", "md", "esq")

// connectors may stand inside a multi-word name.
var connectors = set("of", "the", "for", "and", "de", "del", "della", "der", "den", "van", "von", "al", "el", "bin", "ibn", "la", "le", "du", "da", "dos", "y", "on", "in", "to", "&")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// fold lower-cases a word and drops a trailing period.
func fold(w string) string {
	return strings.TrimSuffix(strings.ToLower(w), ".")
}

// isCapitalized reports whether w starts with an upper-case letter.
func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// startsWithDigit reports whether w starts with a digit ("Apollo 11").
func startsWithDigit(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// isAllCaps reports whether w has at least two letters, all upper case.
func isAllCaps(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// stripPossessive removes a trailing "'s", "’s" or a bare apostrophe.
func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "'S", "’S", "'", "’"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// CleanName returns the name part of a mention's text: possessives and
// surrounding punctuation removed, and, for people, leading titles and
// descriptors ("Ukrainian President", "Belarusian dictator", "Mr.")
// dropped. It returns the cleaned name and the title words it dropped.
func CleanName(text string, person bool) (name string, titles []string) {
	fields := strings.Fields(text)
	for i := range fields {
		fields[i] = strings.Trim(fields[i], "\"“”‘’«»()[],;:!?")
	}
	// drop empties left by punctuation
	out := fields[:0]
	for _, f := range fields {
		if f != "" {
			out = append(out, f)
		}
	}
	fields = out
	// Trailing lower-case words are not part of a name ("Reagan has").
	for len(fields) > 1 && !isCapitalized(fields[len(fields)-1]) && !startsWithDigit(fields[len(fields)-1]) {
		fields = fields[:len(fields)-1]
	}
	if len(fields) > 0 {
		fields[len(fields)-1] = stripPossessive(fields[len(fields)-1])
	}
	// a leading article or conjunction is never part of a name's identity
	// ("If Putin" from a sentence-initial "If")
	for len(fields) > 1 && leadingWords[fold(fields[0])] {
		fields = fields[1:]
	}
	// "anti-Lukashenko" names a stance, not the person
	if len(fields) > 0 {
		if pre, _, ok := strings.Cut(fields[0], "-"); ok && stancePrefixes[strings.ToLower(pre)] {
			return "", nil
		}
	}
	if person {
		for len(fields) > 1 && nameSuffixes[fold(fields[len(fields)-1])] {
			fields = fields[:len(fields)-1]
		}
		// Drop everything up to the last title word or lower-case
		// descriptor, as long as a capitalised name remains.
		cut := -1
		for i := 0; i < len(fields)-1; i++ {
			f := fold(fields[i])
			if connectors[f] && i > 0 {
				continue
			}
			if titleWords[f] || !isCapitalized(fields[i]) || strings.HasSuffix(f, "'s") || strings.HasSuffix(f, "’s") {
				cut = i
			}
		}
		if cut >= 0 {
			titles = append(titles, fields[:cut+1]...)
			fields = fields[cut+1:]
		}
	}
	return strings.Join(fields, " "), titles
}

// Gender is what a name or title says about a person's gender.
type Gender int

// Genders.
const (
	Unknown Gender = iota
	Male
	Female
)

// GenderOf guesses a person's gender from the titles before their name and
// their first name. It returns Unknown when neither says.
func GenderOf(name string, titles []string) Gender {
	for _, t := range titles {
		switch f := fold(t); {
		case maleHonorifics[f]:
			return Male
		case femaleHonorifics[f]:
			return Female
		}
	}
	fields := strings.Fields(name)
	if len(fields) < 2 {
		return Unknown
	}
	switch first := fold(fields[0]); {
	case maleNames[first]:
		return Male
	case femaleNames[first]:
		return Female
	}
	return Unknown
}

// Acronym returns the initials of a name's capitalised words ("Committee to
// Protect Journalists" → "CPJ"), or "" for a one-word name.
func Acronym(name string) string {
	fields := strings.Fields(name)
	if len(fields) < 2 {
		return ""
	}
	var b strings.Builder
	for _, f := range fields {
		r, _ := utf8.DecodeRuneInString(f)
		if unicode.IsUpper(r) {
			b.WriteRune(r)
		}
	}
	if b.Len() < 2 {
		return ""
	}
	return b.String()
}
