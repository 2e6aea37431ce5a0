package parse

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// Sentence is one sentence of a treebank, or of a parse: its words with a
// Universal Dependencies part of speech, head and relation each. Head
// holds 0-based word indices; -1 marks the root.
type Sentence struct {
	Words  []string
	UPOS   []string
	Head   []int
	Deprel []string
}

// ReadCoNLLU reads the sentences of a CoNLL-U file. Multiword token lines
// (1-2) and empty nodes (1.1) are skipped: the syntactic words are kept.
// name is used in error messages.
func ReadCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []Sentence
	var cur Sentence
	var heads []int
	line := 0
	flush := func() error {
		if len(cur.Words) == 0 {
			return nil
		}
		n := len(cur.Words)
		cur.Head = make([]int, n)
		for i, h := range heads {
			if h < 0 || h > n {
				return fmt.Errorf("%s:%d: head %d outside a sentence of %d words", name, line, h, n)
			}
			cur.Head[i] = h - 1
		}
		out = append(out, cur)
		cur, heads = Sentence{}, nil
		return nil
	}
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if t == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if t[0] == '#' {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated fields, found %d", name, line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: word ID %q out of sequence", name, line, f[0])
		}
		h := 0
		if f[6] != "_" {
			h, err = strconv.Atoi(f[6])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad head %q", name, line, f[6])
			}
		}
		cur.Words = append(cur.Words, f[1])
		cur.UPOS = append(cur.UPOS, f[3])
		cur.Deprel = append(cur.Deprel, f[7])
		heads = append(heads, h)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadCoNLLUFile reads a CoNLL-U file, gzipped when its name ends in .gz.
func ReadCoNLLUFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	return ReadCoNLLU(r, path)
}
