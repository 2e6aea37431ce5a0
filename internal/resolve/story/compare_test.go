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
