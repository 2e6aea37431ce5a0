package warc

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/source/warc/warctest"
)

type record = warctest.Record

var (
	httpResponse = warctest.HTTPResponse
	page         = warctest.Page
)

func writeWARC(t testing.TB, recs []record, gz bool) []byte { return warctest.Archive(recs, gz) }

func newsArchive(t testing.TB, records int) ([]byte, int) { return warctest.News(records) }

func readWARC(t testing.TB, name string, data []byte) (arts []*news.Article, errs []error) {
	t.Helper()
	err := Read(context.Background(), name, bytes.NewReader(data), func(a *news.Article, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return arts, errs
}

func TestReadThousandRecords(t *testing.T) {
	data, pages := newsArchive(t, 1000)
	arts, errs := readWARC(t, "cc-news.warc.gz", data)
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	if len(arts) != pages {
		t.Fatalf("got %d articles, want %d", len(arts), pages)
	}
	for _, a := range arts {
		if !strings.HasPrefix(a.Source.URL, "https://news.example.org/story/") || a.Source.Fetched.IsZero() || a.Format != news.FormatHTML {
			t.Fatalf("article without URL, fetch time or format: %+v", a.Source)
		}
		n := strings.TrimPrefix(a.Source.URL, "https://news.example.org/story/")
		if !bytes.Contains(a.Raw, []byte("story number "+n+",")) {
			t.Fatalf("article %s holds another page", a.Source.URL)
		}
		if want := time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC); !a.Source.Fetched.After(want) {
			t.Fatalf("fetch time %v not from WARC-Date", a.Source.Fetched)
		}
	}
}

func TestReadPlainWARC(t *testing.T) {
	data := writeWARC(t, []record{{Type: "response", URI: "<https://a.example/x>", ContentType: "application/http;msgtype=response", Date: time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC), Block: httpResponse(200, "text/html", page(1))}}, false)
	arts, errs := readWARC(t, "a.warc", data)
	if len(errs) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	if a := arts[0]; a.Source.URL != "https://a.example/x" || a.Source.Fetched != time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC) || a.Source.Line != 1 {
		t.Errorf("source = %+v", a.Source)
	}
}

// TestTruncatedGzip cuts an archive inside its seventh record: the six
// before it are read, then one error names the file and the record.
func TestTruncatedGzip(t *testing.T) {
	var recs []record
	for i := 1; i <= 10; i++ {
		recs = append(recs, record{Type: "response", URI: fmt.Sprintf("https://a.example/%d", i), ContentType: "application/http; msgtype=response", Date: time.Now(), Block: httpResponse(200, "text/html", page(i))})
	}
	full := writeWARC(t, recs, true)
	six := len(writeWARC(t, recs[:6], true))
	seven := len(writeWARC(t, recs[:7], true))
	data := full[:six+(seven-six)/2]
	arts, errs := readWARC(t, "cut.warc.gz", data)
	if len(arts) != 6 {
		t.Errorf("got %d articles, want the 6 before the cut", len(arts))
	}
	if len(errs) != 1 {
		t.Fatalf("got errors %v, want one", errs)
	}
	var se *source.Error
	if !errors.As(errs[0], &se) || se.Path != "cut.warc.gz" || se.Line != 7 || !errors.Is(errs[0], ErrFormat) {
		t.Errorf("error %v: want a *source.Error for cut.warc.gz record 7 wrapping ErrFormat", errs[0])
	}
	if !strings.Contains(errs[0].Error(), "truncated") {
		t.Errorf("error %q does not say the file is truncated", errs[0])
	}
}

func TestRecordErrors(t *testing.T) {
	big := httpResponse(200, "text/html", "<html><body><p>"+strings.Repeat("x", MaxRecordBytes)+"</p></body></html>")
	good := httpResponse(200, "text/html", page(2))
	for _, tc := range []struct {
		name     string
		data     []byte
		articles int
		err      error
	}{
		{"not warc", []byte("hello\r\n\r\n"), 0, ErrFormat},
		{"bad length", []byte("WARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n"), 0, ErrFormat},
		{"no colon", []byte("WARC/1.0\r\nWARC-Type response\r\n\r\n"), 0, ErrFormat},
		{"too large then good", writeWARC(t, []record{
			{Type: "response", URI: "https://a.example/big", ContentType: "application/http; msgtype=response", Block: big},
			{Type: "response", URI: "https://a.example/ok", ContentType: "application/http; msgtype=response", Block: good},
		}, true), 1, ErrTooLarge},
		{"broken http", writeWARC(t, []record{{Type: "response", URI: "https://a.example/", ContentType: "application/http; msgtype=response", Block: []byte("garbage")}}, true), 0, ErrFormat},
		{"empty page", writeWARC(t, []record{{Type: "response", URI: "https://a.example/", ContentType: "application/http; msgtype=response", Block: httpResponse(200, "text/html", "  ")}}, true), 0, source.ErrEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arts, errs := readWARC(t, "x.warc", tc.data)
			if len(arts) != tc.articles || len(errs) != 1 || !errors.Is(errs[0], tc.err) {
				t.Errorf("got %d articles and errors %v; want %d and one %v", len(arts), errs, tc.articles, tc.err)
			}
		})
	}
}

func TestGzipPayloadAndCharset(t *testing.T) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	io.WriteString(zw, "<html><head><title>Caf\xe9</title></head><body><p>Le caf\xe9 a rouvert.</p></body></html>")
	zw.Close()
	block := []byte(fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n", z.Len()))
	block = append(block, z.Bytes()...)
	arts, errs := readWARC(t, "x.warc.gz", writeWARC(t, []record{{Type: "response", URI: "https://a.example/", ContentType: "application/http; msgtype=response", Block: block}}, true))
	if len(errs) != 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	if !bytes.Contains(arts[0].Raw, []byte("Le café a rouvert")) {
		t.Errorf("payload not decoded: %q", arts[0].Raw)
	}
}

func TestSniff(t *testing.T) {
	gz := writeWARC(t, []record{{Type: "warcinfo", ContentType: "application/warc-fields"}}, true)
	for _, tc := range []struct {
		name string
		head []byte
		want bool
	}{
		{"plain", []byte("WARC/1.1\r\nWARC-Type: warcinfo\r\n"), true},
		{"gzip", gz, true},
		{"gzip of something else", func() []byte {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write([]byte("<html>"))
			zw.Close()
			return b.Bytes()
		}(), false},
		{"html", []byte("<html>"), false},
	} {
		if got := Sniff(tc.head); got != tc.want {
			t.Errorf("%s: Sniff = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// FuzzReader checks that no archive, however damaged, makes the reader
// panic or loop, and that every record it returns is whole.
func FuzzReader(f *testing.F) {
	data, _ := newsArchive(f, 6)
	f.Add(data)
	plain := writeWARC(f, []record{{Type: "response", URI: "https://a.example/", ContentType: "application/http; msgtype=response", Block: httpResponse(200, "text/html", page(1))}}, false)
	f.Add(plain)
	f.Add([]byte("WARC/1.0\r\nContent-Length: 3\r\n\r\nabc\r\n\r\nWARC/1.0\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for i := 0; i <= len(data); i++ {
			rec, err := r.Next()
			if err != nil {
				if err != io.EOF && !errors.Is(err, ErrFormat) && !errors.Is(err, ErrTooLarge) && !strings.HasPrefix(err.Error(), "warc: ") {
					t.Fatalf("error without package prefix: %v", err)
				}
				return
			}
			if n, _ := strconv.ParseInt(rec.Header.Get("Content-Length"), 10, 64); n != int64(len(rec.Block)) {
				t.Fatalf("block of %d bytes, Content-Length %q", len(rec.Block), rec.Header.Get("Content-Length"))
			}
			rec.Article("fuzz.warc", i+1)
		}
		t.Fatal("reader did not stop")
	})
}
