// Package feed reads RSS and Atom feeds (with gofeed): each item becomes an
// article with its link, publication date, title, authors and content.
// Files named *.rss and *.atom are feeds; *.xml files are read as feeds when
// their first element is <rss>, <feed> or <rdf:RDF>, and reported as an
// error otherwise. The package registers the format with [source.Register]
// in its init function.
//
// A feed gives only what its items hold: when an item carries just a
// summary, the article is that summary. The linked page is never fetched.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
)

// MaxFeedBytes is the largest feed file read.
const MaxFeedBytes = 64 << 20

// Errors, testable with errors.Is.
var (
	ErrNotFeed   = errors.New("feed: not an RSS or Atom feed")
	ErrNoContent = errors.New("feed: item has no title, summary or content")
)

func init() {
	source.Register(source.Format{
		Name:  "feed",
		Exts:  []string{".rss", ".atom", ".xml"},
		Sniff: Sniff,
		Read:  Read,
	})
}

// Read reads the items of one feed. A feed that cannot be parsed is one
// error for the whole input; an item without text is an error for that
// item (numbered from 1) and reading goes on.
func Read(ctx context.Context, name string, r io.Reader, emit source.Emit) error {
	b, err := source.ReadAll(r, MaxFeedBytes)
	if err != nil {
		return emit(nil, &source.Error{Path: name, Err: fmt.Errorf("feed: %w", err)})
	}
	items, err := Parse(b)
	if err != nil {
		return emit(nil, &source.Error{Path: name, Err: err})
	}
	for i, it := range items {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		a, err := it.Article(name, i+1)
		if err != nil {
			err = &source.Error{Path: name, Line: i + 1, Err: err}
		}
		if e := emit(a, err); e != nil {
			return e
		}
	}
	return nil
}

// Item is one feed entry.
type Item struct {
	Title     string
	URL       string
	Published time.Time // zero when the item gives no date
	Authors   []string
	// Body is the item's content, or its summary when it has no content;
	// HTML when IsHTML.
	Body   string
	IsHTML bool
	Outlet string // the feed's title
}

// Parse parses an RSS, Atom or RDF feed.
func Parse(b []byte) ([]Item, error) {
	if !Sniff(b) {
		return nil, ErrNotFeed
	}
	f, err := parse(b)
	if err != nil {
		return nil, fmt.Errorf("feed: %v", err)
	}
	items := make([]Item, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		x := Item{Title: oneLine(it.Title), URL: strings.TrimSpace(it.Link), Outlet: oneLine(f.Title)}
		if x.URL == "" && strings.HasPrefix(it.GUID, "http") {
			x.URL = strings.TrimSpace(it.GUID)
		}
		switch {
		case it.PublishedParsed != nil:
			x.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			x.Published = *it.UpdatedParsed
		}
		for _, p := range it.Authors {
			if p != nil && strings.TrimSpace(p.Name) != "" {
				x.Authors = append(x.Authors, strings.TrimSpace(p.Name))
			}
		}
		x.Body = strings.TrimSpace(it.Content)
		if x.Body == "" {
			x.Body = strings.TrimSpace(it.Description)
		}
		x.IsHTML = looksHTML(x.Body)
		items = append(items, x)
	}
	return items, nil
}

// oneLine collapses the white space of a title, newlines included, to
// single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// parse runs gofeed, turning its panics on hostile input into errors.
func parse(b []byte) (f *gofeed.Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("malformed feed: %v", r)
		}
	}()
	return gofeed.NewParser().Parse(bytes.NewReader(b))
}

// Article turns an item into an article to extract. name and n locate it
// (the feed file and the item's number) in error messages.
func (it Item) Article(name string, n int) (*news.Article, error) {
	if it.Body == "" && it.Title == "" {
		return nil, ErrNoContent
	}
	// One item is one document: the per-document limit holds for it as for
	// a file.
	if len(it.Body)+len(it.Title) > source.MaxDocumentBytes {
		return nil, fmt.Errorf("%w: item of %d MiB, limit %d MiB", source.ErrTooLarge, (len(it.Body)+len(it.Title))>>20, source.MaxDocumentBytes>>20)
	}
	var raw []byte
	format := news.FormatText
	if it.IsHTML {
		format = news.FormatHTML
		raw = []byte(wrapHTML(it.Title, it.Body))
	} else {
		text := it.Body
		if text == "" {
			text = it.Title
		}
		raw = []byte(text)
	}
	clean, warn, err := source.CheckText(raw)
	if err != nil {
		return nil, err
	}
	a := source.NewArticle(raw, format, news.Source{Path: name, Line: n, URL: it.URL, Outlet: it.Outlet})
	a.Raw = clean
	if warn != "" {
		a.Warnings = append(a.Warnings, warn)
	}
	a.Title = it.Title
	a.Byline = it.Authors
	if !it.Published.IsZero() {
		a.Published = it.Published.Format("2006-01-02")
	}
	if it.Body == "" {
		a.Warnings = append(a.Warnings, "feed item has a title only; the article is its title")
	}
	return a, nil
}

// wrapHTML makes an HTML page of an item's content fragment, so that
// extraction sees a document with the item's title.
func wrapHTML(title, body string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
	b.WriteString(escape(title))
	b.WriteString("</title></head><body><article>")
	b.WriteString(body)
	b.WriteString("</article></body></html>")
	return b.String()
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// looksHTML reports whether item content holds markup.
func looksHTML(s string) bool {
	i := strings.IndexByte(s, '<')
	for i >= 0 && i+1 < len(s) {
		c := s[i+1]
		if c == '/' || c == '!' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
		j := strings.IndexByte(s[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// Sniff reports whether head starts an RSS, Atom or RDF feed: its first
// element, after any XML declaration, comments and doctype, is <rss>,
// <feed> or <rdf:RDF>.
func Sniff(head []byte) bool {
	h := bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	for {
		h = bytes.TrimLeft(h, " \t\r\n")
		switch {
		case bytes.HasPrefix(h, []byte("<?")):
			i := bytes.Index(h, []byte("?>"))
			if i < 0 {
				return false
			}
			h = h[i+2:]
		case bytes.HasPrefix(h, []byte("<!--")):
			i := bytes.Index(h, []byte("-->"))
			if i < 0 {
				return false
			}
			h = h[i+3:]
		case bytes.HasPrefix(h, []byte("<!")):
			i := bytes.IndexByte(h, '>')
			if i < 0 {
				return false
			}
			h = h[i+1:]
		default:
			for _, root := range []string{"<rss", "<feed", "<rdf:RDF", "<RDF"} {
				if bytes.HasPrefix(h, []byte(root)) && len(h) > len(root) && (h[len(root)] == ' ' || h[len(root)] == '>' || h[len(root)] == '\n' || h[len(root)] == '\r' || h[len(root)] == '\t') {
					return true
				}
			}
			return false
		}
	}
}
