package resolve

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Identifiers of global entities, stories and events come from content, so
// that the same articles give the same IDs in any store, in any order and on
// any number of workers (docs/format/store.md, "Identifiers").
//
//   - A global entity's ID is "g" and 14 hex digits: the first 56 bits of
//     SHA-256("entity\x00" + class + "\x00" + canonical key + "\x00" +
//     disambiguator). The class is "p" (person), "g" (place) or "o" (any
//     other name), so an entity typed GPE in one article and LOC in another
//     keeps one ID. The canonical key ([CanonicalKey]) is a spelling
//     skeleton of the fullest of the entity's names, so transliteration
//     variants ("Zelensky", "Zelenskyy") give one key. The disambiguator is
//     empty unless two different entities share a canonical key; then the
//     later gets "2", "3", ….
//   - A story's ID is "s" and 14 hex digits of SHA-256("story\x00" + the ID
//     of its founding article): the earliest published of its articles
//     that are not copies, an undated one after every dated one, the
//     smallest article ID on a tie ([StoryFounder]).
//   - An event's ID is "v" and 14 hex digits of SHA-256("event\x00" +
//     article ID + "\x00" + its position among the article's events + type
//     + trigger offsets).

// idDigits is the number of hex digits of an ID after its letter.
const idDigits = 14

func hashID(prefix byte, parts ...string) string {
	h := sha256.New()
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	sum := h.Sum(nil)
	return string(prefix) + hex.EncodeToString(sum[:idDigits/2])
}

// EntityClass is the class of an entity type that its ID is made from:
// "p" for people, "g" for places, "o" for other names.
func EntityClass(t news.EntityType) string { return class(t) }

// CanonicalKey returns the key a global entity's ID is made from, given all
// the names it goes by: for each name, the skeleton of a person's first name
// and surname, of an organisation's name without designators, or of a
// place's whole name; the key is the one with the most words, the smallest
// on a tie. It is "" when no name has a word.
func CanonicalKey(t news.EntityType, names []string) string {
	cl := class(t)
	best, bestN := "", 0
	for _, n := range names {
		words := nameWords(n)
		if len(words) == 0 {
			continue
		}
		var k string
		switch cl {
		case "p":
			k = Skeleton(words[len(words)-1])
			if len(words) >= 2 {
				k = Skeleton(words[0]) + " " + k
			}
		case "o":
			k = orgCore(words)
			if k == "" {
				k = skeletonAll(words)
			}
		default:
			k = skeletonAll(words)
		}
		kn := strings.Count(k, " ") + 1
		if k != "" && (kn > bestN || kn == bestN && k < best) {
			best, bestN = k, kn
		}
	}
	return best
}

// EntityKey is [CanonicalKey], or, for names without a word, the names
// themselves: the key an entity's ID is made from.
func EntityKey(t news.EntityType, names []string) string {
	if k := CanonicalKey(t, names); k != "" {
		return k
	}
	return "#" + strings.Join(names, "\x00")
}

// EntityID returns the ID of a global entity of type t with canonical key
// key (see [CanonicalKey]); n > 1 gives the n-th entity with that key.
func EntityID(t news.EntityType, key string, n int) string {
	d := ""
	if n > 1 {
		d = strconv.Itoa(n)
	}
	return hashID('g', "entity", class(t), key, d)
}

// EntityRowID returns the 56-bit number behind an entity ID made by
// [EntityID], for stores that key entities by integer; ok is false for
// anything else.
func EntityRowID(id string) (int64, bool) {
	if len(id) != 1+idDigits || id[0] != 'g' {
		return 0, false
	}
	var b [8]byte
	if _, err := hex.Decode(b[1:], []byte(id[1:])); err != nil {
		return 0, false
	}
	n := int64(binary.BigEndian.Uint64(b[:]))
	return n, n > 0
}

// EntityIDOf formats the entity ID whose number is n (see [EntityRowID]).
func EntityIDOf(n int64) string {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(n))
	return "g" + hex.EncodeToString(b[1:])
}

// StoryID returns the ID of the story founded by the article with ID doc.
func StoryID(founder string) string { return hashID('s', "story", founder) }

// StoryFounder reports whether article a (ID, publication date
// YYYY-MM-DD or "") founds a story before article b: the earlier date
// first, undated after dated, then the smaller ID.
func StoryFounder(aID, aDate, bID, bDate string) bool {
	if aDate != bDate {
		if aDate == "" || bDate == "" {
			return bDate == ""
		}
		return aDate < bDate
	}
	return aID < bID
}

// EventID returns the ID of the i-th event (from 0) of article doc.
func EventID(doc string, i int, ev news.Event) string {
	return hashID('v', "event", doc, strconv.Itoa(i), ev.Type,
		strconv.Itoa(ev.Trigger.Start), strconv.Itoa(ev.Trigger.End))
}
