package ingest_test

import (
	"context"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

// TestReutersEarningsStories checks the stories of the ingested
// Reuters-21578 corpus: no story holds the earnings reports ("4TH QTR NET",
// "SHR") or dividend notices of two different companies. It reads the store
// named by NEWSGRAPH_REUTERS_DB, made from the corpus with
//
//	newsgraph bench corpus reuters ../shared/eval/unlabeled/reuters21578 > reuters.jsonl
//	newsgraph ingest --db reuters.db reuters.jsonl
//
// (about two CPU-minutes), and logs the ten largest stories.
func TestReutersEarningsStories(t *testing.T) {
	ctx := context.Background()
	db := os.Getenv("NEWSGRAPH_REUTERS_DB")
	if db == "" {
		t.Skip("set NEWSGRAPH_REUTERS_DB to a store ingested from Reuters-21578 (see the comment)")
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
		var cs []company
		for _, d := range s.docs {
			if c, ok := earningsCompany(titles[d]); ok {
				cs = append(cs, c)
				notices++
			}
		}
		if groups := companies(cs); len(groups) > 1 {
			t.Errorf("story %s mixes the earnings or dividends of %d companies: %s", s.id, len(groups), strings.Join(groups, "; "))
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

// company is the company of an earnings or dividend headline: its
// normalised name and its ticker, if the headline gives one.
type company struct{ name, ticker, title string }

// earningsCompany returns the company of an earnings report or dividend
// notice headline ("AMERICAN EXPRESS CO <AXP> 4TH QTR NET" → "AMERICAN
// EXPRESS", "AXP"); ok is false for other headlines.
func earningsCompany(title string) (company, bool) {
	t := strings.ToUpper(title)
	isEarnings := strings.Contains(t, "QTR") || strings.HasSuffix(t, " NET") || strings.Contains(t, " SHR") ||
		strings.Contains(t, "DIVIDEND") || strings.Contains(t, " DIV ") || strings.HasSuffix(t, " DIV") || strings.Contains(t, "PAYOUT")
	if !isEarnings {
		return company{}, false
	}
	c := company{title: title}
	t = strings.TrimPrefix(t, "CORRECTED-")
	head := t
	// "<AXP>" is a ticker; "<NEW HARDING GROUP INC>" (or "(CFCF INC)") names
	// an unlisted company.
	if m := tickerRE.FindString(t); m != "" && !strings.Contains(m, " ") {
		c.ticker = strings.Trim(m, "<>")
		if i := strings.Index(t, m); i > 0 {
			head = t[:i]
		}
	} else if m != "" {
		head = m
	} else if m := regexp.MustCompile(`^\([^)]*\)`).FindString(t); m != "" {
		head = m
	} else if loc := earningsRE.FindStringIndex(t); loc != nil {
		head = t[:loc[0]]
	}
	head = tickerRE.ReplaceAllString(head, " ")
	c.name = strings.Join(strings.Fields(suffixRE.ReplaceAllString(head, " ")), " ")
	if c.name == "" && c.ticker == "" {
		return company{}, false
	}
	return c, true
}

// companies groups the headlines of one story by company: two are one
// company when their tickers agree (the exchange suffix aside: "PARC.O",
// "PARC"), or when one name begins the other ("CATERPILLAR", "CATERPILLAR
// INC"; "WESTAMERICA BANCORP", "WESTAMERICA BANCORPORATION"). It returns
// one example headline per company.
func companies(cs []company) []string {
	parent := make([]int, len(cs))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	base := func(t string) string { return strings.SplitN(t, ".", 2)[0] }
	same := func(a, b company) bool {
		if a.ticker != "" && b.ticker != "" && base(a.ticker) == base(b.ticker) {
			return true
		}
		return a.name != "" && b.name != "" && (strings.HasPrefix(a.name, b.name) || strings.HasPrefix(b.name, a.name))
	}
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if same(cs[i], cs[j]) {
				parent[find(j)] = find(i)
			}
		}
	}
	var out []string
	for i := range cs {
		if find(i) == i {
			out = append(out, cs[i].title)
		}
	}
	sort.Strings(out)
	return out
}
