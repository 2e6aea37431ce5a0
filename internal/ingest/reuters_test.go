package ingest_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/bench"
	"github.com/newsgraph/newsgraph/internal/ingest"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// reutersDir is Reuters-21578 in the shared evaluation data.
const reutersDir = "../../../shared/eval/unlabeled/reuters21578"

// TestReutersEarningsStories checks the stories of the ingested
// Reuters-21578 corpus: no story holds the earnings reports ("4TH QTR NET",
// "SHR") or dividend notices of two different companies. It reads the store
// named by NEWSGRAPH_REUTERS_DB (made with newsgraph ingest or bench of
// `newsgraph bench corpus reuters`), or, as a long test, ingests the corpus
// itself (about two CPU-minutes). It logs the ten largest stories.
func TestReutersEarningsStories(t *testing.T) {
	ctx := context.Background()
	db := os.Getenv("NEWSGRAPH_REUTERS_DB")
	if db == "" {
		testenv.Long(t, "ingests the 19,043 Reuters-21578 stories")
		if _, err := os.Stat(reutersDir); err != nil {
			t.Skipf("Reuters-21578 is not in %s", reutersDir)
		}
		dir := t.TempDir()
		corpus := filepath.Join(dir, "reuters.jsonl")
		f, err := os.Create(corpus)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bench.Reuters(reutersDir, f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		db = filepath.Join(dir, "reuters.db")
		st, err := sqlite.Open(ctx, db, sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ingest.Run(ctx, st, []string{corpus}, ingest.Options{Errors: io.Discard}); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	st, err := sqlite.Open(ctx, db, sqlite.Options{MustExist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	titles := map[string]string{}
	var stories []storyDocs
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Stories(ctx, store.Page{Offset: off, Limit: store.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range l.Stories {
			stories = append(stories, storyDocs{s.ID, s.Title, s.Documents, len(s.Documents) - len(s.Duplicates)})
		}
		if len(l.Stories) < store.MaxLimit {
			break
		}
	}
	for off := 0; ; off += store.MaxLimit {
		l, err := st.Documents(ctx, store.DocQuery{Page: store.Page{Offset: off, Limit: store.MaxLimit}})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range l.Documents {
			titles[d.ID] = d.Title
		}
		if len(l.Documents) < store.MaxLimit {
			break
		}
	}
	if len(titles) < 19000 {
		t.Fatalf("%d articles in %s; want the 19,043 of Reuters-21578", len(titles), db)
	}
	notices := 0
	for _, s := range stories {
		companies := map[string][]string{}
		for _, d := range s.docs {
			if c, ok := earningsCompany(titles[d]); ok {
				companies[c] = append(companies[c], titles[d])
				notices++
			}
		}
		if len(companies) > 1 {
			var cs []string
			for c, ts := range companies {
				cs = append(cs, c+" ("+ts[0]+")")
			}
			sort.Strings(cs)
			t.Errorf("story %s mixes the earnings or dividends of %d companies: %s", s.id, len(companies), strings.Join(cs, "; "))
		}
	}
	if notices < 2000 {
		t.Errorf("found %d earnings and dividend notices; the check does not see them", notices)
	}
	sort.Slice(stories, func(i, j int) bool {
		if stories[i].originals != stories[j].originals {
			return stories[i].originals > stories[j].originals
		}
		return stories[i].id < stories[j].id
	})
	for _, s := range stories[:min(10, len(stories))] {
		t.Logf("%4d articles (%d with copies) %s %s", s.originals, len(s.docs), s.id, s.title)
	}
}

type storyDocs struct {
	id, title string
	docs      []string
	originals int
}

var (
	// earningsRE finds the template words of an earnings report or a
	// dividend notice in a Reuters headline; what comes before is the
	// company.
	earningsRE = regexp.MustCompile(`\b(1ST|2ND|3RD|4TH|QTR|YEAR|NINE MTHS|SIX MTHS|SHR|NET|LOSS|PROFIT|DIVIDEND|DIV|PAYOUT|QUARTERLY|REGULAR|INITIAL|SETS|RAISES|CUTS|OMITS|DECLARES|PAYS)\b`)
	tickerRE   = regexp.MustCompile(`<[^>]*>`)
	suffixRE   = regexp.MustCompile(`\b(INC|CORP|CO|LTD|PLC|CORPORATION|COMPANY|THE|AND|OF|N\.?V|S\.?A|AG)\b|[^A-Z0-9 ]`)
)

// earningsCompany returns the company of an earnings report or dividend
// notice headline ("AMERICAN EXPRESS CO <AXP> 4TH QTR NET" → "AMERICAN
// EXPRESS"), normalised; ok is false for other headlines.
func earningsCompany(title string) (string, bool) {
	t := strings.ToUpper(title)
	isEarnings := strings.Contains(t, "QTR") || strings.HasSuffix(t, " NET") || strings.Contains(t, " SHR") ||
		strings.Contains(t, "DIVIDEND") || strings.Contains(t, " DIV ") || strings.HasSuffix(t, " DIV") || strings.Contains(t, "PAYOUT")
	if !isEarnings {
		return "", false
	}
	head := t
	if i := strings.Index(t, "<"); i > 0 {
		head = t[:i]
	} else if loc := earningsRE.FindStringIndex(t); loc != nil {
		head = t[:loc[0]]
	}
	head = tickerRE.ReplaceAllString(head, " ")
	head = strings.Join(strings.Fields(suffixRE.ReplaceAllString(head, " ")), " ")
	if head == "" {
		return "", false
	}
	return head, true
}
