package timex

import (
	"fmt"
	"io"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Diff writes the gold expressions the system missed or valued wrongly and
// the system expressions that match nothing, one a line, for error analysis.
func Diff(w io.Writer, d *Doc, sys []news.Time) {
	for _, g := range d.Timexs {
		found := false
		for _, s := range sys {
			if s.Start < g.End && g.Start < s.End {
				found = true
				if s.Value != g.Value || s.Start != g.Start || s.End != g.End {
					fmt.Fprintf(w, "WRONG\t%s\t%q %s\tgot %q %s\tdct=%s\n", d.Name, d.Text[g.Start:g.End], g.Value, s.Text, s.Value, d.DCT)
				}
			}
		}
		if !found {
			fmt.Fprintf(w, "MISS\t%s\t%q %s %s\n", d.Name, d.Text[g.Start:g.End], g.Type, g.Value)
		}
	}
	for _, s := range sys {
		found := false
		for _, g := range d.Timexs {
			if s.Start < g.End && g.Start < s.End {
				found = true
			}
		}
		if !found {
			fmt.Fprintf(w, "SPUR\t%s\t%q %s\n", d.Name, s.Text, s.Value)
		}
	}
}
