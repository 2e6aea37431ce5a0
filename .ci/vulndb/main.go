// Command vulndb turns the OSV entries of a golang.org/x/vulndb module
// (its data/osv folder) into a vulnerability database that govulncheck
// reads with -db file://DIR, so that CI checks against a pinned database
// without reaching the network.
//
//	go run ./.ci/vulndb SRC/data/osv OUT
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"
)

type entry struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	Affected []struct {
		Package struct {
			Name string `json:"name"`
		} `json:"package"`
	} `json:"affected"`
}

type moduleVuln struct {
	ID       string    `json:"id"`
	Modified time.Time `json:"modified"`
	// Fixed is left empty: govulncheck then reads every entry of a
	// module it uses and decides from the entry's own ranges.
}

type module struct {
	Path  string       `json:"path"`
	Vulns []moduleVuln `json:"vulns"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: vulndb OSV-DIR OUT-DIR")
		os.Exit(2)
	}
	src, out := os.Args[1], os.Args[2]
	files, err := filepath.Glob(filepath.Join(src, "*.json"))
	if err != nil || len(files) == 0 {
		fmt.Fprintf(os.Stderr, "vulndb: no OSV entries in %s\n", src)
		os.Exit(1)
	}
	for _, d := range []string{"ID", "index"} {
		if err := os.MkdirAll(filepath.Join(out, d), 0o755); err != nil {
			fail(err)
		}
	}
	mods := map[string]*module{}
	var latest time.Time
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			fail(err)
		}
		var e entry
		if err := json.Unmarshal(b, &e); err != nil {
			fail(fmt.Errorf("%s: %w", f, err))
		}
		if e.Modified.After(latest) {
			latest = e.Modified
		}
		for _, a := range e.Affected {
			m := mods[a.Package.Name]
			if m == nil {
				m = &module{Path: a.Package.Name}
				mods[a.Package.Name] = m
			}
			m.Vulns = append(m.Vulns, moduleVuln{ID: e.ID, Modified: e.Modified})
		}
		if err := os.WriteFile(filepath.Join(out, "ID", e.ID+".json"), b, 0o644); err != nil {
			fail(err)
		}
	}
	list := make([]*module, 0, len(mods))
	for _, m := range mods {
		list = append(list, m)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Path < list[j].Path })
	write(filepath.Join(out, "index", "modules.json"), list)
	write(filepath.Join(out, "index", "db.json"), map[string]time.Time{"modified": latest})
	fmt.Printf("vulndb: %d entries, %d modules, modified %s\n", len(files), len(list), latest.Format(time.RFC3339))
}

func write(path string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "vulndb: %v\n", err)
	os.Exit(1)
}
