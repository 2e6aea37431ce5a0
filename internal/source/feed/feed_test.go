package feed

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
)

type result struct {
	URL, Title, Published string
	Byline                []string
	Format                news.Format
	Line                  int
	Err                   string
}

func readAll(t *testing.T, name string, data []byte) []result {
	t.Helper()
	var out []result
	err := Read(context.Background(), name, strings.NewReader(string(data)), func(a *news.Article, err error) error {
		if err != nil {
			var se *source.Error
			if !errors.As(err, &se) {
				t.Errorf("error %v is not a *source.Error", err)
			}
			out = append(out, result{Err: err.Error()})
			return nil
		}
		out = append(out, result{URL: a.Source.URL, Title: a.Title, Published: a.Published, Byline: a.Byline, Format: a.Format, Line: a.Source.Line})
		return nil
	})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	return out
}

func TestReadRSS(t *testing.T) {
	data, err := os.ReadFile("testdata/news.rss")
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, "news.rss", data)
	want := []result{
		{URL: "https://gazette.example.org/2024/03/05/library-reopens", Title: "Library reopens after roof repairs", Published: "2024-03-05", Byline: []string{"Jane Doe"}, Format: news.FormatHTML, Line: 1},
		{URL: "https://gazette.example.org/2024/03/04/parking-fees", Title: "Council delays vote on parking fees", Published: "2024-03-04", Format: news.FormatText, Line: 2},
		{URL: "https://gazette.example.org/2024/03/03/headline-only", Title: "Headline only", Published: "2024-03-03", Format: news.FormatText, Line: 3},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadAtom(t *testing.T) {
	data, err := os.ReadFile("testdata/news.atom")
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, "news.atom", data)
	want := []result{
		{URL: "https://wire.example.org/rail-strike-called-off", Title: "Rail strike called off after overnight talks", Published: "2024-03-06", Byline: []string{"Lars Berg"}, Format: news.FormatHTML, Line: 1},
		{URL: "https://wire.example.org/museum-returns-statues", Title: "Museum returns looted statues", Published: "2024-03-05", Format: news.FormatText, Line: 2},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct {
		name, data, want string
	}{
		{"broken.rss", `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>A</title></chann`, "broken.rss: feed: "},
		{"notfeed.xml", `<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>`, "notfeed.xml: feed: not an RSS or Atom feed"},
		{"empty.atom", ``, "empty.atom: feed: not an RSS or Atom feed"},
		{"noitem.rss", `<rss version="2.0"><channel><title>T</title><item><link></link></item></channel></rss>`, "noitem.rss:1: feed: item has no title, summary or content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := readAll(t, tc.name, []byte(tc.data))
			if len(got) != 1 || !strings.HasPrefix(got[0].Err, tc.want) {
				t.Errorf("got %+v, want one error starting %q", got, tc.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{`<?xml version="1.0"?><rss version="2.0">`, true},
		{"\ufeff<?xml version=\"1.0\"?>\n<!-- generator -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", true},
		{`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, true},
		{`<?xml version="1.0"?><urlset>`, false},
		{`<!DOCTYPE html><html><body><feed>`, false},
		{`<rssfeed>`, false},
		{``, false},
	} {
		if got := Sniff([]byte(tc.head)); got != tc.want {
			t.Errorf("Sniff(%q) = %v, want %v", tc.head, got, tc.want)
		}
	}
}

// FuzzParse checks that no input makes the feed reader panic and that
// every item it returns can be turned into an article or a clear error.
func FuzzParse(f *testing.F) {
	for _, p := range []string{"testdata/news.rss", "testdata/news.atom"} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<rss><channel><item><title>x</title><description>&lt;p&gt;y</description></item></channel></rss>`))
	f.Add([]byte(`<feed><entry><content type="html"><![CDATA[<p>]]></content></entry></feed>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, err := Parse(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "feed: ") {
				t.Fatalf("error without package prefix: %v", err)
			}
			return
		}
		for i, it := range items {
			a, err := it.Article("fuzz.rss", i+1)
			if err == nil && a == nil {
				t.Fatal("nil article without error")
			}
			if err == nil && len(a.Raw) == 0 {
				t.Fatal("article with no raw input")
			}
		}
	})
}
