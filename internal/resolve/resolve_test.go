package resolve_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate/entity"
	"github.com/newsgraph/newsgraph/internal/extract"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/resolve"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// memStore is an in-memory global entity table with a blocking-key index,
// the way a store implements [resolve.Lookup].
type memStore struct {
	byKey map[string][]string // key → global IDs
	ents  map[string]*resolve.Candidate
	docs  map[string][]string // global ID → article IDs
	n     int
	// returned counts the candidates CandidatesByKey has returned
	returned int
}

func newMemStore() *memStore {
	return &memStore{byKey: map[string][]string{}, ents: map[string]*resolve.Candidate{}, docs: map[string][]string{}}
}

func (s *memStore) CandidatesByKey(_ context.Context, keys []string) ([]resolve.Candidate, error) {
	var out []resolve.Candidate
	seen := map[string]bool{}
	for _, k := range keys {
		for _, id := range s.byKey[k] {
			if !seen[id] {
				seen[id] = true
				out = append(out, *s.ents[id])
				s.returned++
			}
		}
	}
	return out, nil
}

func (s *memStore) index(c *resolve.Candidate) {
	for _, k := range resolve.Keys(news.Entity{Name: c.Name, Type: c.Type, Aliases: c.Aliases}) {
		if !slices.Contains(s.byKey[k], c.ID) {
			s.byKey[k] = append(s.byKey[k], c.ID)
		}
	}
}

// ingest resolves every entity of a and returns local ID → global ID.
func (s *memStore) ingest(ctx context.Context, a *news.Article) (map[string]string, error) {
	links := map[string]string{}
	for _, e := range a.Entities {
		c, ok, err := resolve.Resolve(ctx, s, e)
		if err != nil {
			return nil, err
		}
		if !ok {
			s.n++
			c = resolve.Candidate{ID: fmt.Sprintf("G%d", s.n), Name: e.Name, Type: e.Type}
			s.ents[c.ID] = &c
		}
		g := s.ents[c.ID]
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if n != g.Name && !slices.Contains(g.Aliases, n) {
				g.Aliases = append(g.Aliases, n)
			}
		}
		if len(strings.Fields(e.Name)) > len(strings.Fields(g.Name)) {
			g.Aliases = append(g.Aliases, g.Name)
			g.Name = e.Name
		}
		s.index(g)
		if !slices.Contains(s.docs[g.ID], a.ID) {
			s.docs[g.ID] = append(s.docs[g.ID], a.ID)
		}
		links[e.ID] = g.ID
	}
	return links, nil
}

// TestSeeds ingests the two sample articles and checks who became one
// global entity: once with the whole chain (NER), once with names the
// entity stage finds by itself.
func TestSeeds(t *testing.T) {
	chain, err := pipeline.Build([]string{"annotate.entity"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	t.Run("ner", func(t *testing.T) { testSeeds(t, chain.Process) })
	t.Run("capitalised names", func(t *testing.T) {
		testSeeds(t, func(ctx context.Context, a *news.Article) error {
			if err := extract.Process(ctx, a); err != nil {
				return err
			}
			return entity.Process(ctx, a)
		})
	})
}

func testSeeds(t *testing.T, annotate func(context.Context, *news.Article) error) {
	ctx := context.Background()
	files, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(files) != 2 {
		t.Fatalf("found %d sample articles, want 2", len(files))
	}
	s := newMemStore()
	for _, p := range files {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		a := &news.Article{ID: filepath.Base(p), Raw: raw, Format: news.FormatText}
		if err := annotate(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ingest(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	// find global entities whose name or alias contains a word
	find := func(pattern string) []*resolve.Candidate {
		re := regexp.MustCompile(pattern)
		var out []*resolve.Candidate
		for _, c := range s.ents {
			for _, n := range append([]string{c.Name}, c.Aliases...) {
				if re.MatchString(n) {
					out = append(out, c)
					break
				}
			}
		}
		return out
	}
	for _, word := range []string{`Zelensk`, `Lukashenk`, `Putin`, `^(the )?Kastus Kalinouski( (Battalion|unit|regiment))?$`, `^(the )?(Republic of )?Belarus$`, `^Belarusians?$`} {
		cs := find(word)
		if len(cs) != 1 {
			var names []string
			for _, c := range cs {
				names = append(names, fmt.Sprintf("%s %s %q %q", c.ID, c.Type, c.Name, c.Aliases))
			}
			t.Errorf("%s: %d global entities, want 1: %v", word, len(cs), names)
			continue
		}
		if d := s.docs[cs[0].ID]; len(d) != 2 {
			t.Errorf("%s (%s %q): in %d articles, want 2", word, cs[0].ID, cs[0].Name, len(d))
		}
	}
	kul, kuk := find("Kulazhanka"), find("Kukhta")
	if len(kul) != 1 || len(kuk) != 1 || kul[0].ID == kuk[0].ID {
		t.Errorf("Pavel Kulazhanka and Pavel Kukhta: got %d and %d entities, want two distinct", len(kul), len(kuk))
	}
}

func TestMatch(t *testing.T) {
	person := func(name string, aliases ...string) news.Entity {
		return news.Entity{Name: name, Type: news.Person, Aliases: aliases}
	}
	cand := func(id, name string, typ news.EntityType, aliases ...string) resolve.Candidate {
		return resolve.Candidate{ID: id, Name: name, Type: typ, Aliases: aliases}
	}
	tests := []struct {
		name  string
		e     news.Entity
		cands []resolve.Candidate
		want  string // "" for no match
	}{
		{"transliteration", person("Volodymyr Zelensky", "Zelensky"), []resolve.Candidate{cand("G1", "Volodymyr Zelenskyy", news.Person, "Zelenskyy")}, "G1"},
		{"Belarusian spelling", person("Alexander Lukashenka"), []resolve.Candidate{cand("G1", "Alexander Lukashenko", news.Person)}, "G1"},
		{"Polish spelling", news.Entity{Name: "Kastus Kalinowski Regiment", Type: news.Org}, []resolve.Candidate{cand("G1", "Kastus Kalinouski Battalion", news.Org)}, "G1"},
		{"same first name", person("Pavel Kukhta", "Kukhta"), []resolve.Candidate{cand("G1", "Pavel Kulazhanka", news.Person, "Kulazhanka", "Pavel")}, ""},
		{"same surname", person("Bill Clinton"), []resolve.Candidate{cand("G1", "Hillary Clinton", news.Person, "Clinton")}, ""},
		{"unit named after a person", news.Entity{Name: "Kastus Kalinouski Battalion", Type: news.Org}, []resolve.Candidate{cand("G1", "Kastus Kalinouski", news.Person)}, ""},
		{"acronym", news.Entity{Name: "NATO", Type: news.Org}, []resolve.Candidate{cand("G1", "North Atlantic Treaty Organization", news.Org)}, "G1"},
		{"lone surname, one person", person("Putin"), []resolve.Candidate{cand("G1", "Vladimir Putin", news.Person)}, "G1"},
		{"lone surname, two people", person("Clinton"), []resolve.Candidate{cand("G1", "Hillary Clinton", news.Person), cand("G2", "Bill Clinton", news.Person)}, ""},
		{"initial", person("Donald J. Trump"), []resolve.Candidate{cand("G1", "Donald Trump", news.Person)}, "G1"},
		{"place", news.Entity{Name: "Kyiv", Type: news.GPE}, []resolve.Candidate{cand("G1", "Kyiv", news.GPE), cand("G2", "Kyiv", news.Org)}, "G1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			if c, ok := resolve.Match(tt.e, tt.cands); ok {
				got = c.ID
			}
			if got != tt.want {
				t.Errorf("Match(%q) = %q, want %q", tt.e.Name, got, tt.want)
			}
		})
	}
}

func TestKeysShared(t *testing.T) {
	pairs := [][2]news.Entity{
		{{Name: "Volodymyr Zelensky", Type: news.Person}, {Name: "Volodymyr Zelenskyy", Type: news.Person}},
		{{Name: "Alexander Lukashenko", Type: news.Person}, {Name: "Aliaksandr Lukashenka", Type: news.Person}},
		{{Name: "Kastus Kalinouski Battalion", Type: news.Org}, {Name: "Kastus Kalinouski unit", Type: news.Org}},
	}
	for _, p := range pairs {
		a, b := resolve.Keys(p[0]), resolve.Keys(p[1])
		shared := false
		for _, k := range a {
			shared = shared || slices.Contains(b, k)
		}
		if !shared {
			t.Errorf("Keys(%q) = %q and Keys(%q) = %q share no key", p[0].Name, a, p[1].Name, b)
		}
	}
}

func TestSkeleton(t *testing.T) {
	groups := [][]string{
		{"Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi"},
		{"Lukashenko", "Lukashenka"},
		{"Kalinouski", "Kalinowski"},
	}
	for _, g := range groups {
		for _, w := range g[1:] {
			if resolve.Skeleton(w) != resolve.Skeleton(g[0]) {
				t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q; want equal", w, resolve.Skeleton(w), g[0], resolve.Skeleton(g[0]))
			}
		}
	}
	for _, p := range [][2]string{{"Kukhta", "Kulazhanka"}, {"Maria", "Mario"}, {"Putin", "Patin"}} {
		if resolve.Skeleton(p[0]) == resolve.Skeleton(p[1]) {
			t.Errorf("Skeleton(%q) = Skeleton(%q) = %q; want different", p[0], p[1], resolve.Skeleton(p[0]))
		}
	}
}

// synthetic builds articles of 20 entities drawn, Zipf-like, from a large
// population of people, organisations and places, so that the corpus keeps
// growing in distinct entities as real news does.
type synthetic struct {
	rng  *rand.Rand
	zipf *rand.Zipf
	seq  int
}

var syllables = []string{"ka", "lo", "mi", "ra", "sen", "to", "vi", "dar", "sha", "ne", "po", "lu", "gri", "zo", "bek", "ta", "mor", "ish", "vel", "an",
	"bo", "du", "fe", "gan", "hor", "jel", "kum", "lin", "mak", "nor", "pe", "qui", "ros", "sul", "tev", "ur", "vas", "wen", "yar", "zid"}
var forenames = []string{"Anna", "Pavel", "Maria", "John", "Olga", "Ivan", "Sara", "Tomas", "Lena", "Omar", "Yulia", "Peter"}

func (s *synthetic) name(i uint64) (string, news.EntityType) {
	r := rand.New(rand.NewPCG(i, 7))
	word := func() string {
		var b strings.Builder
		for n := 3 + r.IntN(2); n > 0; n-- {
			b.WriteString(syllables[r.IntN(len(syllables))])
		}
		w := b.String()
		return strings.ToUpper(w[:1]) + w[1:]
	}
	switch i % 5 {
	case 0, 1, 2:
		return forenames[r.IntN(len(forenames))] + " " + word(), news.Person
	case 3:
		return word() + " " + word() + " Battalion", news.Org
	}
	return word(), news.GPE
}

func (s *synthetic) article() *news.Article {
	s.seq++
	a := &news.Article{ID: fmt.Sprintf("A%d", s.seq)}
	for k := 0; k < 20; k++ {
		name, typ := s.name(s.zipf.Uint64())
		e := news.Entity{ID: fmt.Sprintf("E%d", k+1), Name: name, Type: typ}
		if typ == news.Person {
			e.Aliases = []string{strings.Fields(name)[1]}
		}
		a.Entities = append(a.Entities, e)
	}
	return a
}

// BenchmarkResolveArticle measures the cost of resolving one more article
// against a store that already holds 1,000 or 10,000 articles.
func BenchmarkResolveArticle(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("corpus=%d", n), func(b *testing.B) {
			ctx := context.Background()
			rng := rand.New(rand.NewPCG(1, 2))
			gen := &synthetic{rng: rng, zipf: rand.NewZipf(rng, 1.1, 1, 5_000_000)}
			s := newMemStore()
			for i := 0; i < n; i++ {
				if _, err := s.ingest(ctx, gen.article()); err != nil {
					b.Fatal(err)
				}
			}
			arts := make([]*news.Article, 256)
			for i := range arts {
				arts[i] = gen.article()
			}
			b.ReportAllocs()
			s.returned = 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				// resolve without storing, so the corpus stays at n
				for _, e := range arts[i%len(arts)].Entities {
					if _, _, err := resolve.Resolve(ctx, s, e); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(s.ents)), "entities")
			b.ReportMetric(float64(s.returned)/float64(b.N), "candidates/article")
		})
	}
}

func TestEvidence(t *testing.T) {
	for _, tc := range []struct {
		t           news.EntityType
		name, alias string
		want        string
	}{
		{news.Person, "Volodymyr Zelenskyy", "Zelensky", "surname, a spelling variant"},
		{news.Person, "Volodymyr Zelenskyy", "Volodymyr Zelensky", "spelling variant of the surname"},
		{news.Person, "Pavel Kulazhanka", "Kulazhanka", "surname of the full name"},
		{news.GPE, "Belarus", "Republic of Belarus", "same country in the country tables (BY)"},
		{news.NORP, "Belarusians", "Belarusian", "same nationality"},
		{news.Org, "North Atlantic Treaty Organization", "NATO", "acronym NATO"},
		{news.Org, "Kastus Kalinouski Battalion", "Kastus Kalinouski regiment", "same name without designators"},
		{news.Person, "Pavel Kukhta", "Ales", ""},
	} {
		got := resolve.Evidence(tc.t, tc.name, tc.alias)
		if tc.want == "" && got != "" || !strings.HasPrefix(got, tc.want) {
			t.Errorf("Evidence(%s, %q, %q) = %q, want %q…", tc.t, tc.name, tc.alias, got, tc.want)
		}
	}
}
