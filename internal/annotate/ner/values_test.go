package ner

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate/token"
	"github.com/newsgraph/newsgraph/internal/news"
)

func TestValues(t *testing.T) {
	tests := []struct {
		in   string
		want string // "TYPE:text" joined by "|"
	}{
		{"It cost $1.5 million last year.", "MONEY:$1.5 million"},
		{"Sales rose 12% to 300 euros.", "PERCENT:12%|MONEY:300 euros"},
		{"Inflation hit 5.5 percent, or 6 per cent by May.", "PERCENT:5.5 percent|PERCENT:6 per cent"},
		{"Russia has pumped billions of dollars into it.", "MONEY:billions of dollars"},
		{"a nation of nearly 10 million", "CARDINAL:10 million"},
		{"thousands of miles away and 3,200 fighters", "CARDINAL:thousands|CARDINAL:3,200"},
		{"He has held power since 1994 and for 28 years.", ""},
		{"on Friday, May 20, 2022 at 10:30", ""},
		{"one of the fighters", ""},
		{"the 19-year-old and two brothers", "CARDINAL:two"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ts := token.Tokenize(tc.in)
			var got []string
			for _, v := range values(ts, make([]bool, len(ts))) {
				got = append(got, string(v.Type)+":"+tc.in[v.Start:v.End])
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("values(%q)\n got %s\nwant %s", tc.in, g, tc.want)
			}
		})
	}
}

// TestValuesSkipEntities: a number inside an entity is not a value.
func TestValuesSkipEntities(t *testing.T) {
	ts := token.Tokenize("Apollo 11 landed")
	covered := []bool{true, true, false}
	if v := values(ts, covered); len(v) != 0 {
		t.Errorf("got %v", v)
	}
}

func TestLabels(t *testing.T) {
	ss := []Span{{0, 2, PER}, {2, 3, LOC}, {4, 7, ORG}}
	ls := bilou(8, ss)
	if got := spans(ls); len(got) != 3 || got[0] != ss[0] || got[1] != ss[1] || got[2] != ss[2] {
		t.Fatalf("spans(bilou(x)) = %v, want %v", got, ss)
	}
	prev := lblO
	for i, l := range ls {
		if !allowed(prev, l, i == len(ls)-1) {
			t.Errorf("label %v after %v at %d not allowed", l, prev, i)
		}
		prev = l
	}
	if allowed(mkLabel(PER, posB), lblO, false) || allowed(lblO, mkLabel(PER, posI), false) || allowed(lblO, mkLabel(PER, posB), true) {
		t.Error("allowed accepts an illegal BILOU transition")
	}
}

func TestGroupSentences(t *testing.T) {
	a := &news.Article{Text: "One two. Three."}
	a.Tokens = token.Tokenize(a.Text)
	a.Sentences = []news.Span{{Start: 0, End: 8}, {Start: 9, End: 15}}
	got := groupSentences(a)
	if len(got) != 2 || len(got[0]) != 3 || len(got[1]) != 2 {
		t.Fatalf("got %v", got)
	}
}
