package extract

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML extracts the main text and metadata of an HTML page. This simple
// version keeps the text of paragraph-like elements outside navigation.
func HTML(raw []byte, pageURL string) (*Doc, error) {
	if !bytes.Contains(bytes.ToLower(raw[:min(len(raw), 65536)]), []byte("<")) {
		return nil, ErrNotHTML
	}
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotHTML, err)
	}
	d := &Doc{URL: pageURL}
	var paras []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Nav, atom.Footer, atom.Header, atom.Aside, atom.Noscript:
				return
			case atom.Title:
				if d.Title == "" {
					d.Title = strings.TrimSpace(text(n))
				}
				return
			case atom.P, atom.H1, atom.H2, atom.H3, atom.Li, atom.Blockquote:
				if t := strings.Join(strings.Fields(text(n)), " "); t != "" {
					paras = append(paras, t)
				}
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if len(paras) == 0 {
		return nil, ErrNoContent
	}
	d.Text = strings.Join(paras, "\n\n")
	return d, nil
}

func text(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}
