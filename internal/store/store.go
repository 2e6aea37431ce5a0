// Package store defines where newsgraph keeps annotated articles and the
// cross-article knowledge built from them: the [Store] interface every
// backend implements, the query and result types the CLI, the HTTP API and
// the web UI share, and the sentinel errors callers test with errors.Is.
//
// Backends live in subpackages (store/sqlite is the embedded default) and
// must pass the conformance suite in store/storetest.
//
// Offsets in results (quotes, mentions) are half-open Unicode code-point
// offsets into the article text, as in the public JSON contract.
package store

import (
	"context"
	"errors"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Sentinel errors, testable with errors.Is.
var (
	// ErrNotFound: no document, entity or story has the requested ID.
	ErrNotFound = errors.New("store: not found")
	// ErrNewerFormat: the database was written by a newer newsgraph.
	ErrNewerFormat = errors.New("store: database format is newer than this newsgraph")
	// ErrNotStore: the file exists but is not a newsgraph database.
	ErrNotStore = errors.New("store: not a newsgraph database")
	// ErrNoDatabase: the database does not exist and the caller asked not
	// to create it.
	ErrNoDatabase = errors.New("store: no such database")
	// ErrBadQuery: a query cannot be run (an empty search, an unknown
	// filter value). Messages say what is wrong in words a user can act on.
	ErrBadQuery = errors.New("store: bad query")
	// ErrClosed: the store was closed.
	ErrClosed = errors.New("store: closed")
)

// Detail wraps an internal cause inside a user-facing error: its text is
// left out of [UserMessage].
type Detail struct{ Err error }

func (d *Detail) Error() string { return d.Err.Error() }
func (d *Detail) Unwrap() error { return d.Err }

// UserMessage returns what a user of the web UI or the API may read of an
// error wrapping ErrNotFound or ErrBadQuery: the message without the
// names of packages or of the sentinel, and without wrapped [Detail]s
// ("document \"x\" not found", not "sqlite: document \"x\": store: not
// found"). Other errors are internal and get a fixed message.
func UserMessage(err error) string {
	msg := err.Error()
	var d *Detail
	if errors.As(err, &d) {
		msg = strings.ReplaceAll(msg, " ("+d.Error()+")", "")
	}
	for _, p := range []string{"sqlite: ", "postgres: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	switch {
	case errors.Is(err, ErrNotFound):
		msg = strings.TrimSuffix(strings.TrimSuffix(msg, ErrNotFound.Error()), ": ")
		if msg == "" {
			return "not found"
		}
		return msg + " not found"
	case errors.Is(err, ErrBadQuery):
		msg = strings.Replace(msg, ErrBadQuery.Error()+": ", "", 1)
		msg = strings.TrimSuffix(strings.TrimSuffix(msg, ErrBadQuery.Error()), ": ")
		if msg == "" {
			return "bad query"
		}
		return msg
	}
	return "internal error"
}

// Paging defaults and limits.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

// Page selects a window of results.
type Page struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// Norm returns p with a zero or negative limit replaced by [DefaultLimit],
// a limit over [MaxLimit] lowered to it, and a negative offset made zero.
func (p Page) Norm() Page {
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	if p.Offset < 0 {
		p.Offset = 0
	}
	return p
}

// Store keeps annotated articles and what is known across them.
//
// A Store is safe for concurrent use by multiple goroutines. Writes are
// serialised inside the store, each write method is one transaction (all of
// it is stored or none), and readers never see a half-written article: they
// run concurrently with writes and see the last committed state. Close
// waits for nothing: callers stop using the store before closing it.
type Store interface {
	// Put stores an annotated article and links its document-local
	// entities to global ones. It reports whether the article was new;
	// storing an article whose ID is already present changes nothing.
	Put(ctx context.Context, a *news.Article) (created bool, err error)
	// PutMany is Put for several articles in one transaction; created[i]
	// is for as[i]. It is faster than Put for bulk ingest.
	PutMany(ctx context.Context, as []*news.Article) (created []bool, err error)
	// Has reports whether an article with the given ID is stored.
	Has(ctx context.Context, id string) (bool, error)

	// PutStory creates or replaces a story: its title, and its documents,
	// each of which leaves any story it belonged to before. Documents
	// that are not stored are an error wrapping ErrNotFound.
	PutStory(ctx context.Context, s news.Story) error
	// SetStory puts one stored document into a story, creating the story
	// (with the document's title) when needed. duplicateOf names the
	// article that doc copies, or is empty.
	SetStory(ctx context.Context, docID, storyID, duplicateOf string) error

	// Document returns a stored article as it was annotated, with the
	// global entity each document-local entity was linked to.
	Document(ctx context.Context, id string) (*Document, error)
	// Documents lists stored articles, newest publication first.
	Documents(ctx context.Context, q DocQuery) (*DocList, error)
	// Search runs a full-text search; see [ParseQuery] for the syntax.
	Search(ctx context.Context, q SearchQuery) (*SearchResult, error)

	// Entities lists global entities, most mentioned first.
	Entities(ctx context.Context, q EntityQuery) (*EntityList, error)
	// Entity returns everything known about one global entity.
	Entity(ctx context.Context, id string) (*EntityPage, error)
	// Quotes lists quotes, filtered by speaker or document.
	Quotes(ctx context.Context, q QuoteQuery) (*QuoteList, error)
	// Events lists events, filtered by type, entity or document.
	Events(ctx context.Context, q EventQuery) (*EventList, error)
	// Timeline counts documents and events by date.
	Timeline(ctx context.Context, q TimelineQuery) (*Timeline, error)
	// Places lists resolved places with how often they are mentioned and
	// the documents that mention them.
	Places(ctx context.Context, q PlaceQuery) (*PlaceList, error)
	// Stories lists stories, largest first.
	Stories(ctx context.Context, p Page) (*StoryList, error)
	// Story returns one story with its documents.
	Story(ctx context.Context, id string) (*StoryPage, error)
	// Graph returns entities and the edges between them: co-occurrence in
	// documents and events linking an actor to a target.
	Graph(ctx context.Context, q GraphQuery) (*Graph, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (*Stats, error)

	// Export calls the functions of x for every stored record, documents
	// first, then entities, quotes, events and stories. A nil function
	// skips that kind. It stops at the first error a function returns.
	Export(ctx context.Context, x Exporter) error

	// Close releases the store.
	Close() error
}

// Exporter receives the records of [Store.Export].
type Exporter struct {
	// Document receives each article's annotate record (DESIGN §3), as
	// JSON.
	Document func(id string, record []byte) error
	Entity   func(e news.Entity) error
	Quote    func(q QuoteHit) error
	Event    func(e EventHit) error
	Story    func(s news.Story) error
}

// DocSummary describes a stored article in lists.
type DocSummary struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Outlet    string `json:"outlet,omitempty"`
	URL       string `json:"url,omitempty"`
	Path      string `json:"path,omitempty"`
	Ingested  string `json:"ingested"` // RFC 3339, UTC
	Chars     int    `json:"chars"`    // length of the clean text in code points
}

// DocFilter narrows documents by publication date and outlet. Dates are
// YYYY-MM-DD or a prefix of one (2022, 2022-05); both ends are inclusive
// (To "2022-05" includes every day of May). Setting From or To leaves out
// undated documents.
type DocFilter struct {
	From   string `json:"from,omitempty"`
	To     string `json:"to,omitempty"`
	Outlet string `json:"outlet,omitempty"`
}

// DocQuery selects documents to list.
type DocQuery struct {
	Page
	DocFilter
	// Entity keeps documents that mention this global entity.
	Entity string
	// Story keeps the documents of this story.
	Story string
}

// DocList is one page of documents.
type DocList struct {
	Total     int          `json:"total"`
	Page      Page         `json:"page"`
	Documents []DocSummary `json:"documents"`
}

// Document is a stored article with its links to global entities.
type Document struct {
	Article *news.Article
	// Record is the article's annotate record as JSON (DESIGN §3).
	Record []byte
	// Entities maps each document-local entity ID to the global entity it
	// was linked to.
	Entities map[string]EntityRef
	// MentionEntities holds, for each of Article.Mentions in order, the
	// global entity ID it was linked to, or "".
	MentionEntities []string
	// Story is the ID of the story the article belongs to, or empty.
	Story    string
	Ingested string
}

// EntityRef names a global entity.
type EntityRef struct {
	ID   string          `json:"id"`
	Name string          `json:"name"`
	Type news.EntityType `json:"type"`
}

// SearchQuery is a full-text search.
type SearchQuery struct {
	Page
	DocFilter
	// Text is the user's query; see [ParseQuery].
	Text string
}

// SearchHit is one matching document.
type SearchHit struct {
	DocSummary
	// Snippet is an excerpt of the text around the matches, HTML-escaped,
	// with each match inside <mark>…</mark>.
	Snippet string `json:"snippet"`
	// Score ranks hits (bm25, higher is better).
	Score float64 `json:"score"`
}

// SearchResult is one page of search hits.
type SearchResult struct {
	Query string      `json:"query"`
	Total int         `json:"total"`
	Page  Page        `json:"page"`
	Hits  []SearchHit `json:"hits"`
}

// EntitySummary describes a global entity in lists.
type EntitySummary struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Type      news.EntityType `json:"type"`
	Country   string          `json:"country,omitempty"`
	Mentions  int             `json:"mentions"`
	Documents int             `json:"documents"`
}

// EntityQuery selects entities to list.
type EntityQuery struct {
	Page
	// Name keeps entities whose name or an alias contains it, ignoring
	// case.
	Name string
	// Type keeps entities of this type.
	Type news.EntityType
}

// EntityList is one page of entities.
type EntityList struct {
	Total    int             `json:"total"`
	Page     Page            `json:"page"`
	Entities []EntitySummary `json:"entities"`
}

// Alias is one name an entity goes by, with how many documents use it.
type Alias struct {
	Name      string `json:"name"`
	Documents int    `json:"documents"`
	// Evidence says why the name is the entity's: the rule of
	// resolve.Evidence that joins it to the entity's name, or a user's
	// merge.
	Evidence string `json:"evidence,omitempty"`
}

// Decision is a user's decision about global entities, kept by the store
// and honoured when later articles are resolved.
type Decision struct {
	// Kind is "split" (Name was taken off Entity into the new Other) or
	// "merge" (Other, named Name, was merged into Entity).
	Kind   string `json:"kind"`
	Entity string `json:"entity"`
	Other  string `json:"other"`
	Name   string `json:"name"`
	Made   string `json:"made"` // RFC 3339
}

// EntityEditor is implemented by stores that let a user correct
// resolution: split a wrong merge, join a missed one. Decisions are kept
// and survive storing more articles.
type EntityEditor interface {
	// MergeEntities merges global entity from into into.
	MergeEntities(ctx context.Context, into, from string) error
	// SplitEntity takes a name (an alias or the name) off global entity
	// id into a new entity and returns its ID.
	SplitEntity(ctx context.Context, id, name string) (newID string, err error)
	// Decisions lists the decisions about a global entity, oldest first.
	Decisions(ctx context.Context, id string) ([]Decision, error)
}

// MentionRef is one mention in a document.
type MentionRef struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// EntityArticle is a document that mentions an entity.
type EntityArticle struct {
	DocSummary
	Mentions []MentionRef `json:"mentions"`
}

// Cooccurrence is an entity that appears in documents with another.
type Cooccurrence struct {
	EntitySummary
	// Shared counts the documents both appear in.
	Shared int `json:"shared"`
}

// EntityPage is everything known about one global entity.
type EntityPage struct {
	EntitySummary
	Aliases     []Alias         `json:"aliases"`
	Articles    []EntityArticle `json:"articles"`
	QuotesBy    []QuoteHit      `json:"quotes_by"`
	QuotesAbout []QuoteHit      `json:"quotes_about"`
	Events      []EventHit      `json:"events"`
	Cooccurring []Cooccurrence  `json:"cooccurring"`
	// Decisions are the user's splits and merges of this entity, where the
	// store keeps them.
	Decisions []Decision `json:"decisions,omitempty"`
}

// QuoteHit is a stored quote with the document it comes from. Speaker is a
// global entity ID.
type QuoteHit struct {
	Document      string         `json:"document"`
	DocumentTitle string         `json:"document_title"`
	Published     string         `json:"published"`
	Start         int            `json:"start"`
	End           int            `json:"end"`
	Text          string         `json:"text"`
	Speaker       string         `json:"speaker,omitempty"`
	SpeakerName   string         `json:"speaker_name,omitempty"`
	Cue           string         `json:"cue,omitempty"`
	Kind          news.QuoteKind `json:"kind"`
	Confidence    float64        `json:"confidence,omitempty"`
}

// QuoteQuery selects quotes.
type QuoteQuery struct {
	Page
	// Speaker keeps quotes whose speaker is this global entity ID, or
	// whose speaker's name or alias contains this text.
	Speaker string
	// Document keeps the quotes of one document.
	Document string
}

// QuoteList is one page of quotes.
type QuoteList struct {
	Total  int        `json:"total"`
	Page   Page       `json:"page"`
	Quotes []QuoteHit `json:"quotes"`
}

// EventHit is a stored event with its document and the sentence that
// reports it. Actor, Target and Place are global entity IDs.
type EventHit struct {
	// ID is the event's content-derived ID (docs/format/store.md).
	ID            string `json:"id"`
	Document      string `json:"document"`
	DocumentTitle string `json:"document_title"`
	Published     string `json:"published"`
	news.Event
	// Evidence is the text of the sentence that reports the event.
	Evidence string `json:"evidence,omitempty"`
}

// EventQuery selects events.
type EventQuery struct {
	Page
	Type     string
	Entity   string // actor or target
	Document string
	// AllStatus includes events of every factuality status; by default
	// only asserted and reported ones are listed (news.ShownByDefault).
	AllStatus bool
}

// EventList is one page of events.
type EventList struct {
	Total  int        `json:"total"`
	Page   Page       `json:"page"`
	Events []EventHit `json:"events"`
}

// TimelineQuery selects what a timeline counts.
type TimelineQuery struct {
	// Entity restricts the timeline to one global entity.
	Entity string
	// Bucket is "day", "month" (the default) or "year".
	Bucket string
}

// TimeBucket counts what happened in one period.
type TimeBucket struct {
	Period    string `json:"period"` // 2022, 2022-05 or 2022-05-21
	Documents int    `json:"documents"`
	Events    int    `json:"events"`
}

// Timeline is a list of periods in order.
type Timeline struct {
	Bucket  string       `json:"bucket"`
	Entity  string       `json:"entity,omitempty"`
	Periods []TimeBucket `json:"periods"`
}

// PlaceQuery selects places.
type PlaceQuery struct {
	Page
	Country string
}

// PlaceCount is a resolved place with how often it is mentioned.
type PlaceCount struct {
	Name      string       `json:"name"`
	Country   string       `json:"country,omitempty"`
	Lat       float64      `json:"lat"`
	Lon       float64      `json:"lon"`
	GeoNames  int          `json:"geonames,omitempty"`
	Mentions  int          `json:"mentions"`
	Documents []DocSummary `json:"documents"`
}

// PlaceList is one page of places, most mentioned first.
type PlaceList struct {
	Total  int          `json:"total"`
	Page   Page         `json:"page"`
	Places []PlaceCount `json:"places"`
}

// StoryList is one page of stories.
type StoryList struct {
	Total   int          `json:"total"`
	Page    Page         `json:"page"`
	Stories []news.Story `json:"stories"`
}

// StoryPage is a story with its documents.
type StoryPage struct {
	news.Story
	Articles []DocSummary `json:"articles"`
}

// GraphQuery selects a graph.
type GraphQuery struct {
	// Entity centres the graph on one global entity and its neighbours;
	// empty means the most connected entities of the store.
	Entity string
	// Limit caps the number of nodes (default 50, at most MaxLimit).
	Limit int
}

// GraphNode is an entity in a graph.
type GraphNode struct {
	EntitySummary
}

// GraphEdge links two entities. Kind is "cooccur" (Weight documents
// mention both) or "event" (Weight events have Source as actor and Target
// as target; Types lists their types).
type GraphEdge struct {
	Source string   `json:"source"`
	Target string   `json:"target"`
	Kind   string   `json:"kind"`
	Weight int      `json:"weight"`
	Types  []string `json:"types,omitempty"`
}

// Graph is a set of entities and the edges between them.
type Graph struct {
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
}

// Stats counts what a store holds.
type Stats struct {
	Format    int `json:"format"`
	Documents int `json:"documents"`
	Entities  int `json:"entities"`
	Mentions  int `json:"mentions"`
	Quotes    int `json:"quotes"`
	Events    int `json:"events"`
	Places    int `json:"places"`
	Stories   int `json:"stories"`
}

// StoryAssignment puts the stored document Doc into the story Story
// (the arguments of [Store.SetStory]).
type StoryAssignment struct {
	Doc, Story, DuplicateOf string
}

// StoryBatcher is implemented by stores that record many story
// assignments in one transaction: SetStories is SetStory for each, in
// order, and all or none of them are recorded. Ingest uses it when the
// store has it; a transaction per article costs more than the article's
// rows.
type StoryBatcher interface {
	SetStories(ctx context.Context, as []StoryAssignment) error
}
