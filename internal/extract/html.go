package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// MaxHTMLBytes is the largest page [HTML] accepts; larger pages fail with
// [ErrTooLarge].
const MaxHTMLBytes = 20 << 20

// ErrTooLarge is returned for pages over [MaxHTMLBytes], and for pages
// with more elements or paragraph text than any article has.
var ErrTooLarge = errors.New("extract: page too large")

// Limits on the parsed page.
const (
	maxElements  = 100000
	maxBlockText = 256 << 10
)

// pageSize counts the elements of the page and the bytes of text inside
// paragraph-like elements.
func pageSize(root *html.Node) (elements, text int) {
	var walk func(n *html.Node, inBlock bool)
	walk = func(n *html.Node, inBlock bool) {
		switch n.Type {
		case html.ElementNode:
			elements++
			switch n.Data {
			case "script", "style", "template", "svg", "noscript":
				return
			case "p", "li", "td", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "dd":
				inBlock = true
			}
		case html.TextNode:
			if inBlock {
				text += len(n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inBlock)
		}
	}
	walk(root, false)
	return elements, text
}

// HTML extracts the main text and metadata of an HTML page. pageURL, when
// not empty, is where the page was fetched from; it resolves relative
// canonical links and stands in when the page names none.
//
// Main-content detection is go-trafilatura's (with its readability and
// DOM-distiller fallbacks); newsgraph then renders the content as
// paragraphs separated by blank lines and moves photo captions, credit lines
// and cross-promotions out of the text into Doc.Captions and Doc.Removed.
//
// Errors wrap [ErrNotHTML] when the input is not an HTML page,
// [ErrNoContent] when the page has no main text, and [ErrTooLarge].
func HTML(raw []byte, pageURL string) (doc *Doc, err error) {
	defer func() {
		// The HTML parser and go-trafilatura are not expected to panic, but
		// a page from the web must never bring the run down.
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("%w: extractor failed on this page: %v", ErrNoContent, r)
		}
	}()
	if len(raw) > MaxHTMLBytes {
		return nil, fmt.Errorf("%w: %d MiB, limit %d MiB", ErrTooLarge, len(raw)>>20, MaxHTMLBytes>>20)
	}
	if err := checkHTML(raw); err != nil {
		return nil, err
	}
	root, err := html.Parse(decode(raw))
	if err != nil {
		if strings.Contains(err.Error(), "open stack of elements exceeds") {
			// The parser's own bound on nesting: the page is HTML, too
			// deep to be an article.
			return nil, fmt.Errorf("%w: elements nested more than 512 deep", ErrTooLarge)
		}
		return nil, fmt.Errorf("%w: %v", ErrNotHTML, err)
	}
	if !hasBodyContent(root) {
		return nil, fmt.Errorf("%w: the page has no body text", ErrNoContent)
	}
	if n, text := pageSize(root); n > maxElements || text > maxBlockText {
		// Main-content detection takes time quadratic in the number of
		// paragraphs; no article is this long.
		return nil, fmt.Errorf("%w: %d elements and %d KiB of paragraph text, limits %d and %d KiB", ErrTooLarge, n, text>>10, maxElements, maxBlockText>>10)
	}
	src := scanSource(root)
	keepEmbeddedPosts(root)
	dropHoverCards(root)

	opts := trafilatura.Options{
		EnableFallback:  true,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := nurl.Parse(pageURL); err == nil && pageURL != "" && u.IsAbs() {
		opts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoContent, err)
	}
	d := &Doc{}
	fillMetadata(d, res.Metadata, src, pageURL)
	blocks := render(res.ContentNode)
	blocks = postProcess(d, blocks, src)
	if len(blocks) == 0 {
		return nil, fmt.Errorf("%w: nothing left after removing captions and promotions", ErrNoContent)
	}
	var b strings.Builder
	for i, p := range blocks {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p.text)
		if isHeadingTag(p.tag) {
			d.Headings = append(d.Headings, p.text)
		}
	}
	d.Text = b.String()
	d.Language = Language(d.Text, src.lang)
	return d, nil
}

// checkHTML rejects input that is not an HTML page: empty, binary, or
// text without a single tag.
func checkHTML(raw []byte) error {
	head := raw[:min(len(raw), 8192)]
	if len(bytes.TrimSpace(raw)) == 0 {
		return fmt.Errorf("%w: empty input", ErrNotHTML)
	}
	if bytes.IndexByte(head, 0) >= 0 && !utf16BOM(head) {
		return fmt.Errorf("%w: binary data", ErrNotHTML)
	}
	lower := bytes.ToLower(raw[:min(len(raw), 1<<16)])
	for _, tag := range []string{"<html", "<body", "<head", "<p", "<div", "<article", "<!doctype html", "<title", "<meta", "<br", "<h1", "<h2", "<span", "<section", "<main", "<table"} {
		if bytes.Contains(lower, []byte(tag)) {
			return nil
		}
	}
	return fmt.Errorf("%w: no HTML tags in the first 64 KiB", ErrNotHTML)
}

func utf16BOM(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF})
}

// decode returns a UTF-8 reader for raw: UTF-8 input as is, anything else
// in the encoding its byte-order mark or <meta charset> declares
// (Windows-1252 when it declares none, as browsers do).
func decode(raw []byte) io.Reader {
	if utf8.Valid(raw) {
		return bytes.NewReader(raw)
	}
	enc, _, _ := charset.DetermineEncoding(raw, "")
	return enc.NewDecoder().Reader(bytes.NewReader(raw))
}

// fillMetadata copies go-trafilatura's metadata into d, preferring what the
// page itself declares.
func fillMetadata(d *Doc, m trafilatura.Metadata, src *source, pageURL string) {
	d.Title = clean(m.Title)
	if d.Title == "" {
		d.Title = src.title
	}
	d.Byline = splitAuthors(m.Author)
	if !m.Date.IsZero() {
		d.Published = m.Date.Format("2006-01-02")
	}
	d.SiteName = siteName(m.Sitename, pageURL)
	d.URL = canonicalURL(src.canonical, pageURL)
	if d.URL == "" {
		d.URL = m.URL
	}
}

// canonicalURL resolves the page's <link rel=canonical> against the page
// URL; it returns pageURL when the page names no usable canonical URL.
func canonicalURL(canonical, pageURL string) string {
	if canonical == "" {
		return pageURL
	}
	c, err := nurl.Parse(canonical)
	if err != nil {
		return pageURL
	}
	if !c.IsAbs() {
		base, err := nurl.Parse(pageURL)
		if err != nil || !base.IsAbs() {
			return pageURL
		}
		c = base.ResolveReference(c)
	}
	if c.Scheme != "http" && c.Scheme != "https" {
		return pageURL
	}
	return c.String()
}

// splitAuthors splits go-trafilatura's "A; B" author string, dropping
// credentials ("MS", "PhD") that it splits off as names of their own and
// date words that run into a name ("Jane Doe Monday").
func splitAuthors(s string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range strings.Split(s, ";") {
		words := strings.Fields(a)
		for len(words) > 0 && dateWords[strings.ToLower(strings.Trim(words[len(words)-1], ",."))] {
			words = words[:len(words)-1]
		}
		a = strings.Join(words, " ")
		a = bylinePrefixRE.ReplaceAllString(a, "")
		if len(out) > 0 && jobTitleRE.MatchString(a) {
			continue // "AP Sports Writer" after the writer's name
		}
		if a == "" || seen[strings.ToLower(a)] || isCredential(a) || len(words) == 1 && dateWords[strings.ToLower(a)] {
			continue
		}
		seen[strings.ToLower(a)] = true
		out = append(out, a)
	}
	return out
}

var (
	bylinePrefixRE = regexp.MustCompile(`^(?i:(?:analysis|opinion|commentary|story|text|words|written|reporting|interview)\s+)?(?i:by)\s+`)
	jobTitleRE     = regexp.MustCompile(`(?i)\b(?:writer|editor|editor-at-large|correspondent|columnist|reporter|contributor|staff|bureau chief|producer|critic)s?$`)
)

// siteName cleans the outlet name a page declares: a URL or a copyright
// line is not a name, and some pages declare the name twice.
func siteName(name, pageURL string) string {
	name = clean(name)
	if i := strings.Index(name, ";"); i > 0 {
		name = strings.TrimSpace(name[:i])
	}
	lower := strings.ToLower(name)
	if strings.HasPrefix(lower, "copyright") || strings.HasPrefix(name, "©") {
		name = ""
	}
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		// A home page names the site; any other page (a social-media
		// profile, say) does not.
		if p, err := nurl.Parse(name); err == nil && p.Host != "" && (p.Path == "" || p.Path == "/") {
			return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
		}
		return ""
	}
	if name == "" {
		if p, err := nurl.Parse(pageURL); err == nil && p.Host != "" {
			return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
		}
	}
	return name
}

// isCredential reports whether s is a degree or title that follows a name.
func isCredential(s string) bool {
	switch strings.ToUpper(strings.ReplaceAll(s, ".", "")) {
	case "MS", "MA", "MSC", "RD", "RDN", "PHD", "MD", "DO", "RN", "MPH", "MBA", "JD", "CPT", "CDE", "LD", "BSC", "BA", "JR", "SR", "II", "III", "ESQ":
		return true
	}
	return false
}

// clean collapses runs of white space and trims the ends.
func clean(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
