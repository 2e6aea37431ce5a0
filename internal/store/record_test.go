package store

import (
	"strings"
	"testing"
)

func TestRecordPacking(t *testing.T) {
	long := `{"text":"` + strings.Repeat("The council met on Tuesday. ", 200) + `"}`
	for _, js := range []string{`{}`, `{"id":"a1","text":"Olga Moroz spoke."}`, long} {
		packed, err := PackRecord([]byte(js))
		if err != nil {
			t.Fatal(err)
		}
		if packed[0] != RecordDeflate {
			t.Errorf("packed record starts with %#x", packed[0])
		}
		got, err := UnpackRecord(packed)
		if err != nil || string(got) != js {
			t.Errorf("round trip of %.40q: %.40q, %v", js, got, err)
		}
		// Plain JSON, as older stores hold it, reads as itself.
		if got, err := UnpackRecord([]byte(js)); err != nil || string(got) != js {
			t.Errorf("plain record %.40q: %.40q, %v", js, got, err)
		}
	}
	packed, _ := PackRecord([]byte(long))
	if len(packed) > len(long)/5 {
		t.Errorf("a repetitive record of %d bytes packs to %d", len(long), len(packed))
	}
	if _, err := UnpackRecord([]byte{RecordDeflate, 0xff, 0xff, 0x00}); err == nil {
		t.Error("a corrupt record unpacked without an error")
	}
}
