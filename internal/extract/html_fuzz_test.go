package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzHTML checks that no page, however broken, makes extraction panic or
// fail with anything but its documented errors, and that what it returns
// keeps the paragraph layout the cleaning stage relies on.
func FuzzHTML(f *testing.F) {
	pages, _ := filepath.Glob("testdata/html/*.html")
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "<", "<html>", "<p>x</p>", "<html><body><p>" + strings.Repeat("word ", 100) + "</p></body></html>",
		"<figure><figcaption>(AP Photo/X)</figcaption></figure><p>text</p>",
		"<html lang=\"xx-\xff\"><body><article><p>\x00\xfe</p></article></body></html>",
		"<table><tr><td><p>a<br>b</td></tr></table>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := HTML(raw, "https://example.org/a")
		if err != nil {
			if !errors.Is(err, ErrNotHTML) && !errors.Is(err, ErrNoContent) && !errors.Is(err, ErrTooLarge) {
				t.Fatalf("undocumented error: %v", err)
			}
			if strings.Contains(err.Error(), "extractor failed") {
				t.Fatalf("extraction panicked: %v", err)
			}
			return
		}
		if d.Text == "" {
			t.Fatal("no error but empty text")
		}
		if !utf8.ValidString(d.Text) {
			t.Fatal("text is not valid UTF-8")
		}
		if strings.Contains(d.Text, "\n\n\n") || strings.HasPrefix(d.Text, "\n") || strings.HasSuffix(d.Text, "\n") {
			t.Fatalf("bad paragraph layout: %q", d.Text)
		}
	})
}
