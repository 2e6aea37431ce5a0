// Package extract turns raw input into clean article text: HTML pages into
// main text and metadata ([HTML]), and any text into a body free of
// boilerplate, promotions, repeated titles, photo captions and credits
// ([Clean]). The "extract" stage runs both.
package extract

import (
	"errors"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Errors from [HTML], testable with errors.Is.
var (
	ErrNotHTML   = errors.New("extract: input is not HTML")
	ErrNoContent = errors.New("extract: no main content found")
)

// Doc is the main content and metadata of an HTML page.
type Doc struct {
	Title     string
	Byline    []string
	Published string // YYYY-MM-DD, or empty
	SiteName  string
	URL       string // canonical URL when the page names one
	Language  string // ISO 639-1, or empty when unknown
	// Text is the main text, one paragraph per line block: paragraphs are
	// separated by a blank line.
	Text string
	// Headings are the paragraphs of Text that the page sets as section
	// headings (<h2>…<h6>), in order: they are article text even when they
	// are short or in capitals.
	Headings []string
	// Captions and Removed hold what extraction took out of the text.
	Captions []news.Caption
	Removed  []news.Removed
	// Warnings are non-fatal problems found on the page, such as a gallery
	// item with no caption text (only a photo credit, or nothing); such an
	// item is reported here instead of being stored as an empty caption.
	Warnings []string `json:",omitempty"`
}
