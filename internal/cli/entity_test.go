package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestEntitySplitMerge merges two people through the CLI, splits one of
// them off again and checks query entity and the usage errors.
func TestEntitySplitMerge(t *testing.T) {
	db := knowledgeDB(t)
	id := func(name string) string {
		out, errOut, code := run(t, "query", "entity", "--db", db, "--json", name)
		if code != 0 {
			t.Fatalf("query entity %s: %d %s", name, code, errOut)
		}
		var pg struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal([]byte(out), &pg); err != nil {
			t.Fatal(err)
		}
		return pg.ID
	}
	putin, kukhta := id("Putin"), id("Pavel Kukhta")
	if out, errOut, code := run(t, "entity", "merge", "--db", db, putin, kukhta); code != 0 || !strings.Contains(out, "merged") {
		t.Fatalf("entity merge: %d %q %q", code, out, errOut)
	}
	out, _, _ := run(t, "query", "entity", "--db", db, putin)
	if !strings.Contains(out, "Pavel Kukhta") || !strings.Contains(out, "merged by a user") {
		t.Errorf("after the merge, query entity says:\n%s", out)
	}
	out, errOut, code := run(t, "entity", "split", "--db", db, putin, "Pavel", "Kukhta")
	if code != 0 || !strings.Contains(out, "split") {
		t.Fatalf("entity split: %d %q %q", code, out, errOut)
	}
	if got := id("Pavel Kukhta"); got == putin {
		t.Errorf("Pavel Kukhta is still %s after the split", putin)
	}
	for _, args := range [][]string{
		{"entity", "merge", "--db", db, putin},
		{"entity", "split", "--db", db, putin, "Nobody Here"},
		{"entity", "merge", "--db", db, putin, "g00000000000001"},
	} {
		if _, errOut, code := run(t, args...); code != 2 || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, errOut)
		}
	}
}
