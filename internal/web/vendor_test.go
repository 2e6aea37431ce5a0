package web_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/web"
	"github.com/newsgraph/newsgraph/internal/web/webtest"
)

// TestVendorManifest checks that every vendored file is listed in
// vendor.MANIFEST with its package, licence and the right sha256, and that
// every script and stylesheet a page loads is served from this server.
func TestVendorManifest(t *testing.T) {
	f, err := os.Open("vendor.MANIFEST")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 5 || cols[1] == "" || cols[2] == "" || cols[3] == "" {
			t.Errorf("manifest line %q: want path, package, version, licence, sha256", line)
			continue
		}
		b, err := os.ReadFile(cols[0])
		if err != nil {
			t.Errorf("manifest lists %s: %v", cols[0], err)
			continue
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != cols[4] {
			t.Errorf("%s: sha256 %x, manifest says %s", cols[0], sum, cols[4])
		}
		if !strings.Contains(cols[0], "/"+cols[1]+"@"+cols[2]+"/") {
			t.Errorf("%s is not in the folder of %s@%s", cols[0], cols[1], cols[2])
		}
		listed[cols[0]] = true
	}
	for _, root := range []string{"static/vendor", "testdata/vendor"} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && !listed[p] {
				t.Errorf("%s is vendored but not in vendor.MANIFEST", p)
			}
			return err
		})
	}

	// Every page's scripts and stylesheets are served by the UI, and the
	// vendored ones are listed.
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "m.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := webtest.Fill(ctx, st, 1, 8); err != nil {
		t.Fatal(err)
	}
	ui, err := web.New(st, web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ref := regexp.MustCompile(`<(?:script src|link rel="[a-z]+" href)="([^"]+)"`)
	seen := map[string]bool{}
	for _, page := range []string{"/", "/places", "/graph", "/timeline", "/doc/" + webtest.Hostile} {
		rec := httptest.NewRecorder()
		ui.ServeHTTP(rec, httptest.NewRequest("GET", page, nil))
		for _, m := range ref.FindAllStringSubmatch(rec.Body.String(), -1) {
			src := m[1]
			if !strings.HasPrefix(src, "/static/") {
				t.Errorf("%s loads %s, not from /static/", page, src)
				continue
			}
			seen[src] = true
			if strings.HasPrefix(src, "/static/vendor/") && !listed[strings.TrimPrefix(src, "/")] {
				t.Errorf("%s loads %s, which vendor.MANIFEST does not list", page, src)
			}
			r := httptest.NewRecorder()
			ui.ServeHTTP(r, httptest.NewRequest("GET", src, nil))
			if r.Code != 200 {
				t.Errorf("%s loads %s: status %d", page, src, r.Code)
			}
		}
	}
	for _, want := range []string{"/static/vendor/leaflet@1.9.4/leaflet.js", "/static/vendor/cytoscape@3.34.4/cytoscape.min.js", "/static/map.js", "/static/graph.js"} {
		if !seen[want] {
			t.Errorf("no page loads %s", want)
		}
	}
}
