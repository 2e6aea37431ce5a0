// Package corpus generates a fixed, reproducible corpus of news-like
// articles for benchmarks and load tests, by recombining the paragraphs of
// the bundled examples with a seeded random generator.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Paragraphs reads the paragraphs of the .txt files in dir.
func Paragraphs(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		for _, p := range strings.Split(string(b), "\n") {
			if p = strings.TrimSpace(p); len(p) > 40 {
				out = append(out, p)
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: no paragraphs in %s", dir)
	}
	return out, nil
}

// Generate returns n articles of 8 to 24 paragraphs each, drawn from paras
// with a fixed seed; article i is always the same text, and all differ.
func Generate(paras []string, n int) []string {
	out := make([]string, n)
	for i := range n {
		r := rand.New(rand.NewPCG(uint64(i), 42))
		k := 8 + r.IntN(17)
		var b strings.Builder
		fmt.Fprintf(&b, "Generated report number %d\n\n", i)
		for range k {
			b.WriteString(paras[r.IntN(len(paras))])
			b.WriteString("\n\n")
		}
		out[i] = b.String()
	}
	return out
}
