// Package conll reads CoNLL-2003 named-entity files and scores tagged output
// exactly as the shared task's conlleval script does.
//
// A file holds one token a line ("word POS chunk NER", whitespace-separated;
// only the first and last columns are required), blank lines between
// sentences and "-DOCSTART-" lines between documents. NER tags may be IOB1
// (B- only between two adjacent entities of one type) or IOB2 (B- at every
// entity start); [Chunks] reads both.
package conll

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// DocStart is the word of a document-boundary line.
const DocStart = "-DOCSTART-"

// Token is one line of a CoNLL file.
type Token struct {
	Word  string
	POS   string
	Chunk string
	Tag   string // gold NER tag ("O", "I-PER", "B-LOC" ...)
}

// Sentence is a run of tokens between blank lines.
type Sentence []Token

// Document is a run of sentences between -DOCSTART- lines.
type Document struct {
	Sentences []Sentence
	// Started reports whether a -DOCSTART- line opened the document.
	Started bool
}

// ParseError is a malformed line of a CoNLL file.
type ParseError struct {
	Name string // the input's name
	Line int    // 1-based
	Err  error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("conll: %s:%d: %v", e.Name, e.Line, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errors a malformed file reports, wrapped in a [ParseError].
var (
	ErrColumns = errors.New("conll: a token line needs at least two columns (word ... tag)")
	ErrTag     = errors.New("conll: malformed tag")
)

// maxLine bounds one line of input.
const maxLine = 1 << 20

// Read reads every document of a CoNLL file; name labels errors.
func Read(r io.Reader, name string) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	var (
		docs []Document
		doc  Document
		sent Sentence
		line int
	)
	flushSent := func() {
		if len(sent) > 0 {
			doc.Sentences = append(doc.Sentences, sent)
			sent = nil
		}
	}
	flushDoc := func() {
		flushSent()
		if len(doc.Sentences) > 0 || doc.Started {
			docs = append(docs, doc)
		}
		doc = Document{}
	}
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			flushSent()
			continue
		}
		if f[0] == DocStart {
			flushDoc()
			doc.Started = true
			continue
		}
		if len(f) < 2 {
			return nil, &ParseError{Name: name, Line: line, Err: ErrColumns}
		}
		t := Token{Word: f[0], Tag: f[len(f)-1]}
		if len(f) >= 4 {
			t.POS, t.Chunk = f[1], f[2]
		} else if len(f) == 3 {
			t.POS = f[1]
		}
		if !validTag(t.Tag) {
			return nil, &ParseError{Name: name, Line: line, Err: fmt.Errorf("%w %q", ErrTag, t.Tag)}
		}
		sent = append(sent, t)
	}
	if err := sc.Err(); err != nil {
		return nil, &ParseError{Name: name, Line: line + 1, Err: err}
	}
	flushDoc()
	return docs, nil
}

func validTag(t string) bool {
	if t == "O" {
		return true
	}
	p, typ, ok := strings.Cut(t, "-")
	return ok && typ != "" && (p == "B" || p == "I" || p == "E" || p == "S")
}

// Span is an entity of a sentence: tokens [Start, End) of type Type.
type Span struct {
	Start, End int
	Type       string
}

// Chunks returns the entities of a tag sequence read with conlleval's
// rules, which accept IOB1, IOB2 and IOE tags alike.
func Chunks(tags []string) []Span {
	var out []Span
	prevTag, prevType := "O", ""
	start := -1
	for i, t := range tags {
		tag, typ := splitTag(t)
		if start >= 0 && endOfChunk(prevTag, tag, prevType, typ) {
			out = append(out, Span{Start: start, End: i, Type: prevType})
			start = -1
		}
		if startOfChunk(prevTag, tag, prevType, typ) {
			start = i
		}
		prevTag, prevType = tag, typ
	}
	if start >= 0 {
		out = append(out, Span{Start: start, End: len(tags), Type: prevType})
	}
	return out
}

// IOB2 returns tags in IOB2 form (B- at every entity start).
func IOB2(tags []string) []string {
	out := make([]string, len(tags))
	for i := range out {
		out[i] = "O"
	}
	for _, c := range Chunks(tags) {
		out[c.Start] = "B-" + c.Type
		for k := c.Start + 1; k < c.End; k++ {
			out[k] = "I-" + c.Type
		}
	}
	return out
}

// splitTag splits "B-PER" into "B" and "PER" the way conlleval does.
func splitTag(t string) (tag, typ string) {
	if p, ty, ok := strings.Cut(t, "-"); ok {
		return p, ty
	}
	return t, ""
}

// endOfChunk is conlleval's endOfChunk.
func endOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "B" && tag == "O",
		prevTag == "I" && tag == "B",
		prevTag == "I" && tag == "O",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "E" && tag == "O":
		return true
	}
	if prevTag != "O" && prevTag != "." && prevType != typ {
		return true
	}
	return prevTag == "]" || prevTag == "["
}

// startOfChunk is conlleval's startOfChunk.
func startOfChunk(prevTag, tag, prevType, typ string) bool {
	switch {
	case prevTag == "B" && tag == "B",
		prevTag == "I" && tag == "B",
		prevTag == "O" && tag == "B",
		prevTag == "O" && tag == "I",
		prevTag == "E" && tag == "E",
		prevTag == "E" && tag == "I",
		prevTag == "O" && tag == "E":
		return true
	}
	if tag != "O" && tag != "." && prevType != typ {
		return true
	}
	return tag == "[" || tag == "]"
}

// IOB1 returns tags in IOB1 form (B- only where an entity follows another
// of the same type).
func IOB1(tags []string) []string {
	out := make([]string, len(tags))
	for i := range out {
		out[i] = "O"
	}
	prevEnd, prevType := -1, ""
	for _, c := range Chunks(tags) {
		p := "I-"
		if c.Start == prevEnd && c.Type == prevType {
			p = "B-"
		}
		out[c.Start] = p + c.Type
		for k := c.Start + 1; k < c.End; k++ {
			out[k] = "I-" + c.Type
		}
		prevEnd, prevType = c.End, c.Type
	}
	return out
}

// IsIOB1 reports whether tags use IOB1: some entity starts with I-.
func IsIOB1(tags []string) bool {
	for _, c := range Chunks(tags) {
		if strings.HasPrefix(tags[c.Start], "I-") {
			return true
		}
	}
	return false
}

// Half returns one half of a file's documents for honest development: "A"
// keeps the 1st, 3rd, 5th … document, "B" the 2nd, 4th, 6th …, and "" all
// of them. Interleaving keeps both halves' mix of topics (sports tables,
// politics, markets) like the whole file's. Tune on A, report on B.
func Half(docs []Document, half string) ([]Document, error) {
	var keep int
	switch half {
	case "":
		return docs, nil
	case "A", "a":
		keep = 0
	case "B", "b":
		keep = 1
	default:
		return nil, fmt.Errorf("conll: unknown half %q (want A or B)", half)
	}
	var out []Document
	for i, d := range docs {
		if i%2 == keep {
			out = append(out, d)
		}
	}
	return out, nil
}
