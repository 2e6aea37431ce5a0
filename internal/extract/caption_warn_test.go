package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

// TestEmptyGalleryItem checks that a gallery item with no caption text (a
// photo credit only, or an empty caption) becomes a warning on the article,
// never an empty or credit-only caption.
func TestEmptyGalleryItem(t *testing.T) {
	body := `<p>The river rose two metres overnight and crews worked until dawn to shore up the levee near the old mill.</p>
<p>Residents of the lower town were told to leave their homes before noon, and most had gone by the afternoon.</p>
<p>The council said the water should fall again by the weekend if the rain eases as forecast.</p>`
	tests := []struct {
		name      string
		gallery   string
		wantCaps  []string
		wantWarns int
	}{
		{
			name:     "caption with text is kept",
			gallery:  `<figure><img src="a.jpg" alt=""><figcaption>Crews stack sandbags by the mill (Photo: Ann Lee/Staff)</figcaption></figure>`,
			wantCaps: []string{"Crews stack sandbags by the mill"},
		},
		{
			name:      "credit only",
			gallery:   `<figure><img src="a.jpg" alt=""><figcaption>Photo: Ann Lee/Staff</figcaption></figure>`,
			wantWarns: 1,
		},
		{
			name: "one good item, one credit-only item",
			gallery: `<figure><img src="a.jpg" alt=""><figcaption>Crews stack sandbags by the mill (Photo: Ann Lee/Staff)</figcaption></figure>
<figure><img src="b.jpg" alt=""><figcaption>(Photo: Ben Roe/Staff)</figcaption></figure>`,
			wantCaps:  []string{"Crews stack sandbags by the mill"},
			wantWarns: 1,
		},
		{
			name:    "empty caption",
			gallery: `<figure><img src="a.jpg" alt=""><figcaption> </figcaption></figure>`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page := `<html><head><title>River rises</title></head><body><article><h1>River rises</h1>` +
				tc.gallery + body + `</article></body></html>`
			a := &news.Article{Raw: []byte(page), Format: news.FormatHTML}
			if err := Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range a.Captions {
				got = append(got, c.Text)
				if strings.TrimSpace(c.Text) == "" || isCreditLine(c.Text) {
					t.Errorf("caption %q (credit %q) has no caption text", c.Text, c.Credit)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.wantCaps, "|") {
				t.Errorf("captions = %q, want %q", got, tc.wantCaps)
			}
			warns := 0
			for _, w := range a.Warnings {
				if strings.HasPrefix(w, "caption: ") {
					warns++
				}
			}
			if warns != tc.wantWarns {
				t.Errorf("caption warnings = %d (%q), want %d", warns, a.Warnings, tc.wantWarns)
			}
			if strings.Contains(a.Text, "Ann Lee") || strings.Contains(a.Text, "Ben Roe") {
				t.Errorf("credit reached the text: %q", a.Text)
			}
		})
	}
}

func TestDropEmptyCaptions(t *testing.T) {
	caps := []news.Caption{{Text: "Crews at the levee", Count: 1}, {Text: " ", Credit: "Ann Lee/Staff", Count: 1}, {Count: 1}}
	got, warns := dropEmptyCaptions(caps, nil)
	if len(got) != 1 || got[0].Text != "Crews at the levee" {
		t.Errorf("captions = %+v", got)
	}
	if len(warns) != 2 || !strings.Contains(warns[0], "Ann Lee/Staff") {
		t.Errorf("warnings = %q", warns)
	}
}
