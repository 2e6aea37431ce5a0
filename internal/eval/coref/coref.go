// Package coref scores newsgraph's within-document entity grouping (the
// stage "annotate.entity") against the coreference chains of GUM, the
// Georgetown University Multilayer corpus, whose CoNLL-U files mark every
// mention and its chain in the MISC column (Entity=...).
//
// Only named mentions count: a GUM mention of a person, an organisation or
// a place whose syntactic head is a proper noun. Each is aligned with the
// system mention that covers its head word, lies mostly inside it, and
// lies wholly inside it or covers at least half of it; B-cubed precision and recall
// are averaged over the gold named mentions, with the system's chain of a
// mention being the gold named mentions whose aligned system mentions share
// its entity (an unaligned mention is a chain of its own). Mention
// detection is thus charged to recall only; [Result] also reports how many
// gold mentions were aligned.
package coref

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// ErrSyntax is wrapped by every error of [ReadGUM].
var ErrSyntax = errors.New("coref: invalid CoNLL-U")

// Mention is a gold mention.
type Mention struct {
	Span  news.Span // bytes of Doc.Text
	Head  news.Span // bytes of its head word
	Group string    // chain ID
	Type  string    // GUM entity type: person, organization, place...
	Named bool      // a person, organisation or place headed by a proper noun
}

// Doc is one GUM document: its text rebuilt from the tokens and its gold
// mentions.
type Doc struct {
	ID         string
	Text       string
	Paragraphs []news.Span
	Mentions   []Mention
}

type token struct {
	id, head int
	form     string
	upos     string
	span     news.Span
}

type open struct {
	group, typ string
	first      int // index into the sentence's tokens
}

// ReadGUM reads one or more documents from CoNLL-U with GUM's Entity
// annotations. Tokens are joined by spaces except where SpaceAfter=No;
// paragraphs ("# newpar") are separated by a blank line.
func ReadGUM(r io.Reader) ([]Doc, error) {
	var docs []Doc
	var d *Doc
	var b strings.Builder
	var sent []token
	var stacks map[string][]open
	var pending []pendingMention
	paraStart := 0
	line := 0
	lastEnd := 0          // the end of the last token written
	skipUntil := 0        // the last word ID of the multiword token being read
	var mwtSpan news.Span // its span
	newDoc := func(id string) {
		if d != nil {
			finishPara(d, &b, &paraStart, lastEnd)
			d.Text = b.String()[:max(lastEnd, 0)]
			docs = append(docs, *d)
		}
		d = &Doc{ID: id}
		b.Reset()
		paraStart, lastEnd = 0, 0
		stacks = map[string][]open{}
	}
	flush := func() error {
		for _, p := range pending {
			if p.last >= len(sent) || p.first > p.last {
				return fmt.Errorf("line %d: mention of chain %s out of its sentence: %w", line, p.group, ErrSyntax)
			}
			m := Mention{Span: news.Span{Start: sent[p.first].span.Start, End: sent[p.last].span.End}, Group: p.group, Type: p.typ}
			// the head is the token whose head lies outside the mention
			for k := p.first; k <= p.last; k++ {
				h := sent[k].head
				if h == 0 || h < sent[p.first].id || h > sent[p.last].id {
					m.Head = sent[k].span
					m.Named = sent[k].upos == "PROPN" && (p.typ == "person" || p.typ == "organization" || p.typ == "place")
					break
				}
			}
			d.Mentions = append(d.Mentions, m)
		}
		pending = pending[:0]
		sent = sent[:0]
		skipUntil = 0
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1024*1024), 16*1024*1024)
	for sc.Scan() {
		line++
		s := sc.Text()
		switch {
		case strings.HasPrefix(s, "# newdoc id"):
			if err := flush(); err != nil {
				return nil, err
			}
			_, id, _ := strings.Cut(s, "=")
			newDoc(strings.TrimSpace(id))
			continue
		case strings.HasPrefix(s, "# newpar"):
			if d != nil && !strings.HasPrefix(s, "# newpar_") {
				finishPara(d, &b, &paraStart, lastEnd)
			}
			continue
		case strings.HasPrefix(s, "#"):
			continue
		case strings.TrimSpace(s) == "":
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if d == nil {
			newDoc("doc")
		}
		f := strings.Split(s, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("line %d: %d columns, want 10: %w", line, len(f), ErrSyntax)
		}
		if strings.Contains(f[0], ".") {
			continue // empty node
		}
		if lo, hi, ok := strings.Cut(f[0], "-"); ok {
			// a multiword token: its surface form stands for its words
			a, err1 := strconv.Atoi(lo)
			z, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || z < a {
				return nil, fmt.Errorf("line %d: bad token range %q: %w", line, f[0], ErrSyntax)
			}
			start := b.Len()
			b.WriteString(f[1])
			end := b.Len()
			lastEnd = end
			if !strings.Contains(f[9], "SpaceAfter=No") {
				b.WriteByte(' ')
			}
			mwtSpan = news.Span{Start: start, End: end}
			skipUntil = z
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil {
			return nil, fmt.Errorf("line %d: bad token ID %q: %w", line, f[0], ErrSyntax)
		}
		head, _ := strconv.Atoi(f[6])
		t := token{id: id, head: head, form: f[1], upos: f[3]}
		if id <= skipUntil {
			t.span = mwtSpan
		} else {
			start := b.Len()
			b.WriteString(f[1])
			t.span = news.Span{Start: start, End: b.Len()}
			lastEnd = b.Len()
			if !strings.Contains(f[9], "SpaceAfter=No") {
				b.WriteByte(' ')
			}
		}
		sent = append(sent, t)
		if ent := miscValue(f[9], "Entity"); ent != "" {
			if err := parseEntity(ent, len(sent)-1, stacks, &pending); err != nil {
				return nil, fmt.Errorf("line %d: %v: %w", line, err, ErrSyntax)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("coref: reading: %w", err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if d != nil {
		finishPara(d, &b, &paraStart, lastEnd)
		d.Text = b.String()[:max(lastEnd, 0)]
		docs = append(docs, *d)
	}
	return docs, nil
}

type pendingMention struct {
	group, typ  string
	first, last int
}

// finishPara ends the current paragraph, whose last token ends at byte
// lastEnd, with a blank line.
func finishPara(d *Doc, b *strings.Builder, paraStart *int, lastEnd int) {
	text := b.String()
	if lastEnd > *paraStart && lastEnd <= len(text) {
		text = text[:lastEnd]
		d.Paragraphs = append(d.Paragraphs, news.Span{Start: *paraStart, End: len(text)})
		b.Reset()
		b.WriteString(text)
		b.WriteString("\n\n")
		*paraStart = b.Len()
	}
}

func miscValue(misc, key string) string {
	for _, kv := range strings.Split(misc, "|") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v
		}
	}
	return ""
}

// parseEntity reads GUM's bracketed Entity value at token index k:
// "(3-organization-new-...-Identity" opens chain 3, "3)" closes it, and
// "(2-abstract-...)" is a one-token mention.
func parseEntity(v string, k int, stacks map[string][]open, pending *[]pendingMention) error {
	for i := 0; i < len(v); {
		switch {
		case v[i] == '(':
			j := i + 1
			for j < len(v) && v[j] != '(' && v[j] != ')' {
				j++
			}
			attrs := strings.Split(v[i+1:j], "-")
			if len(attrs) < 2 || attrs[0] == "" {
				return fmt.Errorf("bad entity %q", v[i:j])
			}
			group, typ := attrs[0], attrs[1]
			if j < len(v) && v[j] == ')' {
				*pending = append(*pending, pendingMention{group: group, typ: typ, first: k, last: k})
				j++
			} else {
				stacks[group] = append(stacks[group], open{group: group, typ: typ, first: k})
			}
			i = j
		case v[i] >= '0' && v[i] <= '9':
			j := i
			for j < len(v) && v[j] >= '0' && v[j] <= '9' {
				j++
			}
			if j >= len(v) || v[j] != ')' {
				return fmt.Errorf("bad entity close %q", v[i:])
			}
			group := v[i:j]
			st := stacks[group]
			if len(st) == 0 {
				return fmt.Errorf("entity %s closed but not open", group)
			}
			o := st[len(st)-1]
			stacks[group] = st[:len(st)-1]
			*pending = append(*pending, pendingMention{group: group, typ: o.typ, first: o.first, last: k})
			i = j + 1
		default:
			return fmt.Errorf("bad entity value %q", v)
		}
	}
	return nil
}

// Result holds B-cubed sums over gold named mentions.
type Result struct {
	Mentions, Aligned int
	P, R              float64 // sums; divide by Mentions
}

// Add adds o to r.
func (r *Result) Add(o Result) {
	r.Mentions += o.Mentions
	r.Aligned += o.Aligned
	r.P += o.P
	r.R += o.R
}

// PRF returns B-cubed precision, recall and F1.
func (r Result) PRF() (p, rec, f float64) {
	if r.Mentions == 0 {
		return 0, 0, 0
	}
	p, rec = r.P/float64(r.Mentions), r.R/float64(r.Mentions)
	if p+rec > 0 {
		f = 2 * p * rec / (p + rec)
	}
	return p, rec, f
}

// Score compares the system mentions (with entity IDs) of an article over
// d.Text with d's gold named mentions.
func Score(d Doc, sys []news.Mention) Result {
	var gold []Mention
	for _, m := range d.Mentions {
		if m.Named {
			gold = append(gold, m)
		}
	}
	res := Result{Mentions: len(gold)}
	// align: the system mention that covers the gold head, most of which
	// lies in the gold mention, and which lies within it or covers most of
	// it ("Hamdullah Mohib" for "Afghan Ambassador Hamdullah Mohib", not
	// "University of Chicago" for "Chicago")
	sysEnt := make([]string, len(gold))
	for i, g := range gold {
		best := 0
		for _, s := range sys {
			if s.Entity == "" || !s.Span.Overlaps(g.Head) {
				continue
			}
			ov := min(s.End, g.Span.End) - max(s.Start, g.Span.Start)
			if 2*ov < s.Len() || !g.Span.Contains(s.Span) && 2*ov < g.Span.Len() {
				continue
			}
			if ov > best {
				best, sysEnt[i] = ov, s.Entity
			}
		}
		if sysEnt[i] != "" {
			res.Aligned++
		}
	}
	for i := range gold {
		var inter, gsize, ssize int
		for j := range gold {
			sameG := gold[j].Group == gold[i].Group
			sameS := i == j || sysEnt[i] != "" && sysEnt[i] == sysEnt[j]
			if sameG {
				gsize++
			}
			if sameS {
				ssize++
			}
			if sameG && sameS {
				inter++
			}
		}
		res.P += float64(inter) / float64(ssize)
		res.R += float64(inter) / float64(gsize)
	}
	return res
}
