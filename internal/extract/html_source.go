package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// source is what [HTML] learns from the page before main-content
// extraction: metadata go-trafilatura does not return and the text of the
// page's own caption and credit elements.
type source struct {
	title     string
	canonical string
	lang      string // the lang attribute of <html>, or content-language
	// captions holds the collapsed text of every figure caption and
	// caption-like element, credits that of credit elements.
	captions map[string]bool
	credits  map[string]bool
	// figures lists, in page order, the captions of the article's own
	// figures (inside <article> or <main>, or anywhere outside navigation
	// on pages without them) with their credits.
	figures    []figure
	hasArticle bool
	// links maps the collapsed text of short paragraph-like elements to
	// the share of that text inside links; headings holds the text of h1
	// elements (the title as the page shows it).
	links    map[string]float64
	headings []string
	// standfirsts holds the text of elements marked as a headline's
	// standfirst ("subtitle", "dek", "standfirst"); description is the
	// page's meta description.
	standfirsts map[string]bool
	description string
	// alts holds the alternative text of the page's images: a paragraph
	// that repeats it is the image's caption.
	alts map[string]bool
}

// scanSource walks the parsed page once.
func scanSource(root *html.Node) *source {
	s := &source{captions: map[string]bool{}, credits: map[string]bool{}, links: map[string]float64{}, standfirsts: map[string]bool{}, alts: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "noscript", "template", "svg":
				return
			case "article", "main":
				s.hasArticle = true
			case "html":
				if s.lang == "" {
					s.lang = attr(n, "lang")
				}
			case "title":
				if s.title == "" {
					s.title = clean(textOf(n))
				}
				return
			case "meta":
				if s.description == "" && (strings.EqualFold(attr(n, "name"), "description") || attr(n, "property") == "og:description") {
					s.description = clean(attr(n, "content"))
				}
				if strings.EqualFold(attr(n, "http-equiv"), "content-language") && s.lang == "" {
					s.lang = attr(n, "content")
				}
			case "link":
				if s.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					s.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case "img":
				if t := clean(attr(n, "alt")); len(t) >= 15 && strings.Contains(t, " ") {
					s.alts[t] = true
				}
			case "figcaption":
				s.addCaption(n)
				return
			}
			if isStandfirst(n) {
				if t := clean(textOf(n)); t != "" && len(t) < 600 {
					s.standfirsts[t] = true
				}
			}
			if kind := captionKind(n); kind != "" {
				if kind == "credit" {
					if t := clean(textOf(n)); t != "" {
						s.credits[t] = true
					}
				} else {
					s.addCaption(n)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	s.scanLinks(root, false)
	return s
}

// linkBlocks are the elements whose link density [source.scanLinks]
// records.
var linkBlocks = map[string]bool{
	"p": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"dt": true, "dd": true, "td": true, "th": true, "blockquote": true, "div": true, "span": true,
	"a": true, "strong": true, "b": true, "em": true, "section": true, "article": true, "header": true,
}

// maxLinkBlock is the longest element text, in bytes, whose link density
// is recorded: promotions and lists of links are short.
const maxLinkBlock = 400

// scanLinks returns the length of the text under n and how much of it is
// inside links, recording the link share of short paragraph-like
// elements in s.links.
func (s *source) scanLinks(n *html.Node, inLink bool) (total, linked int) {
	switch n.Type {
	case html.TextNode:
		l := len(strings.TrimSpace(n.Data))
		if inLink {
			return l, l
		}
		return l, 0
	case html.ElementNode:
		switch n.Data {
		case "script", "style", "noscript", "template", "svg", "head":
			return 0, 0
		case "a":
			if attr(n, "href") != "" {
				inLink = true
			}
		case "h1":
			if t := clean(textOf(n)); t != "" && len(s.headings) < 8 {
				s.headings = append(s.headings, t)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t, l := s.scanLinks(c, inLink)
		total += t
		linked += l
	}
	if n.Type == html.ElementNode && linkBlocks[n.Data] && total > 0 && total <= maxLinkBlock {
		t := clean(textOf(n))
		share := float64(linked) / float64(total)
		if old, ok := s.links[t]; !ok || share < old {
			s.links[t] = share
		}
	}
	return total, linked
}

// linkShare returns the share of a block's text that the page shows as
// links, or -1 when the block matches no element of the page.
func (s *source) linkShare(text string) float64 {
	if v, ok := s.links[text]; ok {
		return v
	}
	return -1
}

// addCaption records a caption element's text, its lines (captions with a
// <br> or nested blocks come out of extraction as several paragraphs), and
// the text of credit elements inside it.
func (s *source) addCaption(n *html.Node) {
	t := clean(textOf(n))
	if t != "" {
		s.captions[t] = true
	}
	if t != "" && len(t) < 1000 {
		f := figure{text: t, inArticle: inArticle(n), outside: inFurniture(n)}
		s.figures = append(s.figures, f)
	}
	for _, b := range render(n) {
		s.captions[b.text] = true
	}
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode && captionKind(c) == "credit" {
			if t := clean(textOf(c)); t != "" {
				s.credits[t] = true
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
}

// figure is a caption element of the page.
type figure struct {
	text      string
	inArticle bool // inside <article>, <main> or an itemprop=articleBody element
	outside   bool // inside <nav>, <header>, <footer> or <aside>
}

func inArticle(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.Data == "article" || p.Data == "main" || attr(p, "itemprop") == "articleBody") {
			return true
		}
	}
	return false
}

func inFurniture(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.Data == "nav" || p.Data == "header" || p.Data == "footer" || p.Data == "aside") {
			return true
		}
	}
	return false
}

// captionKind classifies an element by its class, id and itemprop as a
// "caption", a "credit" or neither ("").
func captionKind(n *html.Node) string {
	if attr(n, "itemprop") == "caption" || attr(n, "itemprop") == "description" && hasFigureAncestor(n) {
		return "caption"
	}
	if attr(n, "itemprop") == "copyrightHolder" || attr(n, "itemprop") == "creditText" {
		return "credit"
	}
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	if names == " " {
		return ""
	}
	for _, f := range strings.FieldsFunc(names, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
		// Whole class names or their last part ("article__caption",
		// "image-credit", "wp-caption-text").
		switch {
		case hasWordPart(f, "credit"), hasWordPart(f, "credits"), hasWordPart(f, "copyright") && hasFigureAncestor(n):
			return "credit"
		case hasWordPart(f, "caption"), hasWordPart(f, "figcaption"), hasWordPart(f, "imagecaption"),
			hasWordPart(f, "photocaption"), hasWordPart(f, "wp-caption-text"):
			// A caption wrapper that holds the picture and much text is a
			// figure, not a caption; only small elements count.
			if len(textOf(n)) < 1000 {
				return "caption"
			}
		}
	}
	return ""
}

// standfirstNames are class-name parts that mark the summary line under
// a headline.
var standfirstNames = map[string]bool{
	"standfirst": true, "subline": true, "dek": true, "deck": true, "subtitle": true, "subheadline": true,
	"subhead": true, "strapline": true, "kicker": false, "subheading": true, "sub-title": true, "sub-headline": true,
}

func isStandfirst(n *html.Node) bool {
	names := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, f := range strings.Fields(names) {
		if standfirstNames[f] {
			return true
		}
		for _, p := range strings.FieldsFunc(f, func(r rune) bool { return r == '-' || r == '_' || r == ':' }) {
			if standfirstNames[p] {
				return true
			}
		}
	}
	return false
}

// hasWordPart reports whether the class name f is w or has w as one of its
// "-", "_" or "__"-separated parts.
func hasWordPart(f, w string) bool {
	if f == w {
		return true
	}
	for _, p := range strings.FieldsFunc(f, func(r rune) bool { return r == '-' || r == '_' || r == ':' }) {
		if p == w {
			return true
		}
	}
	return false
}

func hasFigureAncestor(n *html.Node) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && (p.Data == "figure" || p.Data == "picture") {
			return true
		}
	}
	return false
}

// hasBodyContent reports whether the page has any text outside <head>,
// scripts and styles.
func hasBodyContent(root *html.Node) bool {
	var found bool
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found {
			return
		}
		switch n.Type {
		case html.TextNode:
			if strings.TrimSpace(n.Data) != "" {
				found = true
			}
			return
		case html.ElementNode:
			switch n.Data {
			case "head", "script", "style", "noscript", "template", "title":
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return found
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// textOf returns the text of n and its descendants, skipping scripts and
// styles, with block boundaries as spaces.
func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			case "br", "p", "div", "li":
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}
