package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/resolve/story"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store"
)

func init() {
	Register(Command{Name: "query stories", Summary: "stories, largest first: newsgraph query stories", Run: runQueryStories})
	Register(Command{Name: "query compare", Summary: "how each outlet told a story: newsgraph query compare STORY", Run: runQueryCompare})
}

func runQueryStories(ctx context.Context, env *Env, args []string) int {
	q := newQueryFlags(env, "query stories", "newsgraph query stories [--db FILE] [--limit N] [--offset N] [--json]")
	rest, code, ok := q.parse(args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(env.Stderr, "newsgraph query stories: unexpected arguments %q\n", rest)
		return ExitUsage
	}
	st, err := openStore(ctx, *q.db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query stories: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	l, err := st.Stories(ctx, q.page())
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query stories: %v\n", err)
		return ExitFailure
	}
	if *q.json {
		return printJSON(env.Stdout, l)
	}
	for i, s := range l.Stories {
		copies := ""
		if n := len(s.Duplicates); n > 0 {
			copies = fmt.Sprintf(" (+%d syndicated %s)", n, plural(n, "copy", "copies"))
		}
		title := s.Title
		if title == "" {
			title = "(untitled)"
		}
		n := len(s.Documents) - len(s.Duplicates)
		fmt.Fprintf(env.Stdout, "%d. %s\n   %d %s%s · %s · %s\n\n", l.Page.Offset+i+1, oneLine(title), n, plural(n, "article", "articles"),
			copies, orUnknown(strings.Join(s.Outlets, ", ")), s.ID)
	}
	fmt.Fprintf(env.Stdout, "%d–%d of %d stories\n", min(l.Page.Offset+1, l.Total), l.Page.Offset+len(l.Stories), l.Total)
	return ExitOK
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func runQueryCompare(ctx context.Context, env *Env, args []string) int {
	q := newQueryFlags(env, "query compare", "newsgraph query compare [--db FILE] [--json] STORY\n"+
		"STORY: a story ID (newsgraph query stories lists them).")
	rest, code, ok := q.parse(args)
	if !ok {
		return code
	}
	if len(rest) != 1 {
		fmt.Fprintln(env.Stderr, "newsgraph query compare: give one story ID")
		q.fl.Usage()
		return ExitUsage
	}
	st, err := openStore(ctx, *q.db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query compare: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	c, err := server.Compare(ctx, st, rest[0])
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query compare: %v\n", err)
		if errors.Is(err, store.ErrNotFound) {
			return ExitUsage
		}
		return ExitFailure
	}
	if *q.json {
		return printJSON(env.Stdout, c)
	}
	printComparison(env.Stdout, c)
	return ExitOK
}

// printComparison writes the compare view as text: what the outlets share,
// then what each reports alone.
func printComparison(w io.Writer, c *server.Comparison) {
	fmt.Fprintf(w, "%s\nstory %s · %d outlets", oneLine(c.Title), c.Story, len(c.Outlets))
	if n := len(c.Duplicates); n > 0 {
		fmt.Fprintf(w, " · %d syndicated %s counted once", n, plural(n, "copy", "copies"))
	}
	fmt.Fprintln(w)
	facets := func(indent string, f story.Facets, shared bool) {
		for _, x := range []struct {
			name  string
			items []story.Item
		}{{"entities", f.Entities}, {"quotes", f.Quotes}, {"events", f.Events}, {"figures", f.Figures}} {
			var lines []string
			for _, it := range x.items {
				if !shared && !it.Only {
					continue
				}
				line := it.Label
				if shared {
					var os []string
					for _, o := range it.Outlets {
						os = append(os, outletName(o))
					}
					line += "  [" + strings.Join(os, ", ") + "]"
					if len(it.Spellings) > 1 && differ(it.Spellings) {
						var sp []string
						for o, names := range it.Spellings {
							sp = append(sp, outletName(o)+": "+strings.Join(names, " / "))
						}
						sort.Strings(sp)
						line += "\n" + indent + "    spelled " + strings.Join(sp, "; ")
					}
				}
				if len(it.Evidence) > 0 && x.name != "quotes" {
					line += "\n" + indent + "    " + oneLine(it.Evidence[0])
				}
				lines = append(lines, line)
			}
			if len(lines) == 0 {
				continue
			}
			fmt.Fprintf(w, "%s%s:\n", indent, x.name)
			for _, l := range lines {
				fmt.Fprintf(w, "%s  %s\n", indent, l)
			}
		}
	}
	fmt.Fprintln(w, "\n== reported by more than one outlet")
	facets("", c.Shared, true)
	for _, o := range c.Outlets {
		fmt.Fprintf(w, "\n== only %s (%d %s)\n", outletName(o.Outlet), len(o.Documents), plural(len(o.Documents), "article", "articles"))
		facets("", o.Facets, false)
	}
}

// differ reports whether outlets spelled an entity differently.
func differ(sp map[string][]string) bool {
	var first string
	for _, names := range sp {
		j := strings.Join(names, "\x00")
		if first == "" {
			first = j
		} else if j != first {
			return true
		}
	}
	return false
}

// outletName shortens the stand-in for an unknown outlet (the article's
// ID) for reading.
func outletName(o string) string {
	if len(o) == 64 && strings.Trim(o, "0123456789abcdef") == "" {
		return "article " + o[:12] + " (outlet unknown)"
	}
	return o
}
