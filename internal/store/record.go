package store

import (
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"sync"
)

// A stored record (documents.record in both stores, queue_staged.record in
// PostgreSQL) is the annotate JSON record, kept compressed by newsgraph
// (PostgreSQL's columns are EXTERNAL, so the server does not compress them
// again): the byte RecordDeflate followed by the record as a raw
// DEFLATE stream (RFC 1951). Records are five to seven times the size of
// the article's text as JSON and about a fifth of that compressed, and
// they are read one at a time (a document page, an export), so the store
// file stays a few times the text it holds. A record that starts with '{'
// is plain JSON, as stores written before compression hold them.
const RecordDeflate = 0x01

var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// PackRecord compresses a JSON record for storing.
func PackRecord(js []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(js)/4 + 16)
	b.WriteByte(RecordDeflate)
	w := flaters.Get().(*flate.Writer)
	defer flaters.Put(w)
	w.Reset(&b)
	if _, err := w.Write(js); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// UnpackRecord returns the JSON of a stored record.
func UnpackRecord(rec []byte) ([]byte, error) {
	if len(rec) == 0 || rec[0] != RecordDeflate {
		return rec, nil // plain JSON
	}
	r := flate.NewReader(bytes.NewReader(rec[1:]))
	defer r.Close()
	js, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("decompressing record: %w", err)
	}
	return js, nil
}
