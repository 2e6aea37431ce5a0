package events

// End-to-end scoring of PLOVER events on exhaustively annotated documents:
// a Go port of ../shared/eval/events/wikievents/score_events_e2e.py (the
// shared scorer), giving the same figures. Only what newsgraph needs is
// ported: predictions whose text is the gold text, or differs from it only
// in whitespace (the scorer's "identical" and "whitespace" alignments),
// with code-point offsets.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode"
)

// GoldDoc is one document of a normalised gold file (*.gold.jsonl).
type GoldDoc struct {
	ID        string      `json:"id"`
	File      string      `json:"file"`
	Text      string      `json:"text"`
	Sentences [][2]int    `json:"sentences"`
	Coverage  Coverage    `json:"coverage"`
	Events    []GoldEvent `json:"events"`
}

// Coverage says which predicted types the gold judges fully or partly.
type Coverage struct {
	Full    []string `json:"full"`
	Partial []string `json:"partial"`
}

// GoldEvent is one annotated event.
type GoldEvent struct {
	Plover     []string  `json:"plover"`
	Status     string    `json:"status"` // required, optional, out
	Trigger    GoldSpan  `json:"trigger"`
	Sentence   int       `json:"sentence"`
	Actor      []GoldArg `json:"actor"`
	Target     []GoldArg `json:"target"`
	Symmetric  bool      `json:"symmetric"`
	SourceType string    `json:"source_type"`
}

// GoldSpan is a span in code points.
type GoldSpan struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// GoldArg is an argument with its coreferent mentions.
type GoldArg struct {
	Text        string     `json:"text"`
	Mentions    []GoldSpan `json:"mentions"`
	Informative []string   `json:"informative"`
}

// ReadGold reads a gold JSON Lines file; name is used in errors.
func ReadGold(r io.Reader, name string) ([]GoldDoc, error) {
	var out []GoldDoc
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	ln := 0
	for sc.Scan() {
		ln++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var g GoldDoc
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			return nil, fmt.Errorf("%s:%d: bad JSON: %v", name, ln, err)
		}
		if err := g.check(); err != nil {
			return nil, fmt.Errorf("%s:%d: document %q: %v", name, ln, g.ID, err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// check rejects offsets outside the document.
func (g *GoldDoc) check() error {
	n := len([]rune(g.Text))
	for i, s := range g.Sentences {
		if s[0] < 0 || s[0] > s[1] || s[1] > n {
			return fmt.Errorf("sentence %d [%d, %d) outside a text of %d characters", i, s[0], s[1], n)
		}
	}
	for i, e := range g.Events {
		if e.Sentence < 0 || e.Sentence >= len(g.Sentences) {
			return fmt.Errorf("event %d: sentence %d of %d", i, e.Sentence, len(g.Sentences))
		}
		if e.Trigger.Start < 0 || e.Trigger.Start > e.Trigger.End || e.Trigger.End > n {
			return fmt.Errorf("event %d: trigger [%d, %d) outside the text", i, e.Trigger.Start, e.Trigger.End)
		}
	}
	return nil
}

// PredEvent is a predicted event, as the scorer reads it.
type PredEvent struct {
	Type       string
	Start, End int // code points into the prediction's text; -1 when absent
	Text       string
	ActorName  string
	TargetName string
	Confidence float64
}

// PredDoc holds the predictions for one gold document.
type PredDoc struct {
	ID     string
	Text   string // "" means the gold text
	Events []PredEvent
}

// E2EResult holds the scorer's figures.
type E2EResult struct {
	Documents                       int
	TP, FP, FN, Gold                int
	IgnoredOptional, Unverifiable   int
	Unscored, FPRemention           int
	Precision, Recall, F1           float64
	PrecisionLenient                float64
	ActorP, ActorR, ActorF1         float64
	TargetP, TargetR, TargetF1      float64
	ATP, ATR, ATF1                  float64
	ActorCorrect, ActorPred         int
	ActorGold, TargetCorrect        int
	TargetPred, TargetGold          int
	FPKinds                         map[string]int
	Details                         []string // FP and FN lines for a hand audit
	Unlocated                       int
	NotAligned                      []string // documents whose text could not be aligned
	SentP, SentR, SentF1            float64
	SentPositive, SentFired, SentTP int
	// Scored lists the confidence of every prediction that counted as a
	// true or false positive, for a calibration table.
	Scored []ScoredPred
}

// ScoredPred is one prediction counted in precision.
type ScoredPred struct {
	Confidence float64
	TP         bool
}

var (
	stopWords = wordSet("the a an of to in on at by for and or with from was were is are be been has have had it that this")
	headCut   = regexp.MustCompile(`\s+(?:of|who|whom|which|that|in|at|from|on|for|with|near|after|during)\s+|,|\(|;|:|\s+-\s+|\s+—\s+`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// pyWords is Python's [^\W_]+(?:[-'’.][^\W_]+)* over a string: runs of
// letters and digits joined by single - ' ’ or . characters.
func pyWords(s string) []string {
	rs := []rune(s)
	isW := func(r rune) bool { return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && r != '_' }
	var out []string
	for i := 0; i < len(rs); {
		if !isW(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isW(rs[j]) {
			j++
		}
		for j+1 < len(rs) && strings.ContainsRune("-'’.", rs[j]) && isW(rs[j+1]) {
			j++
			for j < len(rs) && isW(rs[j]) {
				j++
			}
		}
		out = append(out, string(rs[i:j]))
		i = j
	}
	return out
}

func normName(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "’", "'")
	var ws []string
	for _, w := range pyWords(s) {
		if w != "the" && w != "a" && w != "an" {
			ws = append(ws, w)
		}
	}
	return strings.Join(ws, " ")
}

func headWord(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "’", "'")
	if s == "" {
		return ""
	}
	first := s
	if loc := headCut.FindStringIndex(s); loc != nil {
		first = s[:loc[0]]
	}
	words := pyWords(strings.ToLower(first))
	if len(words) == 0 {
		words = pyWords(strings.ToLower(s))
	}
	if len(words) == 0 {
		return ""
	}
	h := words[len(words)-1]
	h = strings.TrimSuffix(h, "'s")
	h = strings.ReplaceAll(h, ".", "")
	if n := len([]rune(h)); n > 3 && strings.HasSuffix(h, "s") && !strings.HasSuffix(h, "ss") {
		h = h[:len(h)-1]
	}
	return h
}

func triggerWords(s string) []string {
	var out []string
	for _, w := range pyWords(strings.ToLower(s)) {
		if !stopWords[w] {
			out = append(out, w)
		}
	}
	return out
}

func wordsOverlap(a, b string) bool {
	for _, x := range triggerWords(a) {
		for _, y := range triggerWords(b) {
			if x == y {
				return true
			}
			xr, yr := []rune(x), []rune(y)
			n := 0
			for n < len(xr) && n < len(yr) && xr[n] == yr[n] {
				n++
			}
			m := min(len(xr), len(yr))
			if m >= 4 && n >= max(4, m-2) {
				return true
			}
		}
	}
	return false
}

func squash(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// aligner carries offsets from a prediction's text to the gold text.
type aligner struct {
	mode      string
	nDst      int
	sNW, dNW  []int
	identical bool
}

func newAligner(src, dst []rune) (*aligner, bool) {
	if string(src) == string(dst) {
		return &aligner{mode: "identical", identical: true, nDst: len(dst)}, true
	}
	var s, d []int
	for i, c := range src {
		if !unicode.IsSpace(c) {
			s = append(s, i)
		}
	}
	for i, c := range dst {
		if !unicode.IsSpace(c) {
			d = append(d, i)
		}
	}
	if len(s) != len(d) {
		return nil, false
	}
	for k := range s {
		if src[s[k]] != dst[d[k]] {
			return nil, false
		}
	}
	return &aligner{mode: "whitespace", sNW: s, dNW: d, nDst: len(dst)}, true
}

func (a *aligner) start(p int) int {
	if a.identical {
		return p
	}
	k := sort.SearchInts(a.sNW, p)
	if k < len(a.dNW) {
		return a.dNW[k]
	}
	return a.nDst
}

func (a *aligner) end(p int) int {
	if a.identical {
		return p
	}
	k := sort.SearchInts(a.sNW, p)
	if k > 0 {
		return a.dNW[k-1] + 1
	}
	return 0
}

// locate finds a trigger in the gold text: at its offsets, else nearby.
func locate(gold []rune, start, end int, ttext string, hasOff bool) (int, int, bool) {
	n := len(gold)
	want := squash(ttext)
	if hasOff && 0 <= start && start < end && end <= n {
		if want == "" || squash(string(gold[start:end])) == want {
			return start, end, true
		}
	}
	if want == "" {
		return 0, 0, false
	}
	parts := strings.Fields(ttext)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	pat, err := regexp.Compile(`(?i)` + strings.Join(parts, `\s+`))
	if err != nil {
		return 0, 0, false
	}
	type hit struct{ s, e int }
	// match over runes: build a string and map byte offsets back
	gs := string(gold)
	b2r := make([]int, len(gs)+1)
	ri := 0
	for bi := 0; bi < len(gs); bi++ {
		if gs[bi]&0xC0 != 0x80 && bi > 0 {
			ri++
		}
		b2r[bi] = ri
	}
	b2r[len(gs)] = n
	var hits []hit
	for _, m := range pat.FindAllStringIndex(gs, -1) {
		hits = append(hits, hit{b2r[m[0]], b2r[m[1]]})
	}
	if hasOff {
		lo, hi := max(0, start-200), min(n, end+200)
		bestD := -1
		var best hit
		for _, h := range hits {
			// Python's finditer(text, lo, hi): matches wholly inside [lo, hi)
			if h.s < lo || h.e > hi {
				continue
			}
			d := h.s - start
			if d < 0 {
				d = -d
			}
			if bestD < 0 || d < bestD {
				bestD, best = d, h
			}
		}
		if bestD >= 0 {
			return best.s, best.e, true
		}
	}
	if len(hits) == 1 {
		return hits[0].s, hits[0].e, true
	}
	return 0, 0, false
}

func sentenceOf(spans [][2]int, pos int) int {
	k := sort.Search(len(spans), func(i int) bool { return spans[i][0] > pos }) - 1
	if k >= 0 && pos < spans[k][1] {
		return k
	}
	if len(spans) == 0 {
		return -1
	}
	return min(k+1, len(spans)-1)
}

func argOK(name string, gold []GoldArg, exclude int) int {
	if strings.TrimSpace(name) == "" {
		return -1
	}
	hp, np := headWord(name), normName(name)
	for i, ga := range gold {
		if i == exclude {
			continue
		}
		cands := []string{ga.Text}
		for _, m := range ga.Mentions {
			cands = append(cands, m.Text)
		}
		cands = append(cands, ga.Informative...)
		for _, c := range cands {
			if c == "" {
				continue
			}
			if (hp != "" && headWord(c) == hp) || (np != "" && normName(c) == np) {
				return i
			}
		}
	}
	return -1
}

func prf(tp, npred, ngold int) (float64, float64, float64) {
	var p, r, f float64
	if npred > 0 {
		p = float64(tp) / float64(npred)
	}
	if ngold > 0 {
		r = float64(tp) / float64(ngold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

type pred struct {
	typ           string
	start, end    int
	located       bool
	sent          int
	ttext         string
	actor, target string
	conf          float64
}

// ScoreE2E scores predictions against gold documents as the shared scorer
// does (optional gold events not made required). preds is keyed by gold ID.
func ScoreE2E(gold []GoldDoc, preds map[string]PredDoc) E2EResult {
	var r E2EResult
	r.FPKinds = map[string]int{}
	r.Documents = len(gold)
	C := map[string]int{}
	sent := map[string]int{}
	for _, g := range gold {
		text := []rune(g.Text)
		spans := g.Sentences
		full, partial := map[string]bool{}, map[string]bool{}
		for _, t := range g.Coverage.Full {
			full[t] = true
		}
		for _, t := range g.Coverage.Partial {
			partial[t] = true
		}
		gev := g.Events
		for _, e := range gev {
			if e.Status == "required" {
				C["gold_required"]++
			}
		}
		pd := preds[g.ID]
		ptext := []rune(pd.Text)
		if pd.Text == "" {
			ptext = text
		}
		al, ok := newAligner(ptext, text)
		if !ok {
			r.NotAligned = append(r.NotAligned, g.ID)
			al = &aligner{identical: true, nDst: len(text)}
		}
		var P []pred
		for _, pe := range pd.Events {
			pt := strings.ToUpper(strings.TrimSpace(pe.Type))
			C["pred_total"]++
			if !full[pt] && !partial[pt] {
				r.Unscored++
				continue
			}
			hasOff := pe.Start >= 0 && pe.End >= 0
			s, e := pe.Start, pe.End
			if hasOff {
				s, e = al.start(s), al.end(e)
			}
			ls, le, ok := locate(text, s, e, pe.Text, hasOff)
			if !ok {
				r.Unlocated++
				P = append(P, pred{typ: pt, sent: -1, ttext: pe.Text, actor: pe.ActorName, target: pe.TargetName, conf: pe.Confidence})
				continue
			}
			P = append(P, pred{typ: pt, start: ls, end: le, located: true, sent: sentenceOf(spans, ls), ttext: string(text[ls:le]), actor: pe.ActorName, target: pe.TargetName, conf: pe.Confidence})
		}
		type cand struct {
			score float64
			i, j  int
		}
		pairsWith := func(phase string) []cand {
			var out []cand
			for i, p := range P {
				if !p.located {
					continue
				}
				for j, ge := range gev {
					if ge.Status != phase {
						continue
					}
					okType := false
					for _, t := range ge.Plover {
						if t == p.typ {
							okType = true
						}
					}
					if !okType {
						continue
					}
					gs, gend := ge.Trigger.Start, ge.Trigger.End
					ov := min(p.end, gend) - max(p.start, gs)
					if ov > 0 {
						out = append(out, cand{2 + float64(ov)/float64(max(p.end-p.start, gend-gs)), i, j})
					} else if p.sent == ge.Sentence && wordsOverlap(p.ttext, ge.Trigger.Text) {
						d := p.start - gs
						if d < 0 {
							d = -d
						}
						out = append(out, cand{1.0 - float64(d)/1e6, i, j})
					}
				}
			}
			sort.SliceStable(out, func(a, b int) bool { return out[a].score > out[b].score })
			return out
		}
		pMatch, gMatch := map[int]int{}, map[int]int{}
		for _, phase := range []string{"required", "optional"} {
			for _, c := range pairsWith(phase) {
				if _, ok := pMatch[c.i]; ok {
					continue
				}
				if _, ok := gMatch[c.j]; ok {
					continue
				}
				pMatch[c.i], gMatch[c.j] = c.j, c.i
			}
		}
		evSents := map[int][]GoldEvent{}
		for _, ge := range gev {
			evSents[ge.Sentence] = append(evSents[ge.Sentence], ge)
		}
		fired := map[int]bool{}
		for i, p := range P {
			if j, ok := pMatch[i]; ok {
				ge := gev[j]
				if ge.Status == "optional" {
					r.IgnoredOptional++
					continue
				}
				C["tp"]++
				r.Scored = append(r.Scored, ScoredPred{p.conf, true})
				fired[p.sent] = true
				var ai, ti int
				var hasA, hasT bool
				if ge.Symmetric {
					ai = argOK(p.actor, ge.Actor, -1)
					ex := -1
					if ai >= 0 {
						ex = ai
					}
					ti = argOK(p.target, ge.Target, ex)
					hasA, hasT = len(ge.Actor) >= 1, len(ge.Target) >= 2
				} else {
					ai, ti = argOK(p.actor, ge.Actor, -1), argOK(p.target, ge.Target, -1)
					hasA, hasT = len(ge.Actor) > 0, len(ge.Target) > 0
				}
				for _, role := range []struct {
					name string
					ok   bool
					has  bool
					val  string
				}{{"actor", ai >= 0, hasA, p.actor}, {"target", ti >= 0, hasT, p.target}} {
					named := strings.TrimSpace(role.val) != ""
					if named {
						C[role.name+"_pred"]++
					}
					if role.has {
						C[role.name+"_gold_in_tp"]++
						if role.ok && named {
							C[role.name+"_correct"]++
						}
					}
					if (role.has || named) && !(role.ok && role.has) {
						var gn []string
						args := ge.Actor
						if role.name == "target" {
							args = ge.Target
						}
						for _, a := range args {
							gn = append(gn, a.Text)
						}
						r.Details = append(r.Details, fmt.Sprintf("%s\t%s_wrong\t%s\t%q\tpred=%q gold=%q", g.ID, role.name, p.typ, p.ttext, role.val, gn))
					}
				}
				continue
			}
			if partial[p.typ] {
				r.Unverifiable++
				continue
			}
			C["fp"]++
			r.Scored = append(r.Scored, ScoredPred{p.conf, false})
			if strings.TrimSpace(p.actor) != "" {
				C["actor_pred"]++
			}
			if strings.TrimSpace(p.target) != "" {
				C["target_pred"]++
			}
			kind := "unlocated trigger"
			if p.located {
				fired[p.sent] = true
				here := evSents[p.sent]
				var ovl []GoldEvent
				for _, ge := range here {
					if min(p.end, ge.Trigger.End)-max(p.start, ge.Trigger.Start) > 0 {
						ovl = append(ovl, ge)
					}
				}
				anyOut := false
				for _, ge := range ovl {
					if ge.Status == "out" {
						anyOut = true
					}
				}
				anyNotOut := false
				for _, ge := range here {
					if ge.Status != "out" {
						anyNotOut = true
					}
				}
				switch {
				case len(here) == 0:
					kind = "sentence has no gold event of any kind"
				case anyOut:
					kind = "trigger is a non-PLOVER gold event"
				case len(ovl) > 0:
					kind = "wrong PLOVER type (or gold already matched)"
				case !anyNotOut:
					kind = "sentence has only non-PLOVER gold events"
				default:
					kind = "sentence has other PLOVER-mapped events"
				}
			}
			r.FPKinds[kind]++
			rem := false
			if p.located {
				for _, ge := range gev {
					okType := false
					for _, t := range ge.Plover {
						if t == p.typ {
							okType = true
						}
					}
					if ge.Status != "out" && okType && ge.Sentence != p.sent && wordsOverlap(p.ttext, ge.Trigger.Text) {
						rem = true
						break
					}
				}
			}
			if rem {
				r.FPRemention++
			}
			sentText := ""
			if p.located && p.sent >= 0 {
				sentText = string(text[spans[p.sent][0]:spans[p.sent][1]])
			}
			r.Details = append(r.Details, fmt.Sprintf("%s\tFP\t%s\t%q\t%s\tremention=%v actor=%q target=%q\t%s", g.ID, p.typ, p.ttext, kind, rem, p.actor, p.target, sentText))
		}
		for j, ge := range gev {
			if ge.Status != "required" {
				continue
			}
			if len(ge.Actor) > 0 {
				C["actor_gold"]++
			}
			if len(ge.Target) > 0 && (!ge.Symmetric || len(ge.Target) >= 2) {
				C["target_gold"]++
			}
			if _, ok := gMatch[j]; !ok {
				C["fn"]++
				sp := spans[ge.Sentence]
				var an, tn []string
				for _, a := range ge.Actor {
					an = append(an, a.Text)
				}
				for _, a := range ge.Target {
					tn = append(tn, a.Text)
				}
				r.Details = append(r.Details, fmt.Sprintf("%s\tFN\t%v\t%q\tactor=%q target=%q\t%s", g.ID, ge.Plover, ge.Trigger.Text, an, tn, string(text[sp[0]:sp[1]])))
			}
		}
		for k := range spans {
			here := evSents[k]
			isReq, isOpt := false, false
			for _, ge := range here {
				isReq = isReq || ge.Status == "required"
				isOpt = isOpt || ge.Status == "optional"
			}
			f := fired[k]
			switch {
			case isReq:
				sent["pos"]++
				if f {
					sent["tp"]++
				}
			case isOpt:
			default:
				if f {
					sent["fp"]++
				}
			}
		}
	}
	r.TP, r.FP, r.FN, r.Gold = C["tp"], C["fp"], C["fn"], C["gold_required"]
	r.Precision, r.Recall, r.F1 = prf(r.TP, r.TP+r.FP, r.Gold)
	if d := r.TP + r.FP - r.FPRemention; d > 0 {
		r.PrecisionLenient = float64(r.TP) / float64(d)
	}
	r.ActorCorrect, r.ActorPred, r.ActorGold = C["actor_correct"], C["actor_pred"], C["actor_gold"]
	r.TargetCorrect, r.TargetPred, r.TargetGold = C["target_correct"], C["target_pred"], C["target_gold"]
	r.ActorP, r.ActorR, r.ActorF1 = prf(r.ActorCorrect, r.ActorPred, r.ActorGold)
	r.TargetP, r.TargetR, r.TargetF1 = prf(r.TargetCorrect, r.TargetPred, r.TargetGold)
	r.ATP, r.ATR, r.ATF1 = prf(r.ActorCorrect+r.TargetCorrect, r.ActorPred+r.TargetPred, r.ActorGold+r.TargetGold)
	r.SentPositive, r.SentTP, r.SentFired = sent["pos"], sent["tp"], sent["tp"]+sent["fp"]
	r.SentP, r.SentR, r.SentF1 = prf(sent["tp"], sent["tp"]+sent["fp"], sent["pos"])
	return r
}
