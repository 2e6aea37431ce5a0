// Package news is the vocabulary every newsgraph stage, store and interface
// shares: an [Article] and the annotations stages add to it ([Mention],
// [Entity], [Quote], [Time], [Place], [Event]), plus the cross-article
// [Story].
//
// Inside newsgraph every [Span] is a half-open byte offset into
// [Article.Text]. The public JSON contract (docs/format/annotate.md) uses
// Unicode code-point offsets instead; [Article.MarshalJSON] and
// [Article.UnmarshalJSON] convert in both directions, so code outside this
// package never sees code-point offsets.
package news

import (
	"time"
)

// FormatVersion is the version of the JSON record ("v"). It changes only when
// a field is renamed or removed; new fields keep the version.
const FormatVersion = 1

// Span is a half-open byte range [Start, End) of [Article.Text].
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Format says how an article's raw input is encoded.
type Format string

// Input formats.
const (
	FormatText Format = "text"
	FormatHTML Format = "html"
)

// Source says where an article came from.
type Source struct {
	Path    string    `json:"path,omitempty"`
	Line    int       `json:"line,omitempty"` // 1-based line for JSON Lines inputs, 0 otherwise
	URL     string    `json:"url,omitempty"`
	Outlet  string    `json:"outlet,omitempty"`
	Fetched time.Time `json:"fetched,omitzero"` // when a feed or archive fetched it
}

// RemovedKind classifies text that cleaning took out of an article.
type RemovedKind string

// Kinds of removed text.
const (
	RemovedBoilerplate RemovedKind = "boilerplate" // navigation, share buttons, legal lines
	RemovedNavigation  RemovedKind = "navigation"  // site controls, menus and state/country lists in plain text
	RemovedPromo       RemovedKind = "promo"       // app, audio and newsletter prompts; headlines of other stories
	RemovedDuplicate   RemovedKind = "duplicate"   // a paragraph repeated verbatim
	RemovedCaption     RemovedKind = "caption"     // a photo caption (kept in Captions too)
	RemovedCredit      RemovedKind = "credit"      // a photo credit line
	RemovedTitle       RemovedKind = "title"       // the title repeated at the top of the body
)

// Removed is a piece of input text that is not part of the article body.
type Removed struct {
	Kind RemovedKind `json:"kind"`
	Text string      `json:"text"`
}

// Caption is a photo caption with its credit and how often the input repeated it.
type Caption struct {
	Text   string `json:"text"`
	Credit string `json:"credit,omitempty"`
	Count  int    `json:"count"`
	// Times are the time expressions of the caption, with spans into
	// Text (byte offsets inside newsgraph, code points in JSON, like
	// every other span).
	Times []Time `json:"times,omitempty"`
	// Mentions are the names of the caption, with spans into Text; their
	// Entity is a document-local entity of the article. A caption is
	// annotated once however often it appears (Count).
	Mentions []Mention `json:"mentions,omitempty"`
}

// Token is one word, number or punctuation mark of [Article.Text]. The
// parse stage adds its Universal Dependencies part of speech, its head (an
// index into [Article.Tokens], -1 for a sentence's root) and its relation
// to the head; UPOS is empty when no parse ran.
type Token struct {
	Span
	Text   string `json:"text"`
	UPOS   string `json:"upos,omitempty"`
	Head   int    `json:"head"`
	Deprel string `json:"deprel,omitempty"`
}

// EntityType is the type of a mention or an entity.
type EntityType string

// Entity and value types (DESIGN §3).
const (
	Person     EntityType = "PERSON"
	Org        EntityType = "ORG"
	GPE        EntityType = "GPE"
	Loc        EntityType = "LOC"
	NORP       EntityType = "NORP"
	Fac        EntityType = "FAC"
	EventType  EntityType = "EVENT"
	WorkOfArt  EntityType = "WORK_OF_ART"
	Law        EntityType = "LAW"
	Misc       EntityType = "MISC"
	Date       EntityType = "DATE"
	TimeOfDay  EntityType = "TIME"
	Money      EntityType = "MONEY"
	Percent    EntityType = "PERCENT"
	Cardinal   EntityType = "CARDINAL"
	NoneEntity EntityType = ""
)

// Mention is a span of text that names an entity or a value.
type Mention struct {
	Span
	Text       string     `json:"text"`
	Type       EntityType `json:"type"`
	Entity     string     `json:"entity,omitempty"` // ID of the document-local entity
	Confidence float64    `json:"confidence"`
}

// Entity is one real-world thing. In an article, IDs are document-local
// ("E3"); in a store they are global.
type Entity struct {
	ID      string     `json:"id"`
	Name    string     `json:"name"`
	Type    EntityType `json:"type"`
	Aliases []string   `json:"aliases"`
	// Documents lists the article IDs that mention a global entity; empty
	// for document-local entities.
	Documents []string `json:"documents,omitempty"`
	// Mentions counts the mentions of a global entity.
	Mentions int `json:"mentions,omitempty"`
	// Country is an ISO 3166-1 alpha-2 code where one is known.
	Country string `json:"country,omitempty"`
	// CaptionOnly marks a document-local entity named only in the
	// article's photo captions, not in its text: a caption fact.
	CaptionOnly bool `json:"caption_only,omitempty"`
}

// QuoteKind says how a quote is reported.
type QuoteKind string

// Quote kinds.
const (
	QuoteDirect   QuoteKind = "direct"
	QuotePartial  QuoteKind = "partial"
	QuoteIndirect QuoteKind = "indirect"
)

// Quote is something a speaker said, with the cue that attributes it.
type Quote struct {
	Span
	Text        string    `json:"text"`
	Speaker     string    `json:"speaker,omitempty"` // entity ID
	SpeakerName string    `json:"speaker_name,omitempty"`
	SpeakerSpan *Span     `json:"speaker_span,omitempty"` // the mention that names or stands for the speaker
	Cue         string    `json:"cue,omitempty"`
	CueSpan     *Span     `json:"cue_span,omitempty"`
	Kind        QuoteKind `json:"kind"`
	Confidence  float64   `json:"confidence,omitempty"`
}

// TimeKind is the TIMEX3 type of a time expression.
type TimeKind string

// TIMEX3 types.
const (
	TimeDate     TimeKind = "date"
	TimeTime     TimeKind = "time"
	TimeDuration TimeKind = "duration"
	TimeSet      TimeKind = "set"
)

// Time is a time expression with its TIMEX3-style normalised value. Value is
// empty when the expression cannot be resolved; it is never a guess.
type Time struct {
	Span
	Text  string   `json:"text"`
	Value string   `json:"value"`
	Kind  TimeKind `json:"kind"`
	// Anchor is the date the value was computed against, for relative expressions.
	Anchor string `json:"anchor,omitempty"`
}

// Place is a toponym resolved to a gazetteer entry.
type Place struct {
	Span
	Text       string  `json:"text"`
	Entity     string  `json:"entity,omitempty"`
	Name       string  `json:"name"`
	Country    string  `json:"country,omitempty"`
	Admin1     string  `json:"admin1,omitempty"`
	Feature    string  `json:"feature,omitempty"` // country, city, admin1, region, ...
	Lat        float64 `json:"lat"`
	Lon        float64 `json:"lon"`
	GeoNames   int     `json:"geonames,omitempty"`
	Confidence float64 `json:"confidence,omitempty"`
}

// Trigger is the word or phrase that signals an event.
type Trigger struct {
	Span
	Text string `json:"text"`
}

// Event is a political event in a PLOVER category: who did what to whom,
// when and where, with the sentence that says so.
type Event struct {
	Type          string  `json:"type"`
	Mode          string  `json:"mode,omitempty"`
	Actor         string  `json:"actor,omitempty"`
	ActorName     string  `json:"actor_name,omitempty"`
	ActorType     string  `json:"actor_type,omitempty"` // government, military, rebel, civilian, igo, ...
	ActorCountry  string  `json:"actor_country,omitempty"`
	Target        string  `json:"target,omitempty"`
	TargetName    string  `json:"target_name,omitempty"`
	TargetType    string  `json:"target_type,omitempty"`
	TargetCountry string  `json:"target_country,omitempty"`
	Date          string  `json:"date,omitempty"`
	DateFrom      string  `json:"date_from,omitempty"` // "time" when from a time expression, "published" when the article date stands in
	Place         string  `json:"place,omitempty"`
	PlaceName     string  `json:"place_name,omitempty"`
	Sentence      int     `json:"sentence"`
	Trigger       Trigger `json:"trigger"`
	Confidence    float64 `json:"confidence"`
	// Status is the event's factuality (docs/events.md): asserted,
	// reported, negated, hypothetical, planned or future. Empty means
	// asserted (records written before statuses existed).
	Status string `json:"status,omitempty"`
	// Source is who reports the event ("X said Y attacked Z": X), an
	// entity ID and name, when the sentence says.
	Source     string `json:"source,omitempty"`
	SourceName string `json:"source_name,omitempty"`
}

// Event statuses.
const (
	StatusAsserted     = "asserted"
	StatusReported     = "reported"
	StatusNegated      = "negated"
	StatusHypothetical = "hypothetical"
	StatusPlanned      = "planned"
	StatusFuture       = "future"
)

// ShownByDefault reports whether events of a status are shown by exports,
// the API and the UI without asking: asserted and reported ones.
func ShownByDefault(status string) bool {
	return status == "" || status == StatusAsserted || status == StatusReported
}

// Story is a set of articles that report the same real-world story.
type Story struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Documents []string `json:"documents"`
	Outlets   []string `json:"outlets"`
	// Duplicates maps a syndicated copy to the article it copies; copies
	// count once.
	Duplicates map[string]string `json:"duplicates,omitempty"`
}

// Provenance records what produced an article's annotations.
type Provenance struct {
	Version string            `json:"version"`
	Stages  map[string]string `json:"stages"`
	// Notes records inferences a person may want to check, such as a
	// publication date inferred from a dateline.
	Notes []string `json:"notes,omitempty"`
}

// Article is one news article: its input, its clean text and every
// annotation the pipeline added.
type Article struct {
	ID     string   `json:"id"` // hex SHA-256 of the raw input
	Source Source   `json:"source"`
	Title  string   `json:"title"`
	Byline []string `json:"byline"`
	// Published is the publication date, YYYY-MM-DD, or empty when unknown.
	Published string `json:"published"`
	Language  string `json:"language"`
	Text      string `json:"text"`

	Removed  []Removed `json:"removed"`
	Captions []Caption `json:"captions"`

	Paragraphs []Span `json:"-"` // serialised as [[start, end], ...]
	Sentences  []Span `json:"-"` // serialised as [[start, end], ...]
	// Tokens are serialised only when they carry a parse (the record's
	// "tokens"); the store does not keep them.
	Tokens []Token `json:"-"`

	Entities []Entity  `json:"entities"`
	Mentions []Mention `json:"mentions"`
	Quotes   []Quote   `json:"quotes"`
	Times    []Time    `json:"times"`
	Places   []Place   `json:"places"`
	Events   []Event   `json:"events"`

	Provenance Provenance `json:"provenance"`

	// Raw is the input as read, before extraction; Format says how it is
	// encoded. Neither is serialised.
	Raw    []byte `json:"-"`
	Format Format `json:"-"`
	// Warnings are non-fatal problems found while reading or annotating
	// (invalid UTF-8 replaced, say). They are reported, not serialised.
	Warnings []string `json:"-"`
}

// Parsed reports whether a's tokens carry a dependency parse.
func (a *Article) Parsed() bool { return len(a.Tokens) > 0 && a.Tokens[0].UPOS != "" }

// SentenceOf returns the index of the sentence that contains byte offset off,
// or -1.
func (a *Article) SentenceOf(off int) int {
	lo, hi := 0, len(a.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch s := a.Sentences[m]; {
		case off < s.Start:
			hi = m
		case off >= s.End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// Slice returns the text of s.
func (a *Article) Slice(s Span) string {
	if s.Start < 0 || s.End > len(a.Text) || s.Start > s.End {
		return ""
	}
	return a.Text[s.Start:s.End]
}

// EntityByID returns the document-local entity with the given ID, or nil.
func (a *Article) EntityByID(id string) *Entity {
	for i := range a.Entities {
		if a.Entities[i].ID == id {
			return &a.Entities[i]
		}
	}
	return nil
}
