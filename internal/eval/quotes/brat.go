// Package quotes scores newsgraph's quote attribution against PolNeAR, the
// Political News Attribution Relations corpus (Newell, Margolin and Ruths,
// LREC 2018), whose attributions are BRAT standoff files: a source, a cue
// and a content span each.
//
// The metric ([Score]) counts a predicted quote as correct when its
// content overlaps the content of a gold attribution by at least half the
// shorter of the two, and its speaker matches the gold source: the
// speaker's span overlaps the source span, a mention of the speaker entity
// does, or the speaker's name and the source's head (the source up to a
// comma, a parenthesis or "who") end in the same word ("Pat Caddell" for
// "Caddell", "Guerrero" for "Mr. Guerrero, who is an actor,"). A gold
// attribution with no source needs only the content to match. Each
// prediction matches at most one gold attribution (the one it overlaps
// most); a gold attribution may be matched by several predictions, which
// happens when an attribution's content is split around its frame
// ("“…,” said X. “…”"). Precision is the share of predictions that match,
// recall the share of gold attributions matched. Direct quotes are scored
// on their own too: gold attributions whose content is in quotation marks
// against predictions of kind direct.
package quotes

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ErrSyntax is wrapped by every error of [ParseBRAT].
var ErrSyntax = errors.New("quotes: invalid BRAT annotation")

// Fragment is a half-open range of character (code point) offsets.
type Fragment struct{ Start, End int }

// TextBound is a BRAT text-bound annotation ("T1	Source 89 106	text").
type TextBound struct {
	ID        string
	Label     string
	Fragments []Fragment
	Text      string
}

// Event is a BRAT event ("E1	Attribution:T4 Content:T3 Cue:T2 Source:T1").
type Event struct {
	ID      string
	Type    string
	Trigger string
	Args    map[string][]string // role → text-bound IDs
}

// BRAT is one parsed standoff file.
type BRAT struct {
	TextBounds map[string]*TextBound
	Events     []Event
}

// ParseBRAT reads a BRAT standoff file. It understands text-bound
// annotations (T) with discontinuous fragments and events (E); it skips
// relations, attributes, normalisations and notes. A line that does not
// start with an annotation ID continues the text of the text-bound
// annotation before it (PolNeAR writes spans that cross a line break that
// way). Errors name the line.
func ParseBRAT(r io.Reader) (*BRAT, error) {
	b := &BRAT{TextBounds: map[string]*TextBound{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	var last *TextBound
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" {
			if last != nil {
				last.Text += "\n"
			}
			continue
		}
		id, rest, ok := strings.Cut(s, "\t")
		if !ok || !validID(id) {
			if last != nil {
				last.Text += "\n" + s
				continue
			}
			return nil, fmt.Errorf("line %d: no annotation ID: %w", line, ErrSyntax)
		}
		last = nil
		switch id[0] {
		case 'T':
			tb, err := parseTextBound(id, rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v: %w", line, err, ErrSyntax)
			}
			if _, dup := b.TextBounds[id]; dup {
				return nil, fmt.Errorf("line %d: duplicate ID %s: %w", line, id, ErrSyntax)
			}
			b.TextBounds[id] = tb
			last = tb
		case 'E':
			ev, err := parseEvent(id, rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: %v: %w", line, err, ErrSyntax)
			}
			b.Events = append(b.Events, ev)
		default:
			// R, A, M, N, # and * lines carry nothing the scorer uses
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("quotes: reading BRAT: %w", err)
	}
	for _, ev := range b.Events {
		for role, ids := range ev.Args {
			for _, id := range ids {
				if b.TextBounds[id] == nil {
					return nil, fmt.Errorf("event %s: %s argument %s is not a text-bound annotation: %w", ev.ID, role, id, ErrSyntax)
				}
			}
		}
	}
	return b, nil
}

func validID(id string) bool {
	if len(id) < 1 {
		return false
	}
	switch id[0] {
	case 'T', 'E', 'R', 'A', 'M', 'N':
		if len(id) < 2 {
			return false
		}
		for _, r := range id[1:] {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	case '#', '*':
		return true
	}
	return false
}

func parseTextBound(id, rest string) (*TextBound, error) {
	head, text, _ := strings.Cut(rest, "\t")
	label, offs, ok := strings.Cut(head, " ")
	if !ok || label == "" {
		return nil, fmt.Errorf("text-bound %s: no offsets", id)
	}
	tb := &TextBound{ID: id, Label: label, Text: text}
	for _, frag := range strings.Split(offs, ";") {
		f := strings.Fields(frag)
		if len(f) != 2 {
			return nil, fmt.Errorf("text-bound %s: bad fragment %q", id, frag)
		}
		start, err1 := strconv.Atoi(f[0])
		end, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || start < 0 || end < start {
			return nil, fmt.Errorf("text-bound %s: bad fragment %q", id, frag)
		}
		tb.Fragments = append(tb.Fragments, Fragment{start, end})
	}
	return tb, nil
}

func parseEvent(id, rest string) (Event, error) {
	f := strings.Fields(rest)
	if len(f) == 0 {
		return Event{}, fmt.Errorf("event %s: empty", id)
	}
	typ, trig, ok := strings.Cut(f[0], ":")
	if !ok || typ == "" || trig == "" {
		return Event{}, fmt.Errorf("event %s: bad trigger %q", id, f[0])
	}
	ev := Event{ID: id, Type: typ, Trigger: trig, Args: map[string][]string{}}
	for _, arg := range f[1:] {
		role, ref, ok := strings.Cut(arg, ":")
		if !ok || role == "" || ref == "" {
			return Event{}, fmt.Errorf("event %s: bad argument %q", id, arg)
		}
		// BRAT numbers repeated roles: Content2, Content3
		role = strings.TrimRight(role, "0123456789")
		ev.Args[role] = append(ev.Args[role], ref)
	}
	return ev, nil
}
