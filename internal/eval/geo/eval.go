package geo

import (
	"fmt"
	"io"

	"github.com/newsgraph/newsgraph/internal/annotate/geo"
	"github.com/newsgraph/newsgraph/internal/gazetteer"
	"github.com/newsgraph/newsgraph/internal/news"
)

// Within is the distance, in km, under which a resolution counts as right.
const Within = 161

// Resolve scores resolution with gold spans on one article. Toponyms the
// gazetteer lacks (streets, buildings, rivers) take the article's focus:
// the place its other toponyms resolve to most often, preferring cities and
// subdivisions to countries.
func (s *Scores) Resolve(r *geo.Resolver, a *Article) {
	res, gold, focus := resolve(r, a)
	for i, x := range res {
		s.Gold++
		e := x.Entry
		if e < 0 {
			e = focus
		}
		if e < 0 {
			s.Missing++
			continue
		}
		en := r.G.Entry(e)
		d := gazetteer.Distance(en.Lat, en.Lon, gold[i].Lat, gold[i].Lon)
		s.Errors = append(s.Errors, d)
		if d <= Within {
			s.Within++
		}
	}
}

func resolve(r *geo.Resolver, a *Article) (res []geo.Resolution, gold []Toponym, focus int32) {
	var tops []geo.Toponym
	for _, t := range a.Toponyms {
		if !t.HasCoords {
			continue
		}
		tops = append(tops, geo.Toponym{Span: news.Span{Start: t.Start, End: t.End}, Text: a.Text[t.Start:t.End]})
		gold = append(gold, t)
	}
	geo.Hints(a.Text, tops)
	res = r.Resolve(a.Text, tops)
	focus = -1
	count := map[int32]int{}
	best := 0
	for _, x := range res {
		if x.Entry < 0 {
			continue
		}
		w := 1
		if k := r.G.Entry(x.Entry).Kind; k == gazetteer.KindCity || k == gazetteer.KindAdmin1 {
			w = 3
		}
		count[x.Entry] += w
		if count[x.Entry] > best || count[x.Entry] == best && x.Entry < focus {
			best, focus = count[x.Entry], x.Entry
		}
	}
	return res, gold, focus
}

// Tag scores end-to-end tagging on one article: mentions are the NER
// mentions of a.Text (nil without NER). Demonyms count as toponyms, as the
// corpora annotate them.
func (s *Scores) Tag(g *gazetteer.Gazetteer, a *Article, mentions []news.Mention) {
	gold := map[[2]int]bool{}
	for _, t := range a.Toponyms {
		if t.HasCoords {
			gold[[2]int{t.Start, t.End}] = true
		}
	}
	s.TagGold += len(gold)
	for _, t := range geo.Find(g, a.Text, mentions, geo.Options{Demonyms: true}) {
		s.TagSys++
		if gold[[2]int{t.Start, t.End}] {
			s.TagMatch++
		}
	}
}

// Misses writes, one a line, the gold toponyms of a that resolve more than
// 161 km from their gold point (FAR) or that the gazetteer lacks and whose
// fallback to the article's focus misses too (FOCUS), for error analysis.
func Misses(w io.Writer, r *geo.Resolver, a *Article) {
	res, gold, focus := resolve(r, a)
	for i, x := range res {
		e, tag := x.Entry, "FAR"
		if e < 0 {
			e, tag = focus, "FOCUS"
		}
		if e < 0 {
			fmt.Fprintf(w, "NONE\t%s\t%q\n", a.ID, x.Text)
			continue
		}
		en := r.G.Entry(e)
		if d := gazetteer.Distance(en.Lat, en.Lon, gold[i].Lat, gold[i].Lon); d > Within {
			fmt.Fprintf(w, "%s\t%s\t%q\t→ %s (%c %s %s) %.2f,%.2f\tgold %.2f,%.2f\t%.0f km\n", tag, a.ID, x.Text, en.Name, en.Kind, en.Country, en.Feature, en.Lat, en.Lon, gold[i].Lat, gold[i].Lon, d)
		}
	}
}

// AddPlaces scores the stage end to end on one article: it finds toponyms with
// mentions (the NER stage's, nil without NER), resolves them as the stage
// does, and judges each resolved place against the gold toponyms.
func (s *Scores) AddPlaces(r *geo.Resolver, a *Article, mentions []news.Mention) {
	tops := geo.Find(r.G, a.Text, mentions, geo.Options{})
	for _, x := range r.Resolve(a.Text, tops) {
		if x.Entry < 0 {
			continue
		}
		e := r.G.Entry(x.Entry)
		overlap, judged, right := false, false, false
		for _, t := range a.Toponyms {
			if t.Start >= x.End || x.Start >= t.End {
				continue
			}
			overlap = true
			if !t.HasCoords {
				continue
			}
			judged = true
			if gazetteer.Distance(e.Lat, e.Lon, t.Lat, t.Lon) <= Within {
				right = true
			}
		}
		if overlap && !judged {
			s.PlaceUnjudged++
			continue
		}
		s.PlaceSys++
		if right {
			s.PlaceRight++
		}
	}
}

// WrongPlaces writes, one a line, the places the stage resolves in a that
// overlap no gold toponym (NOTPLACE) or lie more than 161 km from the gold
// point they overlap (FAR), for error analysis.
func WrongPlaces(w io.Writer, r *geo.Resolver, a *Article, mentions []news.Mention) {
	tops := geo.Find(r.G, a.Text, mentions, geo.Options{})
	for _, x := range r.Resolve(a.Text, tops) {
		if x.Entry < 0 {
			continue
		}
		e := r.G.Entry(x.Entry)
		tag, judged := "NOTPLACE", false
		for _, t := range a.Toponyms {
			if t.Start >= x.End || x.Start >= t.End {
				continue
			}
			tag = "UNJUDGED"
			if !t.HasCoords {
				continue
			}
			judged = true
			tag = "FAR"
			if gazetteer.Distance(e.Lat, e.Lon, t.Lat, t.Lon) <= Within {
				tag = ""
				break
			}
		}
		if tag != "" && (tag != "UNJUDGED" || judged) {
			fmt.Fprintf(w, "%s\t%s\t%q\t→ %s (%c %s %s)\n", tag, a.ID, x.Text, e.Name, e.Kind, e.Country, e.Feature)
		}
	}
}
