package web

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// The map's basemap is Natural Earth's 1:110m land (public domain), as
// TopoJSON from the world-atlas package (ISC licence; see
// docs/THIRD_PARTY.md), drawn once into an SVG path in the equirectangular
// projection of the places page: x = (lon+180)·2, y = (90−lat)·2.

var (
	landOnce sync.Once
	landD    string
	landErr  error
)

// landPath returns the SVG path data of the world's land.
func landPath() (string, error) {
	landOnce.Do(func() {
		b, err := files.ReadFile("static/land-110m.json")
		if err != nil {
			landErr = err
			return
		}
		landD, landErr = topoPath(b, "land")
	})
	return landD, landErr
}

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64          `json:"arcs"`
	Objects map[string]topoGeometry `json:"objects"`
}

type topoGeometry struct {
	Type       string          `json:"type"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []topoGeometry  `json:"geometries"`
}

// topoPath decodes the polygons of a TopoJSON object into SVG path data.
func topoPath(b []byte, object string) (string, error) {
	var t topology
	if err := json.Unmarshal(b, &t); err != nil {
		return "", fmt.Errorf("web: basemap: %w", err)
	}
	obj, ok := t.Objects[object]
	if !ok {
		return "", fmt.Errorf("web: basemap: no object %q", object)
	}
	// Decode the delta-encoded, quantized arcs into projected points.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		pts := make([][2]float64, len(arc))
		for j, p := range arc {
			x, y = x+p[0], y+p[1]
			lon := x*t.Transform.Scale[0] + t.Transform.Translate[0]
			lat := y*t.Transform.Scale[1] + t.Transform.Translate[1]
			pts[j] = [2]float64{(lon + 180) * 2, (90 - lat) * 2}
		}
		arcs[i] = pts
	}
	var sb strings.Builder
	ring := func(idx []int) error {
		first := true
		for _, a := range idx {
			rev := a < 0
			if rev {
				a = ^a
			}
			if a >= len(arcs) {
				return fmt.Errorf("web: basemap: arc %d out of range", a)
			}
			pts := arcs[a]
			for k := range pts {
				p := pts[k]
				if rev {
					p = pts[len(pts)-1-k]
				}
				if k == 0 && !first {
					continue // the arcs of a ring share their end points
				}
				if first {
					sb.WriteByte('M')
					first = false
				} else {
					sb.WriteByte('L')
				}
				sb.WriteString(strconv.FormatFloat(p[0], 'f', 1, 64))
				sb.WriteByte(',')
				sb.WriteString(strconv.FormatFloat(p[1], 'f', 1, 64))
			}
		}
		if !first {
			sb.WriteByte('Z')
		}
		return nil
	}
	var walk func(g topoGeometry) error
	walk = func(g topoGeometry) error {
		switch g.Type {
		case "GeometryCollection":
			for _, c := range g.Geometries {
				if err := walk(c); err != nil {
					return err
				}
			}
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return fmt.Errorf("web: basemap: %w", err)
			}
			for _, r := range rings {
				if err := ring(r); err != nil {
					return err
				}
			}
		case "MultiPolygon":
			var polys [][][]int
			if err := json.Unmarshal(g.Arcs, &polys); err != nil {
				return fmt.Errorf("web: basemap: %w", err)
			}
			for _, p := range polys {
				for _, r := range p {
					if err := ring(r); err != nil {
						return err
					}
				}
			}
		}
		return nil
	}
	if err := walk(obj); err != nil {
		return "", err
	}
	return sb.String(), nil
}
