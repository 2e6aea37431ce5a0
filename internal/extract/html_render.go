package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// block is one paragraph-like piece of extracted text.
type block struct {
	text string
	tag  string // the element that produced it: p, h2, li, blockquote, tr, ...
}

// blockTags start a new paragraph in the extracted content.
var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "list": true, "item": true,
	"blockquote": true, "quote": true, "pre": true, "code": false,
	"table": true, "tr": true, "row": true, "thead": true, "tbody": true, "tfoot": true,
	"figure": true, "figcaption": true, "hr": true, "address": true,
}

// render turns go-trafilatura's content tree into paragraphs: one per block
// element and one per line of a <br>-separated block, with white space
// collapsed. Table rows become one paragraph with their cells separated by
// spaces.
func render(n *html.Node) []block {
	r := &renderer{}
	if n != nil {
		r.walk(n, "p")
	}
	r.flush()
	return r.out
}

type renderer struct {
	out []block
	cur strings.Builder
	tag string
	// edge is set at the start and end of an inline element: go-trafilatura
	// trims the text around formatting and links, so the space between
	// "<em>reach</em> prospects" may be gone and is put back there.
	edge bool
}

func (r *renderer) flush() {
	t := clean(r.cur.String())
	r.cur.Reset()
	if t != "" {
		r.out = append(r.out, block{text: t, tag: r.tag})
	}
}

func (r *renderer) walk(n *html.Node, tag string) {
	switch n.Type {
	case html.TextNode:
		if r.cur.Len() == 0 {
			r.tag = tag
		} else if r.edge && n.Data != "" {
			prev, _ := utf8.DecodeLastRuneInString(r.cur.String())
			next, _ := utf8.DecodeRuneInString(n.Data)
			if needSpace(prev, next) {
				r.cur.WriteByte(' ')
			}
		}
		r.edge = false
		r.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "svg", "iframe", "head", "title":
			if n.Data != "head" || n.Parent == nil || n.Parent.Data == "html" {
				return
			}
		case "br", "lb", "hr":
			r.flush()
			return
		case "td", "th", "cell":
			r.cur.WriteByte(' ')
		}
	}
	block := n.Type == html.ElementNode && blockTags[n.Data]
	if block {
		r.flush()
		tag = n.Data
	} else if n.Type == html.ElementNode {
		r.edge = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		r.walk(c, tag)
	}
	if !block && n.Type == html.ElementNode {
		r.edge = true
	}
	if block {
		r.flush()
	} else if n.Type == html.ElementNode && (n.Data == "td" || n.Data == "th" || n.Data == "cell") {
		r.cur.WriteByte(' ')
	}
}

// needSpace reports whether two pieces of text that met at the edge of an
// inline element need a space between them: between two words, or after
// closing punctuation before a word. Scripts written without spaces
// (Chinese, Japanese) never get one.
func needSpace(prev, next rune) bool {
	if !wordRune(next) || noSpaceScript(prev) || noSpaceScript(next) {
		return false
	}
	if wordRune(prev) {
		return true
	}
	switch prev {
	case '.', ',', ';', ':', '!', '?', ')', ']', '”', '»':
		return true
	}
	return false
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func noSpaceScript(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
