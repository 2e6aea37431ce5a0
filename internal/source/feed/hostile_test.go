package feed

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
)

func readFeed(t *testing.T, data []byte) (arts []*news.Article, errs []error) {
	t.Helper()
	err := Read(context.Background(), "hostile.rss", bytes.NewReader(data), func(a *news.Article, err error) error {
		if err != nil {
			errs = append(errs, err)
		} else {
			arts = append(arts, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return arts, errs
}

func rss(items ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Example
  News</title>`)
	for _, it := range items {
		b.WriteString(it)
	}
	b.WriteString(`</channel></rss>`)
	return []byte(b.String())
}

// TestItemCap: a feed item over the per-document limit is an error for
// that item; the items beside it are read.
func TestItemCap(t *testing.T) {
	big := strings.Repeat("word ", (source.MaxDocumentBytes+5<<20)/5)
	arts, errs := readFeed(t, rss(
		`<item><title>First</title><description>The council met on Monday.</description></item>`,
		`<item><title>Huge</title><description>`+big+`</description></item>`,
		`<item><title>Third</title><description>The mayor spoke on Tuesday.</description></item>`))
	if len(arts) != 2 || len(errs) != 1 || !errors.Is(errs[0], source.ErrTooLarge) || !strings.Contains(errs[0].Error(), "hostile.rss:2") {
		t.Errorf("got %d articles, errors %v; want 2 and one ErrTooLarge for item 2", len(arts), errs)
	}
}

// TestTitleNewlines: titles and the outlet lose raw newlines.
func TestTitleNewlines(t *testing.T) {
	arts, errs := readFeed(t, rss("<item><title>Council\n   agrees\r\nbudget</title><description>The council met on Monday.</description></item>"))
	if len(errs) != 0 || len(arts) != 1 || arts[0].Title != "Council agrees budget" || arts[0].Source.Outlet != "Example News" {
		t.Errorf("got %+v, %v", arts, errs)
	}
}

// TestEntityExpansion: a feed that declares nested entities ("billion
// laughs") is not expanded: it fails or yields small items, quickly.
func TestEntityExpansion(t *testing.T) {
	var d strings.Builder
	d.WriteString(`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">`)
	for i := 1; i < 10; i++ {
		d.WriteString(`<!ENTITY l` + string(rune('0'+i)) + ` "&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;&l` + string(rune('0'+i-1)) + `;">`)
	}
	d.WriteString(`]><rss version="2.0"><channel><title>T</title><item><title>Lol</title><description>&l9;</description></item></channel></rss>`)
	arts, _ := readFeed(t, []byte(d.String()))
	for _, a := range arts {
		if len(a.Raw) > 1<<16 {
			t.Errorf("entity expanded to %d bytes", len(a.Raw))
		}
	}
}
