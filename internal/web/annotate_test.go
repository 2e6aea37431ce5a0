package web

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

var tag = regexp.MustCompile(`<[^>]*>`)

// FuzzAnnotatedHTML checks that any annotations and sentences, overlapping,
// nested or out of range, render the whole text exactly once with balanced
// elements and unique ids.
func FuzzAnnotatedHTML(f *testing.F) {
	f.Add("Pavel Kulazhanka said “we fight <here>” in Warsaw & Minsk.", 0, 16, 6, 30, 25, 60, 20)
	f.Add("abc", -1, 5, 2, 1, 0, 0, 1)
	f.Add("One. Two three. Four", 0, 4, 5, 15, 3, 9, 12)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g, s int) {
		if strings.Contains(text, "\r") || len(text) == 0 {
			return
		}
		art := &news.Article{Text: text,
			Mentions:  []news.Mention{{Span: news.Span{Start: a, End: b}, Type: news.Person}, {Span: news.Span{Start: c, End: d}, Type: news.GPE}},
			Quotes:    []news.Quote{{Span: news.Span{Start: e, End: g}}},
			Times:     []news.Time{{Span: news.Span{Start: a, End: d}}},
			Sentences: []news.Span{{Start: 0, End: s}, {Start: s, End: len(text)}},
		}
		doc := &store.Document{Article: art, MentionEntities: []string{"g1", ""}}
		out := string(annotatedHTML(doc, news.Span{Start: c, End: g}))
		if strings.Count(out, "<span")+strings.Count(out, "<a ") != strings.Count(out, "</span>")+strings.Count(out, "</a>") {
			t.Fatalf("unbalanced elements: %s", out)
		}
		plain := html.UnescapeString(tag.ReplaceAllString(out, ""))
		if strings.ReplaceAll(plain, "\n", "") != strings.ReplaceAll(text, "\n", "") {
			t.Fatalf("text changed:\n got %q\nwant %q", plain, text)
		}
		ids := map[string]bool{}
		for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(out, -1) {
			if ids[m[1]] {
				t.Fatalf("id %q twice: %s", m[1], out)
			}
			ids[m[1]] = true
		}
	})
}

func TestAnnotatedHTMLAnchors(t *testing.T) {
	text := "Lukashenko met Putin. “We agree,” he said."
	at := func(s string) news.Span {
		i := strings.Index(text, s)
		return news.Span{Start: i, End: i + len(s)}
	}
	art := &news.Article{Text: text, Paragraphs: []news.Span{{Start: 0, End: len(text)}},
		Sentences: []news.Span{at("Lukashenko met Putin."), at("“We agree,” he said.")},
		Mentions:  []news.Mention{{Span: at("Lukashenko"), Type: news.Person}, {Span: at("Putin"), Type: news.Person}},
		Quotes:    []news.Quote{{Span: at("We agree,"), Kind: news.QuoteDirect}},
		Events:    []news.Event{{Type: "CONSULT", Trigger: news.Trigger{Span: at("met")}}},
	}
	doc := &store.Document{Article: art, MentionEntities: []string{"g2", "g11"}}
	out := string(annotatedHTML(doc, at("Putin")))
	for _, want := range []string{`<span class="s" id="s0">`, `<span class="s" id="s1">`, `id="m0" href="/entity/g2"`, `id="ev0"`, `id="q0"`,
		`class="hl m m-person"`, `id="sp"`, `id="m1"`} {
		if !strings.Contains(out, want) {
			t.Errorf("annotated HTML lacks %q:\n%s", want, out)
		}
	}
}

func TestWhyAlias(t *testing.T) {
	tests := []struct{ name, alias, want string }{
		{"Alexander Lukashenko", "Alexander Lukashenko", "the entity's name"},
		{"Alexander Lukashenko", "Lukashenko", "the surname of Alexander Lukashenko"},
		{"Volodymyr Zelenskyy", "Volodymyr Zelensky", "a spelling variant (1 letter differs)"},
		{"Volodymyr Zelenskyy", "Zelensky", "a spelling variant of the surname"},
		{"Kastus Kalinouski Battalion", "Kastus Kalinouski", "part of the full name Kastus Kalinouski Battalion"},
		{"Vladimir Putin", "Russian President Vladimir Putin", "the name with a title or first name (russian president)"},
		{"Pavel Kulazhanka", "PAVEL KULAZHANKA", "the same name, written with other case, accents or punctuation"},
		{"North Atlantic Treaty Organization", "NATO", "the initials of North Atlantic Treaty Organization"},
		{"Belarus", "Minsk", "linked by the resolver within an article (coreference); no name rule applies, so check it"},
	}
	for _, tt := range tests {
		if got := whyAlias(tt.name, tt.alias); got != tt.want {
			t.Errorf("whyAlias(%q, %q) = %q; want %q", tt.name, tt.alias, got, tt.want)
		}
	}
}

func TestPeriodRange(t *testing.T) {
	tests := []struct {
		p, start, end, prec string
		ok                  bool
	}{
		{"2020", "2020-01-01", "2021-01-01", "year", true},
		{"2022-05", "2022-05-01", "2022-06-01", "month", true},
		{"2022-05-20", "2022-05-20", "2022-05-21", "day", true},
		{"186X", "", "", "", false},
		{"2022-W20", "", "", "", false},
		{"2022-13", "", "", "", false},
	}
	for _, tt := range tests {
		s, e, prec, ok := periodRange(tt.p)
		if ok != tt.ok || ok && (s.Format("2006-01-02") != tt.start || e.Format("2006-01-02") != tt.end || prec != tt.prec) {
			t.Errorf("periodRange(%q) = %v %v %q %v; want %s %s %s %v", tt.p, s, e, prec, ok, tt.start, tt.end, tt.prec, tt.ok)
		}
	}
}

func TestNodeNamed(t *testing.T) {
	nodes := []gNode{{ID: "g2", Name: "Alexander Lukashenko", Type: "PERSON"}, {ID: "g11", Name: "Vladimir Putin", Type: "PERSON"},
		{ID: "g12", Name: "Russia", Type: "GPE"}, {ID: "g3", Name: "Russian", Type: "NORP"}}
	tests := []struct{ name, want string }{
		{"Russian President Vladimir Putin", "g11"},
		{"longtime ally", ""},
		{"Russian forces", ""}, // NORP nodes are not actors
		{"Alexander Lukashenko", ""},
		{"forces of Russia", "g12"},
	}
	for _, tt := range tests {
		if got := nodeNamed(nodes, tt.name, "g2"); got != tt.want {
			t.Errorf("nodeNamed(%q) = %q; want %q", tt.name, got, tt.want)
		}
	}
}

func TestOffsetsAndMonths(t *testing.T) {
	text := "Łukaszenka “met” Putin"
	if b := byteOffset(text, 12); !strings.HasPrefix(text[b:], "met”") {
		t.Errorf("byteOffset(12) = %d (%q)", b, text[b:])
	}
	if cp := cpOffset(text, byteOffset(text, 17)); cp != 17 {
		t.Errorf("cpOffset(byteOffset(17)) = %d", cp)
	}
	a := &news.Article{Times: []news.Time{{Value: "2022-05-21"}, {Value: "2020"}, {Value: "PRESENT_REF"}},
		Captions: []news.Caption{{Times: []news.Time{{Value: "2022-05-20"}}}}}
	if m := reportedMonth(a); m != "2022-05" {
		t.Errorf("reportedMonth = %q; want 2022-05", m)
	}
	if m := monthName("2022-05"); m != "May 2022" {
		t.Errorf("monthName = %q", m)
	}
}
