package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

type got struct {
	articles []*news.Article
	errs     []error
}

func walk(t *testing.T, paths ...string) got {
	t.Helper()
	var g got
	err := Walk(context.Background(), paths, Options{Stdin: strings.NewReader("stdin article text.")}, func(a *news.Article, err error) error {
		if err != nil {
			g.errs = append(g.errs, err)
			return nil
		}
		g.articles = append(g.articles, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return g
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWalkBadInputs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a/good.txt", []byte("A good article about the council."))
	write(t, dir, "a/binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 3})
	write(t, dir, "a/empty.txt", nil)
	write(t, dir, "a/latin1.txt", []byte("Caf\xe9 owners protest."))
	big := make([]byte, 50<<20)
	for i := range big {
		big[i] = 'a'
	}
	write(t, dir, "b/huge.txt", big)
	write(t, dir, "b/feed.jsonl", []byte(`{"text": "First line article.", "title": "One", "url": "https://example.org/1", "published": "2022-05-21T10:00:00Z", "outlet": "Example"}
{"text": "broken
{"html": "<html><body><p>Second article.</p></body></html>"}
{"title": "no body"}
`))
	write(t, dir, "b/.hidden/x.txt", []byte("hidden"))
	write(t, dir, "b/ignored.bin", []byte("not read"))

	g := walk(t, dir, filepath.Join(dir, "missing.txt"), "-")

	var names []string
	for _, a := range g.articles {
		n := filepath.Base(a.Source.Path)
		if a.Source.Line > 0 {
			n += ":" + string(rune('0'+a.Source.Line))
		}
		names = append(names, n)
	}
	want := []string{"good.txt", "latin1.txt", "feed.jsonl:1", "feed.jsonl:3", "-"}
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("articles = %v, want %v", names, want)
	}
	wantErrs := []struct {
		path string
		line int
		err  error
		text string
	}{
		{"binary.txt", 0, ErrBinary, ""},
		{"empty.txt", 0, ErrEmpty, ""},
		{"feed.jsonl", 2, nil, "invalid JSON"},
		{"feed.jsonl", 4, nil, "neither"},
		{"huge.txt", 0, ErrTooLarge, ""},
		{"missing.txt", 0, os.ErrNotExist, ""},
	}
	if len(g.errs) != len(wantErrs) {
		t.Fatalf("errors = %v, want %d", g.errs, len(wantErrs))
	}
	for i, w := range wantErrs {
		var se *Error
		if !errors.As(g.errs[i], &se) {
			t.Errorf("error %d = %v, not a *source.Error", i, g.errs[i])
			continue
		}
		if filepath.Base(se.Path) != w.path || se.Line != w.line {
			t.Errorf("error %d at %s:%d, want %s:%d", i, se.Path, se.Line, w.path, w.line)
		}
		if w.err != nil && !errors.Is(se, w.err) {
			t.Errorf("error %d = %v, want %v", i, se, w.err)
		}
		if w.text != "" && !strings.Contains(se.Error(), w.text) {
			t.Errorf("error %d = %q, want it to mention %q", i, se, w.text)
		}
		if !strings.Contains(se.Error(), w.path) {
			t.Errorf("error %q does not name the input", se)
		}
	}
	// Metadata from JSON Lines, and the replaced invalid UTF-8.
	for _, a := range g.articles {
		switch filepath.Base(a.Source.Path) {
		case "feed.jsonl":
			if a.Source.Line == 1 && (a.Title != "One" || a.Published != "2022-05-21" || a.Source.URL != "https://example.org/1" || a.Source.Outlet != "Example") {
				t.Errorf("jsonl metadata = %+v", a)
			}
			if a.Source.Line == 3 && a.Format != news.FormatHTML {
				t.Errorf("html record format = %q", a.Format)
			}
		case "latin1.txt":
			if len(a.Warnings) != 1 || !strings.Contains(string(a.Raw), "\uFFFD") {
				t.Errorf("invalid UTF-8: warnings %v raw %q", a.Warnings, a.Raw)
			}
		}
		if len(a.ID) != 64 {
			t.Errorf("ID %q is not a hex SHA-256", a.ID)
		}
	}
}

func TestIDIsContentHash(t *testing.T) {
	if ID([]byte("x")) != ID([]byte("x")) || ID([]byte("x")) == ID([]byte("y")) {
		t.Fatal("ID must be a pure function of the content")
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"text": "a"}` + "\n" + `{"html": "<p>b</p>", "published": "2020-01-02"}`))
	f.Add([]byte("{\n\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = ReadJSONL(context.Background(), "fuzz.jsonl", strings.NewReader(string(b)), func(a *news.Article, err error) error {
			if a == nil && err == nil {
				t.Fatal("emit with neither article nor error")
			}
			return nil
		})
	})
}

func FuzzText(f *testing.F) {
	f.Add([]byte("hello"))
	f.Add([]byte{0xff, 0xfe})
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = ReadText(context.Background(), "fuzz.txt", strings.NewReader(string(b)), func(a *news.Article, err error) error {
			if a != nil && !strings.HasPrefix(a.Source.Path, "fuzz") {
				t.Fatal("lost the input name")
			}
			return nil
		})
	})
}
