// Package warctest writes small web archives for tests: WARC records,
// gzip-compressed one member per record as Common Crawl's CC-NEWS files
// are, or uncompressed.
package warctest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"time"
)

// Record is one WARC record.
type Record struct {
	Type        string // warcinfo, request, response, ...
	URI         string // WARC-Target-URI; omitted when empty
	ContentType string
	Date        time.Time
	Block       []byte
}

// Archive writes recs as a WARC file, each record in its own gzip member
// when gz is true.
func Archive(recs []Record, gz bool) []byte {
	var out bytes.Buffer
	for i, r := range recs {
		var b bytes.Buffer
		fmt.Fprintf(&b, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%08d-0000-0000-0000-000000000000>\r\n", r.Type, i)
		if r.URI != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.URI)
		}
		fmt.Fprintf(&b, "WARC-Date: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", r.Date.UTC().Format(time.RFC3339), r.ContentType, len(r.Block))
		b.Write(r.Block)
		b.WriteString("\r\n\r\n")
		if !gz {
			out.Write(b.Bytes())
			continue
		}
		zw := gzip.NewWriter(&out)
		zw.Write(b.Bytes())
		zw.Close()
	}
	return out.Bytes()
}

// HTTPResponse returns an HTTP/1.1 response with the given status, media
// type and body, as a response record's block.
func HTTPResponse(status int, contentType, body string) []byte {
	return []byte(fmt.Sprintf("HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, contentType, len(body), body))
}

// Page returns a small news page numbered n: its paragraphs name the
// number ("story number 7,").
func Page(n int) string {
	return fmt.Sprintf("<!DOCTYPE html><html><head><title>Story %d</title></head><body><article><h1>Story %d</h1>"+
		"<p>Paragraph one of story number %d, which reports what the council decided at its meeting on Monday evening.</p>"+
		"<p>Paragraph two of story number %d quotes the mayor, who said the decision would take effect next month.</p>"+
		"</article></body></html>", n, n, n, n)
}

// Base is the WARC-Date of the first record of [News]; record i of the
// crawl is dated i minutes later.
var Base = time.Date(2024, 3, 5, 10, 0, 0, 0, time.UTC)

// News returns a gzipped archive of the given number of records shaped
// like a CC-NEWS file: a warcinfo record, then a request and a response
// for each page of https://news.example.org/story/N, where every tenth
// response is an image and every seventeenth a redirect. It returns the
// archive and the number of HTML pages in it.
func News(records int) ([]byte, int) {
	recs := []Record{{Type: "warcinfo", ContentType: "application/warc-fields", Date: Base, Block: []byte("software: newsgraph test\r\n")}}
	pages := 0
	for i := 1; len(recs) < records; i++ {
		uri := fmt.Sprintf("https://news.example.org/story/%d", i)
		date := Base.Add(time.Duration(i) * time.Minute)
		recs = append(recs, Record{Type: "request", URI: uri, ContentType: "application/http; msgtype=request", Date: date, Block: []byte("GET /story HTTP/1.1\r\nHost: news.example.org\r\n\r\n")})
		if len(recs) == records {
			break
		}
		var block []byte
		switch {
		case i%10 == 0:
			block = HTTPResponse(200, "image/jpeg", "\xff\xd8\xff\xe0")
		case i%17 == 0:
			block = HTTPResponse(301, "text/html", "")
		default:
			block = HTTPResponse(200, "text/html; charset=utf-8", Page(i))
			pages++
		}
		recs = append(recs, Record{Type: "response", URI: uri, ContentType: "application/http; msgtype=response", Date: date, Block: block})
	}
	return Archive(recs, true), pages
}
