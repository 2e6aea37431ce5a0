package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed places.tsv.gz
var embedded []byte

// Gazetteer is a loaded place-name index. It is read-only after loading and
// safe for concurrent use.
type Gazetteer struct {
	entries []Entry
	// index maps Key(name) to an entry (≥ 0) or to -1-i for multi[i], the
	// entries sharing the name, most populous first.
	index    map[string]int32
	multi    [][]int32
	self     []int32          // self[i] == i, so Lookup can return one entry without allocating
	demonyms map[string]int32 // Key(demonym) → country entry
	country  map[string]int32 // ISO alpha-2 → country entry
	admin1   map[string]int32 // "CC.code" → subdivision entry
	// translit maps the transliteration skeletons of large places to
	// them, built on first use (LookupVariant).
	translitOnce sync.Once
	translit     map[string][]int32
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loading it on first use.
func Default() (*Gazetteer, error) {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = loadGzip(embedded)
	})
	return defaultGaz, defaultErr
}

// loadGzip loads a gzip file held in memory, sizing the buffer from the
// gzip trailer so the text is read in one go.
func loadGzip(b []byte) (*Gazetteer, error) {
	if len(b) < 18 {
		return nil, fmt.Errorf("%w: too short", ErrFormat)
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	n := int(binary.LittleEndian.Uint32(b[len(b)-4:]))
	buf := make([]byte, n+1)
	m, err := io.ReadFull(zr, buf)
	if err != io.ErrUnexpectedEOF || m != n {
		return Load(bytes.NewReader(b)) // larger than 4 GiB or odd: read it the slow way
	}
	entries, err := Read(buf[:m])
	if err != nil {
		return nil, err
	}
	return New(entries), nil
}

// Load reads a gzip-compressed gazetteer file.
func Load(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	entries, err := Read(data)
	if err != nil {
		return nil, err
	}
	return New(entries), nil
}

// New indexes entries.
func New(entries []Entry) *Gazetteer {
	g := &Gazetteer{
		entries:  entries,
		demonyms: map[string]int32{},
		country:  map[string]int32{},
		admin1:   map[string]int32{},
		self:     make([]int32, len(entries)),
	}
	// Compute every key into one arena first, so that the keys share a
	// single allocation.
	type ref struct {
		off, end int32
		entry    int32
	}
	refs := make([]ref, 0, len(entries)+len(entries)/4)
	arena := make([]byte, 0, 12*len(entries))
	add := func(name string, i int32) {
		if name == "" {
			return
		}
		off := len(arena)
		if isCode(name) {
			arena = append(append(arena, '='), name...)
		} else {
			arena = appendKey(arena, name)
		}
		if len(arena) > off {
			refs = append(refs, ref{int32(off), int32(len(arena)), i})
		}
	}
	for i := range entries {
		e := &entries[i]
		idx := int32(i)
		g.self[i] = idx
		add(e.Name, idx)
		for _, a := range e.Aliases {
			add(a, idx)
		}
		for _, d := range e.Demonyms {
			k := Key(d)
			if _, dup := g.demonyms[k]; !dup {
				g.demonyms[k] = idx
			}
		}
		switch e.Kind {
		case KindCountry:
			g.country[e.Country] = idx
		case KindAdmin1:
			g.admin1[e.Country+"."+e.Admin1] = idx
		}
	}
	keys := string(arena)
	g.index = make(map[string]int32, len(refs))
	for _, r := range refs {
		k := keys[r.off:r.end]
		old, ok := g.index[k]
		switch {
		case !ok:
			g.index[k] = r.entry
		case old >= 0:
			if old != r.entry {
				g.multi = append(g.multi, []int32{old, r.entry})
				g.index[k] = int32(-len(g.multi))
			}
		default:
			l := g.multi[-1-old]
			if l[len(l)-1] != r.entry {
				g.multi[-1-old] = append(l, r.entry)
			}
		}
	}
	// Most populous first, continents and countries before anything else
	// of the same name.
	for _, l := range g.multi {
		sortByRank(entries, l)
	}
	return g
}

func (g *Gazetteer) list(k string) []int32 {
	i, ok := g.index[k]
	switch {
	case !ok:
		return nil
	case i >= 0:
		return g.self[i : i+1]
	}
	return g.multi[-1-i]
}

func rank(e *Entry) int {
	switch e.Kind {
	case KindContinent:
		return math.MaxInt
	case KindCountry:
		return math.MaxInt - 1
	}
	return e.Population
}

func sortByRank(entries []Entry, l []int32) {
	for i := 1; i < len(l); i++ {
		for j := i; j > 0 && rank(&entries[l[j]]) > rank(&entries[l[j-1]]); j-- {
			l[j], l[j-1] = l[j-1], l[j]
		}
	}
}

// IsCode reports whether s is a short all-capitals code such as "US",
// which the gazetteer matches case-sensitively.
func IsCode(s string) bool { return isCode(dropDots(s)) }

// isCode reports whether s is a short all-capitals code such as "US" or
// "UAE", which is indexed case-sensitively so that "US" never matches "us".
func isCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

// Len returns the number of entries.
func (g *Gazetteer) Len() int { return len(g.entries) }

// Entry returns entry i.
func (g *Gazetteer) Entry(i int32) *Entry { return &g.entries[i] }

// Lookup returns the entries name may refer to, most populous first
// (continents and countries before other places). The slice must not be
// modified.
func (g *Gazetteer) Lookup(name string) []int32 {
	if isCode(dropDots(name)) {
		if l := g.list("=" + dropDots(name)); l != nil {
			return l
		}
	}
	var buf [64]byte
	k := appendKey(buf[:0], name)
	return g.list(string(k))
}

func dropDots(s string) string {
	if strings.IndexByte(s, '.') < 0 {
		return s
	}
	return strings.ReplaceAll(s, ".", "")
}

// Demonym returns the country (or continent) a demonym or adjective
// ("Belarusian", "European") refers to.
func (g *Gazetteer) Demonym(word string) (int32, bool) {
	var buf [64]byte
	i, ok := g.demonyms[string(appendKey(buf[:0], word))]
	return i, ok
}

// Country returns the entry of an ISO 3166-1 alpha-2 code.
func (g *Gazetteer) Country(code string) (int32, bool) {
	i, ok := g.country[code]
	return i, ok
}

// Admin1 returns the subdivision entry of a country and subdivision code.
func (g *Gazetteer) Admin1(country, code string) (int32, bool) {
	i, ok := g.admin1[country+"."+code]
	return i, ok
}

// Key returns the normalised form names are indexed by: lower case, Latin
// diacritics removed, dots and apostrophes dropped, hyphens and runs of
// spaces as one space, and "saint" written "st".
func Key(s string) string { return string(appendKey(nil, s)) }

func appendKey(dst []byte, s string) []byte {
	start := len(dst)
	space := true // drop leading spaces
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var w int
			r, w = utf8.DecodeRuneInString(s[i:])
			i += w
		}
		switch r {
		case '.', '\'', '’', '‘', '`', '"', '“', '”':
			continue
		case ' ', '-', '–', '\t', '\n', ',', '/', '(', ')', '_':
			if !space {
				dst = append(dst, ' ')
				space = true
			}
			continue
		}
		space = false
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		if f, ok := fold[r]; ok {
			dst = append(dst, f...)
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	// "saint x" → "st x"
	if len(dst)-start > 6 && string(dst[start:start+6]) == "saint " {
		dst[start+1] = 't'
		copy(dst[start+2:], dst[start+5:])
		dst = dst[:len(dst)-3]
	}
	return dst
}

// fold maps Latin letters with diacritics to their base letters.
var fold = func() map[rune]string {
	pairs := []string{
		"ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎ", "a", "ÇçĆćĈĉĊċČč", "c", "ĎďĐđ", "d", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě", "e",
		"ĜĝĞğĠġĢģ", "g", "ĤĥĦħ", "h", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı", "i", "Ĵĵ", "j", "Ķķ", "k", "ĹĺĻļĽľĿŀŁł", "l",
		"ÑñŃńŅņŇň", "n", "ÒÓÔÕÖØòóôõöøŌōŎŏŐő", "o", "ŔŕŖŗŘř", "r", "ŚśŜŝŞşŠšȘș", "s", "ŢţŤťŦŧȚț", "t",
		"ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų", "u", "Ŵŵ", "w", "ÝýÿŶŷŸ", "y", "ŹźŻżŽž", "z",
	}
	m := map[rune]string{'ß': "ss", 'Æ': "ae", 'æ': "ae", 'Œ': "oe", 'œ': "oe", 'Þ': "th", 'þ': "th", 'ð': "d", 'Ð': "d"}
	for i := 0; i < len(pairs); i += 2 {
		for _, r := range pairs[i] {
			m[r] = pairs[i+1]
		}
	}
	return m
}()

// Distance returns the great-circle distance in kilometres between two
// points given in degrees.
func Distance(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p := math.Pi / 180
	dlat, dlon := (lat2-lat1)*p, (lon2-lon1)*p
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*p)*math.Cos(lat2*p)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, h)))
}
