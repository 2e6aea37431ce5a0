package web_test

// Browser tests: every page in a real headless Chromium (chromedp), on the
// seed store and on a generated 10,000-article store, at 1280 and 390 px.
// Each page must load with no console error, no uncaught exception, no
// failed request and no request leaving 127.0.0.1; show its key elements;
// and pass axe-core with no serious or critical violation. Script payloads
// in an article must stay text. Screenshots are written to
// $NEWSGRAPH_SCREENSHOTS (default: a temporary directory, logged).
//
// They run when NEWSGRAPH_BROWSER_TESTS=1 or CI=true (.ci/run sets the
// first and installs Debian's chromium), and then fail if no browser is
// found; otherwise they skip with a message.

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/newsgraph/newsgraph/internal/cli"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/server"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
	"github.com/newsgraph/newsgraph/internal/store"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/web/webtest"
)

// browser returns the Chromium to test with, or skips.
func browser(t *testing.T) string {
	t.Helper()
	if os.Getenv("NEWSGRAPH_BROWSER_TESTS") != "1" && os.Getenv("CI") != "true" {
		t.Skip("browser tests run with NEWSGRAPH_BROWSER_TESTS=1 (as .ci/run does)")
	}
	if p := os.Getenv("NEWSGRAPH_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("NEWSGRAPH_BROWSER_TESTS=1 but no chromium on PATH (apt install chromium; .ci/run installs it), or set NEWSGRAPH_CHROME")
	return ""
}

// session is one Chromium tab with its console, errors and requests
// recorded.
type session struct {
	ctx  context.Context
	mu   sync.Mutex
	errs []string
	reqs []string
}

func (s *session) problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.errs
	s.errs = nil
	return out
}

func newSession(t *testing.T, exe string) *session {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelC(); cancelA() })
	s := &session{ctx: ctx}
	err := chromedp.Listen(ctx, func(ev any) {
		s.mu.Lock()
		defer s.mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				s.errs = append(s.errs, "console error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			s.errs = append(s.errs, "exception: "+e.ExceptionDetails.Text+" "+exceptionText(e.ExceptionDetails))
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				s.errs = append(s.errs, "log error: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			s.reqs = append(s.reqs, e.Request.URL)
			if u, err := url.Parse(e.Request.URL); err != nil || (u.Scheme != "data" && u.Hostname() != "127.0.0.1") {
				s.errs = append(s.errs, "request leaves 127.0.0.1: "+e.Request.URL)
			}
		case *network.EventLoadingFailed:
			if !e.Canceled && e.Type != network.ResourceTypeDocument {
				s.errs = append(s.errs, "request failed: "+e.ErrorText)
			}
		case *page.EventJavascriptDialogOpening:
			s.errs = append(s.errs, "a script opened a dialog: "+e.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	return s
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

var axeSource = sync.OnceValues(func() ([]byte, error) {
	return os.ReadFile("testdata/vendor/axe-core@4.14.1/axe.min.js")
})

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

// axe runs axe-core on the page and returns its serious and critical
// violations.
func (s *session) axe() ([]string, error) {
	src, err := axeSource()
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Run(s.ctx, chromedp.Evaluate[any](string(src))); err != nil {
		return nil, err
	}
	vs, err := chromedp.Run(s.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			var where []string
			for i, n := range v.Nodes {
				if i == 3 {
					where = append(where, "…")
					break
				}
				where = append(where, strings.Join(n.Target, " "))
			}
			out = append(out, fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(where, "; ")))
		}
	}
	return out, nil
}

// check is one page to test: its path and what must be on it.
type check struct {
	name  string
	path  string
	wait  string // a selector that must become visible
	ready bool   // wait for [data-ready="1"] (map, graph)
	// notFound pages answer 404, which Chromium logs as an error.
	notFound bool
	then     func(t *testing.T, s *session)
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("NEWSGRAPH_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "newsgraph-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9_-]+`)

// runChecks visits every page at both widths.
func runChecks(t *testing.T, exe, base, store string, checks []check) {
	s := newSession(t, exe)
	dir := screenshotDir(t)
	t.Logf("screenshots in %s", dir)
	for _, width := range []int64{1280, 390} {
		for _, c := range checks {
			t.Run(fmt.Sprintf("%s/%d/%s", store, width, c.name), func(t *testing.T) {
				ctx, cancel := context.WithTimeout(s.ctx, 90*time.Second)
				defer cancel()
				s.problems()
				var opts []chromedp.EmulateViewportOption
				if width < 600 {
					opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
				}
				tasks := []chromedp.Action[chromedp.Void]{
					chromedp.EmulateViewport(width, 900, opts...),
					chromedp.Navigate(base + c.path),
					chromedp.WaitVisible(chromedp.CSS(c.wait)),
				}
				if c.ready {
					tasks = append(tasks, chromedp.WaitVisible(chromedp.CSS(`[data-ready="1"]`)))
				}
				if err := chromedp.Do(ctx, tasks...); err != nil {
					t.Fatalf("%s: %v", c.path, err)
				}
				if c.then != nil && width == 1280 {
					c.then(t, &session{ctx: ctx})
				}
				shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatalf("screenshot: %v", err)
				}
				name := fmt.Sprintf("%s-%s-%d.png", store, unsafeName.ReplaceAllString(c.name, "_"), width)
				if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
					t.Fatal(err)
				}
				// The first screen alone, as a reader sees the page open.
				view, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatalf("screenshot: %v", err)
				}
				if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".png")+"-screen.png"), view, 0o644); err != nil {
					t.Fatal(err)
				}
				vs, err := (&session{ctx: ctx}).axe()
				if err != nil {
					t.Fatalf("axe: %v", err)
				}
				for _, v := range vs {
					t.Errorf("%s at %d px: accessibility: %s", c.path, width, v)
				}
				// Let late requests (popups, data) finish before judging.
				time.Sleep(150 * time.Millisecond)
				for _, p := range s.problems() {
					if c.notFound && strings.Contains(p, "status of 404") && strings.HasSuffix(p, c.path) {
						continue
					}
					t.Errorf("%s at %d px: %s", c.path, width, p)
				}
			})
		}
	}
}

// seedStore ingests the bundled examples as `newsgraph serve --ingest
// examples/` does.
func seedStore(t *testing.T) *sqlite.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "seeds.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if sum, err := ingest.Run(ctx, st, []string{"../../examples"}, ingest.Options{}); err != nil || sum.New != 2 {
		t.Fatalf("ingesting the examples: %+v, %v", sum, err)
	}
	return st
}

// serve serves st as `newsgraph serve` does: the UI and the API behind the
// server's guard (Host check, security headers, limits).
func serve(t *testing.T, st store.Store) string {
	h, err := cli.Handler(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.Guard(h, server.GuardOptions{}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func mustEval[T any](t *testing.T, s *session, js string, v *T) {
	t.Helper()
	r, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	*v = r
}

// eval runs steps, then evaluates js.
func eval[T any](ctx context.Context, js string, steps ...chromedp.Action[chromedp.Void]) (T, error) {
	var zero T
	if err := chromedp.Do(ctx, steps...); err != nil {
		return zero, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[T](js))
}

func TestBrowserSeeds(t *testing.T) {
	exe := browser(t)
	st := seedStore(t)
	ctx := context.Background()
	base := serve(t, st)
	find := func(name string) string {
		l, err := st.Entities(ctx, store.EntityQuery{Name: name, Page: store.Page{Limit: 1}})
		if err != nil || len(l.Entities) == 0 {
			t.Fatalf("no entity %q: %v", name, err)
		}
		return l.Entities[0].ID
	}
	luka := find("Lukashenko")
	belarus := find("Belarus")
	docs, err := st.Documents(ctx, store.DocQuery{Page: store.Page{Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	var fox string
	for _, d := range docs.Documents {
		if d.Outlet == "Fox News" {
			fox = d.ID
		}
	}
	stories, err := st.Stories(ctx, store.Page{})
	if err != nil || len(stories.Stories) == 0 {
		t.Fatalf("no story: %v", err)
	}
	story := stories.Stories[0].ID
	checks := []check{
		{name: "home", path: "/", wait: "ol.docs li", then: func(t *testing.T, s *session) {
			var text string
			mustEval(t, s, `document.querySelector("ol.docs").innerText`, &text)
			for _, want := range []string{"Fox News", "outlet unknown", "undated, reports events of May 2022"} {
				if !strings.Contains(text, want) {
					t.Errorf("the article list lacks %q:\n%s", want, text)
				}
			}
			if strings.Contains(text, "seeds.jsonl") || strings.Contains(text, ".txt") {
				t.Errorf("the article list shows a file name:\n%s", text)
			}
			// Keyboard: Tab from the top reaches the skip link, the nav and the search box.
			var active string
			for i := 0; i < 12 && active != "INPUT"; i++ {
				var err error
				if active, err = eval[string](s.ctx, `document.activeElement.tagName`, chromedp.KeyEvent("\t")); err != nil {
					t.Fatal(err)
				}
			}
			if active != "INPUT" {
				t.Errorf("Tab does not reach the search box")
			}
		}},
		{name: "search", path: "/?q=Lukashenko", wait: ".facets", then: func(t *testing.T, s *session) {
			var n int
			mustEval(t, s, `document.querySelectorAll(".suggest a.chip, .facets a").length`, &n)
			if n < 3 {
				t.Errorf("search shows %d suggestion and facet links; want entity suggestions and facets", n)
			}
		}},
		{name: "article", path: "/doc/" + fox, wait: ".text .q", then: func(t *testing.T, s *session) {
			var quotes, captions int
			mustEval(t, s, `document.querySelectorAll("#side-q li").length`, &quotes)
			mustEval(t, s, `document.querySelectorAll("#captions li").length`, &captions)
			if quotes < 5 || captions < 5 {
				t.Errorf("sidebar: %d quotes, %d captions", quotes, captions)
			}
			// Jump to a sentence; toggle a layer off.
			target, err := eval[string](s.ctx, `location.hash`, chromedp.Click(chromedp.CSS(`#side-q a.jump`)))
			if err != nil {
				t.Fatal(err)
			}
			if target != "#q0" {
				t.Errorf("the first quote's jump link goes to %q", target)
			}
			bg, err := eval[string](s.ctx, `getComputedStyle(document.querySelector(".text .q")).backgroundColor`, chromedp.Click(chromedp.CSS(`#L-q`)))
			if err != nil {
				t.Fatal(err)
			}
			if bg != "rgba(0, 0, 0, 0)" {
				t.Errorf("quotes layer off, but quotes still have background %s", bg)
			}
			chromedp.Do(s.ctx, chromedp.Click(chromedp.CSS(`#L-q`)))
		}},
		{name: "article-span", path: "/doc/" + fox + "?span=100-140#sp", wait: "#sp"},
		{name: "entity", path: "/entity/" + luka, wait: "#h-alias", then: func(t *testing.T, s *session) {
			var text string
			mustEval(t, s, `document.querySelector("main").innerText`, &text)
			for _, want := range []string{"surname of the full name", "Events where Alexander Lukashenko acts", "Events that target Alexander Lukashenko", "country:"} {
				if !strings.Contains(text, want) {
					t.Errorf("entity page lacks %q", want)
				}
			}
		}},
		{name: "entity-place", path: "/entity/" + belarus, wait: "#h-alias", then: func(t *testing.T, s *session) {
			var text string
			mustEval(t, s, `document.querySelector("main > p.meta").innerText`, &text)
			if !strings.Contains(text, "country: BY") {
				t.Errorf("Belarus's entity page: %q; want country: BY", text)
			}
		}},
		{name: "entities", path: "/entities", wait: "table tbody tr"},
		{name: "quotes", path: "/quotes", wait: "blockquote.qt", then: func(t *testing.T, s *session) {
			var bad int
			mustEval(t, s, `[...document.querySelectorAll("blockquote.indirect p")].filter(p => /[“”"]/.test(p.innerText.trim()[0] + p.innerText.trim().slice(-1))).length`, &bad)
			if bad > 0 {
				t.Errorf("%d paraphrases are in quotation marks", bad)
			}
		}},
		{name: "timeline", path: "/timeline", wait: "svg.timeline", then: func(t *testing.T, s *session) {
			var year, day float64
			mustEval(t, s, `document.querySelector('rect[data-date="2020"][data-precision="year"]').getBoundingClientRect().width`, &year)
			mustEval(t, s, `document.querySelector('rect[data-date="2022-05-20"][data-precision="day"]').getBoundingClientRect().width`, &day)
			if year <= 3*day {
				t.Errorf("2020 is %.1f px wide and 2022-05-20 %.1f px: want a year range much wider than a day", year, day)
			}
			t.Logf("timeline: 2020 drawn %.1f px wide (year), 2022-05-20 %.1f px (day)", year, day)
		}},
		{name: "timeline-year", path: "/timeline?from=2022&to=2022", wait: "svg.timeline"},
		{name: "map", path: "/places", wait: "#map", ready: true, then: func(t *testing.T, s *session) {
			var names []string
			mustEval(t, s, `[...document.querySelectorAll(".leaflet-marker-icon[data-name]")].map(e => e.dataset.name)`, &names)
			for _, want := range []string{"Warsaw", "Minsk"} {
				if !strings.Contains(strings.Join(names, "|"), want) {
					t.Errorf("map points %v lack %s", names, want)
				}
			}
			for _, c := range []string{"BY", "UA", "PL"} {
				var n int
				mustEval(t, s, `document.querySelectorAll("path.area-`+c+`").length`, &n)
				if n == 0 {
					t.Errorf("country %s is not shaded", c)
				}
			}
			popup, err := eval[string](s.ctx, `document.querySelector(".leaflet-popup-content").innerText`,
				chromedp.Click(chromedp.CSS(`.leaflet-marker-icon[data-name="Warsaw"]`)),
				chromedp.WaitVisible(chromedp.CSS(`.leaflet-popup-content .evidence-list mark`)))
			if err != nil {
				t.Fatalf("clicking Warsaw: %v", err)
			}
			if !strings.Contains(popup, "Warsaw") {
				t.Errorf("Warsaw's popup: %q", popup)
			}
			t.Logf("map: points %v; Warsaw popup: %.120q", names, popup)
		}},
		{name: "place", path: "/place?geonames=756135&name=Warsaw&country=PL", wait: ".evidence-list mark"},
		{name: "graph", path: "/graph?entity=" + luka, wait: "#graph", ready: true, then: func(t *testing.T, s *session) {
			var n int
			mustEval(t, s, `newsgraphGraph.edges('[kind="event"]').filter(e => e.source().data("label") === "Alexander Lukashenko" && e.target().data("label") === "Vladimir Putin" && e.data("label").includes("SUPPORT")).length`, &n)
			if n != 1 {
				t.Fatalf("the graph of Lukashenko has %d SUPPORT edges to Putin; want 1", n)
			}
			if _, err := chromedp.Run(s.ctx, chromedp.Evaluate[any](`newsgraphGraph.edges('[kind="event"]').filter(e => e.target().data("label") === "Vladimir Putin" && e.data("label").includes("SUPPORT")).emit("tap"), 1`)); err != nil {
				t.Fatal(err)
			}
			panel, err := eval[string](s.ctx, `document.querySelector("#gpanel").innerText`, chromedp.WaitVisible(chromedp.CSS(`#gpanel .evidence-list mark`)))
			if err != nil {
				t.Fatalf("tapping the edge: %v", err)
			}
			if !strings.Contains(panel, "Putin") {
				t.Errorf("the SUPPORT edge's panel: %q", panel)
			}
			t.Logf("graph: SUPPORT edge Lukashenko → Putin; its sentence: %.200q", panel)
		}},
		{name: "stories", path: "/stories", wait: "ol.docs li"},
		{name: "story", path: "/story/" + story, wait: ".compare", then: func(t *testing.T, s *session) {
			var cols []string
			mustEval(t, s, `[...document.querySelectorAll(".compare .col h3")].map(h => h.innerText)`, &cols)
			if len(cols) != 2 || !strings.Contains(strings.Join(cols, "|"), "Fox News") || !strings.Contains(strings.Join(cols, "|"), "outlet unknown") {
				t.Errorf("compare columns %q; want Fox News and outlet unknown", cols)
			}
			var shared []string
			mustEval(t, s, `[...document.querySelectorAll("#shared tbody tr")].map(h => h.innerText)`, &shared)
			var zel []string
			for _, s := range shared {
				if strings.Contains(s, "Zelensk") {
					zel = append(zel, s)
				}
			}
			if len(zel) != 1 || !strings.Contains(zel[0], "Zelenskyy") || !regexp.MustCompile(`Zelensky([^y]|$)`).MatchString(zel[0]) {
				t.Errorf("shared entities %q: want Zelenskyy/Zelensky as one entity, with both spellings", shared)
			}
			t.Logf("compare: shared entity row %q", zel)
		}},
		{name: "not-found", path: "/doc/nope", wait: "main h1", notFound: true},
	}
	runChecks(t, exe, base, "seeds", checks)
}

func TestBrowserGenerated(t *testing.T) {
	exe := browser(t)
	st := generated(t, 10000)
	base := serve(t, st)
	pages := pagesOf(t, st)
	var checks []check
	for _, name := range []string{"home", "search", "article", "entities", "entity", "quotes", "timeline", "timeline-year", "map", "place", "graph", "stories", "story"} {
		c := check{name: name, path: pages[name], wait: "main h1"}
		switch name {
		case "map", "graph":
			c.ready = true
		}
		checks = append(checks, c)
	}
	checks = append(checks, check{name: "hostile", path: "/doc/" + webtest.Hostile, wait: ".text", then: func(t *testing.T, s *session) {
		var title, text string
		var scripts int
		mustEval(t, s, `document.querySelector("h1").innerText`, &title)
		mustEval(t, s, `document.querySelector(".text").innerText`, &text)
		mustEval(t, s, `document.querySelectorAll("main script, main img, main svg[onload], main iframe").length`, &scripts)
		if title != webtest.HostileTitle {
			t.Errorf("title shown as %q; want the text %q", title, webtest.HostileTitle)
		}
		if !strings.Contains(text, `<script>alert("text")</script>`) || !strings.Contains(text, "<img src=x onerror=alert(2)>") {
			t.Errorf("the payloads are not shown as text: %q", text)
		}
		if scripts != 0 {
			t.Errorf("the article made %d script, img, svg or iframe elements", scripts)
		}
	}})
	checks = append(checks, check{name: "hostile-search", path: "/?q=minister", wait: "main h1"})
	runChecks(t, exe, base, "generated", checks)
	if t.Failed() {
		return
	}
	if _, err := os.Stat(filepath.Join(screenshotDir(t), "generated-home-390.png")); errors.Is(err, os.ErrNotExist) {
		t.Errorf("no screenshot written")
	}
}
