package ner

// gazetteer matches name lists (countries, cities, subdivisions, demonyms,
// regions, personal names, organisation and place head words) against the
// lowercase tokens of a sentence. Phrases are keyed by a hash of their
// token hashes, so matching allocates nothing but the feature codes.
type gazetteer struct {
	phrases map[uint64]uint16 // phrase hash → category bits
	maxLen  int
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

func (g *gazetteer) add(toks []string, cats uint16) {
	h := uint64(gazSeed)
	for i, t := range toks {
		h = phraseKey(h, hstr(t))
		if i < len(toks)-1 {
			g.phrases[h] |= prefixBit
		}
	}
	g.phrases[h] |= cats
	if len(toks) > g.maxLen {
		g.maxLen = len(toks)
	}
}

// lookup returns the categories of the phrase ts[i:j] (0 when unknown).
func (g *gazetteer) lookup(ts []tok, i, j int) uint16 {
	h := uint64(gazSeed)
	for k := i; k < j; k++ {
		h = phraseKey(h, ts[k].hL)
	}
	return g.phrases[h] &^ prefixBit
}

// match sets the gazetteer codes of every token: category × BILOU
// position of each phrase that covers it.
func (g *gazetteer) match(ts []tok) {
	for i := range ts {
		h := uint64(gazSeed)
		for j := i; j < len(ts) && j-i < g.maxLen; j++ {
			h = phraseKey(h, ts[j].hL)
			cats, ok := g.phrases[h]
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
