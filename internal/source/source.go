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
		var files []string
		werr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
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
				files = append(files, path)
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

func readFile(ctx context.Context, path string, explicit bool, emit Emit) error {
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

// CheckText validates a text document: it rejects empty and binary input and
// replaces invalid UTF-8, returning a warning when it did.
func CheckText(b []byte) ([]byte, string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, "", ErrEmpty
	}
	if looksBinary(b) {
		return nil, "", ErrBinary
	}
	if utf8.Valid(b) {
		return b, "", nil
	}
	n := 0
	for i := 0; i < len(b); {
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 {
			n++
		}
		i += w
	}
	return bytes.ToValidUTF8(b, []byte("\uFFFD")), fmt.Sprintf("replaced %d invalid UTF-8 byte sequence(s) with U+FFFD", n), nil
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
