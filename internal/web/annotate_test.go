package web

import (
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

var tag = regexp.MustCompile(`<[^>]*>`)

// FuzzAnnotatedHTML checks that any annotations, overlapping, nested or out
// of range, render the whole text exactly once with balanced elements.
func FuzzAnnotatedHTML(f *testing.F) {
	f.Add("Pavel Kulazhanka said “we fight <here>” in Warsaw & Minsk.", 0, 16, 6, 30, 25, 60)
	f.Add("abc", -1, 5, 2, 1, 0, 0)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		if !strings.Contains(text, "\r") && len(text) > 0 {
			art := &news.Article{Text: text,
				Mentions: []news.Mention{{Span: news.Span{Start: a, End: b}, Type: news.Person}, {Span: news.Span{Start: c, End: d}, Type: news.GPE}},
				Quotes:   []news.Quote{{Span: news.Span{Start: e, End: g}}},
				Times:    []news.Time{{Span: news.Span{Start: a, End: d}}},
			}
			doc := &store.Document{Article: art, MentionEntities: []string{"g1", ""}}
			out := string(annotatedHTML(doc))
			if strings.Count(out, "<span")+strings.Count(out, "<a ") != strings.Count(out, "</span>")+strings.Count(out, "</a>") {
				t.Fatalf("unbalanced elements: %s", out)
			}
			plain := html.UnescapeString(tag.ReplaceAllString(out, ""))
			if strings.ReplaceAll(plain, "\n", "") != strings.ReplaceAll(text, "\n", "") {
				t.Fatalf("text changed:\n got %q\nwant %q", plain, text)
			}
		}
	})
}

func TestLandPath(t *testing.T) {
	d, err := landPath()
	if err != nil {
		t.Fatal(err)
	}
	// Natural Earth's 1:110m land has over a hundred polygons, all inside
	// the 720×360 view box.
	if rings := strings.Count(d, "M"); !strings.HasPrefix(d, "M") || rings < 100 {
		t.Fatalf("land path has %d rings; want over 100", rings)
	}
	for _, pt := range regexp.MustCompile(`[ML](-?[0-9.]+),(-?[0-9.]+)`).FindAllStringSubmatch(d, -1) {
		x, _ := strconv.ParseFloat(pt[1], 64)
		y, _ := strconv.ParseFloat(pt[2], 64)
		if x < -0.1 || x > 720.1 || y < -0.1 || y > 360.1 {
			t.Fatalf("point %s,%s outside the view box", pt[1], pt[2])
		}
	}
}
