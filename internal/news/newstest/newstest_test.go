package newstest

import "testing"

func TestMentions(t *testing.T) {
	s := "Pavel met Pavel Kukhta in Minsk."
	got := Mentions(t, s, "Pavel/PERSON", "Pavel Kukhta/PERSON", "Minsk/GPE")
	want := [][2]int{{0, 5}, {10, 22}, {26, 31}}
	if len(got) != len(want) {
		t.Fatalf("got %d mentions", len(got))
	}
	for i, m := range got {
		if m.Start != want[i][0] || m.End != want[i][1] || s[m.Start:m.End] != m.Text {
			t.Errorf("mention %d = %+v, want span %v", i, m, want[i])
		}
	}
	if got[2].Type != "GPE" {
		t.Errorf("type = %q", got[2].Type)
	}
}
