package source

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrNestedGzip is the error for a gzip file inside a gzip file.
var ErrNestedGzip = errors.New("source: gzip inside gzip")

func init() {
	// Web archives (.warc.gz) register their own, longer extension, and
	// their sniffer runs first.
	Register(Format{Name: "gzip", Exts: []string{".gz", ".gzip"}, Sniff: sniffGzip, Read: readGzip})
}

func sniffGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

// readGzip reads a gzip-compressed input (page.html.gz, notes.txt.gz,
// items.jsonl.gz) as the format its name without ".gz" has, or by
// sniffing. Each format's own limit applies to what comes out, so a small
// file that inflates to gigabytes is stopped at that limit.
func readGzip(ctx context.Context, name string, r io.Reader, emit Emit) error {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return emit(nil, &Error{Path: name, Err: fmt.Errorf("gzip: %w", err)})
	}
	defer zr.Close()
	br := bufio.NewReader(&gzipErrReader{r: zr})
	if head, _ := br.Peek(2); sniffGzip(head) {
		return emit(nil, &Error{Path: name, Err: ErrNestedGzip})
	}
	inner := name
	for _, ext := range []string{".gz", ".gzip"} {
		if strings.HasSuffix(strings.ToLower(inner), ext) {
			inner = inner[:len(inner)-len(ext)]
			break
		}
	}
	if f, ok := byExt(inner); ok && f.Name != "gzip" {
		return f.Read(ctx, name, br, emit)
	}
	return readUnknown(ctx, name, br, emit)
}

// gzipErrReader names gzip errors (a truncated or corrupt stream) as such.
type gzipErrReader struct {
	r io.Reader
}

func (g *gzipErrReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("gzip: %w", err)
	}
	return n, err
}
