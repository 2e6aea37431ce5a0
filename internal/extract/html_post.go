package extract

import (
	"regexp"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// postProcess moves captions, credit lines and cross-promotions out of the
// extracted blocks into d.Captions and d.Removed and returns what is left.
func postProcess(d *Doc, blocks []block, src *source) []block {
	out := blocks[:0:0]
	for _, b := range blocks {
		switch {
		case src.captions[b.text]:
			text, credit := splitCredit(b.text)
			d.addCaption(text, credit)
			d.Removed = append(d.Removed, news.Removed{Kind: news.RemovedCaption, Text: b.text})
		case src.credits[b.text] || isCreditLine(b.text):
			d.Removed = append(d.Removed, news.Removed{Kind: news.RemovedCredit, Text: b.text})
		case endsWithPhotoCredit(b.text):
			// A caption the page did not mark as one: "Police stand
			// guard on Monday. (AP Photo/Jane Doe)".
			text, credit := splitCredit(b.text)
			d.addCaption(text, credit)
			d.Removed = append(d.Removed, news.Removed{Kind: news.RemovedCaption, Text: b.text})
		case isPromo(b.text):
			d.Removed = append(d.Removed, news.Removed{Kind: news.RemovedPromo, Text: b.text})
		default:
			out = append(out, b)
		}
	}
	return out
}

func (d *Doc) addCaption(text, credit string) {
	for i := range d.Captions {
		if d.Captions[i].Text == text {
			d.Captions[i].Count++
			if d.Captions[i].Credit == "" {
				d.Captions[i].Credit = credit
			}
			return
		}
	}
	d.Captions = append(d.Captions, news.Caption{Text: text, Credit: credit, Count: 1})
}

// creditWords are what photo, video and graphic credits start with.
const creditWords = `(?:(?:AP|AFP|Reuters|EPA|Getty|Associated Press|[A-Z][\w.&-]*)\s+)?(?:Photo|Photos|Photograph|Photographs|Picture|Pictures|Pic|Image|Images|Illustration|Graphic|Video|Footage|Credit|Credits|Foto|Photo credit|Image credit|Image copyright|Image caption|Copyright|Source|Courtesy)`

var (
	// A whole paragraph that is a credit: "Photo: Jane Doe/Reuters",
	// "(AP Photo/Jane Doe)", "Image copyright Getty Images".
	creditLineRE = regexp.MustCompile(`(?i)^[(\[]?\s*` + creditWords + `(?:\s+by)?\s*(?:[:/|©]|\bcopyright\b|\bby\b|\s—|\s-)\s*\S.{0,120}$`)
	// A parenthesised agency credit closing a paragraph.
	trailingCreditRE = regexp.MustCompile(`\s*[(\[]\s*(?:(?:AP|AFP|EPA|Reuters|Getty|Xinhua|Bloomberg|Pool|UPI|[A-Z][\w.&'-]*(?:\s[A-Z][\w.&'-]*){0,3})\s+)?(?:Photo|Photos|Photograph|Picture|Image|Images|Illustration|Video|Graphic|Pool Photo)(?:\s+by)?\s*[/:|]\s*[^()\[\]]{2,100}[)\]]\s*$`)
	copyrightRE      = regexp.MustCompile(`^(?:©|\(c\)|Copyright\s*©?)\s*\S.{0,100}$`)
)

// isCreditLine reports whether a paragraph is only a photo credit.
func isCreditLine(s string) bool {
	if len(s) > 160 {
		return false
	}
	if creditLineRE.MatchString(s) {
		return true
	}
	return trailingCreditRE.FindStringIndex(s) != nil && trailingCreditRE.FindStringIndex(s)[0] == 0
}

// endsWithPhotoCredit reports whether a paragraph closes with a
// parenthesised photo credit, the mark of a caption.
func endsWithPhotoCredit(s string) bool {
	return len(s) < 600 && trailingCreditRE.MatchString(s)
}

// splitCredit splits a caption into its text and a trailing credit.
func splitCredit(s string) (text, credit string) {
	if loc := trailingCreditRE.FindStringIndex(s); loc != nil && loc[0] > 0 {
		credit = strings.Trim(strings.TrimSpace(s[loc[0]:]), "()[]")
		return strings.TrimSpace(s[:loc[0]]), strings.TrimSpace(credit)
	}
	for _, sep := range []string{" Photo: ", " Photograph: ", " Picture: ", " Image: ", " Credit: ", " Photo credit: "} {
		if i := strings.LastIndex(s, sep); i > 0 {
			return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		}
	}
	return s, ""
}

var promoRE = regexp.MustCompile(`(?i)^(?:` +
	`(?:read|see|watch|listen|click|tap)\s+(?:more|also|next|now|here|the full story|related)\b.{0,200}` +
	`|(?:related|more|also read|also see|recommended|trending|most read|most popular|don't miss|do not miss|next up|up next|editor's picks?)\s*(?:stories|articles|coverage|reading|content)?\s*[:|>»-].{0,200}` +
	`|(?:sign up|subscribe|register)\b.{0,60}\b(?:newsletter|updates|alerts|email|inbox|podcast)\b.{0,120}` +
	`|(?:follow|like)\s+(?:us|\w+)\s+on\s+(?:twitter|facebook|instagram|linkedin|youtube|tiktok|x)\b.{0,120}` +
	`|(?:download|get)\s+(?:the|our)\s+(?:\w+\s+){0,3}app\b.{0,120}` +
	`)$`)

// isPromo reports whether a paragraph promotes other content rather than
// telling the story: "READ MORE: …", "Sign up for our newsletter".
func isPromo(s string) bool {
	return len(s) < 300 && promoRE.MatchString(s)
}
