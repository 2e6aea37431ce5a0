package stories

import (
	"math"
	"sort"
	"strings"
	"time"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/resolve/story"
)

// Score is B-cubed precision, recall and F1 and the number of clusters.
type Score struct {
	P, R, F  float64
	Clusters int
}

// Result holds the score of newsgraph's clusterer and of the baseline.
type Result struct {
	Docs, Stories int
	// Ours is the clusterer after Refine; Incremental is its one pass in
	// arrival order, as ingest runs it.
	Ours        Score
	Incremental Score
	Baseline    Score
	// BaselineThreshold is the cosine threshold of the best baseline run.
	BaselineThreshold float64
}

// Evaluate clusters docs with a [story.Clusterer] (document frequencies
// primed with the background texts, then each document assigned in order,
// as a store would) and with the TF-IDF baseline, and scores both against
// the documents' stories.
func Evaluate(docs []Doc, background []string, cfg story.Config) Result {
	gold := map[string]string{}
	stories := map[string]bool{}
	for _, d := range docs {
		gold[d.Name] = d.Story
		stories[d.Story] = true
	}
	res := Result{Docs: len(docs), Stories: len(stories)}

	cfg.KeepVectors = true
	c := story.New(cfg)
	for _, t := range background {
		c.Prime(t)
	}
	pred := map[string]string{}
	for _, d := range docs {
		a, err := c.Assign(story.Doc{ID: d.Name, Title: d.Title, Text: d.Text, Entities: d.Entities})
		if err != nil {
			continue
		}
		pred[d.Name] = a.Story
	}
	res.Incremental = score(gold, pred)
	for d, s := range c.Refine(time.Time{}) {
		pred[d] = s
	}
	res.Ours = score(gold, pred)

	// The baseline is given its best threshold on these very documents, so
	// that beating it means something.
	vecs := tfidf(docs, background)
	for th := 0.05; th < 0.9; th += 0.025 {
		s := score(gold, averageLink(docs, vecs, th))
		if s.F > res.Baseline.F {
			res.Baseline, res.BaselineThreshold = s, th
		}
	}
	return res
}

func score(gold, pred map[string]string) Score {
	p, r, f := BCubed(gold, pred)
	cl := map[string]bool{}
	for _, c := range pred {
		cl[c] = true
	}
	return Score{P: p, R: r, F: f, Clusters: len(cl)}
}

// tfidf returns L2-normalised TF-IDF vectors of lower-cased word counts,
// with document frequencies over the documents and the background.
func tfidf(docs []Doc, background []string) []map[string]float64 {
	count := func(text string) map[string]float64 {
		m := map[string]float64{}
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			m[w]++
		}
		return m
	}
	df := map[string]int{}
	n := 0
	tfs := make([]map[string]float64, len(docs))
	for i, d := range docs {
		tfs[i] = count(d.Title + "\n" + d.Text)
		for w := range tfs[i] {
			df[w]++
		}
		n++
	}
	for _, t := range background {
		for w := range count(t) {
			df[w]++
		}
		n++
	}
	for _, tf := range tfs {
		var norm float64
		for w, v := range tf {
			x := v * (math.Log(float64(n+1)/float64(df[w]+1)) + 1)
			tf[w] = x
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for w := range tf {
			tf[w] /= norm
		}
	}
	return tfs
}

// averageLink is the baseline: average-link agglomerative clustering of
// TF-IDF cosine similarities, merging while the best average reaches th.
func averageLink(docs []Doc, vecs []map[string]float64, th float64) map[string]string {
	n := len(docs)
	link := make([][]float64, n)
	for i := range link {
		link[i] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			var dot float64
			for w, v := range vecs[i] {
				dot += v * vecs[j][w]
			}
			link[i][j], link[j][i] = dot, dot
		}
	}
	members := make([][]int, n)
	for i := range members {
		members[i] = []int{i}
	}
	for {
		bi, bj, best := -1, -1, th
		for i := 0; i < n; i++ {
			if members[i] == nil {
				continue
			}
			for j := i + 1; j < n; j++ {
				if members[j] == nil {
					continue
				}
				if avg := link[i][j] / float64(len(members[i])*len(members[j])); avg >= best {
					bi, bj, best = i, j, avg
				}
			}
		}
		if bi < 0 {
			break
		}
		members[bi] = append(members[bi], members[bj]...)
		members[bj] = nil
		for k := 0; k < n; k++ {
			link[bi][k] += link[bj][k]
			link[k][bi] = link[bi][k]
		}
	}
	pred := map[string]string{}
	for i, m := range members {
		for _, k := range m {
			pred[docs[k].Name] = docs[i].Name
		}
	}
	return pred
}

// Clusters groups the names of docs by predicted cluster, for reports.
func Clusters(pred map[string]string) [][]string {
	by := map[string][]string{}
	for d, c := range pred {
		by[c] = append(by[c], d)
	}
	var out [][]string
	for _, ds := range by {
		sort.Strings(ds)
		out = append(out, ds)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
