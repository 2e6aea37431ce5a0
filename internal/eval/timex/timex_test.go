package timex

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/newsgraph/newsgraph/internal/news"
)

const sample = `<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-05-20" temporalFunction="false" functionInDocument="CREATION_TIME">May 20, 2022</TIMEX3></DCT>
<TEXT>
Talks <EVENT eid="e1" class="OCCURRENCE">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="2022-05-19">yesterday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> &amp; more.
</TEXT>
</TimeML>`

func TestRead(t *testing.T) {
	d, err := Read(strings.NewReader(sample), "x.tml")
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT != "2022-05-20" {
		t.Errorf("DCT = %q", d.DCT)
	}
	var got []string
	for _, x := range d.Timexs {
		got = append(got, d.Text[x.Start:x.End]+"="+x.Value+"/"+x.Type)
	}
	want := []string{"yesterday=2022-05-19/DATE", "three days=P3D/DURATION"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timexes (-want +got):\n%s", diff)
	}
	if !strings.Contains(d.Text, "& more") {
		t.Errorf("text %q lacks the unescaped ampersand", d.Text)
	}
}

func TestReadNoText(t *testing.T) {
	_, err := Read(strings.NewReader("<TimeML><DOCID>x</DOCID></TimeML>"), "y.tml")
	if !errors.Is(err, ErrNoText) {
		t.Errorf("err = %v, want ErrNoText", err)
	}
}

func TestCounts(t *testing.T) {
	gold := []Timex{{Start: 0, End: 9, Type: "DATE", Value: "2022-05-19"}, {Start: 20, End: 30, Type: "DURATION", Value: "P3D"}}
	sys := []news.Time{
		{Span: news.Span{Start: 0, End: 9}, Value: "2022-05-19", Kind: news.TimeDate}, // strict, right value
		{Span: news.Span{Start: 24, End: 30}, Value: "P4D", Kind: news.TimeDuration},  // relaxed, wrong value
		{Span: news.Span{Start: 40, End: 44}, Value: "2020", Kind: news.TimeDate},     // spurious
	}
	var c Counts
	c.Add(gold, sys)
	tests := []struct {
		name string
		got  PRF
		p, r float64
	}{
		{"strict", c.Strict(), 100.0 / 3, 50},
		{"relaxed", c.Relaxed(), 200.0 / 3, 100},
		{"value", c.Value(), 100.0 / 3, 50},
	}
	for _, tt := range tests {
		if d := tt.got.P - tt.p; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s P = %v, want %v", tt.name, tt.got.P, tt.p)
		}
		if d := tt.got.R - tt.r; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s R = %v, want %v", tt.name, tt.got.R, tt.r)
		}
	}
}

func TestSelect(t *testing.T) {
	files := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"}
	dev, _ := Select(files, SplitDev)
	held, _ := Select(files, SplitHeldOut)
	if diff := cmp.Diff([]string{"e", "j"}, held); diff != "" {
		t.Errorf("heldout (-want +got):\n%s", diff)
	}
	if len(dev)+len(held) != len(files) {
		t.Errorf("dev %d + heldout %d != %d", len(dev), len(held), len(files))
	}
	if _, err := Select(files, "test"); err == nil {
		t.Error("unknown split accepted")
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("<TEXT><TIMEX3 value='x'>a<TIMEX3>b</TIMEX3></TIMEX3></TEXT>")
	f.Add("<TEXT></TIMEX3>&bogus;</TEXT>")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Read(strings.NewReader(s), "fuzz.tml")
		if err != nil {
			return
		}
		for _, x := range d.Timexs {
			if x.Start < 0 || x.End > len(d.Text) || x.Start >= x.End {
				t.Fatalf("bad span %+v for text of %d bytes", x, len(d.Text))
			}
		}
	})
}

const catSample = `<?xml version="1.0" ?><Document doc_id="1" lang="en">
<token number="0" sentence="0" t_id="1">Talks</token>
<token number="1" sentence="0" t_id="2">end</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="1" t_id="4">14</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">They</token>
<token number="7" sentence="2" t_id="8">ended</token>
<token number="8" sentence="2" t_id="9">yesterday</token>
<token number="9" sentence="2" t_id="10">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2009-05-14"><token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2009-05-13"><token_anchor t_id="9"/></TIMEX3>
</Markables>
</Document>`

func TestReadCAT(t *testing.T) {
	d, err := ReadCAT(strings.NewReader(catSample), "x.xml")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Talks end\nMay 14, 2009\nThey ended yesterday."; d.Text != want {
		t.Errorf("text = %q, want %q", d.Text, want)
	}
	if d.DCT != "2009-05-14" || d.Limit != len(d.Text) {
		t.Errorf("DCT %q, limit %d", d.DCT, d.Limit)
	}
	var got []string
	for _, x := range d.Timexs {
		got = append(got, d.Text[x.Start:x.End]+"="+x.Value)
	}
	if diff := cmp.Diff([]string{"May 14, 2009=2009-05-14", "yesterday=2009-05-13"}, got); diff != "" {
		t.Errorf("timexes (-want +got):\n%s", diff)
	}
}
