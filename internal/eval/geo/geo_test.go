package geo

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate/geo"
	"github.com/newsgraph/newsgraph/internal/gazetteer"
)

const gwn = `<?xml version="1.0" ?>
<articles>
	<article file="7">
		<title>t</title>
		<text>Fighters met near Kraków, Poland, and in Minsk.</text>
		<toponyms>
			<toponym><extractedName>Kraków</extractedName><type>Literal</type><start>18</start><end>24</end><geonamesID>3094802</geonamesID><latitude>50.06</latitude><longitude>19.94</longitude></toponym>
			<toponym><extractedName>Poland</extractedName><type>Literal</type><start>26</start><end>32</end><geonamesID/><latitude>52.0</latitude><longitude>20.0</longitude></toponym>
			<toponym><extractedName>Minsk</extractedName><type>Literal</type><start>41</start><end>46</end><geonamesID/><latitude>53.9</latitude><longitude>27.57</longitude></toponym>
			<toponym><extractedName>fighterz</extractedName><type>Non_Lit_Expression</type><start>0</start><end>8</end></toponym>
		</toponyms>
	</article>
</articles>`

// GeoVirus style, with one offset off by one.
const geovirus = `<articles><article><source>x</source><text>Cases rose in Lagos and Abuja.</text><locations>
<location><name>Lagos</name><start>15</start><end>20</end><lat>6.45</lat><lon>3.39</lon></location>
<location><name>Abuja</name><start>24</start><end>29</end><lat>9.06</lat><lon>7.49</lon></location>
</locations></article></articles>`

func TestRead(t *testing.T) {
	arts, err := Read(strings.NewReader(gwn), "gwn.xml")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 || arts[0].ID != "7" || len(arts[0].Toponyms) != 3 || arts[0].Skipped != 1 {
		t.Fatalf("articles = %+v", arts)
	}
	for _, tp := range arts[0].Toponyms {
		if got := arts[0].Text[tp.Start:tp.End]; got != tp.Name {
			t.Errorf("span text %q, want %q (code-point offsets must become byte offsets)", got, tp.Name)
		}
	}
	v, err := Read(strings.NewReader(geovirus), "gv.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range v[0].Toponyms {
		if got := v[0].Text[tp.Start:tp.End]; got != tp.Name || !tp.HasCoords {
			t.Errorf("span text %q, want %q with coordinates", got, tp.Name)
		}
	}
	if _, err := Read(strings.NewReader("<articles></articles>"), "empty.xml"); err == nil {
		t.Error("empty corpus accepted")
	}
}

func TestScores(t *testing.T) {
	g, err := gazetteer.Default()
	if err != nil {
		t.Fatal(err)
	}
	arts, err := Read(strings.NewReader(gwn), "gwn.xml")
	if err != nil {
		t.Fatal(err)
	}
	var s Scores
	s.Resolve(&geo.Resolver{G: g}, &arts[0])
	s.Tag(g, &arts[0], nil)
	if s.Gold != 3 || s.Within != 3 {
		t.Errorf("resolution: %d of %d within 161 km, want 3 of 3", s.Within, s.Gold)
	}
	if p, r, f := s.Tagging(); p != 100 || r != 100 || f != 100 {
		t.Errorf("tagging P=%.1f R=%.1f F1=%.1f, want 100", p, r, f)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(gwn)
	f.Add(geovirus)
	f.Add(`<articles><article><text>é</text><toponyms><toponym><start>0</start><end>9</end></toponym></toponyms></article></articles>`)
	f.Fuzz(func(t *testing.T, s string) {
		arts, err := Read(strings.NewReader(s), "fuzz.xml")
		if err != nil {
			return
		}
		for _, a := range arts {
			for _, tp := range a.Toponyms {
				if tp.Start < 0 || tp.End > len(a.Text) || tp.Start >= tp.End {
					t.Fatalf("bad span %+v in %q", tp, a.Text)
				}
			}
		}
	})
}
