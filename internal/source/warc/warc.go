// Package warc reads web archives (WARC 1.0 and 1.1, as written by
// Common Crawl's CC-NEWS and by wget and Heritrix), plain or gzip-compressed
// record by record. Each HTTP response record whose payload is an HTML page
// becomes an article with the record's target URI and WARC-Date as its URL
// and fetch time; requests, metadata and non-HTML responses are skipped.
// The package registers the format with [source.Register] in its init
// function.
//
// A damaged archive (a truncated gzip member, a broken header) yields every
// record read before the damage and then one error naming the file and the
// record number; the run goes on with the next input.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html/charset"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
)

// Limits on one record.
const (
	MaxHeaderBytes = 1 << 20                         // WARC or HTTP header block
	MaxRecordBytes = source.MaxDocumentBytes + 1<<20 // record block: page plus HTTP headers
)

// Limits on a whole file.
const (
	// MaxGapBytes is the most blank lines or stray bytes read between two
	// records before giving up on the file.
	MaxGapBytes = MaxRecordBytes
	// MaxInflation is the most a gzipped archive may inflate, as a
	// multiple of its compressed size, past its first 64 MiB: web pages
	// compress about tenfold, decompression bombs a thousandfold.
	MaxInflation = 100
)

// Errors, testable with errors.Is.
var (
	ErrFormat   = errors.New("warc: malformed record")
	ErrTooLarge = errors.New("warc: record too large")
	// ErrLength is a Content-Length that does not end where the record
	// does; the record is skipped and reading goes on with the next.
	ErrLength = errors.New("warc: Content-Length does not match the record")
	// ErrBomb is an archive that inflates far more than web pages do.
	ErrBomb = errors.New("warc: decompression bomb")
)

func init() {
	source.Register(source.Format{
		Name:  "warc",
		Exts:  []string{".warc", ".warc.gz", ".arc.warc.gz", ".warc.gzip"},
		Sniff: Sniff,
		Read:  Read,
	})
}

// Sniff reports whether head starts a WARC file, plain or gzipped.
func Sniff(head []byte) bool {
	if bytes.HasPrefix(head, []byte("WARC/")) {
		return true
	}
	if len(head) < 2 || head[0] != 0x1f || head[1] != 0x8b {
		return false
	}
	zr, err := gzip.NewReader(bytes.NewReader(head))
	if err != nil {
		return false
	}
	b := make([]byte, 5)
	n, _ := io.ReadFull(zr, b)
	return string(b[:n]) == "WARC/"
}

// Record is one WARC record: its header fields and its content block.
type Record struct {
	Version string
	Header  Header
	Block   []byte
}

// Header holds WARC header fields by canonical name.
type Header map[string]string

// Get returns the value of the named field, case-insensitively.
func (h Header) Get(name string) string { return h[strings.ToLower(name)] }

// Reader reads the records of a WARC file one by one.
type Reader struct {
	br *bufio.Reader
	n  int // records read
	// pending is a version line found while skipping stray data: the
	// start of the next record.
	pending string
	// cut is set when the last record was reported as cut short: the
	// stray data after it is its rest, skipped without another error.
	cut bool
	// in and out count compressed and inflated bytes (gzip only).
	in, out *counter
}

type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewReader returns a reader of r, which may be gzip-compressed (one
// member per record, as WARC files usually are, or one for the whole file).
func NewReader(r io.Reader) (*Reader, error) {
	in := &counter{r: r}
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(2)
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("warc: gzip: %w", err)
		}
		out := &counter{r: zr}
		return &Reader{br: bufio.NewReaderSize(out, 64<<10), in: in, out: out}, nil
	}
	return &Reader{br: br}, nil
}

// checkInflation fails when a gzipped archive inflates like a bomb.
func (r *Reader) checkInflation() error {
	if r.out != nil && r.out.n > 64<<20 && r.out.n > MaxInflation*r.in.n {
		return fmt.Errorf("%w: %d KiB inflated to %d MiB by record %d; the rest is not read", ErrBomb, r.in.n>>10, r.out.n>>20, max(r.n, 1))
	}
	return nil
}

// Next returns the next record, or io.EOF after the last one. A record over
// [MaxRecordBytes] is skipped with an error wrapping [ErrTooLarge], after
// which reading can go on; any other error ends the file.
func (r *Reader) Next() (*Record, error) {
	// Records are separated by two CRLFs; tolerate any number of blank
	// lines.
	line := r.pending
	r.pending = ""
	gap := 0
	for line == "" {
		l, err := r.readLine()
		if err == io.EOF && l == "" {
			return nil, io.EOF
		}
		if err != nil {
			return nil, r.fail(err)
		}
		if gap += len(l); gap > MaxGapBytes {
			return nil, fmt.Errorf("%w: over %d MiB of blank lines after record %d; the rest is not read", ErrFormat, MaxGapBytes>>20, r.n)
		}
		if gap%(1<<20) < len(l) {
			if err := r.checkInflation(); err != nil {
				return nil, err
			}
		}
		line = strings.TrimSpace(l)
	}
	if !strings.HasPrefix(line, "WARC/") {
		if r.n == 0 {
			r.n++
			return nil, fmt.Errorf("%w: record %d starts with %q, not a WARC version line", ErrFormat, r.n, clip(line))
		}
		// The previous record's Content-Length was too small: skip to
		// the next record.
		skipped := len(line)
		for {
			l, err := r.readLine()
			if err == io.EOF && l == "" {
				break
			}
			if err != nil {
				return nil, r.fail(err)
			}
			if strings.HasPrefix(l, "WARC/") {
				r.pending = strings.TrimSpace(l)
				break
			}
			if skipped += len(l); skipped > MaxGapBytes {
				return nil, fmt.Errorf("%w: over %d MiB of stray data after record %d; the rest is not read", ErrFormat, MaxGapBytes>>20, r.n)
			}
		}
		if !r.cut {
			return nil, fmt.Errorf("%w: %d bytes of stray data after record %d (is its Content-Length too small?); skipped", ErrLength, skipped, r.n)
		}
		// The rest of a record already reported as cut short.
		r.cut = false
		if r.pending == "" {
			return nil, io.EOF
		}
		line, r.pending = r.pending, ""
	}
	r.cut = false
	r.n++
	rec := &Record{Version: line, Header: Header{}}
	size := 0
	for {
		l, err := r.readLine()
		if err != nil {
			return nil, r.fail(err)
		}
		size += len(l)
		if size > MaxHeaderBytes {
			return nil, fmt.Errorf("%w: record %d: header over %d KiB", ErrFormat, r.n, MaxHeaderBytes>>10)
		}
		l = strings.TrimRight(l, "\r\n")
		if l == "" {
			break
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			if (l[0] == ' ' || l[0] == '\t') && len(rec.Header) > 0 {
				continue // folded continuation line: rare and unused here
			}
			return nil, fmt.Errorf("%w: record %d: header line %q has no colon", ErrFormat, r.n, clip(l))
		}
		rec.Header[strings.ToLower(strings.TrimSpace(name))] = strings.TrimSpace(value)
	}
	cl, err := strconv.ParseInt(rec.Header.Get("Content-Length"), 10, 64)
	if err != nil || cl < 0 {
		return nil, fmt.Errorf("%w: record %d: bad Content-Length %q", ErrFormat, r.n, rec.Header.Get("Content-Length"))
	}
	if cl > MaxRecordBytes {
		if _, err := io.CopyN(io.Discard, r.br, cl); err != nil {
			return nil, r.fail(err)
		}
		return nil, fmt.Errorf("%w: record %d holds %d MiB, limit %d MiB", ErrTooLarge, r.n, cl>>20, MaxRecordBytes>>20)
	}
	rec.Block = make([]byte, cl)
	if _, err := io.ReadFull(r.br, rec.Block); err != nil {
		return nil, r.fail(err)
	}
	if err := r.checkInflation(); err != nil {
		return nil, err
	}
	// A record ends with a blank line. Anything else here means the
	// Content-Length is too small: the record is cut short, so skip it
	// rather than store part of a page.
	if next, _ := r.br.Peek(1); len(next) == 1 && next[0] != '\r' && next[0] != '\n' {
		r.cut = true
		return nil, fmt.Errorf("%w: record %d: Content-Length %d ends inside the record; skipped", ErrLength, r.n, cl)
	}
	return rec, nil
}

// Records returns how many records Next has started reading.
func (r *Reader) Records() int { return r.n }

func (r *Reader) readLine() (string, error) {
	var b []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		b = append(b, chunk...)
		if len(b) > MaxHeaderBytes {
			return "", fmt.Errorf("%w: line over %d KiB", ErrFormat, MaxHeaderBytes>>10)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && len(b) > 0 {
			return string(b), nil
		}
		return string(b), err
	}
}

// fail describes an error reading record r.n: a file that ends inside a
// record is truncated.
func (r *Reader) fail(err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fmt.Errorf("%w: file ends inside record %d (truncated download or gzip member?)", ErrFormat, max(r.n, 1))
	}
	if errors.Is(err, ErrFormat) {
		return err
	}
	return fmt.Errorf("warc: record %d: %w", max(r.n, 1), err)
}

// Read reads every HTML response of one WARC file.
func Read(ctx context.Context, name string, r io.Reader, emit source.Emit) error {
	wr, err := NewReader(r)
	if err != nil {
		return emit(nil, &source.Error{Path: name, Err: err})
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			if e := emit(nil, &source.Error{Path: name, Line: wr.Records(), Err: err}); e != nil {
				return e
			}
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrLength) {
				continue
			}
			return nil
		}
		a, err := rec.Article(name, wr.Records())
		if a == nil && err == nil {
			continue
		}
		if err != nil {
			err = &source.Error{Path: name, Line: wr.Records(), Err: err}
		}
		if e := emit(a, err); e != nil {
			return e
		}
	}
}

// Article returns the article of an HTTP response record with an HTML
// payload; nil and no error for every other record. name and n locate the
// record in error messages and in the article's source.
func (rec *Record) Article(name string, n int) (*news.Article, error) {
	if !strings.EqualFold(rec.Header.Get("WARC-Type"), "response") {
		return nil, nil
	}
	ct := strings.ToLower(rec.Header.Get("Content-Type"))
	if !strings.HasPrefix(ct, "application/http") {
		return nil, nil
	}
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.Block)), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: HTTP response: %v", ErrFormat, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil
	}
	mediaType := strings.ToLower(resp.Header.Get("Content-Type"))
	if !strings.Contains(mediaType, "html") {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, source.MaxDocumentBytes+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("%w: HTTP body: %v", ErrFormat, err)
	}
	if len(body) > source.MaxDocumentBytes {
		return nil, fmt.Errorf("%w (page over %d MiB)", source.ErrTooLarge, source.MaxDocumentBytes>>20)
	}
	body, err = decodeContent(body, resp.Header.Get("Content-Encoding"))
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%w: empty HTML page", source.ErrEmpty)
	}
	body = toUTF8(body, resp.Header.Get("Content-Type"))
	uri := strings.Trim(rec.Header.Get("WARC-Target-URI"), "<>")
	src := news.Source{Path: name, Line: n, URL: uri}
	if t, err := time.Parse(time.RFC3339Nano, rec.Header.Get("WARC-Date")); err == nil {
		src.Fetched = t.UTC()
	}
	return source.NewArticle(body, news.FormatHTML, src), nil
}

// decodeContent undoes a gzip or deflate Content-Encoding when the payload
// is still encoded (crawlers often store it decoded but keep the header).
func decodeContent(body []byte, encoding string) ([]byte, error) {
	if !strings.Contains(strings.ToLower(encoding), "gzip") || len(body) < 2 || body[0] != 0x1f || body[1] != 0x8b {
		return body, nil
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip payload: %v", ErrFormat, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, source.MaxDocumentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%w: gzip payload: %v", ErrFormat, err)
	}
	if len(b) > source.MaxDocumentBytes {
		return nil, fmt.Errorf("%w (page over %d MiB)", source.ErrTooLarge, source.MaxDocumentBytes>>20)
	}
	return b, nil
}

// toUTF8 decodes a page in the charset its Content-Type, byte-order mark or
// <meta> declares; pages that are valid UTF-8 are kept as they are.
func toUTF8(body []byte, contentType string) []byte {
	if utf8.Valid(body) {
		return body
	}
	enc, name, _ := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" || enc == nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return bytes.ToValidUTF8(body, []byte("\uFFFD"))
	}
	return out
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}
