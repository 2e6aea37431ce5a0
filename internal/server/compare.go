package server

import (
	"context"
	"net/http"

	"github.com/newsgraph/newsgraph/internal/resolve/story"
	"github.com/newsgraph/newsgraph/internal/store"
)

// Comparison is the body of /api/v1/stories/{id}/compare: for each outlet
// that reported a story, the entities, quoted speakers, events and figures
// it reports, and which of them other outlets report too, matched on the
// global entities the store resolved (see [story.CompareResolved]). Syndicated copies (the story's duplicates) count once:
// only the article they copy is compared, and Duplicates lists them.
type Comparison struct {
	Story      string            `json:"story"`
	Title      string            `json:"title"`
	Duplicates map[string]string `json:"duplicates,omitempty"`
	story.Comparison
}

func (s *Server) compare(r *http.Request) (any, error) {
	return Compare(r.Context(), s.st, r.PathValue("id"))
}

// Compare builds the comparison of how each outlet told story id.
func Compare(ctx context.Context, s store.Store, id string) (*Comparison, error) {
	st, err := s.Story(ctx, id)
	if err != nil {
		return nil, err
	}
	var in []story.Input
	for _, d := range st.Articles {
		if _, dup := st.Duplicates[d.ID]; dup {
			continue
		}
		doc, err := s.Document(ctx, d.ID)
		if err != nil {
			return nil, err
		}
		global := make(map[string]story.GlobalEntity, len(doc.Entities))
		for local, e := range doc.Entities {
			global[local] = story.GlobalEntity{ID: e.ID, Name: e.Name}
		}
		in = append(in, story.Input{Article: doc.Article, Global: global})
	}
	return &Comparison{Story: st.ID, Title: st.Title, Duplicates: st.Duplicates, Comparison: story.CompareResolved(in)}, nil
}
