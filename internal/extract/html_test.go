package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestHTMLGolden extracts each page under testdata/html (pages written for
// these tests, shaped like real news pages) and compares the result with
// its .golden file. Run with -update to rewrite the golden files.
func TestHTMLGolden(t *testing.T) {
	pages, err := filepath.Glob("testdata/html/*.html")
	if err != nil || len(pages) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	for _, page := range pages {
		name := strings.TrimSuffix(filepath.Base(page), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			d, err := HTML(raw, "https://news.example.org/"+name)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			got, err := json.MarshalIndent(d, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(page, ".html") + ".golden"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from its golden file (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestHTMLInvariants checks what must hold for every test page whatever
// the golden files say: captions, credits and promotions never reach the
// text, and paragraphs are separated by exactly one blank line.
func TestHTMLInvariants(t *testing.T) {
	pages, _ := filepath.Glob("testdata/html/*.html")
	for _, page := range pages {
		raw, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		d, err := HTML(raw, "")
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		for _, c := range d.Captions {
			if strings.Contains(d.Text, c.Text) {
				t.Errorf("%s: caption %q is in the text", page, c.Text)
			}
		}
		for _, r := range d.Removed {
			for _, p := range strings.Split(d.Text, "\n\n") {
				if p == r.Text {
					t.Errorf("%s: removed %s %q is still a paragraph of the text", page, r.Kind, r.Text)
				}
			}
		}
		for _, bad := range []string{"AP Photo", "Getty Images", "READ MORE", "Sign up", "newsletter"} {
			if strings.Contains(d.Text, bad) {
				t.Errorf("%s: text contains %q", page, bad)
			}
		}
		if strings.Contains(d.Text, "\n\n\n") || strings.HasPrefix(d.Text, "\n") || strings.HasSuffix(d.Text, "\n") {
			t.Errorf("%s: paragraphs are not separated by single blank lines", page)
		}
	}
}

func TestHTMLErrors(t *testing.T) {
	big := bytes.Repeat([]byte("<p>word word word word word word word word word.</p>\n"), (MaxHTMLBytes/50)+1)
	long := append([]byte("<html><body><article>"), bytes.Repeat([]byte("<p>This paragraph is one of very many in a page longer than any article.</p>\n"), 4000)...)
	for _, tc := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrNotHTML},
		{"blank", []byte(" \n\t "), ErrNotHTML},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<html>"), ErrNotHTML},
		{"plain text", []byte("Just a sentence of plain text, with no markup at all."), ErrNotHTML},
		{"no body", []byte("<!DOCTYPE html><html><head><title>Nothing here</title><script>var x = 1;</script></head></html>"), ErrNoContent},
		{"empty body", []byte("<html><head><title>T</title></head><body>  <div> </div> </body></html>"), ErrNoContent},
		{"only navigation", []byte("<html><body><nav><a href=/>Home</a></nav></body></html>"), ErrNoContent},
		{"over 20 MiB", big, ErrTooLarge},
		{"too many paragraphs", long, ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := HTML(tc.in, "")
			if !errors.Is(err, tc.want) {
				t.Fatalf("HTML() = %v, %v; want error %v", d, err, tc.want)
			}
			if !strings.HasPrefix(err.Error(), "extract: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestHTMLMetadata(t *testing.T) {
	raw, err := os.ReadFile("testdata/html/wire_story.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := HTML(raw, "https://news.example.org/world/story?utm_source=feed")
	if err != nil {
		t.Fatal(err)
	}
	want := Doc{
		Title:     "Flooding forces thousands from homes along the river",
		Byline:    []string{"Maria Lopez"},
		Published: "2024-03-05",
		SiteName:  "Example News",
		URL:       "https://news.example.org/world/flooding-forces-thousands",
		Language:  "en",
	}
	got := Doc{Title: d.Title, Byline: d.Byline, Published: d.Published, SiteName: d.SiteName, URL: d.URL, Language: d.Language}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("metadata (-want +got):\n%s", diff)
	}
}

// TestHTMLEncoding checks that a page in a legacy encoding is decoded as
// its <meta charset> says.
func TestHTMLEncoding(t *testing.T) {
	body := "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body><article>" +
		strings.Repeat("<p>Le caf\xe9 de la place a rouvert ses portes lundi apr\xe8s trois mois de travaux, au grand plaisir des habitants du quartier.</p>", 4) +
		"</article></body></html>"
	d, err := HTML([]byte(body), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Text, "café de la place") || !strings.Contains(d.Text, "après") {
		t.Errorf("text not decoded from ISO-8859-1: %q", d.Text)
	}
	if d.Language != "fr" {
		t.Errorf("language = %q, want fr", d.Language)
	}
}

func TestCanonicalURL(t *testing.T) {
	for _, tc := range []struct{ canonical, page, want string }{
		{"", "https://a.example/x", "https://a.example/x"},
		{"https://a.example/story", "https://a.example/x?y=1", "https://a.example/story"},
		{"/story", "https://a.example/x", "https://a.example/story"},
		{"/story", "", ""},
		{"javascript:alert(1)", "https://a.example/x", "https://a.example/x"},
	} {
		if got := canonicalURL(tc.canonical, tc.page); got != tc.want {
			t.Errorf("canonicalURL(%q, %q) = %q, want %q", tc.canonical, tc.page, got, tc.want)
		}
	}
}
