package resolve

import (
	"context"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
)

// Writer is what a store gives [Link] inside the transaction that stores
// one article: lookups by blocking key, which see the entities created
// earlier in the same transaction, and two writes. Stores implement it;
// the decisions (keys, candidates, [Match], which names are aliases) are
// made here, once for every store.
type Writer interface {
	Lookup
	// NewEntity creates a global entity for the document-local entity e
	// and returns its ID. It records no document, alias or key: Link
	// calls LinkEntity next.
	NewEntity(ctx context.Context, e news.Entity) (id string, err error)
	// LinkEntity records that e, a document-local entity of the article
	// being stored, mentioned mentions times, is the global entity id: it
	// links the entity to the document (adding to an existing link when
	// two local entities of one article resolve to the same global one),
	// adds mentions and, for a new link, one document to the entity's
	// counts and to each of names (its aliases), sets its country when it
	// had none, records keys as its blocking keys, and renames it to the
	// alias most documents use (the longest on a tie).
	LinkEntity(ctx context.Context, id string, e news.Entity, names, keys []string, mentions int) error
}

// Links maps an article's document-local entities to global entity IDs.
type Links struct {
	// Local maps a document-local entity ID to its global entity ID.
	Local map[string]string
	// byText maps MentionKey to a global ID for articles without local
	// entities.
	byText map[string]string
}

// Global returns the global entity of a document-local entity ID, or "".
func (l *Links) Global(localID string) string {
	if localID == "" {
		return ""
	}
	return l.Local[localID]
}

// Mention returns the global entity a mention refers to, or "": the
// global entity of its local entity or, for an article stored without
// local entities, of its (type, normalised text).
func (l *Links) Mention(m news.Mention) string {
	if m.Entity != "" {
		return l.Global(m.Entity)
	}
	return l.byText[MentionKey(m)]
}

// Link links each document-local entity of a to a global entity through
// w: the candidates sharing a blocking key are looked up and [Match]
// picks the same thing among them, or a new global entity is created.
// Articles whose pipeline found mentions but no entities get one local
// entity per distinct naming (type, name) (see [LocalEntities]). The
// first entity of a repeated local ID wins.
func Link(ctx context.Context, w Writer, a *news.Article) (*Links, error) {
	ents, counts, byText := LocalEntities(a)
	l := &Links{Local: make(map[string]string, len(ents))}
	for _, e := range ents {
		if _, dup := l.Local[e.ID]; dup || e.ID == "" {
			continue // a malformed record: the first entity of an ID wins
		}
		keys := Keys(e)
		g := ""
		if len(keys) > 0 {
			cands, err := w.CandidatesByKey(ctx, keys)
			if err != nil {
				return nil, err
			}
			if c, ok := Match(e, cands); ok {
				g = c.ID
			}
		}
		if g == "" {
			var err error
			if g, err = w.NewEntity(ctx, e); err != nil {
				return nil, err
			}
		}
		l.Local[e.ID] = g
		var names []string
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if strings.TrimSpace(n) != "" {
				names = append(names, n)
			}
		}
		if err := w.LinkEntity(ctx, g, e, names, keys, counts[e.ID]); err != nil {
			return nil, err
		}
	}
	if byText != nil {
		l.byText = make(map[string]string, len(byText))
		for k, id := range byText {
			if g, ok := l.Local[id]; ok {
				l.byText[k] = g
			}
		}
	}
	return l, nil
}

// nameTypes are the mention types that name things worth a global entity;
// values (dates, amounts) are not.
var nameTypes = map[news.EntityType]bool{
	news.Person: true, news.Org: true, news.GPE: true, news.Loc: true, news.NORP: true,
	news.Fac: true, news.EventType: true, news.WorkOfArt: true, news.Law: true, news.Misc: true,
}

// MentionKey identifies a mention by its type and normalised text.
func MentionKey(m news.Mention) string { return string(m.Type) + "\x00" + Normalize(m.Text) }

// LocalEntities returns the article's document-local entities with their
// mention counts. When the pipeline produced mentions but no entities (no
// coreference stage ran), each distinct (type, name) of a naming mention
// stands for one entity with a made-up local ID (m1, m2, …), and byText
// maps [MentionKey] to that ID.
func LocalEntities(a *news.Article) (ents []news.Entity, counts map[string]int, byText map[string]string) {
	counts = map[string]int{}
	if len(a.Entities) > 0 {
		for _, m := range a.Mentions {
			if m.Entity != "" {
				counts[m.Entity]++
			}
		}
		return a.Entities, counts, nil
	}
	byText = map[string]string{}
	idx := map[string]int{}
	for _, m := range a.Mentions {
		if !nameTypes[m.Type] || Normalize(m.Text) == "" {
			continue
		}
		k := MentionKey(m)
		i, ok := idx[k]
		if !ok {
			i = len(ents)
			idx[k] = i
			id := "m" + strconv.Itoa(i+1)
			byText[k] = id
			ents = append(ents, news.Entity{ID: id, Name: m.Text, Type: m.Type})
		}
		e := &ents[i]
		counts[e.ID]++
		if len(m.Text) > len(e.Name) {
			e.Aliases = appendNew(e.Aliases, e.Name)
			e.Name = m.Text
		} else if m.Text != e.Name {
			e.Aliases = appendNew(e.Aliases, m.Text)
		}
	}
	return ents, counts, byText
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
