package ingest

import (
	"context"
	"io"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

func TestRestoreStories(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "r.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	art := func(id, published string) *news.Article {
		return &news.Article{ID: id, Title: id, Published: published, Text: "Talks on the border in Minsk continued on " + published + "."}
	}
	if _, err := st.PutMany(ctx, []*news.Article{art("old", "2020-01-01"), art("new", "2022-05-01"), art("undated", ""), art("loose", "2022-04-30")}); err != nil {
		t.Fatal(err)
	}
	for id, story := range map[string]string{"old": "S-old", "new": "S-new", "undated": "S-undated"} {
		if err := st.SetStory(ctx, id, story, ""); err != nil {
			t.Fatal(err)
		}
	}
	cl, err := RestoreStories(ctx, st, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"new": "S-new", "undated": "S-undated", "old": ""} {
		if got, _ := cl.StoryOf(id); got != want {
			t.Errorf("after restore, %s is in story %q; want %q", id, got, want)
		}
	}
	// The article stored without a story got one, in the clusterer and in
	// the store.
	got, ok := cl.StoryOf("loose")
	d, err := st.Document(ctx, "loose")
	if err != nil {
		t.Fatal(err)
	}
	if !ok || got == "" || d.Story != got {
		t.Errorf("unstoried article: clusterer story %q (%v), stored story %q; want the same story in both", got, ok, d.Story)
	}
}
