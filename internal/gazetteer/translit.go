package gazetteer

import "strings"

// translitMinPop is the population from which a city is found under its
// transliteration variants: spelling variants are how news writes large,
// well-known cities (Kyiv/Kiev, Odesa/Odessa, Zaporizhzhia/Zaporozhye).
const translitMinPop = 250000

// Skeleton returns the transliteration skeleton of a name: its key with
// the digraphs of Cyrillic and Arabic romanisations folded (zh, kh, ch, sh,
// shch, ts), g and h merged, w read as v, vowels and y/j dropped after the
// first letter (a leading vowel is kept as "a"), and doubled letters
// collapsed. Names that romanise one original differently share it:
// Zaporizhzhia, Zaporizhia and Zaporozhye give "zprz"; Kyiv and Kiev "kv".
func Skeleton(name string) string {
	k := Key(name)
	var b strings.Builder
	var last byte
	put := func(c byte) {
		if c != last {
			b.WriteByte(c)
			last = c
		}
	}
	for w, word := range strings.Fields(k) {
		if w > 0 {
			b.WriteByte(' ')
			last = ' '
		}
		for i := 0; i < len(word); i++ {
			c := word[i]
			rest := word[i:]
			switch {
			case strings.HasPrefix(rest, "shch"):
				put('S')
				i += 3
				continue
			case strings.HasPrefix(rest, "zh"):
				put('Z')
				i++
				continue
			case strings.HasPrefix(rest, "kh"):
				put('H')
				i++
				continue
			case strings.HasPrefix(rest, "ch"), strings.HasPrefix(rest, "tch"):
				put('C')
				if c == 't' {
					i++
				}
				i++
				continue
			case strings.HasPrefix(rest, "sh"):
				put('S')
				i++
				continue
			case strings.HasPrefix(rest, "ts"), strings.HasPrefix(rest, "tz"):
				put('c')
				i++
				continue
			}
			switch c {
			case 'a', 'e', 'i', 'o', 'u', 'y', 'j':
				if i == 0 {
					put('a')
				}
				continue
			case 'g', 'h':
				c = 'h'
			case 'w':
				c = 'v'
			}
			put(c)
		}
	}
	return b.String()
}

// buildTranslit indexes the skeletons of the cities of translitMinPop or
// more people, under their names and aliases.
func (g *Gazetteer) buildTranslit() {
	g.translit = map[string][]int32{}
	for i := range g.entries {
		e := &g.entries[i]
		if e.Kind != KindCity || e.Population < translitMinPop {
			continue
		}
		seen := map[string]bool{}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if isCode(n) {
				continue
			}
			s := Skeleton(n)
			if len(s) < 2 || seen[s] {
				continue
			}
			seen[s] = true
			g.translit[s] = append(g.translit[s], int32(i))
		}
	}
	for _, l := range g.translit {
		sortByRank(g.entries, l)
	}
}

// LookupVariant returns the cities of 250,000 or more people that name may
// be a transliteration variant of: the same skeleton ([Skeleton]), the same
// ending (both a vowel, or the same letter) and a spelling within a third of
// its length in letter edits ("Odesa" → Odessa, "Kiev" → Kyiv), most
// populous first. Abbreviations ("Ill.") and names under four letters find
// nothing. The slice is the caller's.
func (g *Gazetteer) LookupVariant(name string) []int32 {
	if strings.ContainsRune(name, '.') {
		return nil
	}
	k := Key(name)
	if len(k) < 4 {
		return nil
	}
	g.translitOnce.Do(g.buildTranslit)
	var out []int32
	for _, i := range g.translit[Skeleton(name)] {
		e := &g.entries[i]
		best := len(k)
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			kn := Key(n)
			if kn == "" || !sameEnding(k, kn) {
				continue
			}
			if d := editDistance(k, kn); d < best {
				best = d
			}
		}
		if best <= max(2, len(k)/3) {
			out = append(out, i)
		}
	}
	return out
}

// editDistance is the Levenshtein distance between two strings in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// sameEnding reports whether two keys end alike: both in a vowel (or y),
// or in the same letter.
func sameEnding(a, b string) bool {
	x, y := a[len(a)-1], b[len(b)-1]
	vowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	return x == y || vowel(x) && vowel(y)
}
