package warc

import (
	"bytes"
	"compress/gzip"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/testenv"
)

// lie rewrites the Content-Length of the first record whose length is n.
func lie(data []byte, n, to int) []byte {
	return bytes.Replace(data, []byte("Content-Length: "+strconv.Itoa(n)+"\r\n\r\n"), []byte("Content-Length: "+strconv.Itoa(to)+"\r\n\r\n"), 1)
}

func TestLyingContentLength(t *testing.T) {
	const ct = "application/http; msgtype=response"
	a, b, c := httpResponse(200, "text/html", page(1)), httpResponse(200, "text/html", page(22)), httpResponse(200, "text/html", page(3))
	recs := []record{
		{Type: "response", URI: "https://a.example/1", ContentType: ct, Block: a},
		{Type: "response", URI: "https://a.example/2", ContentType: ct, Block: b},
		{Type: "response", URI: "https://a.example/3", ContentType: ct, Block: c},
	}
	for _, tc := range []struct {
		name string
		to   int // the second record's Content-Length
	}{
		{"too small", len(b) / 2},
		{"one short", len(b) - 1},
		{"much too small", 10},
	} {
		for _, gz := range []bool{false, true} {
			t.Run(tc.name+map[bool]string{false: "", true: " gzip"}[gz], func(t *testing.T) {
				data := writeWARC(t, recs, false)
				data = lie(data, len(b), tc.to)
				if gz {
					var z bytes.Buffer
					zw := gzip.NewWriter(&z)
					zw.Write(data)
					zw.Close()
					data = z.Bytes()
				}
				arts, errs := readWARC(t, "lying.warc", data)
				var urls []string
				for _, a := range arts {
					urls = append(urls, a.Source.URL)
				}
				// The cut record is reported and skipped, never stored in
				// part; the records after it are read.
				if strings.Join(urls, " ") != "https://a.example/1 https://a.example/3" {
					t.Errorf("articles %q; want records 1 and 3", urls)
				}
				if len(errs) != 1 || !errors.Is(errs[0], ErrLength) || !strings.Contains(errs[0].Error(), "lying.warc:2:") {
					t.Errorf("errors %v; want one ErrLength naming lying.warc:2", errs)
				}
			})
		}
	}
}

// TestInflationBomb: a small gzipped archive that inflates to gigabytes
// of blank lines stops at a bound, with an error naming the file.
func TestInflationBomb(t *testing.T) {
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestSpeed)
	zw.Write(writeWARC(t, []record{{Type: "response", URI: "https://a.example/1", ContentType: "application/http; msgtype=response", Block: httpResponse(200, "text/html", page(1))}}, false))
	blank := bytes.Repeat([]byte("\r\n"), 1<<20)
	for range 1 << 5 { // 64 MiB (the reader stops at MaxGapBytes)
		zw.Write(blank)
	}
	zw.Close()
	if z.Len() > 2<<20 {
		t.Fatalf("bomb is %d bytes", z.Len())
	}
	arts, errs := readWARC(t, "bomb.warc.gz", z.Bytes())
	if len(arts) != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrFormat) && !errors.Is(errs[0], ErrBomb) {
		t.Errorf("got %d articles and errors %v; want the page and one error", len(arts), errs)
	}

	// Records of a compressible payload, each under the record limit:
	// stopped by the inflation ratio.
	testenv.Long(t, "compresses 120 MiB")
	z.Reset()
	zw, _ = gzip.NewWriterLevel(&z, gzip.BestSpeed)
	body := "<html><body><p>" + strings.Repeat(" ", source20MiB-100) + "</p></body></html>"
	for i := range 6 {
		zw.Write(writeWARC(t, []record{{Type: "response", URI: "https://a.example/" + strconv.Itoa(i), ContentType: "application/http; msgtype=response", Block: httpResponse(200, "text/html", body)}}, false))
	}
	zw.Close()
	_, errs = readWARC(t, "bomb2.warc.gz", z.Bytes())
	if len(errs) == 0 || !errors.Is(errs[len(errs)-1], ErrBomb) {
		t.Errorf("errors %v; want the last to be ErrBomb", errs)
	}
}

const source20MiB = 20 << 20
