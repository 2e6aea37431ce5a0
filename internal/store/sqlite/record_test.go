package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

// A store written before records were compressed holds plain JSON; it
// reads and exports the same.
func TestPlainRecordsStillRead(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "old.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := &news.Article{ID: "d1", Title: "Council meets", Text: "Olga Moroz spoke in Minsk.", Source: news.Source{Path: "a.txt"}}
	if _, err := st.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	plain, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.w.ExecContext(ctx, "UPDATE documents SET record = ? WHERE id = ?", plain, a.ID); err != nil {
		t.Fatal(err)
	}
	d, err := st.Document(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Article.Text != a.Text || !bytes.Equal(d.Record, plain) {
		t.Errorf("Document = %q, record %q", d.Article.Text, d.Record)
	}
	var exported []byte
	if err := st.Export(ctx, store.Exporter{Document: func(id string, rec []byte) error {
		exported = rec
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(exported, plain) {
		t.Errorf("exported record %q, want %q", exported, plain)
	}
}

func TestSetStories(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "stories.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range []string{"d1", "d2", "d3"} {
		if _, err := st.Put(ctx, &news.Article{ID: id, Title: "Title " + id, Text: "Text of " + id + "."}); err != nil {
			t.Fatal(err)
		}
	}
	err = st.SetStories(ctx, []store.StoryAssignment{
		{Doc: "d1", Story: "s1"}, {Doc: "d2", Story: "s1", DuplicateOf: "d1"}, {Doc: "d3", Story: "s2"},
		{Doc: "d3", Story: "s3"}, // moves d3: s2 goes away
	})
	if err != nil {
		t.Fatal(err)
	}
	s1, err := st.Story(ctx, "s1")
	if err != nil || len(s1.Documents) != 2 || s1.Duplicates["d2"] != "d1" || s1.Title != "Title d1" {
		t.Errorf("Story(s1) = %+v, %v", s1, err)
	}
	if _, err := st.Story(ctx, "s2"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(s2) after its document moved: %v; want ErrNotFound", err)
	}
	// One unknown document fails the batch, and nothing of it is kept.
	err = st.SetStories(ctx, []store.StoryAssignment{{Doc: "d1", Story: "s9"}, {Doc: "nope", Story: "s9"}})
	if !errors.Is(err, store.ErrNotFound) {
		t.Errorf("batch with an unknown document: err = %v; want ErrNotFound", err)
	}
	if _, err := st.Story(ctx, "s9"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(s9) after a failed batch: %v; want ErrNotFound", err)
	}
	if err := st.SetStories(ctx, []store.StoryAssignment{{Doc: "d1"}}); !errors.Is(err, store.ErrBadQuery) {
		t.Errorf("assignment without a story: err = %v; want ErrBadQuery", err)
	}
}
