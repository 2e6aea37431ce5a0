// Package stories scores newsgraph's same-story clustering on ECB+: each
// topic of the corpus holds two real-world events of the same kind (two
// sub-topics), and documents of one sub-topic tell one story. The documents
// of the chosen split are clustered together, across topics, and the
// clusters are scored against the sub-topics with B-cubed F1, beside a
// TF-IDF cosine baseline.
package stories

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Doc is one ECB+ document.
type Doc struct {
	Name  string // file name without .xml, e.g. "2_1ecbplus"
	Topic string
	Story string // the sub-topic, e.g. "2_ecbplus"
	Split string
	Title string
	Text  string
	// Entities are names of the entities the document mentions, when an
	// entity stage annotated it (see the eval command's --entities).
	Entities []string
}

// ReadClusters reads story_clusters.tsv (doc, topic, subtopic, split, with a
// header line).
func ReadClusters(r io.Reader, name string) ([]Doc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var out []Doc
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(strings.TrimRight(sc.Text(), "\r"), "\t")
		if line == 1 && len(f) > 0 && f[0] == "doc" {
			continue
		}
		if len(f) == 1 && strings.TrimSpace(f[0]) == "" {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("stories: %s:%d: want 4 tab-separated fields, got %d", name, line, len(f))
		}
		for _, v := range f {
			if v == "" {
				return nil, fmt.Errorf("stories: %s:%d: empty field", name, line)
			}
		}
		out = append(out, Doc{Name: f[0], Topic: f[1], Story: f[2], Split: f[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("stories: %s: %w", name, err)
	}
	return out, nil
}

// ReadECB reads one ECB+ XML document and returns its text: the tokens of
// each sentence joined by spaces, one sentence a line, and its first sentence
// that is not a URL as the title.
func ReadECB(r io.Reader, name string) (title, text string, err error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var b strings.Builder
	var sentences []string
	cur := "\x00"
	inToken := false
	var tok strings.Builder
	var tokSentence string
	flush := func() {
		if b.Len() > 0 {
			sentences = append(sentences, b.String())
			b.Reset()
		}
	}
	sawDoc := false
	for {
		t, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", "", fmt.Errorf("stories: %s: %w", name, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "Document":
				sawDoc = true
			case "token":
				inToken = true
				tok.Reset()
				tokSentence = ""
				for _, a := range t.Attr {
					if a.Name.Local == "sentence" {
						tokSentence = a.Value
					}
				}
			}
		case xml.CharData:
			if inToken {
				tok.Write(t)
			}
		case xml.EndElement:
			if t.Name.Local == "token" && inToken {
				inToken = false
				w := strings.TrimSpace(tok.String())
				if w == "" {
					continue
				}
				if tokSentence != cur {
					flush()
					cur = tokSentence
				}
				if b.Len() > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(w)
			}
		}
	}
	flush()
	if !sawDoc {
		return "", "", fmt.Errorf("stories: %s: no <Document> element", name)
	}
	for _, s := range sentences {
		if !strings.HasPrefix(s, "http") && !strings.HasPrefix(s, "www") {
			title = s
			break
		}
	}
	return title, strings.Join(sentences, "\n"), nil
}

// Load reads the documents of split (e.g. "dev") from an ECB+ folder holding
// story_clusters.tsv and ECB+/<topic>/<doc>.xml. An empty split loads all.
func Load(dir, split string) ([]Doc, error) {
	p := filepath.Join(dir, "story_clusters.tsv")
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	all, err := ReadClusters(f, p)
	f.Close()
	if err != nil {
		return nil, err
	}
	var out []Doc
	for _, d := range all {
		if split != "" && d.Split != split {
			continue
		}
		if strings.ContainsAny(d.Name, `/\`) || strings.ContainsAny(d.Topic, `/\`) || d.Name == ".." || d.Topic == ".." {
			return nil, fmt.Errorf("stories: %s: bad document name %q", p, d.Name)
		}
		x := filepath.Join(dir, "ECB+", d.Topic, d.Name+".xml")
		xf, err := os.Open(x)
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		d.Title, d.Text, err = ReadECB(xf, x)
		xf.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	if len(out) == 0 {
		return nil, errors.New("stories: no documents in split " + split + " of " + p)
	}
	return out, nil
}

// BCubed returns B-cubed precision, recall and F1 of a clustering against
// gold labels; both map each item to its cluster. Items missing from pred
// count as singletons.
func BCubed(gold, pred map[string]string) (p, r, f float64) {
	if len(gold) == 0 {
		return 0, 0, 0
	}
	byGold := map[string][]string{}
	byPred := map[string][]string{}
	for item, g := range gold {
		byGold[g] = append(byGold[g], item)
		c, ok := pred[item]
		if !ok {
			c = "\x00" + item
		}
		byPred[c] = append(byPred[c], item)
	}
	predOf := func(item string) string {
		if c, ok := pred[item]; ok {
			return c
		}
		return "\x00" + item
	}
	for item, g := range gold {
		c := predOf(item)
		same := 0
		for _, o := range byPred[c] {
			if gold[o] == g {
				same++
			}
		}
		p += float64(same) / float64(len(byPred[c]))
		r += float64(same) / float64(len(byGold[g]))
	}
	n := float64(len(gold))
	p, r = p/n, r/n
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}
