package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

func init() {
	Register(Command{Name: "query search", Summary: "full-text search of the store: newsgraph query search TEXT", Run: runQuerySearch})
	Register(Command{Name: "query entity", Summary: "what the store knows about an entity: newsgraph query entity NAME", Run: runQueryEntity})
	Register(Command{Name: "query quotes", Summary: "quotes, by speaker: newsgraph query quotes --speaker NAME", Run: runQueryQuotes})
}

// queryFlags are the flags every query command shares.
type queryFlags struct {
	fl     *flag.FlagSet
	db     *string
	limit  *int
	offset *int
	json   *bool
}

func newQueryFlags(env *Env, name, usage string) *queryFlags {
	fl := flag.NewFlagSet(name, flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	q := &queryFlags{fl: fl,
		db:     fl.String("db", DefaultDB, dbUsage),
		limit:  fl.Int("limit", 10, "results to show (at most 200)"),
		offset: fl.Int("offset", 0, "results to skip"),
		json:   fl.Bool("json", false, "print the API's JSON instead of text"),
	}
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: "+usage)
		fl.PrintDefaults()
	}
	return q
}

// parse parses flags placed before or after the positional arguments.
func (q *queryFlags) parse(args []string) (rest []string, code int, ok bool) {
	for {
		if code, ok := parseFlags(q.fl, args); !ok {
			return nil, code, false
		}
		args = q.fl.Args()
		if len(args) == 0 {
			return rest, 0, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func (q *queryFlags) page() store.Page {
	return store.Page{Offset: *q.offset, Limit: *q.limit}.Norm()
}

func printJSON(w io.Writer, v any) int {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return ExitFailure
	}
	return ExitOK
}

// plainSnippet turns a search snippet (escaped HTML with <mark>) into text,
// with matches in bold on a terminal.
func plainSnippet(s string, term bool) string {
	open, close := "", ""
	if term {
		open, close = "\033[1m", "\033[0m"
	}
	s = strings.NewReplacer("<mark>", open, "</mark>", close).Replace(s)
	return strings.Join(strings.Fields(html.UnescapeString(s)), " ")
}

func runQuerySearch(ctx context.Context, env *Env, args []string) int {
	q := newQueryFlags(env, "query search", "newsgraph query search [--db FILE] [--from DATE] [--to DATE] [--outlet NAME] [--limit N] [--offset N] [--json] TEXT...\n"+
		"TEXT: words (stemmed), \"a phrase\", prefix*, a OR b, -word or NOT word to exclude.")
	from := q.fl.String("from", "", "only articles published on or after this `date` (YYYY, YYYY-MM or YYYY-MM-DD)")
	to := q.fl.String("to", "", "only articles published on or before this `date`")
	outlet := q.fl.String("outlet", "", "only articles of this `outlet`")
	rest, code, ok := q.parse(args)
	if !ok {
		return code
	}
	if len(rest) == 0 {
		fmt.Fprintln(env.Stderr, "newsgraph query search: give the words to search for")
		q.fl.Usage()
		return ExitUsage
	}
	st, err := openStore(ctx, *q.db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query search: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	res, err := st.Search(ctx, store.SearchQuery{Text: strings.Join(rest, " "), Page: q.page(),
		DocFilter: store.DocFilter{From: *from, To: *to, Outlet: *outlet}})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query search: %v\n", err)
		if errors.Is(err, store.ErrBadQuery) {
			return ExitUsage
		}
		return ExitFailure
	}
	if *q.json {
		return printJSON(env.Stdout, res)
	}
	term := isTerminal(env.Stdout)
	for i, h := range res.Hits {
		title := h.Title
		if title == "" {
			title = "(untitled)"
		}
		fmt.Fprintf(env.Stdout, "%d. %s\n   %s\n   %s\n\n", res.Page.Offset+i+1, title, docLine(h.DocSummary), plainSnippet(h.Snippet, term))
	}
	fmt.Fprintf(env.Stdout, "%d–%d of %d articles for %s\n", min(res.Page.Offset+1, res.Total), res.Page.Offset+len(res.Hits), res.Total, res.Query)
	return ExitOK
}

// docLine describes a document in one line: date, outlet, where it came
// from and its ID.
func docLine(d store.DocSummary) string {
	parts := []string{}
	if d.Published != "" {
		parts = append(parts, d.Published)
	}
	if d.Outlet != "" {
		parts = append(parts, d.Outlet)
	}
	switch {
	case d.URL != "":
		parts = append(parts, d.URL)
	case d.Path != "":
		parts = append(parts, d.Path)
	}
	parts = append(parts, "id "+d.ID[:min(12, len(d.ID))])
	return strings.Join(parts, " · ")
}

func runQueryEntity(ctx context.Context, env *Env, args []string) int {
	q := newQueryFlags(env, "query entity", "newsgraph query entity [--db FILE] [--json] NAME...\n"+
		"NAME: a name or part of one (any alias), or a global entity ID such as g12.")
	rest, code, ok := q.parse(args)
	if !ok {
		return code
	}
	if len(rest) == 0 {
		fmt.Fprintln(env.Stderr, "newsgraph query entity: give a name")
		q.fl.Usage()
		return ExitUsage
	}
	name := strings.Join(rest, " ")
	st, err := openStore(ctx, *q.db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query entity: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	id := name
	var others []store.EntitySummary
	if _, err := st.Entity(ctx, name); err != nil {
		l, err := st.Entities(ctx, store.EntityQuery{Name: name, Page: store.Page{Limit: 50}})
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph query entity: %v\n", err)
			return ExitFailure
		}
		if len(l.Entities) == 0 {
			fmt.Fprintf(env.Stderr, "newsgraph query entity: no entity is called %q\n", name)
			return ExitFailure
		}
		// An exact name (ignoring case) wins; else the most mentioned.
		best := 0
		for i, e := range l.Entities {
			if strings.EqualFold(e.Name, name) {
				best = i
				break
			}
		}
		id = l.Entities[best].ID
		others = append(append(others, l.Entities[:best]...), l.Entities[best+1:]...)
	}
	pg, err := st.Entity(ctx, id)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query entity: %v\n", err)
		return ExitFailure
	}
	if *q.json {
		return printJSON(env.Stdout, pg)
	}
	w := env.Stdout
	country := ""
	if pg.Country != "" {
		country = ", " + pg.Country
	}
	fmt.Fprintf(w, "%s (%s%s, %s): %d mentions in %d articles\n", pg.Name, pg.Type, country, pg.ID, pg.Mentions, pg.Documents)
	if len(pg.Aliases) > 0 {
		fmt.Fprintf(w, "  also known as (articles; why):\n")
		for _, a := range pg.Aliases {
			why := a.Evidence
			if why == "" {
				why = "named so in one article's coreference"
			}
			fmt.Fprintf(w, "    %s (%d; %s)\n", a.Name, a.Documents, why)
		}
	}
	for _, d := range pg.Decisions {
		switch {
		case d.Kind == "split" && d.Entity == pg.ID:
			fmt.Fprintf(w, "  split off by a user %s: %q, now %s\n", d.Made, d.Name, d.Other)
		case d.Kind == "split":
			fmt.Fprintf(w, "  split by a user %s from %s\n", d.Made, d.Entity)
		case d.Kind == "merge":
			fmt.Fprintf(w, "  merged by a user %s: %q (was %s)\n", d.Made, d.Name, d.Other)
		}
	}
	limit := *q.limit
	section := func(title string, n int) bool {
		if n == 0 {
			return false
		}
		fmt.Fprintf(w, "\n%s (%d):\n", title, n)
		return true
	}
	if section("Articles", len(pg.Articles)) {
		for _, a := range pg.Articles[:min(limit, len(pg.Articles))] {
			t := a.Title
			if t == "" {
				t = "(untitled)"
			}
			fmt.Fprintf(w, "  %s — %d mention(s) · %s\n", t, len(a.Mentions), docLine(a.DocSummary))
		}
	}
	if section("Quotes by "+pg.Name, len(pg.QuotesBy)) {
		for _, qt := range pg.QuotesBy[:min(limit, len(pg.QuotesBy))] {
			fmt.Fprintf(w, "  “%s” (%s)\n", oneLine(qt.Text), qt.Kind)
		}
	}
	if section("Quotes about "+pg.Name, len(pg.QuotesAbout)) {
		for _, qt := range pg.QuotesAbout[:min(limit, len(pg.QuotesAbout))] {
			fmt.Fprintf(w, "  “%s” — %s\n", oneLine(qt.Text), orUnknown(qt.SpeakerName))
		}
	}
	if section("Events", len(pg.Events)) {
		for _, e := range pg.Events[:min(limit, len(pg.Events))] {
			fmt.Fprintf(w, "  %s %s → %s %s\n", e.Type, orUnknown(e.ActorName), orUnknown(e.TargetName), e.Date)
		}
	}
	if section("Appears with", len(pg.Cooccurring)) {
		for _, c := range pg.Cooccurring[:min(limit, len(pg.Cooccurring))] {
			fmt.Fprintf(w, "  %s (%s) in %d article(s)\n", c.Name, c.Type, c.Shared)
		}
	}
	if len(others) > 0 {
		var names []string
		for _, o := range others[:min(limit, len(others))] {
			names = append(names, fmt.Sprintf("%s (%s, %s)", o.Name, o.Type, o.ID))
		}
		fmt.Fprintf(w, "\nOther matches: %s\n", strings.Join(names, "; "))
	}
	return ExitOK
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func orUnknown(s string) string {
	if s == "" {
		return "?"
	}
	return s
}

func runQueryQuotes(ctx context.Context, env *Env, args []string) int {
	q := newQueryFlags(env, "query quotes", "newsgraph query quotes [--db FILE] [--speaker NAME] [--document ID] [--limit N] [--json]")
	speaker := q.fl.String("speaker", "", "speaker `name` (or part of it, any alias) or entity ID")
	doc := q.fl.String("document", "", "only quotes of the document with this `ID`")
	rest, code, ok := q.parse(args)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		if *speaker != "" {
			fmt.Fprintf(env.Stderr, "newsgraph query quotes: unexpected arguments %q\n", rest)
			return ExitUsage
		}
		*speaker = strings.Join(rest, " ")
	}
	st, err := openStore(ctx, *q.db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query quotes: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	l, err := st.Quotes(ctx, store.QuoteQuery{Speaker: *speaker, Document: *doc, Page: q.page()})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph query quotes: %v\n", err)
		return ExitFailure
	}
	if *q.json {
		return printJSON(env.Stdout, l)
	}
	for _, qt := range l.Quotes {
		cue := ""
		if qt.Cue != "" {
			cue = ", " + qt.Cue
		}
		t := qt.DocumentTitle
		if t == "" {
			t = qt.Document[:min(12, len(qt.Document))]
		}
		fmt.Fprintf(env.Stdout, "“%s”\n   — %s (%s%s) · %s %s\n\n", oneLine(qt.Text), orUnknown(qt.SpeakerName), qt.Kind, cue, t, qt.Published)
	}
	who := ""
	if *speaker != "" {
		who = " by " + *speaker
	}
	fmt.Fprintf(env.Stdout, "%d of %d quotes%s\n", len(l.Quotes), l.Total, who)
	return ExitOK
}
