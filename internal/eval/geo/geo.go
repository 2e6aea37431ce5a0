// Package geo scores toponym resolution and tagging on the XML corpora of
// Gritta et al. ("A Pragmatic Guide to Geoparsing Evaluation"): GeoWebNews
// (articles/article/text + toponyms/toponym with extractedName, start, end,
// latitude, longitude) and GeoVirus (articles/article/text +
// locations/location with name, start, end, lat, lon).
//
// Resolution is scored with gold spans, as the share of gold toponyms with
// coordinates resolved within 161 km (100 miles) of the gold point.
// Tagging is scored end to end as exact-span precision, recall and F1
// against the same gold toponyms (those with coordinates).
package geo

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
)

// Toponym is one gold toponym; Start and End are byte offsets into the
// article's text.
type Toponym struct {
	Start, End int
	Name       string
	Lat, Lon   float64
	HasCoords  bool
}

// Article is one corpus article.
type Article struct {
	ID       string
	Text     string
	Toponyms []Toponym // sorted by start
	Skipped  int       // gold toponyms with unusable offsets
}

type xmlTop struct {
	ExtractedName string `xml:"extractedName"`
	Name          string `xml:"name"`
	Start         string `xml:"start"`
	End           string `xml:"end"`
	Latitude      string `xml:"latitude"`
	Longitude     string `xml:"longitude"`
	Lat           string `xml:"lat"`
	Lon           string `xml:"lon"`
}

type xmlArticle struct {
	File      string   `xml:"file,attr"`
	Source    string   `xml:"source"`
	Link      string   `xml:"link"`
	Text      string   `xml:"text"`
	Toponyms  []xmlTop `xml:"toponyms>toponym"`
	Locations []xmlTop `xml:"locations>location"`
}

// Read parses a corpus. Gold offsets are code-point offsets, as the
// corpora's Python tools write them; they are converted to byte offsets.
func Read(r io.Reader, name string) ([]Article, error) {
	dec := xml.NewDecoder(r)
	var out []Article
	n := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("geo: %s: %w", name, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "article" {
			continue
		}
		var xa xmlArticle
		if err := dec.DecodeElement(&xa, &se); err != nil {
			return nil, fmt.Errorf("geo: %s: article %d: %w", name, n+1, err)
		}
		n++
		a := Article{ID: xa.File, Text: xa.Text}
		if a.ID == "" {
			a.ID = strconv.Itoa(n)
		}
		conv := runeToByte(a.Text)
		for _, t := range append(xa.Toponyms, xa.Locations...) {
			s, err1 := strconv.Atoi(strings.TrimSpace(t.Start))
			e, err2 := strconv.Atoi(strings.TrimSpace(t.End))
			if err1 != nil || err2 != nil || s < 0 || e <= s {
				a.Skipped++ // the corpora hold a few negative offsets
				continue
			}
			tp := Toponym{Start: conv(s), End: conv(e), Name: t.ExtractedName}
			if tp.Name == "" {
				tp.Name = t.Name
			}
			lat, lon := t.Latitude, t.Longitude
			if lat == "" {
				lat, lon = t.Lat, t.Lon
			}
			if lat != "" && lon != "" {
				la, err1 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
				lo, err2 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
				if err1 == nil && err2 == nil {
					tp.Lat, tp.Lon, tp.HasCoords = la, lo, true
				}
			}
			if tp.End > len(a.Text) || tp.Name != "" && a.Text[tp.Start:tp.End] != tp.Name {
				// Some offsets are off by a few characters: take the
				// occurrence of the name nearest to them.
				i := nearest(a.Text, tp.Name, tp.Start, 200)
				if i < 0 {
					a.Skipped++
					continue
				}
				tp.Start, tp.End = i, i+len(tp.Name)
			}
			a.Toponyms = append(a.Toponyms, tp)
		}
		sort.SliceStable(a.Toponyms, func(i, j int) bool { return a.Toponyms[i].Start < a.Toponyms[j].Start })
		out = append(out, a)
	}
	if n == 0 {
		return nil, fmt.Errorf("geo: %s: no articles", name)
	}
	return out, nil
}

// ReadFile reads a corpus file.
func ReadFile(path string) ([]Article, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("geo: %w", err)
	}
	defer f.Close()
	return Read(f, path)
}

func runeToByte(s string) func(int) int {
	idx := make([]int, 0, len(s)+1)
	for i := range s {
		idx = append(idx, i)
	}
	idx = append(idx, len(s))
	return func(off int) int {
		if off >= len(idx) {
			return len(s) + 1 // past the end: reported as an error
		}
		return idx[off]
	}
}

// Half returns one half of a corpus's articles for honest development: "A"
// keeps the 1st, 3rd, 5th … article, "B" the 2nd, 4th, …, and "" all of
// them. Tune on A, report on B.
func Half(arts []Article, half string) ([]Article, error) {
	var keep int
	switch half {
	case "":
		return arts, nil
	case "A", "a":
		keep = 0
	case "B", "b":
		keep = 1
	default:
		return nil, fmt.Errorf("geo: unknown half %q (want A or B)", half)
	}
	var out []Article
	for i := range arts {
		if i%2 == keep {
			out = append(out, arts[i])
		}
	}
	return out, nil
}

// Scores accumulates resolution and tagging counts.
type Scores struct {
	Gold     int       // gold toponyms with coordinates
	Within   int       // resolved within 161 km
	Errors   []float64 // error in km of each gold toponym (resolved ones)
	Missing  int       // gold toponyms left unresolved
	TagGold  int
	TagSys   int
	TagMatch int
	// End to end: the places the stage itself finds and resolves.
	PlaceSys      int // resolved places judged (overlapping a gold toponym with coordinates, or none)
	PlaceRight    int // overlapping a gold toponym and within 161 km of it
	PlaceUnjudged int // overlapping only gold toponyms without coordinates
}

// Places returns end-to-end precision and recall of resolved places in
// percent: a place is right when its span overlaps a gold toponym and its
// point lies within 161 km of the gold point; a place overlapping no gold
// toponym is wrong. Recall is over the gold toponyms with coordinates.
func (s *Scores) Places() (p, r float64) {
	if s.PlaceSys > 0 {
		p = 100 * float64(s.PlaceRight) / float64(s.PlaceSys)
	}
	if s.TagGold > 0 {
		r = 100 * float64(s.PlaceRight) / float64(s.TagGold)
	}
	return p, r
}

// Acc161 returns the share of gold toponyms within 161 km, in percent.
func (s *Scores) Acc161() float64 {
	if s.Gold == 0 {
		return 0
	}
	return 100 * float64(s.Within) / float64(s.Gold)
}

// MedianError returns the median error in km over resolved toponyms.
func (s *Scores) MedianError() float64 {
	if len(s.Errors) == 0 {
		return 0
	}
	e := append([]float64(nil), s.Errors...)
	sort.Float64s(e)
	return e[len(e)/2]
}

// Tagging returns precision, recall and F1 in percent.
func (s *Scores) Tagging() (p, r, f float64) {
	if s.TagSys > 0 {
		p = 100 * float64(s.TagMatch) / float64(s.TagSys)
	}
	if s.TagGold > 0 {
		r = 100 * float64(s.TagMatch) / float64(s.TagGold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

// nearest returns the start of the occurrence of name in text nearest to
// off and at most within bytes away, or -1.
func nearest(text, name string, off, within int) int {
	if name == "" {
		return -1
	}
	best := -1
	lo := max(0, off-within-len(name))
	hi := min(len(text), off+within+len(name))
	for i := lo; i < hi; {
		j := strings.Index(text[i:hi], name)
		if j < 0 {
			break
		}
		k := i + j
		if best < 0 || abs(k-off) < abs(best-off) {
			best = k
		}
		i = k + 1
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
