package news

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// articleFields has Article's fields without its methods, so encoding/json
// can marshal it without recursing into MarshalJSON.
type articleFields Article

type record struct {
	V int `json:"v"`
	*articleFields
	// Published shadows the embedded field so that an unknown date is
	// written as null, as the contract says.
	Published  *string  `json:"published"`
	Paragraphs [][2]int `json:"paragraphs"`
	Sentences  [][2]int `json:"sentences"`
	// Tokens are written only when they carry a parse.
	Tokens tokenList `json:"tokens,omitempty"`
}

// tokenList encodes tokens by hand: an article has thousands, and
// reflection made encoding them as slow as parsing them.
type tokenList []Token

// MarshalJSON implements json.Marshaler.
func (ts tokenList) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 64*len(ts)+2)
	b = append(b, '[')
	for i, t := range ts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"start":`...)
		b = strconv.AppendInt(b, int64(t.Start), 10)
		b = append(b, `,"end":`...)
		b = strconv.AppendInt(b, int64(t.End), 10)
		b = append(b, `,"text":`...)
		b = appendJSONString(b, t.Text)
		if t.UPOS != "" {
			b = append(b, `,"upos":`...)
			b = appendJSONString(b, t.UPOS)
		}
		b = append(b, `,"head":`...)
		b = strconv.AppendInt(b, int64(t.Head), 10)
		if t.Deprel != "" {
			b = append(b, `,"deprel":`...)
			b = appendJSONString(b, t.Deprel)
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// appendJSONString appends s as a JSON string; plain ASCII is copied, the
// rest goes through encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// MarshalJSON encodes a as a version-1 record with code-point offsets.
func (a Article) MarshalJSON() ([]byte, error) {
	c := a.cloneAnnotations()
	c.convertOffsets(byteToRune(c.Text))
	for i := range c.Captions {
		convertCaption(&c.Captions[i], byteToRune(c.Captions[i].Text))
	}
	c.nonNil()
	r := record{V: FormatVersion, articleFields: (*articleFields)(c)}
	if c.Published != "" {
		r.Published = &c.Published
	}
	r.Paragraphs = pairs(c.Paragraphs)
	r.Sentences = pairs(c.Sentences)
	if c.Parsed() {
		r.Tokens = c.Tokens
	}
	return json.Marshal(r)
}

// UnmarshalJSON decodes a record written by MarshalJSON, converting its
// code-point offsets back to byte offsets.
func (a *Article) UnmarshalJSON(b []byte) error {
	var r record
	r.articleFields = (*articleFields)(a)
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	if r.V > FormatVersion {
		return fmt.Errorf("news: record version %d is newer than this newsgraph reads (%d)", r.V, FormatVersion)
	}
	a.Published = ""
	if r.Published != nil {
		a.Published = *r.Published
	}
	a.Paragraphs = spans(r.Paragraphs)
	a.Sentences = spans(r.Sentences)
	a.Tokens = r.Tokens
	a.convertOffsets(runeToByte(a.Text))
	for i := range a.Captions {
		convertCaption(&a.Captions[i], runeToByte(a.Captions[i].Text))
	}
	return nil
}

func pairs(s []Span) [][2]int {
	out := make([][2]int, len(s))
	for i, sp := range s {
		out[i] = [2]int{sp.Start, sp.End}
	}
	return out
}

func spans(p [][2]int) []Span {
	if p == nil {
		return nil
	}
	out := make([]Span, len(p))
	for i, pr := range p {
		out[i] = Span{pr[0], pr[1]}
	}
	return out
}

// cloneAnnotations returns a copy of a whose span-bearing slices are its own.
func (a *Article) cloneAnnotations() *Article {
	c := *a
	c.Paragraphs = append([]Span(nil), a.Paragraphs...)
	c.Sentences = append([]Span(nil), a.Sentences...)
	c.Tokens = append([]Token(nil), a.Tokens...)
	c.Mentions = append([]Mention(nil), a.Mentions...)
	c.Quotes = append([]Quote(nil), a.Quotes...)
	for i := range c.Quotes {
		if s := c.Quotes[i].SpeakerSpan; s != nil {
			cp := *s
			c.Quotes[i].SpeakerSpan = &cp
		}
		if s := c.Quotes[i].CueSpan; s != nil {
			cp := *s
			c.Quotes[i].CueSpan = &cp
		}
	}
	c.Times = append([]Time(nil), a.Times...)
	c.Captions = append([]Caption(nil), a.Captions...)
	for i := range c.Captions {
		c.Captions[i].Times = append([]Time(nil), c.Captions[i].Times...)
		c.Captions[i].Mentions = append([]Mention(nil), c.Captions[i].Mentions...)
	}
	c.Places = append([]Place(nil), a.Places...)
	c.Events = append([]Event(nil), a.Events...)
	return &c
}

// Spans returns a pointer to every span in a's annotations, so that code can
// shift or convert them all in one place.
func (a *Article) Spans() []*Span {
	var out []*Span
	add := func(s *Span) { out = append(out, s) }
	for i := range a.Paragraphs {
		add(&a.Paragraphs[i])
	}
	for i := range a.Sentences {
		add(&a.Sentences[i])
	}
	for i := range a.Tokens {
		add(&a.Tokens[i].Span)
	}
	for i := range a.Mentions {
		add(&a.Mentions[i].Span)
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		add(&q.Span)
		if q.SpeakerSpan != nil {
			add(q.SpeakerSpan)
		}
		if q.CueSpan != nil {
			add(q.CueSpan)
		}
	}
	for i := range a.Times {
		add(&a.Times[i].Span)
	}
	for i := range a.Places {
		add(&a.Places[i].Span)
	}
	for i := range a.Events {
		add(&a.Events[i].Trigger.Span)
	}
	return out
}

func (a *Article) convertOffsets(conv func(int) int) {
	if conv == nil {
		return
	}
	for _, s := range a.Spans() {
		s.Start, s.End = conv(s.Start), conv(s.End)
	}
}

func (a *Article) nonNil() {
	if a.Byline == nil {
		a.Byline = []string{}
	}
	if a.Removed == nil {
		a.Removed = []Removed{}
	}
	if a.Captions == nil {
		a.Captions = []Caption{}
	}
	if a.Entities == nil {
		a.Entities = []Entity{}
	}
	for i := range a.Entities {
		if a.Entities[i].Aliases == nil {
			a.Entities[i].Aliases = []string{}
		}
	}
	if a.Mentions == nil {
		a.Mentions = []Mention{}
	}
	if a.Quotes == nil {
		a.Quotes = []Quote{}
	}
	if a.Times == nil {
		a.Times = []Time{}
	}
	if a.Places == nil {
		a.Places = []Place{}
	}
	if a.Events == nil {
		a.Events = []Event{}
	}
	if a.Provenance.Stages == nil {
		a.Provenance.Stages = map[string]string{}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// byteToRune returns a function mapping byte offsets of s to code-point
// offsets, or nil when they are the same (ASCII text).
func byteToRune(s string) func(int) int {
	if isASCII(s) {
		return nil
	}
	idx := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		for j := 0; j < w; j++ {
			idx[i+j] = n // an offset inside a rune maps to that rune
		}
		i += w
		n++
	}
	idx[len(s)] = n
	return func(off int) int {
		if off < 0 {
			return 0
		}
		if off > len(s) {
			off = len(s)
		}
		return int(idx[off])
	}
}

// runeToByte returns a function mapping code-point offsets of s to byte
// offsets, or nil when they are the same.
func runeToByte(s string) func(int) int {
	if isASCII(s) {
		return nil
	}
	idx := make([]int32, 0, len(s)+1)
	for i := range s {
		idx = append(idx, int32(i))
	}
	idx = append(idx, int32(len(s)))
	return func(off int) int {
		if off < 0 {
			return 0
		}
		if off >= len(idx) {
			off = len(idx) - 1
		}
		return int(idx[off])
	}
}

// convertCaption converts the spans of a caption's times and mentions,
// which index the caption's own text.
func convertCaption(c *Caption, conv func(int) int) {
	if conv == nil {
		return
	}
	for i := range c.Times {
		t := &c.Times[i]
		t.Start, t.End = conv(t.Start), conv(t.End)
	}
	for i := range c.Mentions {
		m := &c.Mentions[i]
		m.Start, m.End = conv(m.Start), conv(m.End)
	}
}
