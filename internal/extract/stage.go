package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// StageID is the ID of the extraction stage.
const StageID = "extract"

func init() {
	pipeline.Register(pipeline.Info{
		ID:      StageID,
		Version: "1",
		Doc:     "raw input → clean article text, title, captions and what was removed",
		New:     func(json.RawMessage) (pipeline.Stage, error) { return pipeline.Func(Process), nil },
	})
}

// Process fills a.Text, a.Paragraphs, a.Removed and a.Captions (and, for
// HTML, the metadata) from a.Raw.
func Process(ctx context.Context, a *news.Article) error {
	body := string(a.Raw)
	if a.Format == news.FormatHTML {
		d, err := HTML(a.Raw, a.Source.URL)
		if err != nil {
			return fmt.Errorf("extracting HTML: %w", err)
		}
		body = d.Text
		if a.Title == "" {
			a.Title = d.Title
		}
		if a.Published == "" {
			a.Published = d.Published
		}
		if len(a.Byline) == 0 {
			a.Byline = d.Byline
		}
		if a.Source.URL == "" {
			a.Source.URL = d.URL
		}
		if a.Source.Outlet == "" {
			a.Source.Outlet = d.SiteName
		}
		a.Language = d.Language
		a.Captions = append(a.Captions, d.Captions...)
		a.Removed = append(a.Removed, d.Removed...)
		a.Warnings = append(a.Warnings, d.Warnings...)
	}
	c := CleanWith(body, a.Title, CleanOptions{Structured: a.Format == news.FormatHTML})
	a.Text = c.Text
	a.Paragraphs = c.Paragraphs
	if a.Title == "" {
		a.Title = c.Title
	}
	if a.Title == "" && a.Text != "" {
		a.Title = leadTitle(a.Text)
		a.Provenance.Notes = append(a.Provenance.Notes, "title: the input has none; taken from the first sentence")
	}
	a.Removed = append(a.Removed, c.Removed...)
	a.Captions = mergeCaptions(a.Captions, c.Captions)
	a.Captions, a.Warnings = dropEmptyCaptions(a.Captions, a.Warnings)
	if a.Language == "" {
		a.Language = Language(a.Text, "")
	}
	return nil
}

// dropEmptyCaptions removes captions with no text (whatever produced them:
// input records may carry captions too) and reports each as a warning.
func dropEmptyCaptions(caps []news.Caption, warnings []string) ([]news.Caption, []string) {
	out := caps[:0]
	for _, c := range caps {
		if strings.TrimSpace(c.Text) == "" {
			if c.Credit != "" {
				warnings = append(warnings, fmt.Sprintf("caption: a gallery item has only a photo credit (%q); not stored as a caption", c.Credit))
			} else {
				warnings = append(warnings, "caption: a gallery item has no caption text; not stored")
			}
			continue
		}
		out = append(out, c)
	}
	return out, warnings
}

func mergeCaptions(a, b []news.Caption) []news.Caption {
	for _, c := range b {
		found := false
		for i := range a {
			if a[i].Text == c.Text {
				a[i].Count += c.Count
				found = true
				break
			}
		}
		if !found {
			a = append(a, c)
		}
	}
	return a
}

// leadTitle makes a title from the first sentence of text, cut at a word
// boundary after at most 120 characters.
func leadTitle(text string) string {
	first := text
	if i := strings.IndexAny(first, "\n"); i >= 0 {
		first = first[:i]
	}
	if i := strings.Index(first, ". "); i >= 0 {
		first = first[:i+1]
	}
	r := []rune(first)
	if len(r) <= 120 {
		return first
	}
	cut := string(r[:120])
	if i := strings.LastIndexByte(cut, ' '); i > 60 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;: ") + "…"
}
