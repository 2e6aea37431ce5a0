// Package timex scores time-expression tagging against TimeML (.tml)
// files the way TempEval-3 does: strict (exact span) and relaxed
// (overlapping span) precision, recall and F1, and value F1, which counts a
// relaxed match as correct only when its normalised value equals the gold
// TIMEX3 value.
//
// The document creation time (the TIMEX3 with functionInDocument
// CREATION_TIME, normally inside DCT) is the reference date of each
// document; only TIMEX3 elements inside TEXT are scored.
package timex

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Timex is one gold time expression; Start and End are byte offsets into
// Doc.Text.
type Timex struct {
	Start, End int
	Type       string // DATE, TIME, DURATION, SET
	Value      string
}

// Doc is one TimeML document.
type Doc struct {
	Name   string
	DCT    string // the creation time's value, e.g. 1998-11-20T19:30
	Text   string // the character content of TEXT
	Timexs []Timex
	// Limit, when not 0, ends the annotated part of Text: system
	// expressions starting after it are not scored.
	Limit int
}

// ErrNoText is returned for a TimeML file without a TEXT element.
var ErrNoText = errors.New("timex: no TEXT element")

// Read parses one TimeML document. Unknown elements inside TEXT (EVENT,
// SIGNAL, ...) keep their text and are otherwise ignored.
func Read(r io.Reader, name string) (*Doc, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	d := &Doc{Name: name}
	var text strings.Builder
	inText, sawText := false, false
	type open struct {
		start int
		typ   string
		value string
		dct   bool
	}
	var stack []open
	depth := 0 // TIMEX3 nesting
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("timex: %s: %w", name, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TEXT":
				inText, sawText = true, true
			case "TIMEX3":
				o := open{start: text.Len()}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						o.typ = a.Value
					case "value":
						o.value = a.Value
					case "functionInDocument":
						o.dct = a.Value == "CREATION_TIME"
					}
				}
				stack = append(stack, o)
				depth++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "TEXT":
				inText = false
			case "TIMEX3":
				if len(stack) == 0 {
					continue
				}
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				depth--
				if o.dct && d.DCT == "" {
					d.DCT = o.value
				}
				if inText && !o.dct && text.Len() > o.start {
					d.Timexs = append(d.Timexs, Timex{Start: o.start, End: text.Len(), Type: o.typ, Value: o.value})
				}
			}
		case xml.CharData:
			if inText {
				text.Write(t)
			}
		}
	}
	if !sawText {
		return nil, fmt.Errorf("timex: %s: %w", name, ErrNoText)
	}
	d.Text = text.String()
	sort.Slice(d.Timexs, func(i, j int) bool { return d.Timexs[i].Start < d.Timexs[j].Start })
	return d, nil
}

// ReadFile reads one .tml file.
func ReadFile(path string) (*Doc, error) { return readFile(path, Read) }

// Files returns the .tml files under dir, sorted by path.
func Files(dir string) ([]string, error) { return filesWithExt(dir, ".tml") }

// readFile opens path and decodes it with read.
func readFile(path string, read func(io.Reader, string) (*Doc, error)) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	defer f.Close()
	return read(f, path)
}

// filesWithExt returns the files under dir whose names end in ext (any
// case), sorted by path.
func filesWithExt(dir, ext string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !e.IsDir() && strings.HasSuffix(strings.ToLower(p), ext) {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("timex: %w", err)
	}
	sort.Strings(out)
	return out, nil
}

// Split names a deterministic part of a corpus.
type Split string

// Splits. The held-out fifth is every fifth file (the 5th, 10th, ...) in
// path order; dev is the other four fifths.
const (
	SplitAll     Split = "all"
	SplitDev     Split = "dev"
	SplitHeldOut Split = "heldout"
)

// Select returns the files of a split.
func Select(files []string, s Split) ([]string, error) {
	switch s {
	case SplitAll, "":
		return files, nil
	case SplitDev, SplitHeldOut:
	default:
		return nil, fmt.Errorf("timex: unknown split %q (want all, dev or heldout)", s)
	}
	var out []string
	for i, f := range files {
		if (i%5 == 4) == (s == SplitHeldOut) {
			out = append(out, f)
		}
	}
	return out, nil
}

// Counts accumulates matches over documents.
type Counts struct {
	Gold, System       int
	StrictSys, StrictG int // system / gold expressions with an exact match
	RelaxSys, RelaxG   int // with an overlapping match
	ValueSys, ValueG   int // relaxed matches whose value is right
	TypeSys            int // relaxed matches whose type is right
}

// Add scores one document's system output against its gold expressions.
func (c *Counts) Add(gold []Timex, sys []news.Time) {
	c.Gold += len(gold)
	c.System += len(sys)
	for _, s := range sys {
		strict, relax, value, typ := false, false, false, false
		for _, g := range gold {
			if s.Start < g.End && g.Start < s.End {
				relax = true
				if s.Start == g.Start && s.End == g.End {
					strict = true
				}
				if s.Value == g.Value {
					value = true
				}
				if strings.EqualFold(string(s.Kind), g.Type) {
					typ = true
				}
			}
		}
		c.StrictSys += b2i(strict)
		c.RelaxSys += b2i(relax)
		c.ValueSys += b2i(value)
		c.TypeSys += b2i(typ)
	}
	for _, g := range gold {
		strict, relax, value := false, false, false
		for _, s := range sys {
			if s.Start < g.End && g.Start < s.End {
				relax = true
				if s.Start == g.Start && s.End == g.End {
					strict = true
				}
				if s.Value == g.Value {
					value = true
				}
			}
		}
		c.StrictG += b2i(strict)
		c.RelaxG += b2i(relax)
		c.ValueG += b2i(value)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// PRF is precision, recall and F1 in percent.
type PRF struct{ P, R, F float64 }

func prf(sysHit, sys, goldHit, gold int) PRF {
	var p, r, f float64
	if sys > 0 {
		p = 100 * float64(sysHit) / float64(sys)
	}
	if gold > 0 {
		r = 100 * float64(goldHit) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{p, r, f}
}

// Strict returns exact-span scores.
func (c *Counts) Strict() PRF { return prf(c.StrictSys, c.System, c.StrictG, c.Gold) }

// Relaxed returns overlapping-span scores.
func (c *Counts) Relaxed() PRF { return prf(c.RelaxSys, c.System, c.RelaxG, c.Gold) }

// Value returns value scores: a relaxed match with the gold value.
func (c *Counts) Value() PRF { return prf(c.ValueSys, c.System, c.ValueG, c.Gold) }
