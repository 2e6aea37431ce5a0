package sqlite

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store"
)

func TestRecordPacking(t *testing.T) {
	long := `{"text":"` + strings.Repeat("The council met on Tuesday. ", 200) + `"}`
	for _, js := range []string{`{}`, `{"id":"a1","text":"Olga Moroz spoke."}`, long} {
		packed, err := packRecord([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if packed[0] != recordDeflate {
			t.Errorf("packed record starts with %#x", packed[0])
		}
		got, err := unpackRecord(packed)
		if err != nil || string(got) != js {
			t.Errorf("round trip of %.40q: %.40q, %v", js, got, err)
		}
		// Plain JSON, as older stores hold it, reads as itself.
		if got, err := unpackRecord([]byte(js)); err != nil || string(got) != js {
			t.Errorf("plain record %.40q: %.40q, %v", js, got, err)
		}
	}
	packed, _ := packRecord([]byte(long))
	if len(packed) > len(long)/5 {
		t.Errorf("a repetitive record of %d bytes packs to %d", len(long), len(packed))
	}
	if _, err := unpackRecord([]byte{recordDeflate, 0xff, 0xff, 0x00}); err == nil {
		t.Error("a corrupt record unpacked without an error")
	}
}

// A store written before records were compressed holds plain JSON; it
// reads and exports the same.
func TestPlainRecordsStillRead(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "old.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a := &news.Article{ID: "d1", Title: "Council meets", Text: "Olga Moroz spoke in Minsk.", Source: news.Source{Path: "a.txt"}}
	if _, err := st.Put(ctx, a); err != nil {
		t.Fatal(err)
	}
	plain, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.w.ExecContext(ctx, "UPDATE documents SET record = ? WHERE id = ?", plain, a.ID); err != nil {
		t.Fatal(err)
	}
	d, err := st.Document(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Article.Text != a.Text || !bytes.Equal(d.Record, plain) {
		t.Errorf("Document = %q, record %q", d.Article.Text, d.Record)
	}
	var exported []byte
	if err := st.Export(ctx, store.Exporter{Document: func(id string, rec []byte) error {
		exported = rec
		return nil
	}}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(exported, plain) {
		t.Errorf("exported record %q, want %q", exported, plain)
	}
}
