// Package events scores newsgraph's event coder on PLOVER gold records
// (the PLOVER_GSR_CAMEO JSON files): each record is one sentence with one
// coded event, its source and target actors.
//
// Scores:
//   - type accuracy: the share of records whose coded type (that of the
//     first event coded in the sentence, the main clause's in news
//     sentences) equals the gold type;
//   - actor and target F1: over actor strings, a predicted actor matching
//     a gold one when the content words of the shorter are all among those
//     of the longer ("Askar Akayev" matches "Ousted President Askar
//     Akayev"). Predicted actors and targets are those of the chosen
//     event, with the compound actors and targets coded at its trigger.
//
// The 2016 gold names map to the current PLOVER categories as the manual's
// CAMEO→PLOVER table does: DEMAND → REQUEST, DISAPPROVE → ACCUSE,
// INVESTIGATE → ACCUSE (mode investigate), FIGHT → ASSAULT (PLOVER 2021
// folds the 2016 ASSAULT, FIGHT and mass violence into ASSAULT). Two
// records carry a type other than their ID's (SANCTION-0010 and
// COERCE-0002, both FIGHT in the file); they are scored as their ID says.
// DOCUMENT records are skipped.
package events

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Record is one gold sentence.
type Record struct {
	ID      string
	Type    string // current PLOVER name
	Text    string
	Date    string
	Sources []string
	Targets []string
}

type rawRecord struct {
	ID     string          `json:"id"`
	Event  string          `json:"event"`
	Text   string          `json:"text"`
	Date   string          `json:"date"`
	Source json.RawMessage `json:"source"`
	Target json.RawMessage `json:"target"`
}

// Rename maps a 2016 PLOVER category name to the current one.
func Rename(name string) string {
	switch name {
	case "DEMAND":
		return "REQUEST"
	case "DISAPPROVE", "INVESTIGATE":
		return "ACCUSE"
	case "FIGHT":
		return "ASSAULT"
	}
	return name
}

// Read parses a PLOVER gold file (a JSON array of records).
func Read(r io.Reader, name string) ([]Record, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("events: %s: %w", name, err)
	}
	var raws []rawRecord
	if err := json.Unmarshal(b, &raws); err != nil {
		return nil, fmt.Errorf("events: %s: %w", name, err)
	}
	var out []Record
	for i, rr := range raws {
		if rr.Event == "DOCUMENT" || rr.Event == "" {
			continue
		}
		typ := Rename(rr.Event)
		// The ID names the category the record was written for.
		if parts := strings.Split(rr.ID, "-"); len(parts) >= 3 && rr.Event == "FIGHT" {
			if id := Rename(parts[2]); id != typ && id != "" && isCategory(id) {
				typ = id
			}
		}
		src, err := actorTexts(rr.Source)
		if err != nil {
			return nil, fmt.Errorf("events: %s: record %d (%s): source: %w", name, i, rr.ID, err)
		}
		tgt, err := actorTexts(rr.Target)
		if err != nil {
			return nil, fmt.Errorf("events: %s: record %d (%s): target: %w", name, i, rr.ID, err)
		}
		text := strings.TrimSpace(rr.Text)
		text = strings.TrimSuffix(strings.TrimPrefix(text, "{"), "}")
		if text == "" {
			return nil, fmt.Errorf("events: %s: record %d (%s): no text", name, i, rr.ID)
		}
		out = append(out, Record{ID: rr.ID, Type: typ, Text: text, Date: rr.Date, Sources: src, Targets: tgt})
	}
	return out, nil
}

var categories = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT")

func isCategory(s string) bool { return categories[s] }

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// actorTexts reads a source or target field: a list of {actorText, code},
// an empty string, or null.
func actorTexts(raw json.RawMessage) ([]string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" || string(raw) == `""` {
		return nil, nil
	}
	var list []struct {
		ActorText string `json:"actorText"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		var s string
		if err2 := json.Unmarshal(raw, &s); err2 == nil {
			if strings.TrimSpace(s) == "" {
				return nil, nil
			}
			return []string{s}, nil
		}
		return nil, err
	}
	var out []string
	for _, a := range list {
		if t := strings.TrimSpace(a.ActorText); t != "" {
			out = append(out, t)
		}
	}
	return out, nil
}

var stop = set("the a an of and in on for to by with from at its his her their")

// contentWords returns the lower-case content words of an actor string.
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.'
	}) {
		w = strings.Trim(w, ".")
		w = strings.TrimSuffix(w, "s")
		if w != "" && !stop[w] {
			out = append(out, w)
		}
	}
	return out
}

// Match reports whether a predicted actor string names a gold one: all the
// content words of the shorter appear among those of the longer.
func Match(pred, gold string) bool {
	p, g := contentWords(pred), contentWords(gold)
	if len(p) == 0 || len(g) == 0 {
		return false
	}
	short, long := p, g
	if len(short) > len(long) {
		short, long = long, short
	}
	have := map[string]bool{}
	for _, w := range long {
		have[w] = true
	}
	for _, w := range short {
		if !have[w] {
			return false
		}
	}
	return true
}

// Counts accumulates matches for an F1.
type Counts struct{ TP, FP, FN int }

// F1 returns precision, recall and F1.
func (c Counts) F1() (p, r, f float64) {
	if c.TP+c.FP > 0 {
		p = float64(c.TP) / float64(c.TP+c.FP)
	}
	if c.TP+c.FN > 0 {
		r = float64(c.TP) / float64(c.TP+c.FN)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// Score adds the comparison of predicted and gold actor strings to c: each
// gold actor is matched by at most one prediction.
func (c *Counts) Score(pred, gold []string) {
	used := make([]bool, len(pred))
	for _, g := range gold {
		found := false
		for i, p := range pred {
			if !used[i] && Match(p, g) {
				used[i], found = true, true
				break
			}
		}
		if found {
			c.TP++
		} else {
			c.FN++
		}
	}
	for _, u := range used {
		if !u {
			c.FP++
		}
	}
}
