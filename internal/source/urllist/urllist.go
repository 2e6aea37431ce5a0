// Package urllist reads a list of page addresses (a *.urls file, one URL
// a line) and takes each page from a local web archive: newsgraph does not
// go to the network for them. The archives are the WARC files named by
// "# archive: PATH" lines of the list (relative to the list's folder), or,
// when the list names none, every *.warc and *.warc.gz file beside it.
// A URL whose page is not in the archives is an error for that line; the
// run goes on. The package registers the format with [source.Register] in
// its init function.
//
// Programs that may use the network set [Fetch]; the command line leaves
// it nil, so that reading a list never touches the network unless the
// user turns that on.
package urllist

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/source/warc"
)

// MaxListBytes is the largest list file read.
const MaxListBytes = 16 << 20

// Errors, testable with errors.Is.
var (
	ErrNotArchived = errors.New("urllist: page not in the archive (newsgraph fetches nothing from the network unless told to)")
	ErrBadURL      = errors.New("urllist: not an http(s) URL")
	ErrNoArchive   = errors.New("urllist: no WARC archive named in the list or found beside it")
)

// Fetch, when not nil, fetches a page that is not in the archives. It is
// nil unless a program turns network access on.
var Fetch func(ctx context.Context, pageURL string) (*news.Article, error)

func init() {
	source.Register(source.Format{Name: "urllist", Exts: []string{".urls"}, Read: Read})
}

type entry struct {
	line int
	url  string
	err  error
}

// Read reads one URL list and emits, in list order, the archived page of
// each URL or an error for its line.
func Read(ctx context.Context, name string, r io.Reader, emit source.Emit) error {
	b, err := source.ReadAll(r, MaxListBytes)
	if err != nil {
		return emit(nil, &source.Error{Path: name, Err: fmt.Errorf("urllist: %w", err)})
	}
	entries, archives := Parse(b)
	dir := "."
	if name != "-" {
		dir = filepath.Dir(name)
	}
	for i, a := range archives {
		if !filepath.IsAbs(a) {
			archives[i] = filepath.Join(dir, a)
		}
	}
	if len(archives) == 0 {
		for _, pat := range []string{"*.warc", "*.warc.gz"} {
			m, _ := filepath.Glob(filepath.Join(dir, pat))
			archives = append(archives, m...)
		}
		sort.Strings(archives)
	}
	want := map[string]bool{}
	for _, e := range entries {
		if e.err == nil {
			want[e.url] = true
		}
	}
	found := map[string]*news.Article{}
	if len(want) > 0 && len(archives) == 0 && Fetch == nil {
		return emit(nil, &source.Error{Path: name, Err: ErrNoArchive})
	}
	for _, path := range archives {
		for _, err := range lookup(ctx, path, want, found) {
			var se *source.Error
			if !errors.As(err, &se) {
				err = &source.Error{Path: path, Err: err}
			}
			if e := emit(nil, err); e != nil {
				return e
			}
		}
	}
	for _, e := range entries {
		if err := ctx.Err(); err != nil {
			return err
		}
		var a *news.Article
		err := e.err
		if err == nil {
			a = found[e.url]
			switch {
			case a != nil:
				// Report the list as where the article came from; the
				// archive record stays in the article's own source path.
				cp := *a
				cp.Source.URL = e.url
				a = &cp
			case Fetch != nil:
				a, err = Fetch(ctx, e.url)
			default:
				err = ErrNotArchived
			}
		}
		if err != nil {
			a = nil
			err = &source.Error{Path: name, Line: e.line, Err: fmt.Errorf("%s: %w", e.url, err)}
		}
		if x := emit(a, err); x != nil {
			return x
		}
	}
	return nil
}

// Parse reads a list: one URL a line, blank lines and "#" comments
// ignored, "# archive: PATH" lines naming archives.
func Parse(b []byte) (entries []entry, archives []string) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			d := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			if rest, ok := strings.CutPrefix(d, "archive:"); ok && strings.TrimSpace(rest) != "" {
				archives = append(archives, strings.TrimSpace(rest))
			}
			continue
		}
		u, err := Normalize(line)
		entries = append(entries, entry{line: n, url: u, err: err})
	}
	return entries, archives
}

// Normalize returns the form of an address used to match archive records:
// without angle brackets and fragment, scheme and host lower-case.
func Normalize(raw string) (string, error) {
	raw = strings.Trim(strings.TrimSpace(raw), "<>")
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%w: %q", ErrBadURL, raw)
	}
	u.Fragment = ""
	u.RawFragment = ""
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// lookup reads one archive and keeps the pages of wanted URLs; it returns
// the archive's errors (a damaged record, a truncated file).
func lookup(ctx context.Context, path string, want map[string]bool, found map[string]*news.Article) []error {
	f, err := os.Open(path)
	if err != nil {
		return []error{err}
	}
	defer f.Close()
	var errs []error
	err = warc.Read(ctx, path, f, func(a *news.Article, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if a == nil {
			return nil
		}
		u, nerr := Normalize(a.Source.URL)
		if nerr == nil && want[u] && found[u] == nil {
			found[u] = a
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}
