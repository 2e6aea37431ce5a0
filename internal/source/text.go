package source

import (
	"bytes"
	"context"
	"io"

	"github.com/newsgraph/newsgraph/internal/news"
)

func init() {
	Register(Format{Name: "text", Exts: []string{".txt", ".text"}, Read: ReadText})
	Register(Format{Name: "html", Exts: []string{".html", ".htm", ".xhtml"}, Sniff: sniffHTML, Read: ReadHTML})
}

// ReadText reads one plain-text article.
func ReadText(ctx context.Context, name string, r io.Reader, emit Emit) error {
	return readOne(name, r, news.FormatText, emit)
}

// ReadHTML reads one HTML page; the extract stage turns it into text.
func ReadHTML(ctx context.Context, name string, r io.Reader, emit Emit) error {
	return readOne(name, r, news.FormatHTML, emit)
}

func readOne(name string, r io.Reader, format news.Format, emit Emit) error {
	b, err := ReadAll(r, MaxDocumentBytes)
	if err != nil {
		return emit(nil, &Error{Path: name, Err: err})
	}
	raw := b
	if format == news.FormatHTML {
		b = DecodeHTML(b, "text/html")
	}
	b, warn, err := CheckText(b)
	if err != nil {
		return emit(nil, &Error{Path: name, Err: err})
	}
	a := NewArticle(raw, format, news.Source{Path: name})
	a.Raw = b
	if warn != "" {
		a.Warnings = append(a.Warnings, warn)
	}
	return emit(a, nil)
}

func sniffHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(head, " \t\r\n\ufeff"))
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html")) ||
		bytes.Contains(h, []byte("<body")) || bytes.Contains(h, []byte("<head"))
}
