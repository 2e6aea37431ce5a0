package timex

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Regular-expression fragments shared by the rules.
const (
	fMonFull = `January|February|March|April|May|June|July|August|September|October|November|December`
	fMonAbbr = `Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|Jan|Feb|Apr|Aug|Sept|Oct|Nov|Dec`
	fMon     = `(?:` + fMonFull + `|` + fMonAbbr + `)`
	fWday    = `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`
	fDay     = `(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?`
	fYear    = `(?:1[0-9]{3}|20[0-9]{2})`
	fNumWord = `one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundred`
	fNum     = `(?:\d+(?:\.\d+)?|(?:twen|thir|for|fif|six|seven|eigh|nine)ty-(?:one|two|three|four|five|six|seven|eight|nine)|` + fNumWord + `|a|an|a few|few|several|many|some|a couple of|a dozen|(?:dozen|hundred|thousand)s of)`
	fUnit    = `(?:second|minute|hour|day|week|month|quarter|year|decade|century|centurie)`
	fPart    = `(?:morning|afternoon|evening|night)`
)

func re(s string) *regexp.Regexp { return regexp.MustCompile(s) }

var rules = []*rule{
	// Friday, May 20, 2022 / May 20, 2022 / May 20th 2022
	{name: "mdy", re: re(`\b(?:(?P<wd>` + fWday + `),?\s+)?(?P<mon>` + fMon + `)\s+(?P<day>` + fDay + `)(?:,\s*|\s+)(?P<year>` + fYear + `)\b`), norm: normFullDate},
	// Friday, 20 May 2022 / 20th of May, 2022
	{name: "dmy", re: re(`\b(?:(?P<wd>` + fWday + `),?\s+)?(?:the\s+)?(?P<day>` + fDay + `)\s+(?:of\s+)?(?P<mon>` + fMon + `),?\s+(?P<year>` + fYear + `)\b`), norm: normFullDate},
	// 2022-05-20
	{name: "iso", re: re(`\b(?P<year>` + fYear + `)-(?P<mnum>0[1-9]|1[0-2])-(?P<dnum>0[1-9]|[12][0-9]|3[01])\b`), norm: normFullDate},
	// 5/20/2022 (month first, as in American news)
	{name: "us", re: re(`\b(?P<mnum>1[0-2]|0?[1-9])/(?P<dnum>[12][0-9]|3[01]|0?[1-9])/(?P<year>` + fYear + `)\b`), norm: normFullDate},
	// Friday, May 20 / May 20 / 20 May
	{name: "md", re: re(`\b(?:(?P<wd>` + fWday + `),?\s+)?(?P<mon>` + fMon + `)\s+(?P<day>` + fDay + `)\b`), norm: normMonthDay},
	{name: "dm", re: re(`\b(?:(?P<wd>` + fWday + `),?\s+)?(?:the\s+)?(?P<day>` + fDay + `)\s+(?:of\s+)?(?P<mon>` + fMonFull + `)\b`), norm: normMonthDay},
	// May 2022, early March of 2020
	{name: "my", re: re(`\b(?P<t>(?:(?i:early|late|mid)[- ])?(?P<mon>` + fMon + `)\s+(?:of\s+)?(?P<year>` + fYear + `))\b`), norm: normMonthYear},
	// April, last April, early May
	{name: "month", re: re(`(?:\b(?P<prep>in|since|until|by|from|of|during|before|after|through|between|and|to|In|Since|Until|By|From|During|Before|After|Through)\s+)?\b(?P<t>(?:(?P<mod>(?i:last|next|this|early|late|mid))[- ])?(?P<mon>` + fMonFull + `))\b`), norm: normMonth},
	// June last year, January this year
	{name: "monrel", re: re(`\b(?P<t>(?P<mon>` + fMonFull + `)\s+(?P<mod>(?i:last|this|next))\s+(?i:year))\b`), norm: normMonthRel},
	// Saturday, on Saturday, last Friday, Saturday morning
	{name: "wday", re: re(`\b(?P<t>(?:(?P<mod>(?i:last|next|this|early|late))\s+)?(?P<wd>` + fWday + `)(?:\s+(?P<part>` + fPart + `))?)\b`), norm: normWeekday},
	// 1994, fiscal 1998, the end of 1990, early 2020
	{name: "year", re: re(`(?P<pre>\$|#|\bNo\.\s?)?\b(?P<t>(?:(?i:the\s+)?(?i:end|beginning|start|middle|spring|summer|fall|autumn|winter)\s+of\s+|(?i:early|late|mid)[- ]|(?i:fiscal)\s+(?:(?i:year)\s+)?)?(?P<year>` + fYear + `))\b`), norm: normYear},
	// the 1860s, the early '90s, the 1800s
	{name: "decade", re: re(`\b(?P<t>(?i:the\s+)?(?:(?i:early|late|mid)[- ])?(?:(?P<cent>1[0-9]|20)(?P<dec>[0-9])0s|['’](?P<short>[0-9])0s))`), norm: normDecade},
	// the 19th century, the twenty-first century
	{name: "century", re: re(`(?i)\b(?P<t>(?:the\s+)?(?:(?:early|late|mid)[- ])?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first|twenty-second)[- ]century)\b`), norm: normCentury},
	// today, yesterday, tomorrow, tonight, last night, this morning, yesterday afternoon
	{name: "day", re: re(`(?i)\b(?P<t>(?P<w>today|yesterday|tomorrow|tonight|last night|this (?:morning|afternoon|evening))(?:\s+(?P<part>` + fPart + `))?)\b`), norm: normDayWord},
	// now, currently, recently, the past, the future, soon
	{name: "ref", re: re(`(?i)\b(?P<t>(?P<w>now|currently|current|nowadays|at present|the present|these days|recently|the past|the future|in future|recent (?:years|months|weeks|days)))\b`), norm: normRefWord},
	// this year, last month, next week, earlier this year, the weekend
	{name: "rel", re: re(`(?i)\b(?P<t>(?:(?P<edge>earlier|later|early|late)\s+)?(?P<mod>this|last|next|the past|the coming|the current|the full|the current fiscal|the latest fiscal|the fiscal|the)\s+(?P<unit>year|month|week|weekend))\b(?P<hy>-)?`), norm: normRelative},
	// year-end, the year-earlier period, the year-ago third quarter
	{name: "yearago", re: re(`(?i)\b(?P<t>(?:the\s+)?(?:comparable\s+)?year-(?:earlier|ago)(?:\s+(?P<what>period|quarter|(?P<q>first|second|third|fourth)\s+quarter))?)\b`), norm: normYearAgo},
	{name: "yearend", re: re(`(?i)\b(?P<t>(?:the\s+)?year[- ]end|year['’]s end)\b`), norm: normYearEnd},
	// the past decade, the next century
	{name: "pastunit", re: re(`(?i)\b(?P<t>(?:the\s+)?(?:past|last|next|coming|previous)\s+(?P<unit>decade|century|quarter))\b`), norm: normPastUnit},
	// noon Thursday, 5 p.m. Friday
	{name: "clockwd", re: re(`(?i)\b(?P<t>(?:(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|(?P<noon>noon|midnight))\s+(?:on\s+)?(?P<wd>(?-i:` + fWday + `)))\b`), norm: normClockWeekday},
	// the 1988 third quarter
	{name: "yquarter", re: re(`(?i)\b(?P<t>(?:the\s+)?(?P<year>` + fYear + `)\s+(?P<q>first|second|third|fourth)[- ]quarter)\b`), norm: normQuarter},
	// last summer, winter of 2021
	{name: "season", re: re(`(?i)\b(?P<t>(?:(?P<mod>last|this|next|early|late)\s+)(?P<season>spring|summer|fall|autumn|winter)|(?P<season2>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>` + fYear + `))\b`), norm: normSeason},
	// a year ago, two weeks ago, a year earlier
	{name: "ago", re: re(`(?i)\b(?P<t>(?P<num>` + fNum + `)\s+(?P<unit>` + fUnit + `)s?\s+(?P<dir>ago|earlier|before|later))\b`), norm: normAgo, approx: true},
	// later in the day, the next day, that day, the same day
	{name: "narr", re: re(`(?i)\b(?P<t>(?P<w>(?:later|earlier) (?:in the|that) day|that day|the same day|the next (?:day|morning)|the following (?:day|morning)|the day before|the previous day|the day after))\b`), norm: normNarrative},
	// that year, the following year, the previous year
	{name: "narryear", re: re(`(?i)\b(?P<t>(?P<w>that year|the same year|the following year|the next year|the previous year|the year before|the year after))\b`), norm: normNarrativeYear},
	// the third quarter, third-quarter, the first quarter of 1990, the latest quarter
	{name: "quarter", re: re(`(?i)\b(?P<t>(?:the\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?:\s+of\s+(?P<year>` + fYear + `))?|(?P<qrel>latest|last|this|current|next|past|year-earlier|year-ago|previous)[- ]quarter|quarter))\b`), norm: normQuarter},
	// 28 years, a decade, the past five years, two-year, half an hour
	{name: "dur", re: re(`(?i)\b(?P<t>(?:the\s+)?(?:(?:past|last|next|first|coming|previous|final|latest|recent)\s+)?(?P<num>` + fNum + `)(?P<hy>[- ]|\s+)(?P<unit>` + fUnit + `)(?P<pl>s)?)\b(?P<after>-old|\s+old)?`), norm: normDuration, approx: true},
	{name: "half", re: re(`(?i)\b(?P<t>half an? (?P<unit>hour|day|year|century|decade))\b`), norm: normHalf},
	// for years, in decades
	{name: "vague", re: re(`(?i)\b(?:for|over|in|within|after|of)\s+(?P<t>(?P<unit>minute|hour|day|week|month|year|decade|centurie)s)\b`), norm: normVague},
	// daily, every week, each Monday
	{name: "set", re: re(`(?i)\b(?P<t>(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each)\s+(?:(?:(?P<num>` + fNum + `)\s+)?(?P<unit>day|week|month|year|morning|night|evening|hour|minute|decade)s?|(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)))\b`), norm: normSet},
	// 10:30 a.m., 5 p.m., noon, midnight
	{name: "clock", re: re(`(?i)\b(?P<t>(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5][0-9]))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|(?P<hh>[01]?[0-9]|2[0-3]):(?P<mm>[0-5][0-9])\s+(?:GMT|UTC|local time)|(?P<noon>noon|midnight))`), norm: normClock},
	// Christmas, New Year's Day
	{name: "holiday", re: re(`\b(?P<t>(?P<hol>Christmas Eve|Christmas Day|Christmas|New Year['’]s Eve|New Year['’]s Day|Halloween|Valentine['’]s Day|Thanksgiving Day|Thanksgiving)(?:\s+(?P<year>` + fYear + `))?)\b`), norm: normHoliday},
}

// approxWords are the approximations TimeBank keeps inside an expression
// ("nearly two weeks ago"); "over" and "about" stay outside, as it
// annotates them. Rules marked approx take them in front of a match.
var approxWords = []string{"nearly", "almost", "around", "more than", "less than", "at least", "up to"}

// approxStart returns where an approximation before byte i begins ("nearly
// two weeks": the start of "nearly"), or i.
func approxStart(text string, i int) int {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '\n' || text[j-1] == '\r' || text[j-1] == '\f') {
		j--
	}
	if j == i {
		return i
	}
	for _, w := range approxWords {
		k := j - len(w)
		if k >= 0 && strings.EqualFold(text[k:j], w) && (k == 0 || !isWordChar(text[k-1])) {
			return k
		}
	}
	return i
}

var monthIndex = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}

func monthNum(s string) int {
	s = strings.ToLower(strings.TrimSuffix(s, "."))
	if len(s) < 3 {
		return 0
	}
	return monthIndex[s[:3]]
}

var wdIndex = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

func weekday(s string) time.Weekday { return wdIndex[strings.ToLower(s)[:3]] }

func dayNum(s string) int {
	s = strings.TrimRight(s, "stndrh")
	n, _ := strconv.Atoi(s)
	return n
}

var numWords = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
	"a couple of": 2, "a dozen": 12}

// number parses a count; vague counts ("several", "a few") report ok with
// vague set.
func number(s string) (n float64, vague, ok bool) {
	s = strings.ToLower(s)
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, false, v > 0
	}
	if v, ok := numWords[s]; ok {
		return v, false, true
	}
	if i := strings.IndexByte(s, '-'); i > 0 {
		a, b := numWords[s[:i]], numWords[s[i+1:]]
		if a > 0 && b > 0 {
			return a + b, false, true
		}
	}
	switch s {
	case "a few", "few", "several", "many", "some", "dozens of", "hundreds of", "thousands of":
		return 0, true, true
	}
	return 0, false, false
}

func fmtNum(n float64) string { return strconv.FormatFloat(n, 'f', -1, 64) }

// acceptable filters matches that look like dates but are not.
func acceptable(text string, cd *cand) bool {
	switch cd.rule.name {
	case "year":
		if cd.g["pre"] != "" {
			return false
		}
		return plausibleYear(text, cd)
	case "month":
		mon := cd.g["mon"]
		if (mon == "May" || mon == "March") && cd.g["mod"] == "" && cd.g["prep"] == "" {
			return false
		}
		// "June Smith": a month followed by a capitalised word is a name.
		rest := strings.TrimLeft(text[cd.end:], " ")
		if cd.g["mod"] == "" && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' && cd.g["prep"] == "" {
			return false
		}
	case "dur":
		if cd.g["after"] != "" {
			return false // "a 50-year-old"
		}
		// "a" + unit is a set in "twice a day", "per year".
		if strings.EqualFold(cd.g["num"], "some") && cd.g["pl"] == "" {
			return false
		}
		if l := strings.ToLower(cd.g["num"]); (l == "a" || l == "one") && strings.EqualFold(cd.g["unit"], "second") {
			return false // "a second term"
		}
		if strings.EqualFold(cd.g["unit"], "quarter") {
			// "three-quarters of the vote", "a quarter of the cost": a
			// fraction unless a count of quarters ("the past two quarters").
			if n, _, ok := number(cd.g["num"]); !ok || n < 2 || cd.g["hy"] == "-" || cd.g["pl"] == "" {
				return false
			}
			if i := cd.end; i+3 <= len(text) && strings.HasPrefix(text[i:], " of") {
				return false
			}
		}
	case "rel":
		if cd.g["hy"] != "" {
			return false // "the year-earlier period"
		}
	case "md", "dm":
		if cd.end < len(text) && (text[cd.end] == ',' || text[cd.end] == '.') && cd.end+1 < len(text) && text[cd.end+1] >= '0' && text[cd.end+1] <= '9' {
			return false // "March 1,000"
		}
		if n := dayNum(cd.g["day"]); n == 0 {
			return false
		}
	case "clock":
		return true
	}
	return true
}

var pluralException = map[string]bool{"is": true, "was": true, "has": true, "as": true, "its": true, "his": true, "this": true, "across": true, "plus": true, "thus": true, "unless": true, "whereas": true, "always": true, "perhaps": true, "towards": true, "besides": true, "vs": true, "does": true, "says": true, "remains": true, "marks": true, "sees": true, "saw": true}

var unitWords = map[string]bool{"gmt": true, "utc": true, "hours": true, "hrs": true, "km": true, "kg": true, "ft": true, "m": true, "cc": true, "mph": true, "lbs": true, "percent": true, "per": true, "people": true, "men": true, "women": true, "children": true, "police": true, "staff": true, "personnel": true, "feet": true, "head": true, "more": true, "other": true, "of": true, "million": true, "billion": true, "thousand": true}

// plausibleYear reports whether a four-digit number reads as a year and not
// as a count ("2000 people") or a measure ("1500 GMT").
func plausibleYear(text string, cd *cand) bool {
	// A number that continues (1994.5, 1994,000) or is a range or score.
	if cd.end < len(text) {
		ch := text[cd.end]
		if ch == '%' || (ch == ',' || ch == '.') && cd.end+1 < len(text) && text[cd.end+1] >= '0' && text[cd.end+1] <= '9' {
			return false
		}
	}
	if cd.start > 0 {
		ch := text[cd.start-1]
		if ch == '.' || ch == ',' && cd.start > 1 && text[cd.start-2] >= '0' && text[cd.start-2] <= '9' {
			return false
		}
	}
	rest := strings.TrimLeft(text[cd.end:], " ")
	w := rest
	for i := 0; i < len(w); i++ {
		if !isLetter(w[i]) {
			w = w[:i]
			break
		}
	}
	lw := strings.ToLower(w)
	if unitWords[lw] {
		return false
	}
	if len(w) > 2 && w[0] >= 'a' && w[0] <= 'z' && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !pluralException[lw] {
		return false
	}
	return true
}

func normFullDate(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	y, _ := strconv.Atoi(cd.g["year"])
	m := monthNum(cd.g["mon"])
	if cd.has("mnum") {
		m, _ = strconv.Atoi(cd.g["mnum"])
	}
	d := dayNum(cd.g["day"])
	if cd.has("dnum") {
		d, _ = strconv.Atoi(cd.g["dnum"])
	}
	t, ok := date(y, m, d)
	if !ok {
		return "", "", false
	}
	return fmtDay(t), news.TimeDate, true
}

// nearestYear picks the year for a month (and day) given without one: the
// occurrence nearest the reference date, or, in a sentence about the future,
// the nearest one not before it.
func (c *resolver) nearestYear(cd *cand, m, d int) (int, bool) {
	ref, ok := c.bound()
	if !ok {
		return 0, false
	}
	if d == 0 {
		d = 15
	}
	if d > 28 {
		d = 28
	}
	fut := c.future(cd.start, cd.end)
	past := !fut && c.past(cd.start, cd.end)
	best, bestDist := ref.Year(), time.Duration(1<<62)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		dist := t.Sub(ref)
		if past && dist > 15*24*time.Hour {
			continue
		}
		if dist < 0 {
			if fut && -dist > 15*24*time.Hour {
				continue
			}
			dist = -dist
		} else if !fut {
			// News mostly reports what happened: without a cue either
			// way, a later date must be much nearer to win.
			dist *= 3
		}
		if dist < bestDist {
			best, bestDist = y, dist
		}
	}
	return best, true
}

func normMonthDay(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	m, d := monthNum(cd.g["mon"]), dayNum(cd.g["day"])
	y, ok := c.nearestYear(cd, m, d)
	if !ok {
		return "", news.TimeDate, true
	}
	t, ok := date(y, m, d)
	if !ok {
		return "", news.TimeDate, true
	}
	return fmtDay(t), news.TimeDate, true
}

func normMonthYear(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	y, _ := strconv.Atoi(cd.g["year"])
	return fmtYear(y) + "-" + twoDigits(monthNum(cd.g["mon"])), news.TimeDate, true
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func normMonth(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	m := monthNum(cd.g["mon"])
	ref, ok := c.bound()
	if !ok {
		return "", news.TimeDate, true
	}
	y, rm := ref.Year(), int(ref.Month())
	switch strings.ToLower(cd.g["mod"]) {
	case "last":
		if m >= rm {
			y--
		}
	case "next":
		if m <= rm {
			y++
		}
	case "this":
	default:
		y, _ = c.nearestYear(cd, m, 0)
	}
	return fmtYear(y) + "-" + twoDigits(m), news.TimeDate, true
}

var partCode = map[string]string{"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}

func normWeekday(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	wd := weekday(cd.g["wd"])
	mod := strings.ToLower(cd.g["mod"])
	kind, suffix := news.TimeDate, ""
	if p := strings.ToLower(cd.g["part"]); p != "" {
		kind, suffix = news.TimeTime, partCode[p]
	}
	if !c.ref.known() {
		return "", kind, true
	}
	ref := c.ref.Date
	var t time.Time
	if !c.ref.Exact {
		if mod == "last" || mod == "next" {
			return "", kind, true
		}
		c.usedRef = true
		t = ref.AddDate(0, 0, (int(wd)-int(ref.Weekday())+7)%7)
	} else {
		c.usedRef = true
		back := (int(ref.Weekday()) - int(wd) + 7) % 7
		fwd := (int(wd) - int(ref.Weekday()) + 7) % 7
		switch {
		case mod == "last":
			if back == 0 {
				back = 7
			}
			t = ref.AddDate(0, 0, -back)
		case mod == "next":
			if fwd == 0 {
				fwd = 7
			}
			t = ref.AddDate(0, 0, fwd)
		case back == 0:
			t = ref
		case c.future(cd.start, cd.end):
			t = ref.AddDate(0, 0, fwd)
		default:
			t = ref.AddDate(0, 0, -back)
		}
	}
	return fmtDay(t) + suffix, kind, true
}

func normYear(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	y, _ := strconv.Atoi(cd.g["year"])
	if y < 1000 {
		return "", "", false
	}
	t := strings.ToLower(c.text[cd.start:cd.end])
	for _, s := range []string{"spring", "summer", "fall", "autumn", "winter"} {
		if strings.Contains(t, s+" of") {
			return fmtYear(y) + "-" + seasonCode[s], news.TimeDate, true
		}
	}
	return fmtYear(y), news.TimeDate, true
}

func normDecade(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	if cd.has("cent") {
		if cd.g["dec"] == "0" {
			// "the 1800s" is the nineteenth century.
			return cd.g["cent"], news.TimeDate, true
		}
		return cd.g["cent"] + cd.g["dec"] + "X", news.TimeDate, true
	}
	d := cd.g["short"]
	ref, ok := c.bound()
	if !ok {
		if d >= "3" {
			return "19" + d + "X", news.TimeDate, true
		}
		return "", news.TimeDate, true
	}
	// The most recent decade with that digit that has begun by the reference.
	cent := ref.Year() / 100
	dn := int(d[0] - '0')
	if cent*100+dn*10 > ref.Year() {
		cent--
	}
	return strconv.Itoa(cent) + d + "X", news.TimeDate, true
}

var ordWords = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10,
	"eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
	"nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22}

func normCentury(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	o := strings.ToLower(cd.g["ord"])
	n, ok := ordWords[o]
	if !ok {
		n = dayNum(o)
	}
	if n < 1 || n > 30 {
		return "", "", false
	}
	return twoDigits(n - 1), news.TimeDate, true
}

func normDayWord(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	w := strings.ToLower(cd.g["w"])
	kind := news.TimeDate
	suffix := ""
	if p := strings.ToLower(cd.g["part"]); p != "" {
		kind, suffix = news.TimeTime, partCode[p]
	}
	ref, ok := c.exact()
	if !ok {
		return "", kind, true
	}
	switch w {
	case "yesterday":
		ref = ref.AddDate(0, 0, -1)
	case "tomorrow":
		ref = ref.AddDate(0, 0, 1)
	case "tonight":
		kind, suffix = news.TimeTime, "TNI"
	case "last night":
		ref = ref.AddDate(0, 0, -1)
		kind, suffix = news.TimeTime, "TNI"
	case "this morning", "this afternoon", "this evening":
		kind, suffix = news.TimeTime, partCode[w[5:]]
	}
	return fmtDay(ref) + suffix, kind, true
}

func normRefWord(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	switch w := strings.ToLower(cd.g["w"]); {
	case strings.HasPrefix(w, "recent "):
		// "in recent months": an unspecified number of months before now.
		return durationValue(0, true, unitOf(w[len("recent "):])), news.TimeDuration, true
	case w == "recently" || w == "the past":
		return "PAST_REF", news.TimeDate, true
	case w == "the future" || w == "in future" || w == "soon":
		return "FUTURE_REF", news.TimeDate, true
	}
	return "PRESENT_REF", news.TimeDate, true
}

func normRelative(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	mod := strings.ToLower(cd.g["mod"])
	unit := strings.ToLower(cd.g["unit"])
	if mod == "the past" || mod == "the coming" {
		code := map[string]string{"year": "P1Y", "month": "P1M", "week": "P1W", "weekend": "P2D"}[unit]
		return code, news.TimeDuration, true
	}
	var ref time.Time
	var ok bool
	if unit == "year" {
		ref, ok = c.bound()
	} else {
		ref, ok = c.exact()
	}
	if !ok {
		return "", news.TimeDate, true
	}
	step := 0
	switch mod {
	case "last":
		step = -1
	case "next":
		step = 1
	}
	switch unit {
	case "year":
		return fmtYear(ref.Year() + step), news.TimeDate, true
	case "month":
		return fmtMonth(time.Date(ref.Year(), ref.Month()+time.Month(step), 1, 0, 0, 0, 0, time.UTC)), news.TimeDate, true
	case "week":
		return fmtWeek(ref.AddDate(0, 0, 7*step)), news.TimeDate, true
	case "weekend":
		if mod == "the" || mod == "this" {
			// The weekend nearest the reference, in the sentence's direction.
			if c.future(cd.start, cd.end) {
				if ref.Weekday() != time.Saturday && ref.Weekday() != time.Sunday {
					ref = ref.AddDate(0, 0, (int(time.Saturday)-int(ref.Weekday())+7)%7)
				}
			} else if ref.Weekday() != time.Saturday && ref.Weekday() != time.Sunday {
				ref = ref.AddDate(0, 0, -((int(ref.Weekday()) + 1) % 7))
			}
			return fmtWeek(ref) + "-WE", news.TimeDate, true
		}
		return fmtWeek(ref.AddDate(0, 0, 7*step)) + "-WE", news.TimeDate, true
	}
	return "", news.TimeDate, true
}

var seasonCode = map[string]string{"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

func normSeason(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	if s := strings.ToLower(cd.g["season2"]); s != "" {
		y, _ := strconv.Atoi(cd.g["year"])
		return fmtYear(y) + "-" + seasonCode[s], news.TimeDate, true
	}
	s := strings.ToLower(cd.g["season"])
	ref, ok := c.bound()
	if !ok {
		return "", news.TimeDate, true
	}
	y := ref.Year()
	// Month in which each season starts (northern hemisphere).
	start := map[string]int{"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}[s]
	switch strings.ToLower(cd.g["mod"]) {
	case "last":
		if int(ref.Month()) < start+3 {
			y--
		}
	case "next":
		if int(ref.Month()) >= start {
			y++
		}
	}
	return fmtYear(y) + "-" + seasonCode[s], news.TimeDate, true
}

func unitOf(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.HasPrefix(s, "centur"):
		return "century"
	}
	return strings.TrimSuffix(s, "s")
}

func normAgo(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	n, vague, ok := number(cd.g["num"])
	if !ok {
		return "", "", false
	}
	unit := unitOf(cd.g["unit"])
	dir := strings.ToLower(cd.g["dir"])
	if dir == "later" || dir == "before" && !strings.EqualFold(cd.g["num"], "a") {
		// Relative to an event, not to the publication date.
		return durationValue(n, vague, unit), news.TimeDuration, true
	}
	if vague || n != float64(int(n)) {
		return "", news.TimeDate, true
	}
	k := int(n)
	var ref time.Time
	if unit == "year" || unit == "decade" {
		ref, ok = c.bound()
	} else {
		ref, ok = c.exact()
	}
	if !ok {
		return "", news.TimeDate, true
	}
	switch unit {
	case "day":
		return fmtDay(ref.AddDate(0, 0, -k)), news.TimeDate, true
	case "week":
		return fmtWeek(ref.AddDate(0, 0, -7*k)), news.TimeDate, true
	case "month":
		return fmtMonth(time.Date(ref.Year(), ref.Month()-time.Month(k), 1, 0, 0, 0, 0, time.UTC)), news.TimeDate, true
	case "year":
		if k == 1 && c.quarterly(cd) {
			return fmtYear(ref.Year()-1) + "-Q" + strconv.Itoa(lastQuarter(ref)%4+1), news.TimeDate, true
		}
		return fmtYear(ref.Year() - k), news.TimeDate, true
	case "decade":
		return fmtYear(ref.Year() - 10*k), news.TimeDate, true
	}
	return "", news.TimeDate, true
}

func normNarrative(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	w := strings.ToLower(cd.g["w"])
	d, ok := c.narrative()
	if !ok {
		return "", news.TimeDate, true
	}
	switch {
	case strings.HasPrefix(w, "the next") || strings.HasPrefix(w, "the following") || w == "the day after":
		d = d.AddDate(0, 0, 1)
	case w == "the day before" || w == "the previous day":
		d = d.AddDate(0, 0, -1)
	}
	v := fmtDay(d)
	if strings.HasSuffix(w, "morning") {
		return v + "TMO", news.TimeTime, true
	}
	return v, news.TimeDate, true
}

var qIndex = map[string]int{"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

func normQuarter(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	if q := strings.ToLower(cd.g["q"]); q != "" {
		n := qIndex[q]
		if cd.has("year") {
			return cd.g["year"] + "-Q" + strconv.Itoa(n), news.TimeDate, true
		}
		ref, ok := c.bound()
		if !ok {
			return "", news.TimeDate, true
		}
		y := ref.Year()
		cur := (int(ref.Month())-1)/3 + 1
		if n > cur && !c.future(cd.start, cd.end) {
			y--
		}
		return fmtYear(y) + "-Q" + strconv.Itoa(n), news.TimeDate, true
	}
	if !strings.HasPrefix(strings.ToLower(c.text[cd.start:]), "the") && cd.g["qrel"] == "" {
		return "", "", false // "a quarter of the vote"
	}
	ref, ok := c.exact()
	if !ok {
		return "", news.TimeDate, true
	}
	y, q := ref.Year(), (int(ref.Month())-1)/3+1
	step := -1 // "the quarter", "the latest quarter": the last one reported
	switch strings.ToLower(cd.g["qrel"]) {
	case "this", "current":
		step = 0
	case "next":
		step = 1
	case "year-earlier", "year-ago":
		step = -5
	}
	idx := y*4 + q - 1 + step
	return fmtYear(idx/4) + "-Q" + strconv.Itoa(idx%4+1), news.TimeDate, true
}

func durationValue(n float64, vague bool, unit string) string {
	num := "X"
	if !vague {
		num = fmtNum(n)
	}
	switch unit {
	case "second":
		return "PT" + num + "S"
	case "minute":
		return "PT" + num + "M"
	case "hour":
		return "PT" + num + "H"
	case "day":
		return "P" + num + "D"
	case "week":
		return "P" + num + "W"
	case "quarter":
		return "P" + num + "Q"
	case "month":
		return "P" + num + "M"
	case "year":
		return "P" + num + "Y"
	case "decade":
		if vague {
			return "PXDE"
		}
		return "P" + fmtNum(10*n) + "Y"
	case "century":
		if vague {
			return "PXCE"
		}
		return "P" + fmtNum(100*n) + "Y"
	}
	return ""
}

func normDuration(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	n, vague, ok := number(cd.g["num"])
	if !ok {
		return "", "", false
	}
	// "one day" with nothing measuring it is "some day": "will one day
	// return", "one day soon".
	if strings.EqualFold(c.text[cd.start:cd.end], "one day") {
		switch strings.ToLower(prevWordOf(c.text, cd.start)) {
		case "for", "in", "within", "after", "than", "about", "only", "just", "of", "per", "first", "last", "over", "the", "every", "each", "and", "or", "to":
		default:
			if c.future(cd.start, cd.end) || strings.HasPrefix(strings.TrimSpace(c.text[cd.end:]), "soon") {
				return "FUTURE_REF", news.TimeDate, true
			}
			return "", news.TimeDate, true
		}
	}
	unit := unitOf(cd.g["unit"])
	// "twice a year", "$5 an hour": a rate, which TIMEX3 calls a set.
	if lw := strings.ToLower(cd.g["num"]); lw == "a" || lw == "an" {
		before := strings.ToLower(strings.TrimRight(c.text[:cd.start], " "))
		for _, w := range []string{"once", "twice", "times", "per"} {
			if strings.HasSuffix(before, w) {
				return durationValue(1, false, unit), news.TimeSet, true
			}
		}
		if i := strings.LastIndexAny(before, " \n"); i >= 0 && strings.ContainsAny(before[i:], "0123456789$€£") {
			return durationValue(1, false, unit), news.TimeSet, true
		}
	}
	return durationValue(n, vague, unit), news.TimeDuration, true
}

func normHalf(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	switch strings.ToLower(cd.g["unit"]) {
	case "hour":
		return "PT30M", news.TimeDuration, true
	case "day":
		return "PT12H", news.TimeDuration, true
	case "year":
		return "P6M", news.TimeDuration, true
	case "decade":
		return "P5Y", news.TimeDuration, true
	case "century":
		return "P50Y", news.TimeDuration, true
	}
	return "", "", false
}

func normVague(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	return durationValue(0, true, unitOf(cd.g["unit"])), news.TimeDuration, true
}

func normSet(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	switch strings.ToLower(cd.g["adv"]) {
	case "daily", "nightly":
		return "P1D", news.TimeSet, true
	case "weekly":
		return "P1W", news.TimeSet, true
	case "monthly":
		return "P1M", news.TimeSet, true
	case "annually", "yearly":
		return "P1Y", news.TimeSet, true
	case "quarterly":
		return "P3M", news.TimeSet, true
	case "hourly":
		return "PT1H", news.TimeSet, true
	}
	if wd := cd.g["wd"]; wd != "" {
		d := int(weekday(wd))
		if d == 0 {
			d = 7
		}
		return "XXXX-WXX-" + strconv.Itoa(d), news.TimeSet, true
	}
	n, vague := 1.0, false
	if cd.has("num") {
		var ok bool
		if n, vague, ok = number(cd.g["num"]); !ok {
			return "", "", false
		}
	}
	unit := strings.ToLower(cd.g["unit"])
	switch unit {
	case "morning", "night", "evening":
		return "XXXX-XX-XX" + partCode[unit], news.TimeSet, true
	}
	return durationValue(n, vague, unit), news.TimeSet, true
}

func normClock(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	clock := clockOf(cd)
	// The day: one mentioned in the same sentence before, or the
	// publication day.
	if !c.last.IsZero() && !strings.ContainsAny(c.text[c.lastEnd:cd.start], ".\n") {
		return fmtDay(c.last) + clock, news.TimeTime, true
	}
	if ref, ok := c.exact(); ok {
		return fmtDay(ref) + clock, news.TimeTime, true
	}
	return "", news.TimeTime, true
}

// clockOf returns the clock time of a match as "THH:MM".
func clockOf(cd *cand) string {
	var h, mi int
	switch {
	case cd.has("noon"):
		if strings.EqualFold(cd.g["noon"], "noon") {
			h = 12
		} else {
			h = 24
		}
	case cd.has("hh"):
		h, _ = strconv.Atoi(cd.g["hh"])
		mi, _ = strconv.Atoi(cd.g["mm"])
	default:
		h, _ = strconv.Atoi(cd.g["h"])
		mi, _ = strconv.Atoi(cd.g["mi"])
		pm := strings.HasPrefix(strings.ToLower(cd.g["ap"]), "p")
		switch {
		case pm && h < 12:
			h += 12
		case !pm && h == 12:
			h = 0
		}
	}
	return "T" + twoDigits(h) + ":" + twoDigits(mi)
}

func normHoliday(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	h := strings.ReplaceAll(cd.g["hol"], "’", "'")
	var y int
	if cd.has("year") {
		y, _ = strconv.Atoi(cd.g["year"])
	} else {
		m, d := 12, 25
		switch {
		case strings.HasPrefix(h, "New Year's Day"):
			m, d = 1, 1
		case strings.HasPrefix(h, "Valentine"):
			m, d = 2, 14
		case h == "Halloween":
			m, d = 10, 31
		case strings.HasPrefix(h, "Thanksgiving"):
			m, d = 11, 25
		}
		var ok bool
		if y, ok = c.nearestYear(cd, m, d); !ok {
			return "", news.TimeDate, true
		}
	}
	switch {
	case h == "Christmas Eve":
		return fmtYear(y) + "-12-24", news.TimeDate, true
	case strings.HasPrefix(h, "Christmas"):
		return fmtYear(y) + "-12-25", news.TimeDate, true
	case h == "New Year's Eve":
		return fmtYear(y) + "-12-31", news.TimeDate, true
	case h == "New Year's Day":
		return fmtYear(y) + "-01-01", news.TimeDate, true
	case h == "Halloween":
		return fmtYear(y) + "-10-31", news.TimeDate, true
	case strings.HasPrefix(h, "Valentine"):
		return fmtYear(y) + "-02-14", news.TimeDate, true
	case strings.HasPrefix(h, "Thanksgiving"):
		// The fourth Thursday of November (United States).
		t := time.Date(y, time.November, 1, 0, 0, 0, 0, time.UTC)
		t = t.AddDate(0, 0, (int(time.Thursday)-int(t.Weekday())+7)%7+21)
		return fmtDay(t), news.TimeDate, true
	}
	return "", news.TimeDate, true
}

func normYearAgo(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	ref, ok := c.bound()
	if !ok {
		return "", news.TimeDate, true
	}
	y := ref.Year() - 1
	w := strings.ToLower(cd.g["what"])
	switch {
	case cd.has("q"):
		return fmtYear(y) + "-Q" + strconv.Itoa(qIndex[strings.ToLower(cd.g["q"])]), news.TimeDate, true
	case w == "quarter" || w == "period" || c.quarterly(cd):
		return fmtYear(y) + "-Q" + strconv.Itoa(lastQuarter(ref)%4+1), news.TimeDate, true
	}
	return fmtYear(y), news.TimeDate, true
}

// lastQuarter returns the index (0-3) of the last quarter completed before t.
func lastQuarter(t time.Time) int { return ((int(t.Month())-1)/3 + 3) % 4 }

// quarterly reports whether the sentence around cd compares quarters, in
// which case "a year ago" means the same quarter a year before.
func (c *resolver) quarterly(cd *cand) bool {
	lo := max(0, cd.start-300)
	for lo > 0 && lo < cd.start && c.text[lo-1] != ' ' {
		lo++
	}
	return strings.Contains(strings.ToLower(c.text[lo:cd.start]+sentenceAround(c.text, cd.start, cd.end)), "quarter")
}

func normYearEnd(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	ref, ok := c.bound()
	if !ok {
		return "", news.TimeDate, true
	}
	return fmtYear(ref.Year()), news.TimeDate, true
}

func normPastUnit(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	return durationValue(1, false, unitOf(cd.g["unit"])), news.TimeDuration, true
}

func normClockWeekday(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	v, _, _ := normWeekday(c, cd)
	if v == "" {
		return "", news.TimeTime, true
	}
	return v + clockOf(cd), news.TimeTime, true
}

func normMonthRel(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	ref, ok := c.bound()
	if !ok {
		return "", news.TimeDate, true
	}
	y := ref.Year()
	switch strings.ToLower(cd.g["mod"]) {
	case "last":
		y--
	case "next":
		y++
	}
	return fmtYear(y) + "-" + twoDigits(monthNum(cd.g["mon"])), news.TimeDate, true
}

// prevWordOf returns the word before byte offset i.
func prevWordOf(text string, i int) string {
	for i > 0 && text[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 && isLetter(text[j-1]) {
		j--
	}
	return text[j:i]
}

func normNarrativeYear(c *resolver, cd *cand) (string, news.TimeKind, bool) {
	if c.lastYear == 0 {
		return "", news.TimeDate, true
	}
	y := c.lastYear
	switch strings.ToLower(cd.g["w"]) {
	case "the following year", "the next year", "the year after":
		y++
	case "the previous year", "the year before":
		y--
	}
	return fmtYear(y), news.TimeDate, true
}
