package geo

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/pipeline"
)

// ID is the stage's pipeline ID.
const ID = "annotate.geo"

// Version changes whenever the stage's output can change.
const Version = "2"

func init() {
	pipeline.Register(pipeline.Info{
		ID:      ID,
		Version: Version,
		// The entity stage links mentions to entities; places carry the
		// entity of the mention they resolve.
		Requires: []string{"annotate.entity"},
		Doc:      "place names resolved to gazetteer entries with coordinates",
		New: func(cfg json.RawMessage) (pipeline.Stage, error) {
			g, err := gazetteer.Default()
			if err != nil {
				return nil, err
			}
			return &Stage{R: &Resolver{G: g}}, nil
		},
	})
}

// Stage fills an article's Places.
type Stage struct {
	R *Resolver
}

var _ pipeline.Stage = (*Stage)(nil)

// Process finds and resolves the article's toponyms, fills a.Places,
// sorted by start, and sets the country of the article's places,
// organisations and nationalities (see assignCountries).
func (s *Stage) Process(ctx context.Context, a *news.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	tops := Find(s.R.G, a.Text, a.Mentions, Options{})
	a.Places = a.Places[:0]
	for _, res := range s.R.Resolve(a.Text, tops) {
		if p, ok := s.R.Place(res); ok {
			a.Places = append(a.Places, p)
		}
	}
	sort.SliceStable(a.Places, func(i, j int) bool { return a.Places[i].Start < a.Places[j].Start })
	s.R.assignCountries(a)
	return nil
}
