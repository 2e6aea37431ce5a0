package entity

import (
	"regexp"

	"github.com/newsgraph/newsgraph/internal/news"
)

var (
	// creditBefore ends right before a photographer's or agency's name in
	// a credit line: "Photo: ", "Photograph by ", "AP Photo/", "(Credit: ".
	creditBefore = regexp.MustCompile(`(?i)(?:\b(?:photo|photos|photograph|photographs|picture|pictures|image|images|video|credit|credits|photographer)\s*(?:by|:|/)|\bcourtesy(?: of)?|©)\s*$`)
	// creditAfter starts right after a name that an agency follows: "/AFP",
	// "/ Reuters", " (AP)".
	creditAfter = regexp.MustCompile(`^\s*(?:/\s*|\()(?:AFP|AP|Reuters|REUTERS|Getty|EPA|Anadolu|TASS|Sputnik|Xinhua|Shutterstock|Alamy|ANP|DPA|dpa|PAP|Ukrinform|UNIAN|Bloomberg|NurPhoto|SOPA|Zuma|ZUMA)\b`)
)

// credits returns the indexes of the mentions that stand in a photo or
// video credit ("Photo: Valentin/AFP", "AP Photo/Evgeniy Maloletka"): the
// photographer is not a person of the story, and a credit's first name must
// not join the story's people.
func credits(text string, ms []news.Mention) map[int]bool {
	var out map[int]bool
	for i, m := range ms {
		if m.Type != news.Person && m.Type != news.Misc && m.Type != news.Org {
			continue
		}
		if m.Start < 0 || m.End > len(text) || m.Start > m.End {
			continue
		}
		lo := max(0, m.Start-40)
		if creditBefore.MatchString(text[lo:m.Start]) && m.Type == news.Person || creditAfter.MatchString(text[m.End:min(len(text), m.End+30)]) {
			if out == nil {
				out = map[int]bool{}
			}
			out[i] = true
		}
	}
	return out
}
