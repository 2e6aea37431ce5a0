package story

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

func span(text, sub string) news.Span {
	i := strings.Index(text, sub)
	return news.Span{Start: i, End: i + len(sub)}
}

func TestCompare(t *testing.T) {
	t1 := "Novak said the budget adds 500 teachers. Dvorak called it reckless."
	a1 := &news.Article{ID: "a1", Text: t1, Source: news.Source{URL: "https://www.daily.example/x"},
		Entities: []news.Entity{
			{ID: "E1", Name: "Karel Novak", Type: news.Person, Aliases: []string{"Novak"}},
			{ID: "E2", Name: "Hana Dvorak", Type: news.Person, Aliases: []string{"Dvorak"}},
		},
		Quotes: []news.Quote{{Span: span(t1, "it reckless"), Text: "reckless", Speaker: "E2", Kind: news.QuoteIndirect}},
		Events: []news.Event{{Type: "ACCUSE", ActorName: "Hana Dvorak", TargetName: "Karel Novak", Trigger: news.Trigger{Text: "called"}}},
	}
	t2 := "Prime Minister Karel Novak defended the plan for 500 new teachers. \"It is fair,\" Novak said."
	a2 := &news.Article{ID: "a2", Text: t2, Source: news.Source{Outlet: "Wire"},
		Entities: []news.Entity{{ID: "E1", Name: "Prime Minister Karel Novak", Type: news.Person, Aliases: []string{"Karel Novak", "Novak"}}},
		Quotes:   []news.Quote{{Span: span(t2, "It is fair"), Text: "It is fair", Speaker: "E1", Kind: news.QuoteDirect}},
	}
	c := Compare([]*news.Article{a1, a2})
	if len(c.Outlets) != 2 || c.Outlets[0].Outlet != "daily.example" || c.Outlets[1].Outlet != "Wire" {
		t.Fatalf("outlets %+v", c.Outlets)
	}
	find := func(items []Item, label string) *Item {
		for i := range items {
			if strings.Contains(items[i].Label, label) {
				return &items[i]
			}
		}
		return nil
	}
	// Novak is one entity across both outlets, under his fullest name.
	if it := find(c.Shared.Entities, "Novak"); it == nil || len(it.Outlets) != 2 {
		t.Errorf("shared entities %+v, want Novak in both", c.Shared.Entities)
	}
	if it := find(c.Outlets[0].Entities, "Dvorak"); it == nil || !it.Only {
		t.Errorf("Dvorak should be only in the first outlet: %+v", c.Outlets[0].Entities)
	}
	// Only the first quotes Dvorak, only the second quotes Novak.
	if it := find(c.Outlets[0].Quotes, "Dvorak"); it == nil || !it.Only || it.Evidence[0] != "reckless" {
		t.Errorf("quotes of the first outlet %+v", c.Outlets[0].Quotes)
	}
	if it := find(c.Outlets[1].Quotes, "Novak"); it == nil || !it.Only {
		t.Errorf("quotes of the second outlet %+v", c.Outlets[1].Quotes)
	}
	if len(c.Shared.Quotes) != 0 {
		t.Errorf("shared quotes %+v, want none", c.Shared.Quotes)
	}
	if it := find(c.Outlets[0].Events, "ACCUSE"); it == nil || !it.Only {
		t.Errorf("events %+v", c.Outlets[0].Events)
	}
	// The figure "500 teachers" is in both; a year would not be a figure.
	if it := find(c.Shared.Figures, "500"); it == nil {
		t.Errorf("shared figures %+v, want 500 teachers", c.Shared.Figures)
	}
}

func TestCompareEmpty(t *testing.T) {
	c := Compare(nil)
	if len(c.Outlets) != 0 {
		t.Errorf("got %+v", c)
	}
}

// TestCompareResolved checks matching on resolved facts: one global entity
// spelled two ways, a quote shared because one speaker says overlapping
// words, an event shared on the same actor code and target entity, figures
// matched by value and unit, and a paragraph in capitals never compared.
func TestCompareResolved(t *testing.T) {
	t1 := "Volodymyr Zelenskyy said the country needs 10 million shells. \"We will hold the line in the east,\" Zelenskyy said. Russian forces shelled Kharkiv."
	a1 := &news.Article{ID: "a1", Text: t1, Source: news.Source{Outlet: "One"},
		Entities: []news.Entity{{ID: "E1", Name: "Volodymyr Zelenskyy", Aliases: []string{"Zelenskyy"}, Type: news.Person}, {ID: "E2", Name: "Kharkiv", Type: news.GPE}},
		Quotes:   []news.Quote{{Span: span(t1, "We will hold the line in the east"), Text: "We will hold the line in the east", Speaker: "E1", Kind: news.QuoteDirect}},
		Events:   []news.Event{{Type: "ASSAULT", ActorName: "Russian forces", ActorCountry: "RUS", ActorType: "military", Target: "E2", TargetName: "Kharkiv", Sentence: -1, Trigger: news.Trigger{Text: "shelled"}}},
	}
	t2 := "CLICK HERE FOR 99 MORE STORIES ABOUT THE WAR\n\"We will hold the line,\" President Volodymyr Zelensky told reporters, asking for 10,000,000 shells. Russian troops struck Kharkiv again."
	a2 := &news.Article{ID: "a2", Text: t2, Source: news.Source{Outlet: "Two"},
		Paragraphs: []news.Span{span(t2, "CLICK HERE FOR 99 MORE STORIES ABOUT THE WAR"), {Start: strings.Index(t2, "\"We"), End: len(t2)}},
		Entities:   []news.Entity{{ID: "E7", Name: "Volodymyr Zelensky", Type: news.Person}, {ID: "E8", Name: "Kharkiv", Type: news.GPE}},
		Quotes:     []news.Quote{{Span: span(t2, "We will hold the line"), Text: "We will hold the line", Speaker: "E7", Kind: news.QuoteDirect}},
		Events:     []news.Event{{Type: "ASSAULT", ActorName: "Russian troops", ActorCountry: "RUS", ActorType: "military", Target: "E8", TargetName: "Kharkiv", Sentence: -1, Trigger: news.Trigger{Text: "struck"}}},
	}
	// The store resolved both spellings to one global entity.
	c := CompareResolved([]Input{
		{Article: a1, Global: map[string]GlobalEntity{"E1": {"gaaaaaaaaaaaaaa", "Volodymyr Zelenskyy"}, "E2": {"gbbbbbbbbbbbbbb", "Kharkiv"}}},
		{Article: a2, Global: map[string]GlobalEntity{"E7": {"gaaaaaaaaaaaaaa", "Volodymyr Zelenskyy"}, "E8": {"gbbbbbbbbbbbbbb", "Kharkiv"}}},
	})
	var zel *Item
	for i := range c.Shared.Entities {
		if c.Shared.Entities[i].Key == "gaaaaaaaaaaaaaa" {
			zel = &c.Shared.Entities[i]
		}
	}
	if zel == nil || !containsStr(zel.Spellings["One"], "Volodymyr Zelenskyy") || !containsStr(zel.Spellings["Two"], "Volodymyr Zelensky") {
		t.Errorf("shared entities %+v; want Zelenskyy with each outlet's spelling", c.Shared.Entities)
	}
	if len(c.Shared.Quotes) != 1 || !strings.HasPrefix(c.Shared.Quotes[0].Label, "Volodymyr Zelenskyy: ") {
		t.Errorf("shared quotes %+v; want Zelenskyy's line", c.Shared.Quotes)
	}
	if len(c.Shared.Events) != 1 || c.Shared.Events[0].Key != "ASSAULT|code:RUS/military|gbbbbbbbbbbbbbb" {
		t.Errorf("shared events %+v; want the assault on Kharkiv", c.Shared.Events)
	}
	if len(c.Shared.Figures) != 1 || c.Shared.Figures[0].Key != "10000000 shell" {
		t.Errorf("shared figures %+v; want 10 million shells", c.Shared.Figures)
	}
	for _, o := range c.Outlets {
		for _, f := range o.Figures {
			if strings.Contains(f.Label, "99") {
				t.Errorf("%s: a figure from a paragraph in capitals: %+v", o.Outlet, f)
			}
		}
	}
	// Without a store, the canonical key still joins the spellings.
	if c := Compare([]*news.Article{a1, a2}); len(c.Shared.Entities) != 2 {
		t.Errorf("without a store: shared entities %+v; want Zelenskyy and Kharkiv", c.Shared.Entities)
	}
}

func TestFigureText(t *testing.T) {
	tests := []struct {
		text, val string
		ok        bool
	}{
		{"10 million", "10000000", true},
		{"10,000,000", "10000000", true},
		{"$5.5 billion", "$5500000000", true},
		{"12%", "12%", true},
		{"12 per cent", "12%", true},
		{"1994", "", false},
		{"$1994", "$1994", true},
	}
	for _, tt := range tests {
		if v, ok := figureValue(tt.text); v != tt.val || ok != tt.ok {
			t.Errorf("figureValue(%q) = %q, %v; want %q, %v", tt.text, v, ok, tt.val, tt.ok)
		}
	}
	text := "the nation of nearly 10 million for democratic change to come"
	s := span(text, "10 million")
	if got := wordsAround(text, s, 12); got != "of nearly 10 million for" {
		t.Errorf("wordsAround = %q; want whole words", got)
	}
}
