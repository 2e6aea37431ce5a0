package cli

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/newsgraph/newsgraph/internal/annotate/event"
	"github.com/newsgraph/newsgraph/internal/annotate/parse"
)

func init() {
	Register(Command{Name: "train triggers", Summary: "train the event trigger detector from M2E2 event annotations", Run: trainTriggers})
}

// m2e2Sentence is one sentence of the M2E2 text annotations.
type m2e2Sentence struct {
	ID     string   `json:"sentence_id"`
	Words  []string `json:"words"`
	Events []struct {
		Trigger struct {
			Start int `json:"start"`
			End   int `json:"end"`
		} `json:"trigger"`
		Type      string `json:"event_type"`
		Arguments []struct {
			Role string `json:"role"`
		} `json:"arguments"`
	} `json:"golden-event-mentions"`
}

// m2e2Class maps an ACE event of M2E2 to a PLOVER category, as
// ../shared/eval/events/m2e2/SOURCE.md says: a death counts as an assault
// only when it has a killer (Agent).
func m2e2Class(typ string, roles []string) string {
	switch typ {
	case "Conflict:Attack":
		return "ASSAULT"
	case "Conflict:Demonstrate":
		return "PROTEST"
	case "Justice:Arrest-Jail":
		return "COERCE"
	case "Contact:Meet":
		return "CONSULT"
	case "Life:Die":
		for _, r := range roles {
			if r == "Agent" {
				return "ASSAULT"
			}
		}
	}
	return ""
}

func readM2E2(path string) ([]m2e2Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	var out []m2e2Sentence
	if err := json.NewDecoder(r).Decode(&out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func trainTriggers(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("train triggers", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	dir := fs.String("m2e2", filepath.Join("..", "shared", "eval", "events", "m2e2"), "`directory` with M2E2's text_only_event.json.gz and text_multimedia_event.json.gz")
	out := fs.String("out", filepath.Join("internal", "annotate", "event", "trigger.gz"), "where to write the model")
	epochs := fs.Int("epochs", 8, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	pm, err := parse.Default()
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train triggers: %v\n", err)
		return ExitFailure
	}
	d, err := event.Default()
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train triggers: %v\n", err)
		return ExitFailure
	}
	var exs []event.TriggerExample
	counts := map[string]int{}
	seen := map[string]bool{}
	for _, name := range []string{"text_only_event.json.gz", "text_multimedia_event.json.gz"} {
		sents, err := readM2E2(filepath.Join(*dir, name))
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph train triggers: %v\n", err)
			return ExitUsage
		}
		for _, s := range sents {
			if len(s.Words) == 0 || seen[s.ID] {
				continue
			}
			seen[s.ID] = true
			ex := event.TriggerExample{Sentence: pm.Parse(s.Words), Gold: make([]int, len(s.Words))}
			for _, e := range s.Events {
				var roles []string
				for _, a := range e.Arguments {
					roles = append(roles, a.Role)
				}
				c := m2e2Class(e.Type, roles)
				if c == "" || e.Trigger.Start < 0 || e.Trigger.Start >= len(s.Words) {
					continue
				}
				for k := e.Trigger.Start; k < e.Trigger.End && k < len(s.Words); k++ {
					for i, tc := range event.TriggerClasses {
						if tc == c {
							ex.Gold[k] = i
						}
					}
				}
				counts[c]++
			}
			exs = append(exs, ex)
		}
	}
	fmt.Fprintf(env.Stderr, "training on %d sentences; triggers %v\n", len(exs), counts)
	m := event.TrainTriggers(d, exs, *epochs, *seed)
	f, err := os.Create(*out)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train triggers: %v\n", err)
		return ExitFailure
	}
	_, err = m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph train triggers: writing %s: %v\n", *out, err)
		return ExitFailure
	}
	size := int64(0)
	if st, err := os.Stat(*out); err == nil {
		size = st.Size()
	}
	fmt.Fprintf(env.Stdout, "wrote %s (%d bytes)\n", *out, size)
	return ExitOK
}
