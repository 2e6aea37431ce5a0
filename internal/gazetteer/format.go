package gazetteer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Magic is the first field of the header line of a gazetteer file; the
// second is the format version.
const (
	Magic         = "newsgraph-gazetteer"
	FormatVersion = 2
)

// Kind is the kind of a gazetteer entry.
type Kind byte

// Entry kinds, as written in the file.
const (
	KindContinent Kind = 'K'
	KindCountry   Kind = 'C'
	KindAdmin1    Kind = 'A'
	KindCity      Kind = 'P'
)

// Entry is one place.
type Entry struct {
	Kind     Kind
	GeoNames int    // GeoNames ID; 0 when the sources give none
	Country  string // ISO 3166-1 alpha-2
	Admin1   string // subdivision code: ISO 3166-2 suffix for subdivisions, GeoNames admin1 code for cities
	Feature  string // GeoNames feature code (PPLC, PPLA, PPL, ...), "ADM1", "PCLI" or "CONT"
	Lat, Lon float64
	// NoPoint is set for subdivisions the sources cannot place: they are
	// known names without coordinates (written with empty lat and lon).
	NoPoint    bool
	Population int
	Name       string
	Aliases    []string // other names and spellings
	Demonyms   []string // for countries: "Belarusian", "Belarusians"
	// GNAdmin1 is, for a subdivision that is a GeoNames first-level
	// division, that division's GeoNames admin1 code: the Admin1 of its
	// cities ("02" for British Columbia). Empty otherwise (format 2).
	GNAdmin1 string
}

// ErrFormat reports a malformed gazetteer file.
var ErrFormat = errors.New("gazetteer: malformed file")

// Write writes entries in the gazetteer text format (before compression).
func Write(w io.Writer, entries []Entry) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s\t%d\n", Magic, FormatVersion)
	for _, e := range entries {
		for _, s := range append(append([]string{e.Name, e.Country, e.Admin1, e.Feature, e.GNAdmin1}, e.Aliases...), e.Demonyms...) {
			if strings.ContainsAny(s, "\t\n|") {
				return fmt.Errorf("gazetteer: field %q of %s contains a tab, newline or |", s, e.Name)
			}
		}
		lat, lon := strconv.FormatFloat(e.Lat, 'f', 5, 64), strconv.FormatFloat(e.Lon, 'f', 5, 64)
		if e.NoPoint {
			lat, lon = "", ""
		}
		fmt.Fprintf(bw, "%c\t%d\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", e.Kind, e.GeoNames, e.Country, e.Admin1, e.Feature,
			lat, lon, e.Population, e.Name,
			strings.Join(e.Aliases, "|"), strings.Join(e.Demonyms, "|"), e.GNAdmin1)
	}
	return bw.Flush()
}

// Read parses the gazetteer text format. Strings in the entries share one
// copy of data.
func Read(data []byte) ([]Entry, error) {
	all := string(data)
	nl := strings.IndexByte(all, '\n')
	if nl < 0 {
		return nil, fmt.Errorf("%w: no header", ErrFormat)
	}
	head := strings.Split(all[:nl], "\t")
	if len(head) != 2 || head[0] != Magic {
		return nil, fmt.Errorf("%w: bad header %q", ErrFormat, all[:min(nl, 60)])
	}
	version, err := strconv.Atoi(head[1])
	if err != nil || version > FormatVersion || version < 1 {
		return nil, fmt.Errorf("%w: unsupported version %q", ErrFormat, head[1])
	}
	nf := 11 // fields per line: 11 in version 1, 12 from version 2
	if version >= 2 {
		nf = 12
	}
	rest := all[nl+1:]
	entries := make([]Entry, 0, strings.Count(rest, "\n"))
	line := 1
	var f [12]string
	for len(rest) > 0 {
		line++
		var l string
		if nl := strings.IndexByte(rest, '\n'); nl < 0 {
			l, rest = rest, ""
		} else {
			l, rest = rest[:nl], rest[nl+1:]
		}
		n := 0
		for n < nf-1 {
			i := strings.IndexByte(l, '\t')
			if i < 0 {
				break
			}
			f[n], l = l[:i], l[i+1:]
			n++
		}
		f[n] = l
		if n != nf-1 || len(f[0]) != 1 || strings.IndexByte(l, '\t') >= 0 {
			return nil, fmt.Errorf("%w: line %d has %d fields, want %d", ErrFormat, line, n+1+strings.Count(l, "\t"), nf)
		}
		var e Entry
		var err error
		e.Kind = Kind(f[0][0])
		if e.GeoNames, err = atoi(f[1]); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
		}
		e.Country, e.Admin1, e.Feature = f[2], f[3], f[4]
		if f[5] == "" && f[6] == "" {
			e.NoPoint = true
		} else {
			if e.Lat, err = parseCoord(f[5]); err != nil {
				return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
			}
			if e.Lon, err = parseCoord(f[6]); err != nil {
				return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
			}
		}
		if e.Population, err = atoi(f[7]); err != nil {
			return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line, err)
		}
		e.Name = f[8]
		if len(f[9]) > 0 {
			e.Aliases = strings.Split(f[9], "|")
		}
		if len(f[10]) > 0 {
			e.Demonyms = strings.Split(f[10], "|")
		}
		if nf > 11 {
			e.GNAdmin1 = f[11]
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// parseCoord parses a coordinate as Write formats it ("-121.83608"): a
// decimal with at most five decimals, read as an integer count of 1e-5
// degrees and divided once, which rounds exactly as strconv.ParseFloat
// does. Anything else goes to strconv.ParseFloat.
func parseCoord(s string) (float64, error) {
	n, neg, i, frac := int64(0), false, 0, -1
	if len(s) > 0 && s[0] == '-' {
		neg, i = true, 1
	}
	if i == len(s) || len(s) > 16 {
		return strconv.ParseFloat(s, 64)
	}
	for ; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return strconv.ParseFloat(s, 64)
		}
	}
	if frac > 5 || frac == 0 { // "12." is strconv's
		return strconv.ParseFloat(s, 64)
	}
	if frac < 0 {
		frac = 0 // no decimals
	}
	for ; frac < 5; frac++ {
		n *= 10
	}
	f := float64(n) / 1e5
	if neg {
		f = -f
	}
	return f, nil
}

func atoi(b string) (int, error) {
	n := 0
	neg := false
	if len(b) > 0 && b[0] == '-' {
		neg, b = true, b[1:]
	}
	if len(b) == 0 {
		return 0, errors.New("empty number")
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("bad number %q", b)
		}
		n = n*10 + int(c-'0')
	}
	if neg {
		n = -n
	}
	return n, nil
}
