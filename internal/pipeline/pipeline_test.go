package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/internal/news"
)

func register(id string, requires []string, f Func) {
	Register(Info{ID: id, Version: "1", Requires: requires,
		New: func(json.RawMessage) (Stage, error) { return f, nil }})
}

func appendStage(tag string) Func {
	return func(_ context.Context, a *news.Article) error {
		a.Text += tag
		return nil
	}
}

func init() {
	register("test.c", []string{"test.b"}, appendStage("c"))
	register("test.a", nil, appendStage("a"))
	register("test.b", []string{"test.a"}, appendStage("b"))
	register("test.fail", []string{"test.a"}, func(_ context.Context, a *news.Article) error {
		if strings.Contains(a.ID, "bad") {
			return errors.New("bad article")
		}
		return nil
	})
	register("test.panic", nil, func(_ context.Context, a *news.Article) error {
		if a.ID == "boom" {
			panic("boom")
		}
		return nil
	})
	register("test.cycle1", []string{"test.cycle2"}, appendStage(""))
	register("test.cycle2", []string{"test.cycle1"}, appendStage(""))
}

func TestPlan(t *testing.T) {
	tests := []struct {
		ids     []string
		want    string
		wantErr string
	}{
		{ids: []string{"test.c"}, want: "test.a test.b test.c"},
		{ids: []string{"test.a", "test.c"}, want: "test.a test.b test.c"},
		{ids: []string{"test.nope"}, wantErr: "unknown stage"},
		{ids: []string{"test.cycle1"}, wantErr: "cycle"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.ids, ","), func(t *testing.T) {
			infos, err := Plan(tc.ids...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Plan(%v) error = %v, want %q", tc.ids, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, i := range infos {
				got = append(got, i.ID)
			}
			if g := strings.Join(got, " "); g != tc.want {
				t.Errorf("Plan(%v) = %s, want %s", tc.ids, g, tc.want)
			}
		})
	}
}

func TestRunnerPerArticleErrors(t *testing.T) {
	chain, err := Build([]string{"test.c", "test.fail", "test.panic"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := make(chan Item)
	go func() {
		defer close(in)
		for i := range 50 {
			id := fmt.Sprint(i)
			switch i {
			case 7:
				id = "bad7"
			case 9:
				id = "boom"
			}
			in <- Item{Article: &news.Article{ID: id}}
		}
		in <- Item{Err: errors.New("unreadable input")}
	}()
	r := &Runner{Chain: chain, Workers: 4, Ordered: true}
	var ok, failed, seq int
	err = r.Run(t.Context(), in, func(res Result) error {
		if res.Seq != seq {
			t.Errorf("result %d delivered at position %d", res.Seq, seq)
		}
		seq++
		if res.Err != nil {
			failed++
			return nil
		}
		ok++
		if res.Article.Text != "abc" {
			t.Errorf("article %s text = %q, want stages in order abc", res.Article.ID, res.Article.Text)
		}
		if res.Article.Provenance.Stages["test.b"] != "1" {
			t.Errorf("provenance missing test.b: %v", res.Article.Provenance.Stages)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if ok != 48 || failed != 3 {
		t.Errorf("ok=%d failed=%d, want 48 and 3", ok, failed)
	}
}

func TestRunnerCancel(t *testing.T) {
	chain, err := Build([]string{"test.a"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	in := make(chan Item)
	go func() {
		for {
			select {
			case in <- Item{Article: &news.Article{}}:
			case <-ctx.Done():
				return
			}
		}
	}()
	n := 0
	err = (&Runner{Chain: chain, Workers: 2}).Run(ctx, in, func(Result) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run after cancel = %v, want context.Canceled", err)
	}
}
