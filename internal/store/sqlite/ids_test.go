package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/resolve"
	"github.com/newsgraph/newsgraph/internal/store"
)

// zelensky returns an article naming a person by name, quoting him and
// coding an event with him as actor.
func zelensky(id, name string) *news.Article {
	text := name + " met the mayor. \"We will win,\" " + name + " said."
	i := strings.Index(text, "We will win")
	return &news.Article{ID: id, Text: text,
		Entities: []news.Entity{{ID: "E1", Name: name, Type: news.Person}, {ID: "E2", Name: "Kyiv", Type: news.GPE}},
		Mentions: []news.Mention{{Span: news.Span{Start: 0, End: len(name)}, Text: name, Type: news.Person, Entity: "E1"}},
		Quotes:   []news.Quote{{Span: news.Span{Start: i, End: i + 11}, Text: "We will win", Speaker: "E1", Kind: news.QuoteDirect}},
		Events: []news.Event{{Type: "CONSULT", Actor: "E1", ActorName: name, Target: "E2", TargetName: "Kyiv",
			Trigger: news.Trigger{Span: news.Span{Start: len(name) + 1, End: len(name) + 4}, Text: "met"}}},
	}
}

// TestEntityIDFollowsNames stores a surname first and the full name later,
// and the other way round: both orders end with the same entity ID, and
// every row that refers to the entity follows it.
func TestEntityIDFollowsNames(t *testing.T) {
	ctx := context.Background()
	want := resolve.EntityID(news.Person, resolve.CanonicalKey(news.Person, []string{"Volodymyr Zelenskyy"}), 1)
	for _, order := range [][]string{{"Zelensky", "Volodymyr Zelenskyy"}, {"Volodymyr Zelenskyy", "Zelensky"}} {
		s := open(t)
		for i, name := range order {
			if _, err := s.Put(ctx, zelensky(string(rune('a'+i)), name)); err != nil {
				t.Fatal(err)
			}
		}
		l, err := s.Entities(ctx, store.EntityQuery{Type: news.Person})
		if err != nil {
			t.Fatal(err)
		}
		if len(l.Entities) != 1 || l.Entities[0].ID != want || l.Entities[0].Documents != 2 {
			t.Fatalf("order %v: entities %+v; want one, %s, in 2 documents", order, l.Entities, want)
		}
		q, err := s.Quotes(ctx, store.QuoteQuery{Speaker: want})
		if err != nil || len(q.Quotes) != 2 {
			t.Errorf("order %v: quotes of %s: %+v, %v; want 2", order, want, q, err)
		}
		ev, err := s.Events(ctx, store.EventQuery{Entity: want})
		if err != nil || len(ev.Events) != 2 {
			t.Fatalf("order %v: events of %s: %+v, %v; want 2", order, want, ev, err)
		}
		for _, e := range ev.Events {
			if e.Actor != want || e.ID == "" || e.ID[0] != 'v' {
				t.Errorf("order %v: event %+v; want actor %s and an ID", order, e, want)
			}
		}
		for _, id := range []string{"a", "b"} {
			d, err := s.Document(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if d.Entities["E1"].ID != want {
				t.Errorf("order %v: document %s links E1 to %+v; want %s", order, id, d.Entities["E1"], want)
			}
		}
		s.Close()
	}
}

// TestMigrateContentIDs opens a format-1 file, whose entities are numbered
// 1, 2, …: migration 2 gives entities, events and stories their content IDs.
func TestMigrateContentIDs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	old := migrations()[0] + `
		INSERT INTO documents (id, title, published, outlet, url, path, chars, text, record, ingested)
			VALUES ('d1', 't', '2022-05-20', '', '', '', 3, 'abc', '{}', ''), ('d2', 't', '2022-05-19', '', '', '', 3, 'abc', '{}', '');
		INSERT INTO entities (rowid, name, type, mentions, documents) VALUES (1, 'Kyiv', 'GPE', 1, 1), (2, 'Vadim Prokopiev', 'PERSON', 2, 2);
		INSERT INTO entity_aliases (entity, alias, documents) VALUES (1, 'Kyiv', 1), (2, 'Vadim Prokopiev', 1), (2, 'Prokopiev', 1);
		INSERT INTO entity_documents (entity, doc, local_id, mentions) VALUES (2, 1, 'E1', 1), (2, 2, 'E4', 1), (1, 1, 'E2', 1);
		INSERT INTO quotes (doc, start_cp, end_cp, text, speaker, speaker_name, cue, kind, confidence) VALUES (1, 0, 1, 'a', 2, '', 'said', 'direct', 1);
		INSERT INTO events (doc, type, actor, target, date, confidence, event, evidence)
			VALUES (1, 'CONSULT', 2, 1, '', 1, '{"type":"CONSULT","actor":"g2","target":"g1","sentence":0,"trigger":{"start":0,"end":1,"text":"a"},"confidence":1}', '');
		INSERT INTO stories (id, title, updated) VALUES ('Sd1', 't', '');
		INSERT INTO story_documents (story, doc) VALUES (1, 1), (1, 2);
		PRAGMA user_version = 1; PRAGMA application_id = 1313304680;`
	if _, err := db.Exec(old); err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	person := resolve.EntityID(news.Person, resolve.CanonicalKey(news.Person, []string{"Vadim Prokopiev"}), 1)
	place := resolve.EntityID(news.GPE, resolve.CanonicalKey(news.GPE, []string{"Kyiv"}), 1)
	e, err := s.Entity(ctx, person)
	if err != nil {
		t.Fatalf("entity %s after migration: %v", person, err)
	}
	if e.Documents != 2 {
		t.Errorf("entity %+v; want 2 documents", e.EntitySummary)
	}
	ev, err := s.Events(ctx, store.EventQuery{Entity: person})
	if err != nil || len(ev.Events) != 1 {
		t.Fatalf("events: %+v, %v", ev, err)
	}
	if h := ev.Events[0]; h.Actor != person || h.Target != place || h.ID != resolve.EventID("d1", 0, h.Event) {
		t.Errorf("event after migration %+v; want actor %s, target %s and its ID", h, person, place)
	}
	q, err := s.Quotes(ctx, store.QuoteQuery{Speaker: person})
	if err != nil || len(q.Quotes) != 1 {
		t.Errorf("quotes: %+v, %v", q, err)
	}
	// d2 is published first: it founds the story.
	if _, err := s.Story(ctx, resolve.StoryID("d2")); err != nil {
		t.Errorf("story after migration: %v", err)
	}
}
