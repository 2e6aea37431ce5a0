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
