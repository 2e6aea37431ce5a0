package source

import (
	"strings"
	"testing"
)

func TestJSONLMetadata(t *testing.T) {
	tests := []struct {
		line               string
		title, outlet, pub string
		byline             []string
	}{
		{`{"text": "A report.", "title": " Volunteers train ", "outlet": "Fox News", "byline": ["Associated Press", " "]}`,
			"Volunteers train", "Fox News", "", []string{"Associated Press"}},
		{`{"text": "A report.", "published": "2022-05-20"}`, "", "", "2022-05-20", nil},
		{`{"text": "A report.", "byline": []}`, "", "", "", nil},
	}
	for _, tt := range tests {
		a, err := parseJSONLine("seeds.jsonl", 1, []byte(tt.line))
		if err != nil {
			t.Fatalf("%s: %v", tt.line, err)
		}
		if a.Title != tt.title || a.Source.Outlet != tt.outlet || a.Published != tt.pub ||
			strings.Join(a.Byline, "|") != strings.Join(tt.byline, "|") {
			t.Errorf("%s: title %q outlet %q published %q byline %q", tt.line, a.Title, a.Source.Outlet, a.Published, a.Byline)
		}
	}
	if _, err := parseJSONLine("seeds.jsonl", 3, []byte(`{"text": "x", "byline": "one"}`)); err == nil || !strings.Contains(err.Error(), "seeds.jsonl") {
		t.Errorf("a byline that is not a list: err = %v; want an error naming the input", err)
	}
}
