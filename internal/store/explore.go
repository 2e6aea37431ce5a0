package store

import "context"

// Explorer is an optional interface of a [Store]: the queries behind the
// web UI's facets, suggestions, timeline, map and evidence panels. The web
// UI uses them when the backend implements them and falls back to the
// [Store] methods (with fewer features) when it does not.
type Explorer interface {
	// Facets counts the documents a search matches by outlet,
	// publication year and entity.
	Facets(ctx context.Context, q SearchQuery) (*Facets, error)
	// SuggestEntities lists entities whose name or an alias, or one of
	// their words, begins with prefix (ignoring case), most documents
	// first.
	SuggestEntities(ctx context.Context, prefix string, limit int) ([]EntitySummary, error)
	// Dated lists events and dated time expressions whose date lies in a
	// range, oldest first.
	Dated(ctx context.Context, q DatedQuery) (*DatedList, error)
	// EntityEvents lists the events of an entity in one role ("actor" or
	// "target").
	EntityEvents(ctx context.Context, entity, role string, p Page) (*EventList, error)
	// ReportedMonths returns, for each document ID given, the month
	// (YYYY-MM) its dated time expressions (in the text or the photo
	// captions) most often fall in; documents with none are left out.
	ReportedMonths(ctx context.Context, ids []string) (map[string]string, error)
	// PlaceEvents lists events that have a resolved place, with its
	// coordinates.
	PlaceEvents(ctx context.Context, q PlaceQuery) ([]PlacedEvent, error)
	// PlaceMentions lists the mentions of one place with their
	// documents, the latest stored first.
	PlaceMentions(ctx context.Context, key PlaceKey, limit int) ([]PlaceMention, error)
	// MapPlaces lists resolved places, most mentioned first, with how
	// many mentions and articles each has (no document lists: the map's
	// popups ask PlaceMentions).
	MapPlaces(ctx context.Context, q PlaceQuery) (*PlaceList, error)
	// EgoGraph returns an entity, its limit-1 most frequent neighbours,
	// and the co-occurrence and event edges between them, both counted in
	// the centre's articles.
	EgoGraph(ctx context.Context, centre string, limit int) (*Graph, error)
	// RecentQuotes lists quotes, the latest stored first.
	RecentQuotes(ctx context.Context, p Page) (*QuoteList, error)
	// Counts counts what the home page shows, without the per-mention
	// tables that make Stats slow on large stores. Places are distinct
	// places.
	Counts(ctx context.Context) (*Stats, error)
	// EntitySummary returns one entity's name, type and counts.
	EntitySummary(ctx context.Context, id string) (*EntitySummary, error)
	// SharedDocuments lists up to limit documents that mention both
	// entities, the latest stored first.
	SharedDocuments(ctx context.Context, a, b string, limit int) ([]string, error)
	// EventsOf lists up to limit events with actor a (the latest stored
	// first): with target b when b is set; with no linked target or
	// actor on the other side when b is "" (events whose other side only
	// a name gives).
	EventsOf(ctx context.Context, a, b string, limit int) ([]EventHit, error)
}

// Facet is one value of a facet with the number of documents that have it.
type Facet struct {
	Value string `json:"value"`
	Label string `json:"label,omitempty"`
	Count int    `json:"count"`
}

// Facets are the facet counts of a search. Scanned is the number of
// matching documents counted (at most [FacetScan], in store order: a
// sample when there are more); Total is all matches.
type Facets struct {
	// More is true when the search matches more documents than Scanned.
	More     bool    `json:"more"`
	Scanned  int     `json:"scanned"`
	Outlets  []Facet `json:"outlets"`
	Years    []Facet `json:"years"`
	Entities []Facet `json:"entities"`
	Types    []Facet `json:"types"`
}

// FacetScan caps the matches [Explorer.Facets] counts.
const FacetScan = 2000

// DatedQuery selects dated items. From and To are YYYY, YYYY-MM or
// YYYY-MM-DD (both inclusive, either may be empty); an item is in the range
// when its own period overlaps it.
type DatedQuery struct {
	Page
	From, To string
	// Entity keeps events with this entity as actor or target, and time
	// expressions of documents that mention it.
	Entity string
	// Type keeps events of this PLOVER type (and no time expressions).
	Type string
}

// DatedCountCap caps the count of dated items.
const DatedCountCap = 10000

// DatedItem is an event or a time expression with its date. Precision
// follows from the length of Date: 4 a year, 7 a month, 10 a day.
type DatedItem struct {
	Kind          string `json:"kind"` // "event", "time" (in the text) or "photo" (in a photo caption)
	Date          string `json:"date"`
	Document      string `json:"document"`
	DocumentTitle string `json:"document_title"`
	// Event is set for events.
	Event *EventHit `json:"event,omitempty"`
	// Text is the time expression (for times and photos).
	Text  string `json:"text,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// DatedList is one page of dated items. Total is capped at
// [DatedCountCap] + 1 ("more than DatedCountCap").
type DatedList struct {
	Total int         `json:"total"`
	Page  Page        `json:"page"`
	Items []DatedItem `json:"items"`
}

// PlacedEvent is an event with the coordinates of its place.
type PlacedEvent struct {
	EventHit
	Lat     float64 `json:"lat"`
	Lon     float64 `json:"lon"`
	Country string  `json:"country,omitempty"`
}

// PlaceKey identifies a place: its GeoNames ID, or its name and country.
type PlaceKey struct {
	GeoNames int
	Name     string
	Country  string
}

// PlaceMention is one mention of a place with the document it is in.
type PlaceMention struct {
	DocSummary
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}
