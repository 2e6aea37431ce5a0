package ner

import (
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Rule-based value mentions: MONEY, PERCENT and CARDINAL. Dates and times
// belong to the time-expression stage, so numbers that look like years, or
// that count days, months or years, are left alone.

type value struct {
	news.Span
	Type       news.EntityType
	Confidence float64
}

var (
	currencySymbols = map[string]bool{"$": true, "€": true, "£": true, "¥": true, "₽": true, "₴": true, "₹": true,
		"US$": true, "C$": true, "A$": true, "HK$": true, "S$": true, "NZ$": true, "R$": true}
	currencyWords = map[string]bool{}
	scaleWords    = map[string]bool{}
	numberWords   = map[string]bool{}
	timeUnits     = map[string]bool{}
	months        = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields(`dollar dollars euro euros pound pounds sterling yen yuan renminbi ruble rubles rouble roubles
		hryvnia hryvnias hryvnias rupee rupees franc francs peso pesos lira lire won rand real reais zloty zlotys krona kronor
		krone kroner shekel shekels dinar dinars dirham dirhams riyal riyals ringgit baht rupiah dlrs cents cent pence penny usd eur gbp`) {
		currencyWords[w] = true
	}
	for _, w := range strings.Fields(`hundred thousand million billion trillion mln bln bn m k mn hundreds thousands millions billions trillions dozen dozens`) {
		scaleWords[w] = true
	}
	for _, w := range strings.Fields(`one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
		sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion
		trillion hundreds thousands millions billions dozens dozen`) {
		numberWords[w] = true
	}
	for _, w := range strings.Fields(`year years month months week weeks day days hour hours minute minutes second seconds
		decade decades century centuries am pm a.m. p.m. yr yrs`) {
		timeUnits[w] = true
	}
	for _, w := range strings.Fields(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.`) {
		months[w] = true
	}
}

// isNumeral reports whether w is written in digits ("1,000", "3.5", "12").
func isNumeral(w string) bool {
	digits := 0
	for i, r := range w {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == ',' || r == '.') && i > 0 && i < len(w)-1:
		default:
			return false
		}
	}
	return digits > 0
}

func isNumberToken(w string) bool {
	return isNumeral(w) || numberWords[strings.ToLower(w)]
}

// yearLike reports whether w reads as a year (1800–2099).
func yearLike(w string) bool {
	if len(w) != 4 || !isNumeral(w) {
		return false
	}
	return w[:2] == "18" || w[:2] == "19" || w[:2] == "20"
}

// values finds value mentions among the tokens of one sentence that no
// entity covers.
func values(ts []news.Token, covered []bool) []value {
	var out []value
	low := func(i int) string {
		if i < 0 || i >= len(ts) {
			return ""
		}
		return strings.ToLower(ts[i].Text)
	}
	free := func(i int) bool { return i >= 0 && i < len(ts) && !covered[i] }
	span := func(i, j int) news.Span { return news.Span{Start: ts[i].Start, End: ts[j-1].End} }
	for i := 0; i < len(ts); i++ {
		if !free(i) {
			continue
		}
		w := ts[i].Text
		// MONEY: symbol + number (+ scale).
		if currencySymbols[w] && free(i+1) && isNumeral(ts[i+1].Text) {
			j := i + 2
			for j < len(ts) && free(j) && scaleWords[low(j)] {
				j++
			}
			out = append(out, value{span(i, j), news.Money, 0.9})
			i = j - 1
			continue
		}
		if !isNumberToken(w) {
			continue
		}
		// A run of number words and numerals: "10 million", "two hundred".
		j := i + 1
		for j < len(ts) && free(j) && (scaleWords[low(j)] || numberWords[low(j)] && !isNumeral(w)) {
			j++
		}
		next := low(j)
		switch {
		case (next == "%" || next == "percent" || next == "pct") && free(j):
			out = append(out, value{span(i, j+1), news.Percent, 0.9})
			i = j
			continue
		case next == "per" && low(j+1) == "cent" && free(j+1):
			out = append(out, value{span(i, j+2), news.Percent, 0.9})
			i = j + 1
			continue
		case currencyWords[next] && free(j):
			out = append(out, value{span(i, j+1), news.Money, 0.85})
			i = j
			continue
		case next == "of" && currencyWords[low(j+1)] && free(j+1) && scaleWords[low(j-1)]:
			// "billions of dollars"
			out = append(out, value{span(i, j+2), news.Money, 0.8})
			i = j + 1
			continue
		}
		// Leave dates, times and durations to the time-expression stage.
		if timeUnits[next] || months[next] || months[low(i-1)] || yearLike(w) && j == i+1 ||
			next == ":" || strings.HasSuffix(next, "-old") || low(i-1) == "the" && j == i+1 && ordinalLike(next) {
			i = j - 1
			continue
		}
		// "one of the", "one day": the word "one" is rarely a count worth
		// a mention on its own.
		if j == i+1 && low(i) == "one" {
			continue
		}
		out = append(out, value{span(i, j), news.Cardinal, 0.75})
		i = j - 1
	}
	return out
}

func ordinalLike(w string) bool {
	return w == "st" || w == "nd" || w == "rd" || w == "th"
}
