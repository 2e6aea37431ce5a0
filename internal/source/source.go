// Package source reads articles from files, directories, JSON Lines and
// standard input, and from any format registered with [Register] (feeds and
// web archives register themselves from their own packages).
//
// A source never stops for one bad document: problems with one input are
// reported through [Emit] as an [*Error] naming the file (and line), and
// reading goes on.
package source

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"github.com/newsgraph/newsgraph/internal/news"
)

// MaxDocumentBytes is the largest single document a source reads; larger
// inputs are reported as errors. Archives and feeds may hold many documents
// and are limited per record, not per file.
const MaxDocumentBytes = 20 << 20

// Sentinel errors, testable with errors.Is.
var (
	ErrEmpty    = errors.New("source: empty input")
	ErrBinary   = errors.New("source: binary data, not text")
	ErrTooLarge = errors.New("source: input too large")
	ErrFormat   = errors.New("source: unknown input format")
)

// Error is a problem with one input: a file, or one line or record of it.
type Error struct {
	Path string
	Line int // 1-based line or record number; 0 for the whole input
	Err  error
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Emit receives each article read, or an error for one input (a *Error).
// Returning an error stops reading and is returned by the reader.
type Emit func(a *news.Article, err error) error

// Reader reads the articles of one named input.
type Reader func(ctx context.Context, name string, r io.Reader, emit Emit) error

// Format is an input format.
type Format struct {
	Name string
	// Exts are the file extensions, lowercase with the dot (".xml",
	// ".warc.gz"), that select the format when walking directories.
	Exts []string
	// Sniff reports whether the first bytes of a file are of this format;
	// it may be nil. It decides for files named explicitly whose extension
	// is not registered, and for stdin.
	Sniff func(head []byte) bool
	Read  Reader
}

var (
	mu      sync.RWMutex
	formats []Format
)

// Register adds an input format. Later registrations take precedence for
// the same extension.
func Register(f Format) {
	mu.Lock()
	defer mu.Unlock()
	formats = append([]Format{f}, formats...)
}

// byExt returns the format whose extension ends name, longest first.
func byExt(name string) (Format, bool) {
	mu.RLock()
	defer mu.RUnlock()
	lower := strings.ToLower(name)
	best, bestLen := Format{}, 0
	for _, f := range formats {
		for _, e := range f.Exts {
			if strings.HasSuffix(lower, e) && len(e) > bestLen {
				best, bestLen = f, len(e)
			}
		}
	}
	return best, bestLen > 0
}

func bySniff(head []byte) (Format, bool) {
	mu.RLock()
	defer mu.RUnlock()
	for _, f := range formats {
		if f.Sniff != nil && f.Sniff(head) {
			return f, true
		}
	}
	return Format{}, false
}

// Options controls [Walk].
type Options struct {
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Walk reads every path in order: files by format, directories
// recursively (files with a registered extension, in lexical order), and
// "-" for standard input. Unreadable paths are reported through emit; Walk
// returns only emit's error or ctx's.
func Walk(ctx context.Context, paths []string, opt Options, emit Emit) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		if p == "-" {
			in := opt.Stdin
			if in == nil {
				in = os.Stdin
			}
			if err := readUnknown(ctx, "-", in, emit); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := emit(nil, &Error{Path: p, Err: err}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := readFile(ctx, p, true, emit); err != nil {
				return err
			}
			continue
		}
		// A symbolic link to a folder, given as the argument, is walked
		// as the folder it names; paths keep the name given.
		root := p
		if real, err := filepath.EvalSymlinks(p); err == nil && real != filepath.Clean(p) {
			root = real
		}
		var files []string
		werr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if root != p {
				if rel, rerr := filepath.Rel(root, path); rerr == nil {
					path = filepath.Join(p, rel)
				}
			}
			if err != nil {
				files = append(files, path) // reported when read
				return nil
			}
			if d.IsDir() {
				if path != p && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			if _, ok := byExt(d.Name()); ok && !strings.HasPrefix(d.Name(), ".") {
				files = append(files, path) // pipes and devices are reported when read
			}
			return nil
		})
		if werr != nil {
			if err := emit(nil, &Error{Path: p, Err: werr}); err != nil {
				return err
			}
		}
		sort.Strings(files)
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := readFile(ctx, f, false, emit); err != nil {
				return err
			}
		}
	}
	return nil
}

// ErrNotRegular is the error for a named pipe, socket or device among the
// inputs: reading one could block for ever.
var ErrNotRegular = errors.New("source: not a regular file")

func readFile(ctx context.Context, path string, explicit bool, emit Emit) error {
	// Stat (following links) before opening: opening a named pipe blocks
	// until something writes to it.
	info, err := os.Stat(path)
	if err != nil {
		return emit(nil, &Error{Path: path, Err: err})
	}
	if !info.Mode().IsRegular() {
		return emit(nil, &Error{Path: path, Err: fmt.Errorf("%w (%s); skipped", ErrNotRegular, fileKind(info.Mode()))})
	}
	f, err := os.Open(path)
	if err != nil {
		return emit(nil, &Error{Path: path, Err: err})
	}
	defer f.Close()
	if format, ok := byExt(path); ok {
		return format.Read(ctx, path, f, emit)
	}
	return readUnknown(ctx, path, f, emit)
}

// fileKind names the type of a file that is not a regular one.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeDir != 0:
		return "a directory"
	}
	return "not a plain file"
}

// readUnknown picks a format by sniffing, falling back to plain text.
func readUnknown(ctx context.Context, name string, r io.Reader, emit Emit) error {
	head := make([]byte, 4096)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return emit(nil, &Error{Path: name, Err: err})
	}
	head = head[:n]
	r = io.MultiReader(bytes.NewReader(head), r)
	if format, ok := bySniff(head); ok {
		return format.Read(ctx, name, r, emit)
	}
	return ReadText(ctx, name, r, emit)
}

// ReadAll reads r up to limit bytes and fails with ErrTooLarge beyond it.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w (over %d MiB)", ErrTooLarge, limit>>20)
	}
	return b, nil
}

// ID returns the article ID of a raw input: the hex SHA-256 of its bytes.
func ID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

// NewArticle returns an article for one raw document, with its ID set.
func NewArticle(raw []byte, format news.Format, src news.Source) *news.Article {
	return &news.Article{ID: ID(raw), Raw: raw, Format: format, Source: src}
}

// CheckText validates a text document: it decodes UTF-16 (with or without
// a byte-order mark), rejects empty and binary input, drops NUL bytes and
// replaces invalid UTF-8, returning a warning when it changed anything but
// the encoding.
func CheckText(b []byte) ([]byte, string, error) {
	b, _ = decodeUTF16(b)
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, "", ErrEmpty
	}
	if looksBinary(b) {
		return nil, "", ErrBinary
	}
	var warns []string
	if nul := bytes.Count(b, []byte{0}); nul > 0 {
		// Past the part looksBinary checks: a stray NUL, not binary data.
		b = bytes.ReplaceAll(b, []byte{0}, nil)
		warns = append(warns, fmt.Sprintf("removed %d NUL byte(s)", nul))
	}
	if !utf8.Valid(b) {
		n := 0
		for i := 0; i < len(b); {
			r, w := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && w == 1 {
				n++
			}
			i += w
		}
		b = bytes.ToValidUTF8(b, []byte("\uFFFD"))
		warns = append(warns, fmt.Sprintf("replaced %d invalid UTF-8 byte sequence(s) with U+FFFD", n))
	}
	return b, strings.Join(warns, "; "), nil
}

// decodeUTF16 returns b as UTF-8 when it is UTF-16: it starts with a
// byte-order mark, or (without one) every other byte of its start is NUL
// while the bytes between are not, as in ASCII-range text. ok reports
// whether it decoded.
func decodeUTF16(b []byte) (out []byte, ok bool) {
	var e encoding.Encoding
	switch {
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		e = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM)
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		e = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM)
	default:
		head := b[:min(len(b), 4096)&^1]
		if len(head) < 8 {
			return b, false
		}
		var even, odd int // NULs at even and odd offsets
		for i, c := range head {
			if c == 0 {
				if i%2 == 0 {
					even++
				} else {
					odd++
				}
			}
		}
		pairs := len(head) / 2
		switch {
		case odd*10 >= pairs*9 && even*10 < pairs:
			e = unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		case even*10 >= pairs*9 && odd*10 < pairs:
			e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
		default:
			return b, false
		}
	}
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return b, false
	}
	return out, true
}

// DecodeHTML returns an HTML page as UTF-8: a page that is not valid UTF-8
// is decoded from the charset its byte-order mark or <meta> declares
// (windows-1252 when it declares none), so that "café" in a Latin-1 page
// stays "café".
func DecodeHTML(b []byte, contentType string) []byte {
	if utf8.Valid(b) {
		return b
	}
	if u, ok := decodeUTF16(b); ok {
		return u
	}
	enc, name, _ := charset.DetermineEncoding(b, contentType)
	if enc == nil || name == "utf-8" {
		return b // CheckText replaces what is invalid, with a warning
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return b
	}
	return out
}

// looksBinary reports whether b holds NUL bytes or mostly control
// characters in its first kilobytes.
func looksBinary(b []byte) bool {
	if len(b) > 8192 {
		b = b[:8192]
	}
	ctl := 0
	for _, c := range b {
		if c == 0 {
			return true
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*10 > len(b)
}
