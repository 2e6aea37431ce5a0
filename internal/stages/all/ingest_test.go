package all_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/extract"
	"github.com/newsgraph/newsgraph/internal/pipeline"
	"github.com/newsgraph/newsgraph/internal/source"
	"github.com/newsgraph/newsgraph/internal/source/warc/warctest"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Gazette</title><link>https://gazette.example.org/</link>
<item><title>Library reopens after roof repairs</title>
<link>https://gazette.example.org/library-reopens</link>
<pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
<content:encoded><![CDATA[<p>The central library reopened on Tuesday after eight months of repairs to its leaking roof, the city said.</p>
<p>Librarians said more than 600 people came through the doors in the first two hours.</p>]]></content:encoded></item>
<item><title>Council delays vote on parking fees</title>
<link>https://gazette.example.org/parking-fees</link>
<pubDate>Mon, 04 Mar 2024 17:05:00 +0000</pubDate>
<description>The council postponed a vote on higher parking fees until April after shop owners protested.</description></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title><id>tag:wire.example.org,2024:feed</id><updated>2024-03-06T12:00:00Z</updated>
<entry><title>Rail strike called off after overnight talks</title><id>tag:wire.example.org,2024:1</id>
<link href="https://wire.example.org/rail-strike-called-off"/><published>2024-03-06T07:45:00+01:00</published><updated>2024-03-06T08:00:00+01:00</updated>
<content type="html">&lt;p&gt;A national rail strike planned for Thursday was called off early on Wednesday after unions and the rail operator reached an agreement.&lt;/p&gt;</content></entry>
</feed>`

// TestIngest reads a WARC file of 1,000 records, an RSS feed and an Atom
// feed, with damaged inputs beside them, through source.Walk and the
// extract stage: every page and item becomes an article with its URL, a
// date and text, and each damaged input is one error while the run goes on.
func TestIngest(t *testing.T) {
	dir := t.TempDir()
	archive, pages := warctest.News(1000)
	cut, _ := warctest.News(20)
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("cc-news.warc.gz", archive)
	write("news.rss", []byte(rss))
	write("wire.atom", []byte(atom))
	write("broken.rss", []byte(rss[:300]))
	write("cut.warc.gz", cut[:len(cut)*2/3])
	write("nobody.html", []byte("<!DOCTYPE html><html><head><title>Nothing</title></head></html>"))
	big := append([]byte("<html><body><article>"), []byte(strings.Repeat("<p>One of very many paragraphs on an enormous page.</p>\n", (20<<20)/54))...)
	write("huge.html", big)

	var articles, failed int
	errs := map[string]error{}
	cutArticles := 0
	err := annotate.Run(context.Background(), []string{dir}, annotate.Options{Stages: []string{"extract"}, Workers: 2}, func(r pipeline.Result) error {
		if r.Err != nil {
			failed++
			var se *source.Error
			var ste *pipeline.StageError
			switch {
			case errors.As(r.Err, &se):
				errs[filepath.Base(se.Path)] = r.Err
			case errors.As(r.Err, &ste) && r.Article != nil:
				errs[filepath.Base(r.Article.Source.Path)] = r.Err
			default:
				t.Errorf("error names no input: %v", r.Err)
			}
			return nil
		}
		a := r.Article
		if filepath.Base(a.Source.Path) == "cut.warc.gz" {
			cutArticles++
			return nil
		}
		articles++
		if a.Source.URL == "" {
			t.Errorf("%s:%d: no URL", a.Source.Path, a.Source.Line)
		}
		if a.Published == "" && a.Source.Fetched.IsZero() {
			t.Errorf("%s: no date", a.Source.URL)
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Errorf("%s: no text", a.Source.URL)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if want := pages + 2 + 1; articles != want {
		t.Errorf("got %d articles, want %d (%d pages, 2 RSS items, 1 Atom entry)", articles, want, pages)
	}
	if cutArticles == 0 {
		t.Errorf("no articles from the records before the cut in cut.warc.gz")
	}
	for _, name := range []string{"broken.rss", "cut.warc.gz", "nobody.html", "huge.html"} {
		if errs[name] == nil {
			t.Errorf("no error for %s", name)
		}
	}
	if !errors.Is(errs["nobody.html"], extract.ErrNoContent) {
		t.Errorf("nobody.html: %v, want ErrNoContent", errs["nobody.html"])
	}
	if len(errs) != 4 || failed != 4 {
		t.Errorf("errors %v, want one for each damaged input", errs)
	}
}
