package timex

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Ref is the reference date relative expressions are resolved against.
type Ref struct {
	// Date is the reference day; the zero Time means no reference is known.
	Date time.Time
	// Exact reports whether Date is the publication day itself. When false,
	// Date is only a lower bound (the day of a dated photo caption, say),
	// and expressions that need the exact day stay unresolved.
	Exact bool
}

// ParseRef parses a YYYY-MM-DD date (or a longer ISO 8601 timestamp, whose
// first ten characters are used) as an exact reference. An empty string
// gives the zero Ref.
func ParseRef(s string) (Ref, error) {
	if s == "" {
		return Ref{}, nil
	}
	if len(s) > 10 {
		s = s[:10]
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Ref{}, fmt.Errorf("timex: bad reference date %q: %w", s, err)
	}
	return Ref{Date: t, Exact: true}, nil
}

func (r Ref) known() bool { return !r.Date.IsZero() }

// Find returns the time expressions of text, sorted by start, with values
// normalised against ref. Expressions that cannot be resolved have an empty
// Value. Spans are byte offsets into text.
func Find(text string, ref Ref) []news.Time {
	cands := candidates(text)
	out := make([]news.Time, 0, len(cands))
	c := &resolver{text: text, ref: ref}
	for _, cd := range cands {
		v, kind, ok := cd.rule.norm(c, cd)
		if !ok {
			continue
		}
		t := news.Time{Span: news.Span{Start: cd.start, End: cd.end}, Text: text[cd.start:cd.end], Value: v, Kind: kind}
		if v != "" && c.usedRef {
			t.Anchor = ref.Date.Format("2006-01-02")
		}
		// "that year" refers to the last year the text named outright.
		if !c.usedRef && len(v) >= 4 && isDigits(v[:4]) && (len(v) == 4 || v[4] == '-') {
			c.lastYear, _ = strconv.Atoi(v[:4])
		}
		c.usedRef = false
		if v != "" && len(v) >= 10 && v[4] == '-' && v[7] == '-' && isDigits(v[8:10]) {
			if d, err := time.Parse("2006-01-02", v[:10]); err == nil {
				c.last, c.lastEnd = d, cd.end
			}
		}
		out = append(out, t)
	}
	return out
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// cand is one match of a rule: the span of the expression and the named
// groups of the match.
type cand struct {
	start, end int // the expression's span (without the context the rule matched around it)
	rule       *rule
	g          map[string]string
}

func (cd *cand) has(name string) bool { return cd.g[name] != "" }

type rule struct {
	name string
	re   *regexp.Regexp
	norm func(c *resolver, cd *cand) (value string, kind news.TimeKind, ok bool)
	// approx says that an approximation before a match belongs to it
	// ("nearly two weeks ago"; see approxStart).
	approx bool
}

// triggers lists, for each rule, words one of which every match contains.
// A rule's expression is tried only at the word starts just before each
// trigger (see reach), anchored there, which keeps the regular expressions
// off most of the text. Lower-case triggers are looked for
// case-insensitively; "#" stands for any digit.
var triggers = map[string][]string{
	"mdy": {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"},
	"iso": {"#"}, "us": {"#"}, "year": {"#"}, "decade": {"#"}, "clock": {"#", "noon", "midnight"},
	"wday":     {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
	"century":  {"centur"},
	"day":      {"today", "yesterday", "tomorrow", "tonight", "night", "morning", "afternoon", "evening"},
	"ref":      {"now", "current", "present", "these days", "recent", "past", "future"},
	"rel":      {"year", "month", "week"},
	"season":   {"spring", "summer", "fall", "autumn", "winter"},
	"ago":      {"ago", "earlier", "before", "later"},
	"narr":     {"day", "morning"},
	"narryear": {"year"},
	"quarter":  {"quarter"}, "yquarter": {"quarter"}, "pastunit": {"decade", "centur", "quarter"},
	"dur":     {"second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "centur"},
	"half":    {"half"},
	"vague":   {"minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"},
	"set":     {"daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "every", "each"},
	"holiday": {"Christmas", "New Year", "Halloween", "Valentine", "Thanksgiving"},
	"yearago": {"year-"}, "yearend": {"year"},
	"clockwd": {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
}

// reach is, for each rule, how many whitespace-separated words a match can
// have before the word that holds its trigger ("the end of 1990": three).
var reach = map[string]int{
	"mdy": 1, "dmy": 4, "iso": 0, "us": 0, "md": 1, "dm": 4, "my": 1, "month": 2, "monrel": 0,
	"wday": 1, "year": 4, "decade": 2, "century": 3, "day": 1, "ref": 1, "rel": 4, "yearago": 2,
	"yearend": 1, "pastunit": 2, "clockwd": 4, "yquarter": 3, "season": 1, "ago": 7, "narr": 3,
	"narryear": 2, "quarter": 3, "dur": 8, "half": 0, "vague": 1, "set": 0, "clock": 1, "holiday": 0,
}

// fwd is how far past the end of its trigger a match can reach, in bytes
// (then to the end of that word): 60 unless a rule's trigger ends its
// matches (the unit of "28 years", the "ago" of "a year ago").
const fwd = 60

var shortFwd = map[string]int{"dur": 12, "ago": 2, "vague": 2, "month": 2, "monrel": 24, "century": 12, "narr": 12, "narryear": 12, "rel": 12, "pastunit": 12,
	"clock": 16, "year": 2, "decade": 3, "iso": 2, "us": 2, "mdy": 22, "dmy": 22, "md": 16, "dm": 12, "my": 22, "wday": 12, "clockwd": 2, "day": 12,
	"ref": 10, "season": 12, "yearago": 24, "yearend": 8, "quarter": 14, "yquarter": 4, "half": 12, "set": 24, "holiday": 16}

// numLead are the words a count can begin with (see fNum).
var numLead = []string{"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
	"fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
	"eighty", "ninety", "hundred", "a", "an", "few", "several", "many", "some", "dozens", "hundreds", "thousands"}

// lead holds, for rules whose matches begin with a word from a closed
// list, the list (lower-case); a match may also begin with a digit.
var lead = map[string]map[string]bool{
	"dur": words(numLead, "the", "past", "last", "next", "first", "coming", "previous", "final", "latest", "recent"),
	"ago": words(numLead),
}

func words(l []string, more ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range append(append([]string(nil), l...), more...) {
		m[w] = true
	}
	return m
}

// leadOK reports whether the word at i can begin a match of a rule with a
// lead list.
func leadOK(text string, i int, l map[string]bool) bool {
	if text[i] >= '0' && text[i] <= '9' {
		return true
	}
	j := i
	for j < len(text) && isLetter(text[j]) {
		j++
	}
	if j == i || j-i > 9 {
		return false
	}
	var buf [9]byte
	for k := i; k < j; k++ {
		buf[k-i] = text[k] | 0x20
	}
	return l[string(buf[:j-i])]
}

// first holds, for each rule, the bytes its matches can begin with.
var first = map[*rule]*[256]bool{}

// anchored holds each rule's expression anchored at the start of its input.
var anchored = map[*rule]*regexp.Regexp{}

func init() {
	for _, n := range []string{"dmy", "md", "dm", "my", "month", "monrel"} {
		triggers[n] = triggers["mdy"]
	}
	for _, r := range rules {
		if len(triggers[r.name]) == 0 {
			panic("timex: rule without triggers: " + r.name)
		}
		if _, ok := reach[r.name]; !ok {
			panic("timex: rule without reach: " + r.name)
		}
		anchored[r] = regexp.MustCompile(`^(?:` + r.re.String() + `)`)
		first[r] = firstBytes(r.re.String())
	}
}

// firstBytes returns the bytes a match of the expression can begin with:
// those of the runes its program can consume first, and every byte of a
// multi-byte sequence when a non-ASCII rune can come first.
func firstBytes(expr string) *[256]bool {
	var set [256]bool
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		panic("timex: " + err.Error())
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		panic("timex: " + err.Error())
	}
	seen := make([]bool, len(prog.Inst))
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out)
			walk(in.Arg)
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstNop:
			walk(in.Out)
		case syntax.InstMatch, syntax.InstFail:
			for b := range set {
				set[b] = true // an empty match: no filter
			}
		default:
			for b := 0; b < 0x80; b++ {
				if in.MatchRune(rune(b)) {
					set[b] = true
				}
			}
			for b := 0x80; b < 0x100; b++ {
				set[b] = true
			}
		}
	}
	walk(uint32(prog.Start))
	return &set
}

// trigIndex finds the occurrences of every trigger word in a text in one
// pass, for all rules that share them.
type trigIndex struct {
	text   string
	digits [][2]int
	hits   [][]int32 // by trigger ID: the starts of its occurrences
}

// Triggers by ID, and by their first two bytes, lower-cased.
var (
	trigWords  []string
	trigLower  []bool // whether a trigger is looked for case-insensitively
	trigID     = map[string]int{}
	trigByPair = map[uint16][]int{}
	trigPair   [1 << 16 / 8]byte // bit set of the pairs in trigByPair
)

func init() {
	for _, r := range rules {
		for _, t := range triggers[r.name] {
			if _, ok := trigID[t]; ok || t == "#" {
				continue
			}
			id := len(trigWords)
			trigID[t] = id
			trigWords = append(trigWords, t)
			trigLower = append(trigLower, t == strings.ToLower(t))
			l := strings.ToLower(t)
			k := uint16(l[0])<<8 | uint16(l[1])
			trigByPair[k] = append(trigByPair[k], id)
			trigPair[k>>3] |= 1 << (k & 7)
		}
	}
}

func newTrigIndex(text string) *trigIndex {
	x := &trigIndex{text: text, hits: make([][]int32, len(trigWords))}
	lower := asciiLower(text)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= '0' && c <= '9' {
			j := i
			for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ':' || text[j] == '/' || text[j] == '-' || text[j] == '.') {
				j++
			}
			x.digits = append(x.digits, [2]int{i, j})
			i = j - 1
			continue
		}
		if i+1 >= len(text) {
			break
		}
		k := uint16(lower[i])<<8 | uint16(lower[i+1])
		if trigPair[k>>3]&(1<<(k&7)) == 0 {
			continue
		}
		for _, id := range trigByPair[k] {
			t := trigWords[id]
			if len(t) > len(text)-i {
				continue
			}
			if trigLower[id] {
				if lower[i:i+len(t)] != t {
					continue
				}
			} else if text[i:i+len(t)] != t {
				continue
			}
			x.hits[id] = append(x.hits[id], int32(i))
		}
	}
	return x
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func isWordChar(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_'
}

// starts returns, for a rule, the positions a match can begin at (the
// starts of the tokens within reach before each trigger), each with the end
// of the input to match it against, sorted by position.
func starts(x *trigIndex, r *rule) [][2]int {
	text := x.text
	back := reach[r.name]
	fb := first[r]
	ld := lead[r.name]
	var out [][2]int
	for _, t := range triggers[r.name] {
		occ := x.digits
		if t != "#" {
			hs := x.hits[trigID[t]]
			occ = make([][2]int, len(hs))
			for i, h := range hs {
				occ[i] = [2]int{int(h), int(h) + len(t)}
			}
		}
		for _, o := range occ {
			f := fwd
			if n, ok := shortFwd[r.name]; ok {
				f = n
			}
			hi := min(len(text), o[1]+f)
			for hi < len(text) && !isSpace(text[hi]) {
				hi++
			}
			lo := o[0]
			for lo > 0 && !isSpace(text[lo-1]) {
				lo--
			}
			for k := 0; k < back && lo > 0; k++ {
				for lo > 0 && isSpace(text[lo-1]) {
					lo--
				}
				for lo > 0 && !isSpace(text[lo-1]) {
					lo--
				}
			}
			for i := lo; i <= o[0]; i++ {
				c := text[i]
				if isSpace(c) || c >= 0x80 && c < 0xC0 || !fb[c] {
					continue // whitespace, or inside a UTF-8 sequence
				}
				if i > lo && isWordChar(text[i-1]) && isWordChar(c) {
					continue // inside a word
				}
				if ld != nil && !leadOK(text, i, ld) {
					continue
				}
				out = append(out, [2]int{i, hi})
			}
		}
	}
	if len(out) < 2 {
		return out
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i][0] != out[j][0] {
			return out[i][0] < out[j][0]
		}
		return out[i][1] > out[j][1]
	})
	dedup := out[:1]
	for _, s := range out[1:] {
		if s[0] != dedup[len(dedup)-1][0] {
			dedup = append(dedup, s)
		}
	}
	return dedup
}

// asciiLower lower-cases the ASCII letters of s, keeping every offset.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// candidates runs every rule over text and keeps a set of non-overlapping
// matches, preferring the longest, then the earliest.
func candidates(text string) []*cand {
	var all []*cand
	x := newTrigIndex(text)
	for _, r := range rules {
		names := r.re.SubexpNames()
		are := anchored[r]
		done := 0 // like FindAll: matches of one rule do not overlap
		for _, st := range starts(x, r) {
			if st[0] < done {
				continue
			}
			m := are.FindStringSubmatchIndex(text[st[0]:st[1]])
			if m == nil || m[1] == 0 {
				continue
			}
			for i := range m {
				if m[i] >= 0 {
					m[i] += st[0]
				}
			}
			done = m[1]
			cd := &cand{start: m[0], end: m[1], rule: r, g: map[string]string{}}
			for i, n := range names {
				if n == "" || m[2*i] < 0 {
					continue
				}
				if n == "t" {
					cd.start, cd.end = m[2*i], m[2*i+1]
					continue
				}
				cd.g[n] = text[m[2*i]:m[2*i+1]]
			}
			if r.approx && cd.start == m[0] {
				cd.start = approxStart(text, cd.start)
			}
			trimAdjectiveThe(text, cd)
			if cd.end > cd.start {
				all = append(all, cd)
			}
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		li, lj := all[i].end-all[i].start, all[j].end-all[j].start
		if li != lj {
			return li > lj
		}
		return all[i].start < all[j].start
	})
	var keep []*cand
	for _, cd := range all {
		ok := true
		for _, k := range keep {
			if cd.start < k.end && k.start < cd.end {
				ok = false
				break
			}
		}
		if ok && cd.rule.norm != nil && !acceptable(text, cd) {
			ok = false
		}
		if ok {
			keep = append(keep, cd)
		}
	}
	sort.Slice(keep, func(i, j int) bool { return keep[i].start < keep[j].start })
	return keep
}

// trimAdjectiveThe drops a leading "the" from an expression that is a
// hyphenated modifier ("the third-quarter results", "the 14-day trip"):
// the article belongs to the noun after it.
func trimAdjectiveThe(text string, cd *cand) {
	span := text[cd.start:cd.end]
	if len(span) < 5 || !strings.EqualFold(span[:4], "the ") {
		return
	}
	rest := strings.ToLower(span[4:])
	if strings.HasPrefix(rest, "mid-") || strings.HasPrefix(rest, "early-") || strings.HasPrefix(rest, "late-") {
		return // "the mid-1990s" is a noun phrase
	}
	if !strings.Contains(rest, " ") && strings.Contains(rest, "-") {
		cd.start += 4
	}
}

// resolver carries the reference date and the narrative reference (the
// last day the text mentioned) while a text is resolved left to right.
type resolver struct {
	text     string
	ref      Ref
	last     time.Time
	lastEnd  int
	lastYear int // the year of the last absolute date or year the text named
	usedRef  bool
}

// refDate returns the reference date when the expression needs the exact
// publication day.
func (c *resolver) exact() (time.Time, bool) {
	if c.ref.known() && c.ref.Exact {
		c.usedRef = true
		return c.ref.Date, true
	}
	return time.Time{}, false
}

// bound returns the reference date when a lower bound is good enough (the
// expression needs only the year, or a nearby month).
func (c *resolver) bound() (time.Time, bool) {
	if c.ref.known() {
		c.usedRef = true
		return c.ref.Date, true
	}
	return time.Time{}, false
}

// narrative returns the day the text last mentioned, or the exact reference
// date.
func (c *resolver) narrative() (time.Time, bool) {
	if !c.last.IsZero() {
		return c.last, true
	}
	return c.exact()
}

var futureCue = regexp.MustCompile(`(?i)\b(will|won't|shall|going to|plans? to|planned|scheduled|expected to|expects to|is due|are due|upcoming|set to|sets to|to resume|as soon as|planning|plans)\b|['’]ll\b`)

var pastCue = regexp.MustCompile(`(?i)\b(was|were|had|did|began|took|came|went|fell|rose|left|won|lost|met|saw|made|gave|got|held|ago)\b`)

// past reports whether the clause around [start, end) is in the past tense.
func (c *resolver) past(start, end int) bool {
	return pastCue.MatchString(c.clause(start, end))
}

func (c *resolver) clause(start, end int) string {
	s := sentenceAround(c.text, start, end)
	off := strings.Index(s, c.text[start:end])
	if off >= 0 {
		lo, hi := clauseBound(s, off, -1, 6), clauseBound(s, off+end-start, 1, 4)
		s = s[lo:hi]
	}
	return s
}

// future reports whether the sentence around [start, end) speaks of the future.
func (c *resolver) future(start, end int) bool {
	// Only the clause around the expression: a few words either side.
	return futureCue.MatchString(c.clause(start, end))
}

func sentenceAround(text string, start, end int) string {
	lo := start
	for lo > 0 {
		ch := text[lo-1]
		if ch == '\n' || ((ch == '.' || ch == '!' || ch == '?') && lo < len(text) && (text[lo] == ' ') && lo >= 3 && !abbrevBefore(text, lo-1)) {
			break
		}
		lo--
	}
	hi := end
	for hi < len(text) {
		ch := text[hi]
		if ch == '\n' || ((ch == '.' || ch == '!' || ch == '?') && (hi+1 == len(text) || text[hi+1] == ' ') && !abbrevBefore(text, hi)) {
			break
		}
		hi++
	}
	return text[lo:hi]
}

// abbrevBefore reports whether the period at i ends a short abbreviation
// such as "Jan." or "a.m.".
func abbrevBefore(text string, i int) bool {
	j := i
	for j > 0 && (isLetter(text[j-1]) || text[j-1] == '.') {
		j--
	}
	w := strings.ToLower(strings.TrimRight(text[j:i], "."))
	switch w {
	case "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
		"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "u.s", "a.m", "p.m", "no", "vs", "jr", "sr", "inc", "corp", "co":
		return true
	}
	return false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func fmtDay(t time.Time) string   { return t.Format("2006-01-02") }
func fmtMonth(t time.Time) string { return t.Format("2006-01") }
func fmtYear(y int) string {
	if y < 0 || y > 9999 {
		return ""
	}
	return fmt.Sprintf("%04d", y)
}
func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

func date(y, m, d int) (time.Time, bool) {
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1 || y > 9999 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// clauseBound walks n words from i in direction dir (-1 or 1) within s,
// stopping at a comma or semicolon.
func clauseBound(s string, i, dir, n int) int {
	words := 0
	for {
		if dir < 0 && i <= 0 || dir > 0 && i >= len(s) {
			break
		}
		var ch byte
		if dir < 0 {
			ch = s[i-1]
		} else {
			ch = s[i]
		}
		if ch == ';' {
			break
		}
		if ch == ' ' {
			words++
			if words > n {
				break
			}
		}
		i += dir
	}
	return i
}
