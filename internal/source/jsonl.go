package source

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/news"
)

func init() {
	Register(Format{Name: "jsonl", Exts: []string{".jsonl", ".ndjson"}, Sniff: sniffJSONL, Read: ReadJSONL})
}

// jsonlRecord is one line of a JSON Lines input.
type jsonlRecord struct {
	Text      *string `json:"text"`
	HTML      *string `json:"html"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
	Published string  `json:"published"`
	Outlet    string  `json:"outlet"`
	// Byline names the authors or the agency the article is credited to.
	Byline []string `json:"byline"`
}

// ReadJSONL reads one article per line: {"text"|"html", "title", "url",
// "published", "outlet", "byline"}. A broken line is reported with its number and
// reading goes on.
func ReadJSONL(ctx context.Context, name string, r io.Reader, emit Emit) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for line := 1; ; line++ {
		if line%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		b, err := readLine(br, MaxDocumentBytes)
		if err == io.EOF && len(b) == 0 {
			return nil
		}
		if err != nil && err != io.EOF {
			if errors.Is(err, ErrTooLarge) {
				if e := emit(nil, &Error{Path: name, Line: line, Err: err}); e != nil {
					return e
				}
				continue
			}
			return emit(nil, &Error{Path: name, Line: line, Err: err})
		}
		if len(bytes.TrimSpace(b)) == 0 {
			continue
		}
		a, perr := parseJSONLine(name, line, b)
		if e := emit(a, perr); e != nil {
			return e
		}
		if err == io.EOF {
			return nil
		}
	}
}

// readLine reads one line without its newline, discarding (and failing on)
// lines longer than limit.
func readLine(br *bufio.Reader, limit int) ([]byte, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			buf = append(buf, chunk...)
			if len(buf) > limit {
				tooLong, buf = true, nil
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if tooLong {
			if err == io.EOF {
				return nil, fmt.Errorf("%w (line over %d MiB)", ErrTooLarge, limit>>20)
			}
			return nil, fmt.Errorf("%w (line over %d MiB)", ErrTooLarge, limit>>20)
		}
		return bytes.TrimRight(buf, "\r\n"), err
	}
}

func parseJSONLine(name string, line int, b []byte) (*news.Article, error) {
	var rec jsonlRecord
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, &Error{Path: name, Line: line, Err: fmt.Errorf("invalid JSON: %w", err)}
	}
	var body string
	format := news.FormatText
	switch {
	case rec.Text != nil:
		body = *rec.Text
	case rec.HTML != nil:
		body, format = *rec.HTML, news.FormatHTML
	default:
		return nil, &Error{Path: name, Line: line, Err: errors.New(`record has neither "text" nor "html"`)}
	}
	raw := []byte(body)
	clean, warn, err := CheckText(raw)
	if err != nil {
		return nil, &Error{Path: name, Line: line, Err: err}
	}
	a := NewArticle(b, format, news.Source{Path: name, Line: line, URL: rec.URL, Outlet: rec.Outlet})
	a.Raw = clean
	a.Title = strings.TrimSpace(rec.Title)
	for _, by := range rec.Byline {
		if by = strings.TrimSpace(by); by != "" {
			a.Byline = append(a.Byline, by)
		}
	}
	if rec.Published != "" {
		d, err := ParseDate(rec.Published)
		if err != nil {
			a.Warnings = append(a.Warnings, fmt.Sprintf("line %d: published %q: %v", line, rec.Published, err))
		} else {
			a.Published = d
		}
	}
	if warn != "" {
		a.Warnings = append(a.Warnings, warn)
	}
	return a, nil
}

var dateLayouts = []string{
	time.RFC3339, time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "January 2, 2006", "Jan 2, 2006", "2 January 2006",
}

// ParseDate reads a publication date in a common format and returns it as
// YYYY-MM-DD.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format("2006-01-02"), nil
		}
	}
	return "", errors.New("unrecognised date format")
}

func sniffJSONL(head []byte) bool {
	h := bytes.TrimLeft(head, " \t\r\n\ufeff")
	return len(h) > 0 && h[0] == '{'
}
