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

// PlaceNames is a fixed list of place names news often uses, with
// homonyms (Georgia, Springfield, Paris) and country, region and city
// names, for [Places].
var PlaceNames = []string{
	"Warsaw", "Poland", "Kyiv", "Ukraine", "Minsk", "Belarus", "Moscow", "Russia", "Lviv", "Kharkiv", "Odesa",
	"London", "Paris", "Berlin", "Madrid", "Rome", "Vienna", "Prague", "Budapest", "Bucharest", "Sofia", "Athens",
	"Georgia", "Atlanta", "Alabama", "Texas", "Springfield", "Illinois", "Missouri", "Ohio", "Portland", "Oregon",
	"Maine", "Washington", "New York", "California", "Los Angeles", "Chicago", "Houston", "Toronto", "Canada",
	"Mexico", "Brazil", "Lima", "Peru", "Cairo", "Egypt", "Lagos", "Nigeria", "Nairobi", "Kenya", "Delhi", "India",
	"Mumbai", "Karachi", "Pakistan", "Kabul", "Afghanistan", "Tehran", "Iran", "Baghdad", "Iraq", "Damascus",
	"Syria", "Beirut", "Lebanon", "Jerusalem", "Gaza", "Ankara", "Istanbul", "Turkey", "Beijing", "China",
	"Shanghai", "Tokyo", "Japan", "Seoul", "Sydney", "Australia", "Melbourne", "Auckland", "Manila", "Jakarta",
	"Europe", "Africa", "Asia", "the Donetsk region", "the Kyiv region", "Crimea", "Bavaria", "Scotland", "Wales",
}

// Places returns a text of about size bytes made of sentences that name
// places: names after locative words ("near Lviv"), "City, Country"
// pairs and bare names, drawn from names with a fixed seed. It is the
// worst case for the place stage, which compares places with each other.
func Places(names []string, size int) string {
	r := rand.New(rand.NewPCG(uint64(size), 7))
	pick := func() string { return names[r.IntN(len(names))] }
	frames := []string{
		"Officials in %s said troops moved from %s toward %s overnight.",
		"The delegation flew from %s to %s, %s, on Tuesday.",
		"Residents near %s and outside %s reported shelling, while %s stayed calm.",
		"Trade between %s and %s grew, according to a report published in %s.",
	}
	var b strings.Builder
	b.Grow(size + 200)
	for b.Len() < size {
		for range 4 + r.IntN(5) {
			fmt.Fprintf(&b, frames[r.IntN(len(frames))], pick(), pick(), pick())
			b.WriteByte(' ')
		}
		b.WriteString("\n\n")
	}
	return b.String()
}
