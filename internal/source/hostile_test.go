package source

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/newsgraph/newsgraph/internal/news"
)

func gz(b []byte) []byte {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(b)
	zw.Close()
	return z.Bytes()
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	u := utf16.Encode([]rune(s))
	if bom {
		u = append([]uint16{0xfeff}, u...)
	}
	out := make([]byte, 0, 2*len(u))
	for _, c := range u {
		if bigEndian {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

// walkTimeout is walk with a deadline: a reader that blocks fails the
// test instead of hanging it.
func walkTimeout(t *testing.T, paths ...string) got {
	t.Helper()
	done := make(chan got, 1)
	go func() { done <- walk(t, paths...) }()
	select {
	case g := <-done:
		return g
	case <-time.After(20 * time.Second):
		t.Fatal("Walk blocked")
		return got{}
	}
}

func byPath(g got) map[string]*news.Article {
	m := map[string]*news.Article{}
	for _, a := range g.articles {
		m[filepath.Base(a.Source.Path)] = a
	}
	return m
}

// TestHostileFiles puts hostile files beside good ones in one folder: each
// bad one gets an error naming it, and every good article is read.
func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	const story = "The council met on Monday and agreed the budget for the coming year."
	write(t, dir, "a-good.txt", []byte(story))
	if err := syscall.Mkfifo(filepath.Join(dir, "b-pipe.txt"), 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "c-utf16le-bom.html", utf16Bytes("<html><body><p>"+story+" Café.</p></body></html>", false, true))
	write(t, dir, "c-utf16be-bom.txt", utf16Bytes(story+" Café.", true, true))
	write(t, dir, "c-utf16le.txt", utf16Bytes(story+" Café.", false, false))
	write(t, dir, "d-page.html.gz", gz([]byte("<html><body><p>"+story+"</p></body></html>")))
	write(t, dir, "d-notes.txt.gz", gz([]byte(story)))
	write(t, dir, "d-nested.txt.gz", gz(gz([]byte(story))))
	write(t, dir, "d-bomb.txt.gz", gz(bytes.Repeat([]byte("a "), 11<<20))) // 22 MiB inflated, over the 20 MiB limit
	write(t, dir, "e-latin1.html", []byte("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Caf\xe9 owners in Z\xfcrich protest.</p></body></html>"))
	late := append(bytes.Repeat([]byte("The council met. "), 1000), 0)
	write(t, dir, "f-late-nul.txt", append(late, []byte(" The end.")...))
	write(t, dir, "f-early-nul.txt", []byte("MZ\x00\x00binary"))
	if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), filepath.Join(dir, "g-dangling.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "h-loop.txt"), filepath.Join(dir, "h-loop.txt")); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "z-good.txt", []byte(story+" Again."))

	g := walkTimeout(t, dir)
	arts := byPath(g)
	for _, name := range []string{"a-good.txt", "z-good.txt", "d-notes.txt.gz"} {
		if a := arts[name]; a == nil || !strings.HasPrefix(string(a.Raw), story) {
			t.Errorf("%s: not read whole", name)
		}
	}
	for _, name := range []string{"c-utf16le-bom.html", "c-utf16be-bom.txt", "c-utf16le.txt"} {
		if a := arts[name]; a == nil || !strings.Contains(string(a.Raw), story+" Café.") || bytes.Contains(a.Raw, []byte{0}) {
			t.Errorf("%s: UTF-16 not decoded: %+v", name, a)
		}
	}
	if a := arts["d-page.html.gz"]; a == nil || a.Format != news.FormatHTML || !strings.Contains(string(a.Raw), story) {
		t.Errorf("d-page.html.gz: not read as HTML: %+v", a)
	}
	if a := arts["e-latin1.html"]; a == nil || !strings.Contains(string(a.Raw), "Café owners in Zürich") {
		t.Errorf("e-latin1.html: charset not decoded: %+v", a)
	}
	if a := arts["f-late-nul.txt"]; a == nil || bytes.IndexByte(a.Raw, 0) >= 0 || !strings.Contains(strings.Join(a.Warnings, " "), "NUL") {
		t.Errorf("f-late-nul.txt: NUL kept or not warned: %+v", a)
	}
	wantErr := map[string]error{
		"b-pipe.txt":      ErrNotRegular,
		"d-nested.txt.gz": ErrNestedGzip,
		"d-bomb.txt.gz":   ErrTooLarge,
		"f-early-nul.txt": ErrBinary,
		"g-dangling.txt":  os.ErrNotExist,
		"h-loop.txt":      nil, // a loop: any error naming it
	}
	for name, want := range wantErr {
		found := false
		for _, err := range g.errs {
			var e *Error
			if errors.As(err, &e) && filepath.Base(e.Path) == name {
				found = true
				if want != nil && !errors.Is(err, want) {
					t.Errorf("%s: error %v; want %v", name, err, want)
				}
			}
		}
		if !found {
			t.Errorf("%s: no error naming it (errors: %v)", name, g.errs)
		}
	}
	if len(g.errs) != len(wantErr) {
		t.Errorf("%d errors, want %d: %v", len(g.errs), len(wantErr), g.errs)
	}
}

// TestUnreadableFile: a file that cannot be opened, or fails when read,
// is an error naming it, and the next file is read.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "secret.txt")
	if os.Geteuid() == 0 {
		// root opens any file; /proc/self/mem opens but fails to read
		// at offset 0.
		if err := os.Symlink("/proc/self/mem", p); err != nil {
			t.Fatal(err)
		}
	} else {
		write(t, dir, "secret.txt", []byte("The council met on Monday."))
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
	}
	write(t, dir, "zz.txt", []byte("The council met on Tuesday."))
	g := walkTimeout(t, dir)
	if len(g.articles) != 1 || len(g.errs) != 1 || !strings.Contains(g.errs[0].Error(), "secret.txt") {
		t.Errorf("got %d articles, errors %v", len(g.articles), g.errs)
	}
}

// TestSymlinkedFolderArgument: a link to a folder, given as the argument,
// reads the folder, under the name given.
func TestSymlinkedFolderArgument(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "real/a.txt", []byte("The council met on Monday."))
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "real"), link); err != nil {
		t.Fatal(err)
	}
	g := walk(t, link)
	if len(g.articles) != 1 || len(g.errs) != 0 || g.articles[0].Source.Path != filepath.Join(link, "a.txt") {
		t.Errorf("got %+v", g)
	}
}

func TestWalkStopsOnCancel(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a.txt", []byte("The council met on Monday."))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Walk(ctx, []string{dir}, Options{}, func(*news.Article, error) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Walk after cancel = %v", err)
	}
}

// FuzzGzip reads any bytes as a .gz input: never a hang, a panic, or an
// article with neither text nor error.
func FuzzGzip(f *testing.F) {
	f.Add(gz([]byte("The council met on Monday.")), "a.txt.gz")
	f.Add(gz([]byte("<html><body><p>The council met.</p></body></html>")), "a.html.gz")
	f.Add(gz(gz([]byte("x"))), "b.gz")
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}, "c.jsonl.gz")
	f.Fuzz(func(t *testing.T, b []byte, name string) {
		_ = readGzip(context.Background(), name, bytes.NewReader(b), func(a *news.Article, err error) error {
			if a == nil && err == nil {
				t.Fatal("emit with neither article nor error")
			}
			return nil
		})
	})
}

// FuzzParseDate: any date string is a YYYY-MM-DD date or an error.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2022-05-21", "2022-05-21T10:00:00Z", "May 21, 2022", "21 May 2022", "Sat, 21 May 2022 10:00:00 +0000", "2022-13-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if _, perr := time.Parse("2006-01-02", d); perr != nil {
			t.Fatalf("ParseDate(%q) = %q, not a date", s, d)
		}
	})
}

// TestDecodeUTF16Heuristic: text that merely has some NULs is not taken
// for UTF-16.
func TestDecodeUTF16Heuristic(t *testing.T) {
	if _, ok := decodeUTF16([]byte("plain ASCII text with no NULs at all")); ok {
		t.Error("ASCII taken for UTF-16")
	}
	if out, ok := decodeUTF16(utf16Bytes("Hello, world", false, false)); !ok || string(out) != "Hello, world" {
		t.Errorf("UTF-16LE without BOM: %q, %v", out, ok)
	}
	if out, ok := decodeUTF16(utf16Bytes("Hello, world", true, false)); !ok || string(out) != "Hello, world" {
		t.Errorf("UTF-16BE without BOM: %q, %v", out, ok)
	}
}
