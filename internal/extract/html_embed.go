package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// embedClasses mark blockquotes that embed a social-media post: the text of
// a post a story quotes is part of the story.
var embedClasses = []string{"twitter-tweet", "twitter-video", "bluesky-embed", "mastodon-embed", "threads-embed"}

// keepEmbeddedPosts unmarks the wrappers of embedded posts so that
// main-content detection, which drops anything classed "social" or
// "embed", keeps the post's text with the article. Only wrappers that hold
// nothing but the post are unmarked.
func keepEmbeddedPosts(root *html.Node) {
	var posts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "blockquote" {
			cls := strings.ToLower(attr(n, "class"))
			for _, c := range embedClasses {
				if strings.Contains(cls, c) {
					posts = append(posts, n)
					return
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, post := range posts {
		text := len(strings.TrimSpace(textOf(post)))
		for p := post.Parent; p != nil && p.Type == html.ElementNode; p = p.Parent {
			if p.Data == "body" || p.Data == "article" || p.Data == "main" || len(strings.TrimSpace(textOf(p))) > text+40 {
				break
			}
			unmark(p)
		}
	}
}

// unmark removes the class and id of n when they name a social or embed
// wrapper.
func unmark(n *html.Node) {
	out := n.Attr[:0]
	for _, a := range n.Attr {
		if a.Key == "class" || a.Key == "id" {
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "social") || strings.Contains(v, "embed") || strings.Contains(v, "tweet") || strings.Contains(v, "twitter") {
				continue
			}
		}
		out = append(out, a)
	}
	n.Attr = out
}

// dropHoverCards removes the hidden cards some pages attach to a link in a
// paragraph (a picture and a summary of the person or topic linked,
// shown when the pointer rests on the link): an element right after the
// link, inside the paragraph, that holds an image and a link to the same
// address. Browsers show the card only on demand, and its text would
// otherwise run into the sentence.
func dropHoverCards(root *html.Node) {
	var cards []*html.Node
	var walk func(n *html.Node, inP bool)
	walk = func(n *html.Node, inP bool) {
		if n.Type == html.ElementNode {
			if n.Data == "p" {
				inP = true
			}
			if inP && n.Data == "a" && attr(n, "href") != "" {
				if card := nextElement(n); card != nil && card.Data != "a" && isHoverCard(card, attr(n, "href")) {
					cards = append(cards, card)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inP)
		}
	}
	walk(root, false)
	for _, c := range cards {
		if c.Parent != nil {
			c.Parent.RemoveChild(c)
		}
	}
}

func nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.ElementNode:
			return s
		case html.TextNode:
			if strings.TrimSpace(s.Data) != "" {
				return nil
			}
		}
	}
	return nil
}

func isHoverCard(n *html.Node, href string) bool {
	var img, same bool
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.ElementNode {
			switch c.Data {
			case "img", "picture":
				img = true
			case "a":
				if attr(c, "href") == href {
					same = true
				}
			}
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return img && same
}
