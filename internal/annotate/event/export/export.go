// Package export writes the events of annotated articles as JSON Lines,
// CSV or a GDELT-event-like TSV, one event per line. The columns are
// documented in docs/format/events-export.md; offsets are Unicode code
// points into the article text, as in the annotate record format.
package export

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/zeebo/xxh3"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Format is an export format.
type Format string

// Formats.
const (
	JSONL Format = "jsonl"
	CSV   Format = "csv"
	TSV   Format = "tsv" // GDELT-event-like
)

// ErrFormat is returned for an unknown format.
var ErrFormat = errors.New("export: unknown format (want jsonl, csv or tsv)")

// ParseFormat reads a format name.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case JSONL, CSV, TSV:
		return f, nil
	}
	return "", fmt.Errorf("%w: %q", ErrFormat, s)
}

// Columns are the CSV and TSV columns, in order.
var Columns = []string{
	"EventID", "Day", "DateFrom", "Date",
	"Actor1Name", "Actor1Entity", "Actor1Type", "Actor1CountryCode",
	"Actor2Name", "Actor2Entity", "Actor2Type", "Actor2CountryCode",
	"EventType", "EventMode", "Confidence",
	"ActionGeoName", "ActionGeoID", "ActionGeoGeoNamesID", "ActionGeoLat", "ActionGeoLong",
	"DocumentID", "Outlet", "SourceURL", "Published",
	"Sentence", "TriggerStart", "TriggerEnd", "TriggerText", "Evidence",
}

// Record is one exported event: the event and where it was reported.
type Record struct {
	EventID    string `json:"event_id"`
	DocumentID string `json:"document"`
	Outlet     string `json:"outlet,omitempty"`
	URL        string `json:"url,omitempty"`
	Published  string `json:"published,omitempty"`
	news.Event        // offsets converted to code points
	Evidence   string `json:"evidence"` // the sentence
	// PlaceGeoNames, PlaceLat and PlaceLon locate the event's place, when
	// the place stage resolved it.
	PlaceGeoNames int      `json:"place_geonames,omitempty"`
	PlaceLat      *float64 `json:"place_lat,omitempty"`
	PlaceLon      *float64 `json:"place_lon,omitempty"`
}

// Records returns the export records of an article's events.
func Records(a *news.Article) []Record {
	out := make([]Record, 0, len(a.Events))
	for _, e := range a.Events {
		r := Record{DocumentID: a.ID, Outlet: a.Source.Outlet, URL: a.Source.URL, Published: a.Published, Event: e}
		if e.Sentence >= 0 && e.Sentence < len(a.Sentences) {
			r.Evidence = strings.Join(strings.Fields(a.Slice(a.Sentences[e.Sentence])), " ")
		}
		r.Trigger.Start = runeOffset(a.Text, e.Trigger.Start)
		r.Trigger.End = runeOffset(a.Text, e.Trigger.End)
		r.EventID = EventID(a.ID, e)
		if p, ok := placeOf(a, e); ok {
			lat, lon := p.Lat, p.Lon
			r.PlaceGeoNames, r.PlaceLat, r.PlaceLon = p.GeoNames, &lat, &lon
		}
		out = append(out, r)
	}
	return out
}

// placeOf returns the place of a's places that event e names: by entity,
// by GeoNames ID, or by name.
func placeOf(a *news.Article, e news.Event) (news.Place, bool) {
	if e.Place == "" && e.PlaceName == "" {
		return news.Place{}, false
	}
	for _, p := range a.Places {
		if e.Place != "" && (p.Entity == e.Place || fmt.Sprintf("geonames:%d", p.GeoNames) == e.Place) {
			return p, true
		}
	}
	for _, p := range a.Places {
		if e.PlaceName != "" && p.Name == e.PlaceName {
			return p, true
		}
	}
	return news.Place{}, false
}

// EventID is a stable identifier of an event: a hash of its document,
// trigger, type, actor and target.
func EventID(doc string, e news.Event) string {
	h := xxh3.HashString(strings.Join([]string{doc, strconv.Itoa(e.Trigger.Start), e.Type, e.ActorName, e.TargetName}, "\x00"))
	return fmt.Sprintf("%016x", h)
}

func runeOffset(s string, b int) int {
	if b <= 0 {
		return 0
	}
	if b > len(s) {
		b = len(s)
	}
	return utf8.RuneCountInString(s[:b])
}

// Writer writes events in one format. Call Write for each article and Close
// at the end (CSV and TSV flush there).
type Writer struct {
	// AllStatus writes events of every factuality status; by default
	// only asserted and reported ones (news.ShownByDefault).
	AllStatus bool
	f         Format
	w         io.Writer
	csv       *csv.Writer
	header    bool
	enc       *json.Encoder
}

// NewWriter returns a writer of format f to w.
func NewWriter(w io.Writer, f Format) (*Writer, error) {
	x := &Writer{f: f, w: w}
	switch f {
	case JSONL:
		x.enc = json.NewEncoder(w)
		x.enc.SetEscapeHTML(false)
	case CSV:
		x.csv = csv.NewWriter(w)
	case TSV:
	default:
		return nil, fmt.Errorf("%w: %q", ErrFormat, f)
	}
	return x, nil
}

// Write writes the events of a.
func (x *Writer) Write(a *news.Article) error {
	for _, r := range Records(a) {
		if !x.AllStatus && !news.ShownByDefault(r.Status) {
			continue
		}
		if err := x.WriteRecord(r); err != nil {
			return err
		}
	}
	return nil
}

// WriteRecord writes one event record, for callers (a store) that hold
// events rather than articles. Its trigger offsets must already be code
// points; EventID is filled in when empty.
func (x *Writer) WriteRecord(r Record) error {
	if !x.header && x.f != JSONL {
		x.header = true
		if err := x.row(append([]string(nil), Columns...)); err != nil {
			return err
		}
	}
	if r.EventID == "" {
		r.EventID = EventID(r.DocumentID, r.Event)
	}
	if x.f == JSONL {
		if err := x.enc.Encode(r); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	return x.row(r.fields())
}

func (x *Writer) row(f []string) error {
	for i := range f {
		f[i] = NeutraliseCell(f[i])
	}
	if x.f == CSV {
		if err := x.csv.Write(f); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return nil
	}
	for i := range f {
		f[i] = tsvField(f[i])
	}
	if _, err := io.WriteString(x.w, strings.Join(f, "\t")+"\n"); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// Close flushes buffered output.
func (x *Writer) Close() error {
	if x.csv != nil {
		x.csv.Flush()
		if err := x.csv.Error(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	return nil
}

// NeutraliseCell returns a CSV or TSV cell with an apostrophe in front when
// a spreadsheet would run it as a formula: it starts with =, +, -, @, a
// tab or a carriage return and is not a plain number ("-3.5").
func NeutraliseCell(c string) string {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return c
	}
	if _, err := strconv.ParseFloat(c, 64); err == nil {
		return c
	}
	return "'" + c
}

// tsvField keeps a field on one line: tabs and line breaks become spaces.
func tsvField(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		return r
	}, s)
}

// day returns a date as YYYYMMDD (or YYYYMM, YYYY for coarser dates), as
// GDELT's SQLDATE.
func day(date string) string {
	d := strings.ReplaceAll(date, "-", "")
	if len(d) > 8 {
		d = d[:8]
	}
	for i := 0; i < len(d); i++ {
		if d[i] < '0' || d[i] > '9' {
			return ""
		}
	}
	return d
}

func (r Record) fields() []string {
	e := r.Event
	return []string{
		r.EventID, day(e.Date), e.DateFrom, e.Date,
		e.ActorName, e.Actor, e.ActorType, e.ActorCountry,
		e.TargetName, e.Target, e.TargetType, e.TargetCountry,
		e.Type, e.Mode, strconv.FormatFloat(e.Confidence, 'f', 2, 64),
		e.PlaceName, e.Place, geonamesID(r.PlaceGeoNames), coord(r.PlaceLat), coord(r.PlaceLon),
		r.DocumentID, r.Outlet, r.URL, r.Published,
		strconv.Itoa(e.Sentence), strconv.Itoa(e.Trigger.Start), strconv.Itoa(e.Trigger.End), e.Trigger.Text, r.Evidence,
	}
}

func geonamesID(id int) string {
	if id == 0 {
		return ""
	}
	return strconv.Itoa(id)
}

func coord(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', 5, 64)
}

// Write writes the events of articles in format f to w.
func Write(w io.Writer, f Format, articles []*news.Article) error {
	x, err := NewWriter(w, f)
	if err != nil {
		return err
	}
	for _, a := range articles {
		if err := x.Write(a); err != nil {
			return err
		}
	}
	return x.Close()
}
