package gazetteer

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"strconv"
	"testing"
)

func TestDefaultLookup(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		country  string
		kind     Kind
		lat, lon float64
		geonames int
	}{
		{"Warsaw", "PL", KindCity, 52.23, 21.01, 756135},
		{"Minsk", "BY", KindCity, 53.90, 27.57, 625144},
		{"New York City", "US", KindCity, 40.71, -74.01, 5128581},
		{"Belarus", "BY", KindCountry, 0, 0, 0},
		{"Republic of Belarus", "BY", KindCountry, 0, 0, 0},
		{"US", "US", KindCountry, 0, 0, 0},
		{"U.S.", "US", KindCountry, 0, 0, 0},
		{"Europe", "", KindContinent, 48.69, 9.14, 6255148},
		{"KRAKÓW", "PL", KindCity, 50.06, 19.94, 0},
	}
	for _, tt := range tests {
		l := g.Lookup(tt.name)
		if len(l) == 0 {
			t.Errorf("Lookup(%q) found nothing", tt.name)
			continue
		}
		var e *Entry
		for _, i := range l {
			if g.Entry(i).Kind == tt.kind {
				e = g.Entry(i)
				break
			}
		}
		if e == nil || e.Country != tt.country {
			t.Errorf("Lookup(%q) has no %c entry in %s: first is %+v", tt.name, tt.kind, tt.country, *g.Entry(l[0]))
			continue
		}
		if tt.lat != 0 && (math.Abs(e.Lat-tt.lat) > 0.01 || math.Abs(e.Lon-tt.lon) > 0.01) {
			t.Errorf("Lookup(%q) at %.2f,%.2f, want %.2f,%.2f", tt.name, e.Lat, e.Lon, tt.lat, tt.lon)
		}
		if tt.geonames != 0 && e.GeoNames != tt.geonames {
			t.Errorf("Lookup(%q) GeoNames %d, want %d", tt.name, e.GeoNames, tt.geonames)
		}
	}
	for _, i := range g.Lookup("us") {
		if g.Entry(i).Kind == KindCountry {
			t.Errorf("Lookup(\"us\") found the country; codes are case-sensitive")
		}
	}
	for word, want := range map[string]string{"Belarusian": "BY", "Belarusians": "BY", "Polish": "PL", "American": "US", "French": "FR"} {
		i, ok := g.Demonym(word)
		if !ok || g.Entry(i).Country != want {
			t.Errorf("Demonym(%q) = %v %v, want %s", word, i, ok, want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := map[string]string{
		"Kraków":           "krakow",
		"  São  Paulo ":    "sao paulo",
		"Saint-Étienne":    "st etienne",
		"St. Louis":        "st louis",
		"Côte d’Ivoire":    "cote divoire",
		"Łódź":             "lodz",
		"Nizhniy Novgorod": "nizhniy novgorod",
		"WASHINGTON, D.C.": "washington dc",
		"Белоруссия":       "белоруссия",
	}
	for in, want := range tests {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{"", "nonsense\n", Magic + "\t99\n", Magic + "\t1\nP\t1\n", Magic + "\t1\nP\tx\tPL\t\tPPL\t1\t2\t3\tA\t\t\n",
		Magic + "\t2\nP\t1\tPL\t78\tPPLC\t52.2\t21.0\t5\tWarsaw\t\t\n", Magic + "\t1\nP\t1\tPL\t78\tPPLC\t52.2\t21.0\t5\tWarsaw\t\t\t\n"} {
		if _, err := Read([]byte(in)); !errors.Is(err, ErrFormat) {
			t.Errorf("Read(%q) err = %v, want ErrFormat", in, err)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	in := []Entry{{Kind: KindCity, GeoNames: 1, Country: "PL", Admin1: "78", Feature: "PPLC", Lat: 52.22977, Lon: 21.01178, Population: 5, Name: "Warsaw", Aliases: []string{"Warszawa"}}}
	var buf bytes.Buffer
	if err := Write(&buf, in); err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(buf.Bytes())
	zw.Close()
	g, err := Load(&z)
	if err != nil {
		t.Fatal(err)
	}
	if l := g.Lookup("warszawa"); len(l) != 1 || g.Entry(l[0]).Name != "Warsaw" {
		t.Errorf("Lookup(warszawa) = %v", l)
	}
}

// TestReadVersions reads version 1 files (11 fields) and version 2 files,
// whose twelfth field is a subdivision's GeoNames admin1 code.
func TestReadVersions(t *testing.T) {
	v1 := Magic + "\t1\nA\t0\tCA\tBC\tADM1\t52.1\t-121.8\t5\tBritish Columbia\tBC\t\n"
	v2 := Magic + "\t2\nA\t0\tCA\tBC\tADM1\t52.1\t-121.8\t5\tBritish Columbia\tBC\t\t02\n"
	for in, want := range map[string]string{v1: "", v2: "02"} {
		es, err := Read([]byte(in))
		if err != nil {
			t.Fatalf("Read(%q): %v", in, err)
		}
		if len(es) != 1 || es[0].GNAdmin1 != want || es[0].Aliases[0] != "BC" {
			t.Errorf("Read(%q) = %+v, want GNAdmin1 %q", in, es, want)
		}
	}
	var buf bytes.Buffer
	if err := Write(&buf, []Entry{{Kind: KindAdmin1, Country: "CA", Admin1: "BC", Feature: "ADM1", Name: "British Columbia", GNAdmin1: "02", NoPoint: true}}); err != nil {
		t.Fatal(err)
	}
	if es, err := Read(buf.Bytes()); err != nil || es[0].GNAdmin1 != "02" || !es[0].NoPoint {
		t.Errorf("round trip = %+v, %v", es, err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(Magic + "\t2\nA\t1\tCA\tBC\tADM1\t\t\t5\tBritish Columbia\tBC\t\t02\n"))
	f.Add([]byte(Magic + "\t1\nP\t1\tPL\t78\tPPLC\t52.2\t21.0\t5\tWarsaw\tWarszawa\t\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		es, err := Read(b)
		if err == nil {
			New(es)
		}
	})
}

// BenchmarkLoad measures what Default does on first use.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadGzip(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"Warsaw", "Minsk", "New York City", "Kyiv", "São Paulo", "Springfield", "U.S.", "Nowhere at all"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Lookup(names[i%len(names)])
		i++
	}
}

// TestParseCoord checks the fast coordinate parser against strconv.
func TestParseCoord(t *testing.T) {
	for _, s := range []string{"52.22977", "-121.83608", "0.00000", "-0.00001", "180", "-90.5", "12.345678", "1e3", "", "-", "1.2.3", "89.99999", "-179.99999", "7.1881"} {
		got, err := parseCoord(s)
		want, werr := strconv.ParseFloat(s, 64)
		if (err != nil) != (werr != nil) || err == nil && got != want {
			t.Errorf("parseCoord(%q) = %v, %v; want %v, %v", s, got, err, want, werr)
		}
	}
	for n := int64(-18000000); n <= 18000000; n += 997 {
		s := strconv.FormatFloat(float64(n)/1e5, 'f', 5, 64)
		got, _ := parseCoord(s)
		if want, _ := strconv.ParseFloat(s, 64); got != want {
			t.Fatalf("parseCoord(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSkeleton(t *testing.T) {
	for _, group := range [][]string{
		{"Zaporizhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhya"},
		{"Kyiv", "Kiev"},
		{"Odesa", "Odessa"},
		{"Kharkiv", "Kharkov"},
		{"Luhansk", "Lugansk"},
	} {
		want := Skeleton(group[0])
		for _, n := range group[1:] {
			if got := Skeleton(n); got != want {
				t.Errorf("Skeleton(%q) = %q, want %q (as %q)", n, got, want, group[0])
			}
		}
	}
	if Skeleton("Paris") == Skeleton("Peru") {
		t.Error("Paris and Peru share a skeleton")
	}
}

func TestLookupVariant(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, want, country string }{
		{"Zaporizhzhia", "Zaporizhia", "UA"},
		{"Zaporozhye", "Zaporizhia", "UA"},
		{"Odesa", "Odessa", "UA"},
		{"Kiev", "Kyiv", "UA"},
	} {
		l := g.LookupVariant(tc.name)
		if len(l) == 0 {
			t.Errorf("LookupVariant(%q): nothing", tc.name)
			continue
		}
		if e := g.Entry(l[0]); e.Country != tc.country || e.Kind != KindCity {
			t.Errorf("LookupVariant(%q) = %s (%s), want %s (%s)", tc.name, e.Name, e.Country, tc.want, tc.country)
		}
	}
	for _, n := range []string{"Peace Plan", "Arab", "Ill.", "Mont.", "Wana"} {
		if l := g.LookupVariant(n); len(l) > 0 {
			t.Errorf("LookupVariant(%q) = %s", n, g.Entry(l[0]).Name)
		}
	}
}
