package event

import (
	"context"
	"os"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/news"
)

func TestDebugSentence(t *testing.T) {
	s := os.Getenv("EVT_SENT")
	if s == "" {
		t.Skip()
	}
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	a := &news.Article{Text: s, Sentences: []news.Span{{Start: 0, End: len(s)}}}
	a.Tokens = token.Append(nil, s, 0, len(s))
	c := &coder{d: d, a: a, known: map[string]actorInfo{}}
	toks := sentTokens(a, a.Sentences[0], a.Tokens)
	for _, p := range c.findPhrases(toks, nil) {
		t.Logf("phrase %q country=%s sector=%s named=%v person=%v adj=%v", p.name, p.country, p.sector, p.named, p.person, p.adjective)
	}
	ph := c.findPhrases(toks, nil)
	in := make([]int, len(toks))
	for i := range in {
		in[i] = -1
	}
	for pi, p := range ph {
		for k := p.start; k < p.end; k++ {
			in[k] = pi
		}
	}
	for _, v := range c.findVerbs(toks, in) {
		cd, spec, ok := c.verbCode(toks, &v)
		t.Logf("verb %q %s/%s passive=%v aux=%v code=%+v spec=%d ok=%v pat=%q", toks[v.i].text, v.ref.verb, v.ref.block, v.passive, v.aux, cd, spec, ok, c.lastPattern)
	}
	evs, _ := Code(context.Background(), d, a)
	for _, e := range evs {
		t.Logf("EVENT %s %s | %s (%s %s) -> %s (%s %s) | %q conf=%.2f", e.Type, e.Mode, e.ActorName, e.ActorType, e.ActorCountry, e.TargetName, e.TargetType, e.TargetCountry, e.Trigger.Text, e.Confidence)
	}
}
