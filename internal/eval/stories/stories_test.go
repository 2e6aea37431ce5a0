package stories

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/resolve/story"
)

func TestBCubed(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred map[string]string
		p, r, f    float64
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "y"}, map[string]string{"a": "1", "b": "1", "c": "2"}, 1, 1, 1},
		{"all one", map[string]string{"a": "x", "b": "x", "c": "y"}, map[string]string{"a": "1", "b": "1", "c": "1"}, 5.0 / 9, 1, 2 * (5.0 / 9) / (5.0/9 + 1)},
		{"singletons", map[string]string{"a": "x", "b": "x"}, map[string]string{"a": "1", "b": "2"}, 1, 0.5, 2.0 / 3},
		{"missing is singleton", map[string]string{"a": "x", "b": "x"}, map[string]string{"a": "1"}, 1, 0.5, 2.0 / 3},
		{"empty", map[string]string{}, map[string]string{}, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, r, f := BCubed(tt.gold, tt.pred)
			if math.Abs(p-tt.p) > 1e-9 || math.Abs(r-tt.r) > 1e-9 || math.Abs(f-tt.f) > 1e-9 {
				t.Errorf("BCubed = %.4f %.4f %.4f, want %.4f %.4f %.4f", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
}

const sampleXML = `<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="9_1ecb.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http://example.org/x</token>
<token t_id="2" sentence="1" number="0">Storm</token>
<token t_id="3" sentence="1" number="1">hits</token>
<token t_id="4" sentence="1" number="2">coast</token>
<token t_id="5" sentence="2" number="0">Power</token>
<token t_id="6" sentence="2" number="1">&amp;</token>
<token t_id="7" sentence="2" number="2">water</token>
<token t_id="8" sentence="2" number="3">cut</token>
<Markables><ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE></Markables>
</Document>`

func TestReadECB(t *testing.T) {
	title, text, err := ReadECB(strings.NewReader(sampleXML), "x.xml")
	if err != nil {
		t.Fatal(err)
	}
	if title != "Storm hits coast" {
		t.Errorf("title = %q", title)
	}
	if want := "http://example.org/x\nStorm hits coast\nPower & water cut"; text != want {
		t.Errorf("text = %q, want %q", text, want)
	}
	for _, bad := range []string{"", "<Other/>", "<Document><token>x"} {
		if _, _, err := ReadECB(strings.NewReader(bad), "bad.xml"); err == nil || !strings.Contains(err.Error(), "bad.xml") {
			t.Errorf("ReadECB(%q) error = %v, want one naming the input", bad, err)
		}
	}
}

func TestReadClusters(t *testing.T) {
	docs, err := ReadClusters(strings.NewReader("doc\ttopic\tsubtopic\tsplit\n9_1ecb\t9\t9_ecb\tdev\n\n"), "c.tsv")
	if err != nil || len(docs) != 1 || docs[0].Story != "9_ecb" || docs[0].Split != "dev" {
		t.Fatalf("ReadClusters = %+v, %v", docs, err)
	}
	for _, bad := range []string{"a\tb\tc\n", "a\t\tc\td\n"} {
		if _, err := ReadClusters(strings.NewReader(bad), "c.tsv"); err == nil || !strings.Contains(err.Error(), "c.tsv:1") {
			t.Errorf("ReadClusters(%q) error = %v, want one naming the line", bad, err)
		}
	}
}

// TestEvaluate clusters a tiny corpus written here: two storms and two
// elections, two reports each.
func TestEvaluate(t *testing.T) {
	dir := t.TempDir()
	texts := map[string]string{
		"1_1ecb":     "Hurricane Alma hits Florida coast. Hurricane Alma cut power to Miami and Tampa on Monday, officials in Florida said.",
		"1_2ecb":     "Alma makes landfall in Florida. The storm Alma left Miami and Tampa without power, Florida officials said.",
		"1_1ecbplus": "Typhoon Bopha strikes Mindanao. Typhoon Bopha killed dozens in Mindanao and Davao, the Philippine government said.",
		"1_2ecbplus": "Bopha kills dozens in the Philippines. In Mindanao and Davao, Typhoon Bopha destroyed villages.",
		"2_1ecb":     "Ruritania votes for a new parliament. Voters in Ruritania chose Karel Novak's party in Strelsau.",
		"2_2ecb":     "Novak wins in Ruritania. Karel Novak claimed victory in Strelsau after the Ruritania vote.",
		"2_1ecbplus": "Freedonia elects Rufus Firefly. Firefly won the Freedonia presidential vote, counted in Fredonia City.",
		"2_2ecbplus": "Firefly is president of Freedonia. Rufus Firefly was elected in Freedonia; crowds gathered in Fredonia City.",
	}
	var tsv strings.Builder
	tsv.WriteString("doc\ttopic\tsubtopic\tsplit\n")
	for _, name := range []string{"1_1ecb", "1_1ecbplus", "1_2ecb", "1_2ecbplus", "2_1ecb", "2_1ecbplus", "2_2ecb", "2_2ecbplus"} {
		topic := name[:1]
		sub := topic + "_ecb"
		if strings.HasSuffix(name, "plus") {
			sub = topic + "_ecbplus"
		}
		tsv.WriteString(name + "\t" + topic + "\t" + sub + "\tdev\n")
		var x strings.Builder
		x.WriteString(`<Document doc_name="` + name + `.xml">`)
		for i, s := range strings.SplitAfter(texts[name], ". ") {
			for _, w := range strings.Fields(s) {
				x.WriteString(`<token sentence="` + string(rune('0'+i)) + `">` + w + `</token>`)
			}
		}
		x.WriteString(`</Document>`)
		if err := os.MkdirAll(filepath.Join(dir, "ECB+", topic), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "ECB+", topic, name+".xml"), []byte(x.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "story_clusters.tsv"), []byte(tsv.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := Load(dir, "dev")
	if err != nil {
		t.Fatal(err)
	}
	res := Evaluate(docs, nil, story.Config{StoryThreshold: 0.15})
	if res.Docs != 8 || res.Stories != 4 {
		t.Fatalf("docs %d stories %d", res.Docs, res.Stories)
	}
	if res.Ours.F < 0.99 {
		t.Errorf("B-cubed F1 = %.3f (P %.3f R %.3f), want 1", res.Ours.F, res.Ours.P, res.Ours.R)
	}
	if _, err := Load(dir, "test"); err == nil {
		t.Error("Load of an empty split: no error")
	}
}

func FuzzReadECB(f *testing.F) {
	f.Add(sampleXML)
	f.Add("<Document></Document>")
	f.Add("<Document><token sentence=\"0\">a</token><token>")
	f.Fuzz(func(t *testing.T, s string) {
		_, _, _ = ReadECB(strings.NewReader(s), "fuzz.xml")
	})
}

func FuzzReadClusters(f *testing.F) {
	f.Add("doc\ttopic\tsubtopic\tsplit\n1_1ecb\t1\t1_ecb\tdev\n")
	f.Add("\n\t\t\t\n")
	f.Fuzz(func(t *testing.T, s string) {
		docs, err := ReadClusters(strings.NewReader(s), "fuzz.tsv")
		if err == nil {
			for _, d := range docs {
				if d.Name == "" || d.Story == "" {
					t.Fatalf("empty field accepted: %+v", d)
				}
			}
		}
	})
}
