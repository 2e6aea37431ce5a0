package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/testenv"
)

// TestE2EMatchesSharedScorer scores WikiEvents dev with `eval events
// --e2e` and with the shared Python scorer on the same predictions; the
// figures must be equal. It needs ../shared and python3.
func TestE2EMatchesSharedScorer(t *testing.T) {
	testenv.Long(t, "runs the whole pipeline on 20 documents and the Python scorer")
	dir := filepath.Join("..", "..", "..", "shared", "eval", "events", "wikievents")
	scorer := filepath.Join(dir, "score_events_e2e.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("shared scorer not found: %v", err)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	var out, errb bytes.Buffer
	env := &Env{Stdout: &out, Stderr: &errb}
	if code := Run(context.Background(), env, []string{"eval", "events", "--e2e", dir, "-pred", pred}); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	got := lines[len(lines)-1]
	js := filepath.Join(t.TempDir(), "res.json")
	cmd := exec.Command(py, scorer, filepath.Join(dir, "gold", "dev.gold.jsonl"), pred, "--json", js)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("shared scorer: %v\n%s", err, b)
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Event struct {
			Precision, Recall, F1 float64
			PrecisionLenient      float64 `json:"precision_lenient"`
		} `json:"event"`
		ActorTarget struct{ F1 float64 } `json:"actor_target"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("events_e2e P=%.3f R=%.3f F1=%.3f actor_target_F1=%.3f", res.Event.Precision, res.Event.Recall, res.Event.F1, res.ActorTarget.F1)
	if got != want {
		t.Errorf("newsgraph: %s\nshared:    %s", got, want)
	}
	if l := fmt.Sprintf("(lenient): %.3f", res.Event.PrecisionLenient); !strings.Contains(out.String(), l) {
		t.Errorf("lenient precision differs: shared %s\n%s", l, out.String())
	}
}
