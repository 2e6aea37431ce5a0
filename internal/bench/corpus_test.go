package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReuters(t *testing.T) {
	dir := t.TempDir()
	// A file in the layout of the XML distribution, with sentences written
	// for this test.
	const xml = `<?xml version="1.0"?>
<LEWIS>
<REUTERS TOPICS="NO" NEWID="7">
<DATE> 3-MAR-1987 09:18:21.26</DATE>
<TEXT>
<TITLE>ACME &amp; SONS PLAN A FACTORY</TITLE>
<DATELINE>    SPRINGFIELD, March 3 - </DATELINE><BODY>Acme &amp; Sons said it would build a factory
in Springfield.
    A spokeswoman said &lt;more&gt; later.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="8">
<DATE> 4-MAR-1987 10:00:00.00</DATE>
<TEXT TYPE="BRIEF"><TITLE>NO BODY HERE</TITLE></TEXT>
</REUTERS>
</LEWIS>
`
	if err := os.WriteFile(filepath.Join(dir, "reut2-000.xml"), []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	n, err := Reuters(dir, &out)
	if err != nil || n != 1 {
		t.Fatalf("Reuters = %d, %v; want 1 story", n, err)
	}
	var rec Record
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	want := Record{
		Title:     "ACME & SONS PLAN A FACTORY",
		Text:      "Acme & Sons said it would build a factory\nin Springfield.\n    A spokeswoman said <more> later.",
		URL:       "reuters21578:7",
		Outlet:    "Reuters",
		Published: "1987-03-03",
	}
	if rec != want {
		t.Errorf("record\n got %+v\nwant %+v", rec, want)
	}
	if _, err := Reuters(t.TempDir(), &out); err == nil || !strings.Contains(err.Error(), "no Reuters-21578 files") {
		t.Errorf("empty directory: err = %v", err)
	}
}

func TestLong(t *testing.T) {
	var a, b bytes.Buffer
	if err := Long(&a, 5, 1); err != nil {
		t.Fatal(err)
	}
	if err := Long(&b, 5, 1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same seed wrote different corpora")
	}
	sc := bufio.NewScanner(&a)
	sc.Buffer(nil, 1<<20)
	lines := 0
	for sc.Scan() {
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		if words := len(strings.Fields(rec.Text)); words < 1000 || words > 3000 {
			t.Errorf("article %d has %d words, want a long article (1,000-3,000)", lines, words)
		}
		lines++
	}
	if lines != 5 {
		t.Errorf("%d articles, want 5", lines)
	}
	if err := Long(&a, -1, 1); err == nil {
		t.Error("negative count: no error")
	}
}
