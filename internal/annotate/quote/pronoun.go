package quote

import (
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/internal/annotate/entity"
	"github.com/newsgraph/newsgraph/internal/news"
)

// resolver resolves "he" and "she" to people by salience, in the manner of
// Lappin and Leass: every earlier mention of a person in the last few
// sentences adds a weight (more for a subject, less for a possessive)
// halved for each sentence back; people whose gender disagrees with the
// pronoun, or who are named inside the quotation being attributed, are
// not candidates; the speaker of the previous quotation gets a bonus.
// Every pronoun it resolves becomes a mention of its person in turn, so a
// chain of "he"s keeps its referent salient.
type resolver struct {
	d      *doc
	events []event
	memo   map[int]string
	gender map[string]entity.Gender
	person map[string]bool

	lastSpeaker     string
	lastSpeakerSent int
}

type event struct {
	entity string
	tok    int
	sent   int
	weight float64
}

// window is how many sentences back a pronoun looks.
const window = 4

func newResolver(d *doc) *resolver {
	r := &resolver{d: d, memo: map[int]string{}, gender: map[string]entity.Gender{}, person: map[string]bool{}}
	cueSubject := map[string]bool{}
	placeLike := map[string]bool{}  // untyped names seen after a preposition of place or in capitals
	whoFollows := map[string]bool{} // names a relative "who" follows
	for i := range d.toks {
		t := d.toks[i]
		if t.mention == 0 || (i > 0 && d.toks[i-1].mention == t.mention) {
			continue
		}
		m := d.mentions[t.mention-1]
		last := d.mentionEnd(i)
		if (last+1 < len(d.toks) && d.isCue(last+1)) || (i > 0 && d.isCue(i-1)) {
			cueSubject[m.Entity] = true
		}
		if i > 0 && placePreps[d.toks[i-1].lower] || isUpperWord(t.text) || strings.ContainsRune(m.Text, '-') {
			placeLike[m.Entity] = true
		}
		if last+2 < len(d.toks) && d.toks[last+1].text == "," && d.toks[last+2].lower == "who" {
			whoFollows[m.Entity] = true // "Ales, who has lived in Poland": a person, whatever NER said
		}
		name, titles := entity.CleanName(m.Text, true)
		if g := entity.GenderOf(name, titles); g != entity.Unknown && r.gender[m.Entity] == entity.Unknown {
			r.gender[m.Entity] = g
		}
	}
	for _, e := range d.a.Entities {
		if whoFollows[e.ID] && e.Type != news.Org {
			r.person[e.ID] = true
		}
		switch e.Type {
		case news.Person:
			r.person[e.ID] = true
		case news.Misc:
			if r.gender[e.ID] != entity.Unknown || cueSubject[e.ID] || !placeLike[e.ID] {
				r.person[e.ID] = true
			}
		}
		if r.gender[e.ID] == entity.Unknown {
			r.gender[e.ID] = entity.GenderOf(e.Name, nil)
		}
	}
	// one pass in text order: record mentions, resolve pronouns
	for i := 0; i < len(d.toks); i++ {
		t := d.toks[i]
		if t.inQuote != 0 {
			continue
		}
		if t.mention > 0 && (i == 0 || d.toks[i-1].mention != t.mention) {
			m := d.mentions[t.mention-1]
			last := d.mentionEnd(i)
			if r.person[m.Entity] {
				r.events = append(r.events, event{entity: m.Entity, tok: i, sent: t.sent, weight: d.roleWeight(i, last)})
			}
			i = last
			continue
		}
		if g, ok := pronounGender[uncontract(t.lower)]; ok {
			if id := r.best(i, g, nil, false); id != "" {
				r.memo[i] = id
				r.events = append(r.events, event{entity: id, tok: i, sent: t.sent, weight: d.roleWeight(i, i)})
			}
		}
	}
	return r
}

// placePreps precede places and organisations far more often than people.
var placePreps = set("in", "from", "near", "to", "at", "of", "across", "against", "into", "throughout", "outside", "inside", "for", "by", "between", "on")

func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

var pronounGender = map[string]entity.Gender{
	"he": entity.Male, "him": entity.Male, "his": entity.Male, "himself": entity.Male,
	"she": entity.Female, "her": entity.Female, "hers": entity.Female, "herself": entity.Female,
}

// mentionEnd returns the last token of the mention that starts at token i.
func (d *doc) mentionEnd(i int) int {
	last := i
	for last+1 < len(d.toks) && d.toks[last+1].mention == d.toks[i].mention {
		last++
	}
	return last
}

// roleWeight weighs a mention spanning tokens [i, last] by its role: a
// sentence-initial subject 3, another subject or a speaker named after a
// cue 2, a possessive 0.5, anything else 1.
func (d *doc) roleWeight(i, last int) float64 {
	lt := d.toks[last].text
	if strings.HasSuffix(lt, "’s") || strings.HasSuffix(lt, "'s") || d.toks[last].lower == "his" || d.toks[last].lower == "her" {
		return 0.5
	}
	next := last + 1
	subject := next < len(d.toks) && d.toks[next].sent == d.toks[i].sent && (d.verbish(next) || d.toks[next].text == ",")
	if subject && d.sentenceInitial(i) {
		return 3
	}
	if subject || (i > 0 && d.isCue(i-1)) {
		return 2
	}
	return 1
}

var openers = set("but", "and", "so", "yet", "still", "however", "then", "now", "meanwhile", "later", "instead", "also")

// sentenceInitial reports whether only conjunctions, openers and commas
// come before token i in its sentence.
func (d *doc) sentenceInitial(i int) bool {
	s := d.toks[i].sent
	for k := d.sentTok[s][0]; k < i; k++ {
		t := d.toks[k]
		if t.word && !openers[t.lower] {
			return false
		}
	}
	return true
}

// resolve returns the entity the pronoun at token j stands for, as the
// speaker of quotation qi (1-based; 0 for none).
func (r *resolver) resolve(j, qi int) string {
	g := pronounGender[uncontract(r.d.toks[j].lower)]
	if qi == 0 {
		if id, ok := r.memo[j]; ok {
			return id
		}
	}
	var exclude map[string]bool
	if qi > 0 {
		exclude = map[string]bool{}
		for k := range r.d.toks {
			if r.d.toks[k].inQuote == qi && r.d.toks[k].mention > 0 {
				exclude[r.d.mentions[r.d.toks[k].mention-1].Entity] = true
			}
		}
	}
	return r.best(j, g, exclude, true)
}

// best scores the people mentioned before token j.
func (r *resolver) best(j int, g entity.Gender, exclude map[string]bool, speakerBonus bool) string {
	s := r.d.toks[j].sent
	score := map[string]float64{}
	for n := len(r.events) - 1; n >= 0; n-- {
		e := r.events[n]
		if e.tok >= j {
			continue
		}
		if s-e.sent > window {
			break
		}
		w := e.weight * math.Pow(0.5, float64(s-e.sent))
		if r.d.toks[e.tok].para == r.d.toks[j].para {
			w *= 1.5 // a paragraph keeps to its topic
		}
		score[e.entity] += w
	}
	if speakerBonus && r.lastSpeaker != "" && s-r.lastSpeakerSent <= 15 {
		score[r.lastSpeaker] += 1
	}
	best, bestScore := "", 0.0
	if debugResolve {
		fmt.Println("resolve", r.d.toks[j].text, r.d.toks[j].start, score, exclude)
	}
	for id, sc := range score {
		if exclude[id] {
			continue
		}
		if eg := r.gender[id]; eg != entity.Unknown && g != entity.Unknown && eg != g {
			continue
		}
		if sc > bestScore || (sc == bestScore && id < best) {
			best, bestScore = id, sc
		}
	}
	return best
}

var debugResolve = false
