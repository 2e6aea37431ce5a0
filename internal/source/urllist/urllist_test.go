package urllist

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/source/warc/warctest"
)

func archive(t *testing.T, dir, name string, ids ...int) {
	t.Helper()
	var recs []warctest.Record
	for _, i := range ids {
		recs = append(recs, warctest.Record{Type: "response", URI: fmt.Sprintf("https://news.example.org/story/%d", i),
			ContentType: "application/http; msgtype=response", Date: time.Date(2024, 1, i, 0, 0, 0, 0, time.UTC),
			Block: warctest.HTTPResponse(200, "text/html", warctest.Page(i))})
	}
	if err := os.WriteFile(filepath.Join(dir, name), warctest.Archive(recs, true), 0o644); err != nil {
		t.Fatal(err)
	}
}

type got struct {
	url  string
	line int
	err  string
}

func read(t *testing.T, path string) []got {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []got
	err = Read(context.Background(), path, f, func(a *news.Article, err error) error {
		if err != nil {
			var se *source.Error
			errors.As(err, &se)
			out = append(out, got{line: se.Line, err: err.Error()})
			return nil
		}
		if !strings.Contains(string(a.Raw), "story number ") || a.Source.Fetched.IsZero() {
			t.Errorf("article %s lacks its page or fetch time", a.Source.URL)
		}
		out = append(out, got{url: a.Source.URL})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReadBesideArchives(t *testing.T) {
	dir := t.TempDir()
	archive(t, dir, "a.warc.gz", 1, 2)
	archive(t, dir, "b.warc.gz", 3)
	list := "# pages to annotate\nhttps://news.example.org/story/3#comments\n\nHTTPS://NEWS.example.org/story/1\nhttps://news.example.org/story/9\nnot a url\n"
	path := filepath.Join(dir, "pages.urls")
	os.WriteFile(path, []byte(list), 0o644)
	res := read(t, path)
	if len(res) != 4 {
		t.Fatalf("got %+v", res)
	}
	if res[0].url != "https://news.example.org/story/3" || res[1].url != "https://news.example.org/story/1" {
		t.Errorf("archived pages: %+v", res[:2])
	}
	if res[2].line != 5 || !strings.Contains(res[2].err, "not in the archive") {
		t.Errorf("missing page: %+v", res[2])
	}
	if res[3].line != 6 || !strings.Contains(res[3].err, "not an http(s) URL") {
		t.Errorf("bad line: %+v", res[3])
	}
}

func TestReadNamedArchive(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "crawl"), 0o755)
	archive(t, filepath.Join(dir, "crawl"), "x.warc.gz", 4)
	path := filepath.Join(dir, "list.urls")
	os.WriteFile(path, []byte("# archive: crawl/x.warc.gz\nhttps://news.example.org/story/4\n"), 0o644)
	if res := read(t, path); len(res) != 1 || res[0].url != "https://news.example.org/story/4" {
		t.Errorf("got %+v", res)
	}
}

func TestReadNoArchive(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.urls")
	os.WriteFile(path, []byte("https://news.example.org/story/4\n"), 0o644)
	if res := read(t, path); len(res) != 1 || !strings.Contains(res[0].err, "no WARC archive") {
		t.Errorf("got %+v", res)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("# archive: a.warc.gz\nhttps://a.example/x\n\nbad\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, _ := Parse(b)
		for _, e := range entries {
			if e.err == nil && !strings.HasPrefix(e.url, "http") {
				t.Fatalf("accepted %q", e.url)
			}
		}
	})
}
