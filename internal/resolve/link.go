package resolve

import (
	"context"
	"strconv"
	"strings"

	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/news"
)

// Writer is what a store gives [Link] inside the transaction that stores
// one article: lookups by blocking key, which see the entities created
// earlier in the same transaction, and two writes. Stores implement it;
// the decisions (keys, candidates, [Match], which names are aliases) are
// made here, once for every store.
type Writer interface {
	Lookup
	// NewEntity creates global entity id (chosen by Link, see
	// [EntityID]) for the document-local entity e. It records no
	// document, alias or key: Link calls LinkEntity next.
	NewEntity(ctx context.Context, id string, e news.Entity) error
	// EntityExists reports whether global entity id exists.
	EntityExists(ctx context.Context, id string) (bool, error)
	// MoveEntity gives global entity from the ID to (which does not
	// exist): every record of it and every reference to it (mentions,
	// quotes, places, events, aliases, keys, documents) follows.
	MoveEntity(ctx context.Context, from, to string) error
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
//
// Global IDs come from content ([EntityID] of the [CanonicalKey] of all the
// names an entity goes by): a new entity gets the ID of its names, and an
// entity that an article gives a fuller name than any before is moved to
// the ID of its new key (w.MoveEntity), so that the same articles give the
// same IDs in any order.
func Link(ctx context.Context, w Writer, a *news.Article) (*Links, error) {
	defer cputime.Track(ctx, "resolve")() // newsgraph bench
	ents, counts, byText := LocalEntities(a)
	l := &Links{Local: make(map[string]string, len(ents))}
	for _, e := range ents {
		if _, dup := l.Local[e.ID]; dup || e.ID == "" {
			continue // a malformed record: the first entity of an ID wins
		}
		keys := Keys(e)
		var names []string
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if strings.TrimSpace(n) != "" {
				names = append(names, n)
			}
		}
		g := ""
		var matched Candidate
		if len(keys) > 0 {
			cands, err := w.CandidatesByKey(ctx, keys)
			if err != nil {
				return nil, err
			}
			if c, ok := Match(e, cands); ok {
				g, matched = c.ID, c
			}
		}
		if g != "" {
			all := append(append(append([]string(nil), names...), matched.Name), matched.Aliases...)
			want, err := freeID(ctx, w, e.Type, all, g)
			if err != nil {
				return nil, err
			}
			if want != g {
				if err := w.MoveEntity(ctx, g, want); err != nil {
					return nil, err
				}
				// Entities of this article linked to g earlier now
				// follow it to its new ID.
				for id, lg := range l.Local {
					if lg == g {
						l.Local[id] = want
					}
				}
				g = want
			}
		} else {
			var err error
			if g, err = freeID(ctx, w, e.Type, names, ""); err != nil {
				return nil, err
			}
			if err := w.NewEntity(ctx, g, e); err != nil {
				return nil, err
			}
		}
		l.Local[e.ID] = g
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

// freeID returns the ID for a global entity of type t with these names:
// the first of EntityID(t, key, 1, 2, ...) that is self (the entity's
// present ID, "" for a new one) or that no entity holds.
func freeID(ctx context.Context, w Writer, t news.EntityType, names []string, self string) (string, error) {
	key := EntityKey(t, names)
	for n := 1; ; n++ {
		id := EntityID(t, key, n)
		if id == self {
			return id, nil
		}
		taken, err := w.EntityExists(ctx, id)
		if err != nil {
			return "", err
		}
		if !taken {
			return id, nil
		}
	}
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
