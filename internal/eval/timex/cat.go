package timex

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// ReadCAT parses one document in the CAT XML format of NewsReader MEANTIME:
// tokens (t_id, sentence) and TIMEX3 markables anchored to tokens. The text
// is rebuilt from the tokens (one line a sentence, no space before closing
// punctuation); the CREATION_TIME expression gives the reference date and,
// being part of the text, is scored like the others. MEANTIME annotates the
// title, the date line and the first sentences (sentences 0 to 5): Limit is
// set to the end of that part.
func ReadCAT(r io.Reader, name string) (*Doc, error) {
	var doc struct {
		Tokens []struct {
			ID       string `xml:"t_id,attr"`
			Sentence string `xml:"sentence,attr"`
			Text     string `xml:",chardata"`
		} `xml:"token"`
		Markables struct {
			Timex []struct {
				Type     string `xml:"type,attr"`
				Value    string `xml:"value,attr"`
				Function string `xml:"functionInDocument,attr"`
				Anchors  []struct {
					ID string `xml:"t_id,attr"`
				} `xml:"token_anchor"`
			} `xml:"TIMEX3"`
		} `xml:"Markables"`
	}
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("timex: %s: %w", name, err)
	}
	if len(doc.Tokens) == 0 {
		return nil, fmt.Errorf("timex: %s: %w", name, ErrNoText)
	}
	d := &Doc{Name: name}
	var b strings.Builder
	span := map[string][2]int{}
	prevSent := ""
	for i, t := range doc.Tokens {
		tok := strings.TrimSpace(t.Text)
		switch {
		case i == 0:
		case t.Sentence != prevSent:
			b.WriteByte('\n')
		case noSpaceBefore(tok) || noSpaceAfter(doc.Tokens[i-1].Text):
		default:
			b.WriteByte(' ')
		}
		prevSent = t.Sentence
		span[t.ID] = [2]int{b.Len(), b.Len() + len(tok)}
		b.WriteString(tok)
		if n, err := strconv.Atoi(t.Sentence); err == nil && n <= annotatedSentences {
			d.Limit = b.Len()
		}
	}
	d.Text = b.String()
	for _, x := range doc.Markables.Timex {
		if len(x.Anchors) == 0 {
			continue
		}
		start, end := len(d.Text), 0
		for _, a := range x.Anchors {
			s, ok := span[a.ID]
			if !ok {
				return nil, fmt.Errorf("timex: %s: TIMEX3 anchored to unknown token %q", name, a.ID)
			}
			start, end = min(start, s[0]), max(end, s[1])
		}
		if x.Function == "CREATION_TIME" && d.DCT == "" {
			d.DCT = x.Value
		}
		d.Timexs = append(d.Timexs, Timex{Start: start, End: end, Type: x.Type, Value: x.Value})
	}
	sort.Slice(d.Timexs, func(i, j int) bool { return d.Timexs[i].Start < d.Timexs[j].Start })
	return d, nil
}

// annotatedSentences is the last sentence MEANTIME annotates throughout.
const annotatedSentences = 5

func noSpaceBefore(tok string) bool {
	switch tok {
	case ",", ".", ";", ":", "!", "?", ")", "]", "'s", "’s", "%", "''", "n't":
		return true
	}
	return false
}

func noSpaceAfter(tok string) bool {
	switch strings.TrimSpace(tok) {
	case "(", "[", "$", "``":
		return true
	}
	return false
}

// ReadCATFile reads one CAT file.
func ReadCATFile(path string) (*Doc, error) { return readFile(path, ReadCAT) }

// CATFiles returns the .xml files under dir, sorted by path.
func CATFiles(dir string) ([]string, error) { return filesWithExt(dir, ".xml") }
