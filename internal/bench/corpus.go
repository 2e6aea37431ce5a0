// Package bench makes the corpora newsgraph bench measures: Reuters-21578
// as JSON Lines, and generated long articles.
package bench

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Record is one JSON Lines input record, as newsgraph's JSON Lines reader
// takes it.
type Record struct {
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	URL       string `json:"url,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Published string `json:"published,omitempty"`
}

var (
	reStory = regexp.MustCompile(`(?s)<REUTERS[^>]*\bNEWID="(\d+)"[^>]*>(.*?)</REUTERS>`)
	reTitle = regexp.MustCompile(`(?s)<TITLE>(.*?)</TITLE>`)
	reBody  = regexp.MustCompile(`(?s)<BODY>(.*?)</BODY>`)
	reDate  = regexp.MustCompile(`(?s)<DATE>\s*(\d{1,2}-[A-Z]{3}-\d{4})`)
	reSign  = regexp.MustCompile(`\s*\bReuter\s*$`)
)

// Reuters writes the stories of the Reuters-21578 distribution in dir
// (reut2-NNN.xml, the XML version, or reut2-NNN.sgm) as JSON Lines to w:
// every story with a body, its title, its date and an URL naming its
// NEWID. It returns the number of stories written.
func Reuters(dir string, w io.Writer) (int, error) {
	var files []string
	for _, pat := range []string{"reut2-*.xml", "reut2-*.sgm"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	if len(files) == 0 {
		return 0, fmt.Errorf("%s: no Reuters-21578 files (reut2-NNN.xml or .sgm)", dir)
	}
	sort.Strings(files)
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return n, err
		}
		for _, m := range reStory.FindAllSubmatch(b, -1) {
			body := reBody.FindSubmatch(m[2])
			if body == nil {
				continue
			}
			text := strings.Map(func(r rune) rune {
				if r < ' ' && r != '\n' && r != '\t' {
					return -1 // control characters some stories carry
				}
				return r
			}, html.UnescapeString(string(body[1])))
			text = strings.TrimSpace(reSign.ReplaceAllString(text, ""))
			if text == "" {
				continue
			}
			rec := Record{Text: text, URL: "reuters21578:" + string(m[1]), Outlet: "Reuters"}
			if t := reTitle.FindSubmatch(m[2]); t != nil {
				rec.Title = strings.TrimSpace(html.UnescapeString(string(t[1])))
			}
			if d := reDate.FindSubmatch(m[2]); d != nil {
				if t, err := time.Parse("2-Jan-2006", string(d[1])); err == nil {
					rec.Published = t.Format("2006-01-02")
				}
			}
			if err := enc.Encode(rec); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, bw.Flush()
}

var (
	firstNames = []string{"Pavel", "Anna", "Ales", "Olga", "Ihar", "Maria", "Dmitri", "Sofia", "Yuri", "Elena",
		"Viktor", "Irina", "James", "Fatima", "Kwame", "Lucia", "Hiroshi", "Amara", "Tomasz", "Ingrid"}
	lastNames = []string{"Kovalenko", "Shevchuk", "Lysenko", "Bondar", "Tkachenko", "Moroz", "Kravets", "Savchenko",
		"Marchenko", "Rudenko", "Okafor", "Haddad", "Nakamura", "Silva", "Nowak", "Lindqvist", "Mensah", "Ortega"}
	cities = []string{"Warsaw", "Minsk", "Kyiv", "Vilnius", "Riga", "Lviv", "Gdansk", "Brest", "Kharkiv", "Tallinn",
		"Nairobi", "Lagos", "Lima", "Osaka", "Lyon", "Porto", "Ankara", "Hanoi"}
	orgs = []string{"the Red Cross", "the United Nations", "the European Commission", "NATO", "the city council",
		"the Interior Ministry", "the World Bank", "Amnesty International", "the central bank", "the transport union"}
	verbs  = []string{"met", "criticised", "thanked", "visited", "warned", "praised", "accused", "supported", "urged", "called on"}
	topics = []string{"the border crossings", "the new budget", "energy prices", "the refugee centres", "the railway line",
		"the elections", "grain exports", "the water supply", "the port expansion", "school funding", "the drought"}
	months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	days   = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
)

// Long writes n generated long articles (about 1,500 words each: names,
// organisations, places, quotes, dates and numbers in news style) as JSON
// Lines to w. The same seed writes the same corpus.
func Long(w io.Writer, n int, seed uint64) error {
	if n < 0 {
		return errors.New("bench: negative article count")
	}
	r := rand.New(rand.NewPCG(seed, 0x6e657773))
	pick := func(l []string) string { return l[r.IntN(len(l))] }
	person := func() string { return pick(firstNames) + " " + pick(lastNames) }
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	for i := range n {
		city := pick(cities)
		var b strings.Builder
		for p := 0; p < 24+r.IntN(8); p++ {
			speaker := person()
			switch p % 4 {
			case 0:
				fmt.Fprintf(&b, "%s, %s %d (Newswire) — %s %s %s in %s on %s over %s, officials said. ",
					strings.ToUpper(city), pick(months), 1+r.IntN(28), person(), pick(verbs), pick(orgs), pick(cities), pick(days), pick(topics))
				fmt.Fprintf(&b, "The talks, the %s round since %d, drew about %d delegates and cost %d million euros.",
					[]string{"second", "third", "fourth", "fifth"}[r.IntN(4)], 1995+r.IntN(28), 100+r.IntN(5000), 1+r.IntN(900))
			case 1:
				fmt.Fprintf(&b, "“We expect a decision on %s by %s %d, and we will not accept further delays,” said %s, a spokesperson for %s. ",
					pick(topics), pick(months), 1+r.IntN(28), speaker, pick(orgs))
				fmt.Fprintf(&b, "%s added that %s had been informed last %s and that the %s office in %s would publish the figures.",
					strings.Fields(speaker)[1], pick(orgs), pick(days), pick(cities), pick(cities))
			case 2:
				fmt.Fprintf(&b, "Critics in %s say the plan ignores %s. %s, who has followed %s for %d years, told reporters the government "+
					"had promised %d%% more money but delivered less than half of it, and that %s would raise the issue at the next session.",
					pick(cities), pick(topics), person(), pick(topics), 2+r.IntN(30), 5+r.IntN(40), pick(orgs))
			default:
				fmt.Fprintf(&b, "On %s, protesters gathered outside the offices of %s in %s, and police said %d people were detained. "+
					"%s, the mayor of %s, called for calm and said a meeting with %s was planned for next week.",
					pick(days), pick(orgs), pick(cities), r.IntN(80), person(), pick(cities), person())
			}
			b.WriteString("\n\n")
		}
		rec := Record{
			Title:     fmt.Sprintf("%s talks on %s: report %d", city, pick(topics), i),
			Text:      strings.TrimSpace(b.String()),
			Outlet:    fmt.Sprintf("Newswire %d", i%5),
			Published: fmt.Sprintf("2024-%02d-%02d", 1+i%12, 1+i%28),
		}
		if err := enc.Encode(rec); err != nil {
			return err
		}
	}
	return bw.Flush()
}
