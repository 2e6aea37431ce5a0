package timex

import (
	"fmt"
	"regexp"
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
}

// triggers lists, for each rule, words one of which every match contains:
// the rule's expression runs only in windows around them, which keeps
// the regular expressions off most of the text. Lower-case triggers are
// looked for case-insensitively; "#" stands for any digit.
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

func init() {
	for _, n := range []string{"dmy", "md", "dm", "my", "month", "monrel"} {
		triggers[n] = triggers["mdy"]
	}
	for _, r := range rules {
		if len(triggers[r.name]) == 0 {
			panic("timex: rule without triggers: " + r.name)
		}
	}
}

// windows returns the merged byte ranges of text around the triggers of a
// rule, widened to whitespace so that no window starts inside a word.
func windows(text, lower string, trig []string) [][2]int {
	const back, fwd = 80, 60
	var ws [][2]int
	add := func(pos, n int) {
		lo, hi := max(0, pos-back), min(len(text), pos+n+fwd)
		for lo > 0 && text[lo-1] != ' ' && text[lo-1] != '\n' {
			lo--
		}
		for hi < len(text) && text[hi] != ' ' && text[hi] != '\n' {
			hi++
		}
		ws = append(ws, [2]int{lo, hi})
	}
	for _, t := range trig {
		if t == "#" {
			for i := 0; i < len(text); i++ {
				if text[i] >= '0' && text[i] <= '9' {
					j := i
					for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == ':' || text[j] == '/' || text[j] == '-' || text[j] == '.') {
						j++
					}
					add(i, j-i)
					i = j
				}
			}
			continue
		}
		hay := text
		if t == strings.ToLower(t) {
			hay = lower
		}
		for off := 0; ; {
			i := strings.Index(hay[off:], t)
			if i < 0 {
				break
			}
			add(off+i, len(t))
			off += i + len(t)
		}
	}
	if len(ws) < 2 {
		return ws
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i][0] < ws[j][0] })
	out := ws[:1]
	for _, w := range ws[1:] {
		if last := &out[len(out)-1]; w[0] <= last[1] {
			last[1] = max(last[1], w[1])
		} else {
			out = append(out, w)
		}
	}
	return out
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
	lower := asciiLower(text)
	for _, r := range rules {
		names := r.re.SubexpNames()
		for _, w := range windows(text, lower, triggers[r.name]) {
			for _, m := range r.re.FindAllStringSubmatchIndex(text[w[0]:w[1]], -1) {
				for i := range m {
					if m[i] >= 0 {
						m[i] += w[0]
					}
				}
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
				trimAdjectiveThe(text, cd)
				if cd.end > cd.start {
					all = append(all, cd)
				}
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

var futureCue = regexp.MustCompile(`(?i)\b(will|won't|shall|going to|plans? to|planned|scheduled|expected to|expects to|is due|are due|upcoming)\b|['’]ll\b`)

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
