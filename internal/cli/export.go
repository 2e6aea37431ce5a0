package cli

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate/event/export"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

func init() {
	Register(Command{
		Name:    "export",
		Summary: "write the whole store as JSON, JSON Lines or CSV (events also as GDELT-like TSV)",
		Run:     runExport,
	})
}

// exportKinds are the record kinds of an export, in output order.
var exportKinds = []string{"documents", "entities", "quotes", "events", "stories"}

func runExport(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	db := fl.String("db", DefaultDB, dbUsage)
	format := fl.String("format", "jsonl", "json, jsonl, csv, or tsv (events as GDELT-like rows, docs/format/events-export.md)")
	kinds := fl.String("kind", strings.Join(exportKinds, ","), "comma-separated `kinds` to export: "+strings.Join(exportKinds, ", "))
	out := fl.String("out", "", "output `file` (json, jsonl) or directory (csv: one file per kind); default standard output")
	allStatus := fl.Bool("all-status", false, "export events of every factuality status (negated, hypothetical, planned, future too); default: asserted and reported only")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph export [--db FILE] [--format json|jsonl|csv] [--kind KINDS] [--out PATH]")
		fmt.Fprintln(env.Stderr, `json:  one object {"v": 1, "documents": [...], "entities": [...], "quotes": [...], "events": [...], "stories": [...]}`)
		fmt.Fprintln(env.Stderr, `jsonl: one record a line, with "kind": document, entity, quote, event or story`)
		fmt.Fprintln(env.Stderr, "csv:   one table per kind; to standard output only with a single --kind")
		fmt.Fprintln(env.Stderr, "tsv:   events only, one GDELT-event-like row each (docs/format/events-export.md)")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "newsgraph export: unexpected arguments %q\n", fl.Args())
		return ExitUsage
	}
	want := map[string]bool{}
	for _, k := range strings.Split(*kinds, ",") {
		k = strings.TrimSpace(k)
		if k == "" {
			continue
		}
		if !contains(exportKinds, k) {
			fmt.Fprintf(env.Stderr, "newsgraph export: unknown kind %q (want %s)\n", k, strings.Join(exportKinds, ", "))
			return ExitUsage
		}
		want[k] = true
	}
	switch *format {
	case "tsv":
		// The TSV is the GDELT-like event table; there is no TSV of
		// anything else.
		for k := range want {
			if k != "events" && len(want) < len(exportKinds) {
				fmt.Fprintf(env.Stderr, "newsgraph export: --format tsv writes events only (docs/format/events-export.md), not %s; use --format csv or jsonl for %s\n", k, k)
				return ExitUsage
			}
		}
	case "json", "jsonl":
	case "csv":
		if *out == "" && len(want) != 1 {
			fmt.Fprintln(env.Stderr, "newsgraph export: csv writes one table per kind: give one --kind, or --out DIR for all")
			return ExitUsage
		}
	default:
		fmt.Fprintf(env.Stderr, "newsgraph export: unknown format %q (want json, jsonl, csv or tsv)\n", *format)
		return ExitUsage
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph export: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	switch *format {
	case "csv":
		err = exportCSV(ctx, st, want, *out, env.Stdout, *allStatus)
	case "tsv":
		err = exportTSV(ctx, st, *out, env.Stdout, *allStatus)
	default:
		err = exportJSON(ctx, st, want, *format, *out, env.Stdout, *allStatus)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph export: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

// exportTSV writes every stored event as a GDELT-event-like TSV row, with
// the event export of the event stage.
func exportTSV(ctx context.Context, st store.Store, path string, stdout io.Writer, allStatus bool) error {
	w0, closeOut, err := output(path, stdout)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w0, 1<<16)
	x, err := export.NewWriter(bw, export.TSV)
	if err != nil {
		closeOut()
		return err
	}
	x.AllStatus = allStatus
	err = st.Export(ctx, store.Exporter{Document: func(id string, rec []byte) error {
		var a news.Article
		if err := json.Unmarshal(rec, &a); err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		if len(a.Events) == 0 {
			return nil
		}
		// Actors, targets and places as the store's global entities,
		// which hold across documents, not the document's own E1, E2.
		d, err := st.Document(ctx, id)
		if err != nil {
			return fmt.Errorf("document %s: %w", id, err)
		}
		global := func(local string) string {
			if g, ok := d.Entities[local]; ok && g.ID != "" {
				return g.ID
			}
			return local
		}
		for _, r := range export.Records(&a) {
			r.Actor, r.Target, r.Place = global(r.Actor), global(r.Target), global(r.Place)
			if err := x.WriteRecord(r); err != nil {
				return err
			}
		}
		return nil
	}})
	if err == nil {
		err = x.Close()
	}
	if err == nil {
		err = bw.Flush()
	}
	if cerr := closeOut(); err == nil {
		err = cerr
	}
	return err
}

// documentIndex returns the summary of every stored document by ID.
func documentIndex(ctx context.Context, st store.Store) (map[string]store.DocSummary, error) {
	out := map[string]store.DocSummary{}
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Documents(ctx, store.DocQuery{Page: store.Page{Offset: off, Limit: store.MaxLimit}})
		if err != nil {
			return nil, err
		}
		for _, d := range l.Documents {
			out[d.ID] = d
		}
		if len(l.Documents) < store.MaxLimit {
			return out, nil
		}
	}
}

// safeCSV writes CSV whose cells a spreadsheet will not run: a cell that
// starts with =, +, -, @, a tab or a carriage return (a formula to Excel,
// LibreOffice and Google Sheets) gets a leading apostrophe, unless it is a
// plain number ("-3.5").
type safeCSV struct{ *csv.Writer }

func (w safeCSV) Write(rec []string) error {
	for i, c := range rec {
		rec[i] = export.NeutraliseCell(c)
	}
	return w.Writer.Write(rec)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// output opens path for writing, or returns stdout for "".
func output(path string, stdout io.Writer) (io.Writer, func() error, error) {
	if path == "" {
		return stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// jsonlQuote is a quote in JSON Lines, where "kind" is the record kind.
type jsonlQuote struct {
	store.QuoteHit
	Kind      string         `json:"kind,omitempty"` // hides QuoteHit.Kind; always empty
	QuoteKind news.QuoteKind `json:"quote_kind"`
}

// withKind returns the JSON object b with "kind" as its first field.
func withKind(kind string, b []byte) []byte {
	out := make([]byte, 0, len(b)+len(kind)+12)
	out = append(out, `{"kind":"`...)
	out = append(out, kind...)
	out = append(out, '"')
	if len(b) > 2 {
		out = append(out, ',')
	}
	return append(out, b[1:]...)
}

func exportJSON(ctx context.Context, st store.Store, want map[string]bool, format, path string, stdout io.Writer, allStatus bool) error {
	w0, closeOut, err := output(path, stdout)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(w0, 1<<16)
	var section string // the JSON array being written, for format json
	n := 0
	written := map[string]bool{}
	emit := func(kind, plural string, b []byte) error {
		if format == "jsonl" {
			w.Write(withKind(kind, b))
			return w.WriteByte('\n')
		}
		if section != plural {
			if section != "" {
				w.WriteString("\n]")
			}
			if n == 0 {
				w.WriteString(`{"v":1`)
			}
			fmt.Fprintf(w, ",\n%q: [\n", plural)
			section, n = plural, n+1
			written[plural] = true
		} else {
			w.WriteString(",\n")
		}
		_, err := w.Write(b)
		return err
	}
	marshal := func(kind, plural string, v any) error {
		b, err := json.Marshal(v)
		if err != nil {
			return err
		}
		return emit(kind, plural, b)
	}
	var x store.Exporter
	if want["documents"] {
		x.Document = func(_ string, rec []byte) error { return emit("document", "documents", rec) }
	}
	if want["entities"] {
		x.Entity = func(e news.Entity) error { return marshal("entity", "entities", e) }
	}
	if want["quotes"] {
		x.Quote = func(q store.QuoteHit) error {
			if format == "jsonl" {
				// "kind" names the record; the quote's own kind
				// (direct, partial, indirect) moves to "quote_kind".
				return marshal("quote", "quotes", jsonlQuote{QuoteHit: q, QuoteKind: q.Kind})
			}
			return marshal("quote", "quotes", q)
		}
	}
	if want["events"] {
		x.Event = func(e store.EventHit) error {
			if !allStatus && !news.ShownByDefault(e.Status) {
				return nil
			}
			return marshal("event", "events", e)
		}
	}
	if want["stories"] {
		x.Story = func(s news.Story) error { return marshal("story", "stories", s) }
	}
	if err := st.Export(ctx, x); err != nil {
		closeOut()
		return err
	}
	if format == "json" {
		// Kinds with no records still get their (empty) array.
		if n == 0 {
			w.WriteString(`{"v":1`)
		} else {
			w.WriteString("\n]")
		}
		for _, k := range exportKinds {
			if want[k] && !written[k] {
				fmt.Fprintf(w, ",\n%q: []", k)
			}
		}
		w.WriteString("}\n")
	}
	if err := w.Flush(); err != nil {
		closeOut()
		return err
	}
	return closeOut()
}

func exportCSV(ctx context.Context, st store.Store, want map[string]bool, dir string, stdout io.Writer, allStatus bool) error {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	for _, kind := range exportKinds {
		if !want[kind] {
			continue
		}
		var w0 io.Writer = stdout
		closeOut := func() error { return nil }
		if dir != "" {
			f, err := os.Create(filepath.Join(dir, kind+".csv"))
			if err != nil {
				return err
			}
			w0, closeOut = f, f.Close
		}
		bw := bufio.NewWriterSize(w0, 1<<16)
		cw := safeCSV{csv.NewWriter(bw)}
		var x store.Exporter
		join := func(s []string) string { return strings.Join(s, "; ") }
		itoa := strconv.Itoa
		ftoa := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
		switch kind {
		case "documents":
			cw.Write([]string{"id", "title", "published", "outlet", "url", "path", "language", "chars", "entities", "mentions", "quotes", "events", "removed", "text"})
			x.Document = func(id string, rec []byte) error {
				var a news.Article
				if err := json.Unmarshal(rec, &a); err != nil {
					return fmt.Errorf("document %s: %w", id, err)
				}
				return cw.Write([]string{a.ID, a.Title, a.Published, a.Source.Outlet, a.Source.URL, a.Source.Path, a.Language,
					itoa(len([]rune(a.Text))), itoa(len(a.Entities)), itoa(len(a.Mentions)), itoa(len(a.Quotes)), itoa(len(a.Events)), itoa(len(a.Removed)), a.Text})
			}
		case "entities":
			cw.Write([]string{"id", "name", "type", "country", "mentions", "documents", "aliases", "document_ids"})
			x.Entity = func(e news.Entity) error {
				return cw.Write([]string{e.ID, e.Name, string(e.Type), e.Country, itoa(e.Mentions), itoa(len(e.Documents)), join(e.Aliases), join(e.Documents)})
			}
		case "quotes":
			docs, err := documentIndex(ctx, st)
			if err != nil {
				closeOut()
				return fmt.Errorf("%s: %w", kind, err)
			}
			cw.Write([]string{"document", "outlet", "published", "url", "title", "speaker", "speaker_name", "kind", "cue", "start", "end", "confidence", "text"})
			x.Quote = func(q store.QuoteHit) error {
				d := docs[q.Document]
				return cw.Write([]string{q.Document, d.Outlet, q.Published, d.URL, q.DocumentTitle, q.Speaker, q.SpeakerName, string(q.Kind), q.Cue, itoa(q.Start), itoa(q.End), ftoa(q.Confidence), q.Text})
			}
		case "events":
			cw.Write([]string{"document", "type", "actor", "actor_name", "actor_type", "actor_country", "target", "target_name", "target_type", "target_country",
				"date", "date_from", "place", "place_name", "sentence", "trigger", "confidence", "evidence", "status", "source_name"})
			x.Event = func(e store.EventHit) error {
				if !allStatus && !news.ShownByDefault(e.Status) {
					return nil
				}
				return cw.Write([]string{e.Document, e.Type, e.Actor, e.ActorName, e.ActorType, e.ActorCountry, e.Target, e.TargetName, e.TargetType, e.TargetCountry,
					e.Date, e.DateFrom, e.Place, e.PlaceName, itoa(e.Sentence), e.Trigger.Text, ftoa(e.Confidence), e.Evidence, e.Status, e.SourceName})
			}
		case "stories":
			cw.Write([]string{"id", "title", "documents", "outlets", "document_ids"})
			x.Story = func(s news.Story) error {
				return cw.Write([]string{s.ID, s.Title, itoa(len(s.Documents)), join(s.Outlets), join(s.Documents)})
			}
		}
		err := st.Export(ctx, x)
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
		if err == nil {
			err = bw.Flush()
		}
		if cerr := closeOut(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", kind, err)
		}
	}
	return nil
}
