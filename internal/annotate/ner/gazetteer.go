package ner

import "strings"

// gazetteer matches name lists (countries, cities, subdivisions, demonyms,
// regions, personal names, organisation and place head words) against the
// lowercase tokens of a sentence. Phrases are keyed by a hash of their
// token hashes, so matching allocates nothing but the feature codes.
type gazetteer struct {
	phrases phraseTable // phrase hash → category bits
	maxLen  int
}

// phraseTable is an open-addressing hash table from phrase hashes to
// category bits; key 0 marks an empty slot.
type phraseTable struct {
	keys []uint64
	vals []uint16
	n    int
}

func (t *phraseTable) get(k uint64) (uint16, bool) {
	if len(t.keys) == 0 {
		return 0, false
	}
	mask := uint64(len(t.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i], true
		case 0:
			return 0, false
		}
	}
}

// or sets bits on key k, inserting it if needed.
func (t *phraseTable) or(k uint64, bits uint16) {
	if k == 0 {
		k = 1
	}
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	for i := k & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			t.vals[i] |= bits
			return
		case 0:
			t.keys[i], t.vals[i] = k, bits
			t.n++
			return
		}
	}
}

func (t *phraseTable) grow() {
	size := 2 * len(t.keys)
	if size < 1024 {
		size = 1024
	}
	old := *t
	*t = phraseTable{keys: make([]uint64, size), vals: make([]uint16, size)}
	for i, k := range old.keys {
		if k != 0 {
			t.or(k, old.vals[i])
		}
	}
}

// reserve sizes the table for n phrases.
func (t *phraseTable) reserve(n int) {
	size := 1024
	for size < 2*n+2 {
		size <<= 1
	}
	if size > len(t.keys) {
		old := *t
		*t = phraseTable{keys: make([]uint64, size), vals: make([]uint16, size)}
		for i, k := range old.keys {
			if k != 0 {
				t.or(k, old.vals[i])
			}
		}
	}
}

// Gazetteer categories, as bits; the lexicon file stores them by number.
const (
	gCountry   = 1 << 0
	gCityBig   = 1 << 1
	gCity      = 1 << 2
	gAdmin     = 1 << 3
	gDemonym   = 1 << 4
	gRegion    = 1 << 5
	gName      = 1 << 6
	gCapital   = 1 << 7
	gOrgWord   = 1 << 8
	gNORPWord  = 1 << 9
	gPlaceWord = 1 << 10
	gAutoPER   = 1 << 11 // names a first model tagged in unlabeled news
	gAutoORG   = 1 << 12
	gAutoLOC   = 1 << 13
	gAutoMISC  = 1 << 14
	numGazCats = 15
)

const gazSeed = 0x67617a

func phraseKey(h uint64, tokHash uint64) uint64 { return mix(h, tokHash) }

// prefixBit marks a phrase hash that begins a longer phrase.
const prefixBit = 1 << 15

// add adds a phrase of space-separated lowercase tokens.
func (g *gazetteer) add(phrase string, cats uint16) {
	h := uint64(gazSeed)
	n := 0
	for phrase != "" {
		t, rest, more := strings.Cut(phrase, " ")
		h = phraseKey(h, hstr(t))
		n++
		if more {
			g.phrases.or(h, prefixBit)
		}
		phrase = rest
	}
	g.phrases.or(h, cats)
	if n > g.maxLen {
		g.maxLen = n
	}
}

// lookup returns the categories of the phrase ts[i:j] (0 when unknown).
func (g *gazetteer) lookup(ts []tok, i, j int) uint16 {
	h := uint64(gazSeed)
	for k := i; k < j; k++ {
		h = phraseKey(h, ts[k].hL)
	}
	v, _ := g.phrases.get(h)
	return v &^ prefixBit
}

// match sets the gazetteer codes of every token: category × BILOU
// position of each phrase that covers it.
func (g *gazetteer) match(ts []tok) {
	for i := range ts {
		h := uint64(gazSeed)
		for j := i; j < len(ts) && j-i < g.maxLen; j++ {
			h = phraseKey(h, ts[j].hL)
			cats, ok := g.phrases.get(h)
			if !ok {
				break
			}
			for b := 0; b < numGazCats; b++ {
				if cats&(1<<b) == 0 {
					continue
				}
				for k := i; k <= j; k++ {
					pos := posI
					switch {
					case i == j:
						pos = posU
					case k == i:
						pos = posB
					case k == j:
						pos = posL
					}
					ts[k].gaz = appendUnique(ts[k].gaz, uint32(b*4+pos))
				}
			}
		}
	}
}

func appendUnique(a []uint32, v uint32) []uint32 {
	for _, x := range a {
		if x == v {
			return a
		}
	}
	return append(a, v)
}
