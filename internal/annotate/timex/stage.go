package timex

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// ID is the stage's pipeline ID.
const ID = "annotate.timex"

// Version changes whenever the stage's output can change.
const Version = "1"

func init() {
	pipeline.Register(pipeline.Info{
		ID:       ID,
		Version:  Version,
		Requires: []string{"annotate.sentence"},
		Doc:      "time expressions normalised to TIMEX3 values against the article date",
		New: func(cfg json.RawMessage) (pipeline.Stage, error) {
			return pipeline.Func(Process), nil
		},
	})
}

var _ pipeline.Stage = pipeline.Func(Process)

// Process fills a.Times and the Times of each caption, and adds DATE and
// TIME mentions to a.Mentions where no other mention covers the same text.
func Process(ctx context.Context, a *news.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ref, err := ParseRef(a.Published)
	if err != nil {
		a.Warnings = append(a.Warnings, err.Error())
		ref = Ref{}
	}
	if !ref.known() {
		if d, from, ok := InferDate(a); ok {
			ref = Ref{Date: d, Exact: false}
			a.Provenance.Notes = append(a.Provenance.Notes,
				fmt.Sprintf("%s: no publication date; time expressions anchored on %s, the latest date of %s (the article was published on or after it)",
					ID, d.Format("2006-01-02"), from))
		}
	}
	a.Times = Find(a.Text, ref)
	for i := range a.Captions {
		a.Captions[i].Times = Find(a.Captions[i].Text, ref)
	}
	sort.SliceStable(a.Times, func(i, j int) bool { return a.Times[i].Start < a.Times[j].Start })
	addMentions(a)
	return nil
}

func addMentions(a *news.Article) {
	added := false
	spans := make([]news.Span, len(a.Mentions))
	for i, m := range a.Mentions {
		spans[i] = m.Span
	}
	mentions := news.NewSpanIndex(spans) // not a scan per time: a document may hold millions
	for _, t := range a.Times {
		if t.Kind == news.TimeSet || strings.HasSuffix(t.Value, "_REF") {
			continue // "daily", "now", "current": not names of dates
		}
		if mentions.Any(t.Span) {
			continue
		}
		typ := news.Date
		if t.Kind == news.TimeTime && strings.Contains(t.Value, "T") && !strings.HasSuffix(t.Value, "MO") && !strings.HasSuffix(t.Value, "AF") && !strings.HasSuffix(t.Value, "EV") && !strings.HasSuffix(t.Value, "NI") {
			typ = news.TimeOfDay
		}
		conf := 0.9
		if t.Value == "" {
			conf = 0.6
		}
		a.Mentions = append(a.Mentions, news.Mention{Span: t.Span, Text: t.Text, Type: typ, Confidence: conf})
		added = true
	}
	if added {
		sort.SliceStable(a.Mentions, func(i, j int) bool {
			if a.Mentions[i].Start != a.Mentions[j].Start {
				return a.Mentions[i].Start < a.Mentions[j].Start
			}
			return a.Mentions[i].End < a.Mentions[j].End
		})
	}
}

// creditLine matches a photo credit paragraph: "(AP Photo/Michal Dyjuk)",
// "Photo: Reuters", "Getty Images".
var creditLine = regexp.MustCompile(`(?i)^\(?\s*(?:[\w .&-]*\b(?:photo|photograph|image|picture)s?\b\s*[/:]|photo(?:graph)?s?\s+by\b|[\w .&-]*\bgetty images\b|[\w .&-]*\breuters\b[\w .&/-]*\)$|[\w .&-]*/\s*(?:ap|afp|reuters|epa|getty)\b)`)

// creditCue lists words one of which every credit line contains: the
// expression runs only on paragraphs that have one.
var creditCue = []string{"photo", "image", "picture", "getty", "reuters", "/"}

func isCreditLine(p string) bool {
	l := strings.ToLower(p)
	for _, c := range creditCue {
		if strings.Contains(l, c) {
			return creditLine.MatchString(p)
		}
	}
	return false
}

// dateline matches the start of an article such as "KYIV, Ukraine, May 20
// (Reuters) —" or "WASHINGTON, May 20, 2022 —".
var dateline = regexp.MustCompile(`^[A-Z][A-Z .'-]{2,}(?:,\s*[A-Z][A-Za-z .'-]+)?,\s*(?P<date>` + fMon + `\s+` + fDay + `(?:,\s*` + fYear + `)?)`)

// InferDate infers a lower bound for the publication date of an article
// that has none: the latest full date (with a year) in its photo captions,
// or the date of its dateline. from says where the date came from.
func InferDate(a *news.Article) (d time.Time, from string, ok bool) {
	var texts []string
	for _, c := range a.Captions {
		texts = append(texts, c.Text)
	}
	// Captions still in the text: a paragraph followed by a credit line.
	paras := paragraphs(a)
	for i := 0; i+1 < len(paras); i++ {
		if isCreditLine(strings.TrimSpace(paras[i+1])) {
			texts = append(texts, paras[i])
		}
	}
	for _, s := range texts {
		for _, t := range Find(s, Ref{}) {
			if t.Kind != news.TimeDate || len(t.Value) != 10 {
				continue
			}
			if v, err := time.Parse("2006-01-02", t.Value); err == nil && v.After(d) {
				d, from, ok = v, "the dated photo captions", true
			}
		}
	}
	if ok {
		return d, from, true
	}
	if len(paras) > 0 {
		first := strings.TrimSpace(paras[0])
		if len(paras) > 1 && len(first) < 120 {
			first = strings.TrimSpace(paras[1]) // skip a title line
		}
		for _, p := range []string{strings.TrimSpace(paras[0]), first} {
			if m := dateline.FindStringSubmatchIndex(p); m != nil {
				for _, t := range Find(p[m[2]:m[3]], Ref{}) {
					if len(t.Value) == 10 {
						if v, err := time.Parse("2006-01-02", t.Value); err == nil {
							return v, "the dateline", true
						}
					}
				}
			}
		}
	}
	return time.Time{}, "", false
}

func paragraphs(a *news.Article) []string {
	if len(a.Paragraphs) > 0 {
		out := make([]string, 0, len(a.Paragraphs))
		for _, p := range a.Paragraphs {
			out = append(out, a.Slice(p))
		}
		return out
	}
	var out []string
	for _, p := range strings.Split(a.Text, "\n") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}
