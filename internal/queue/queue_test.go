package queue_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nats-io/nats.go"

	"github.com/newsgraph/newsgraph/internal/queue"
	_ "github.com/newsgraph/newsgraph/internal/stages/all"
)

// TestWorkersMatchIngest publishes a corpus twice (the second time is a
// no-op), processes it with two workers and checks that the store they
// build has the same entities, mentions and stories, with the same IDs,
// as a single-process ingest of the same input.
func TestWorkersMatchIngest(t *testing.T) {
	url := natsURL(t)
	ctx := context.Background()
	corpus := tempFile(t, "corpus.jsonl")
	writeCorpus(t, corpus, 60)
	name := queueName(t, url)
	q := connect(t, url, name)
	sum, err := q.Publish(ctx, []string{corpus}, queue.PublishOptions{})
	if err != nil || sum.Published != 60 || sum.Dead != 0 {
		t.Fatalf("Publish = %+v, %v; want 60 published", sum, err)
	}
	sum, err = q.Publish(ctx, []string{corpus}, queue.PublishOptions{})
	if err != nil || sum.Published != 0 || sum.Duplicates != 60 {
		t.Fatalf("second Publish = %+v, %v; want 60 duplicates and nothing published", sum, err)
	}
	st, dbURL := openStore(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := queue.WorkerSummary{}
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := connect(t, url, name)
			s, err := q.Work(ctx, st, queue.WorkerOptions{Workers: 1, UntilDone: true, Version: "test"})
			if err != nil {
				t.Errorf("worker %d: %v", i, err)
				return
			}
			mu.Lock()
			total.Annotated += s.Annotated
			total.Applied += s.Applied
			total.Stored += s.Stored
			mu.Unlock()
		}()
	}
	wg.Wait()
	if total.Annotated != 60 || total.Applied != 60 || total.Stored != 60 {
		t.Errorf("workers annotated %d, applied %d, stored %d; want 60 each", total.Annotated, total.Applied, total.Stored)
	}
	sameStore(t, singleProcess(t, corpus), dbURL)
}

// TestDeadLetters sends bad inputs through the queue: a broken JSON Lines
// line, binary data, an article too large for a message and a message
// that is not an article. Each lands in the dead-letter subject with a
// message naming it; every good article is stored.
func TestDeadLetters(t *testing.T) {
	url := natsURL(t)
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.jsonl")
	writeCorpus(t, good, 8)
	b, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(b), "\n")
	broken := strings.Join(lines[:4], "") + "{\"text\": \"cut off\n" + strings.Join(lines[4:], "")
	if err := os.WriteFile(good, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "binary.txt"), []byte("\x00\x01\x02PK\x03\x04\xff\xfe binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	name := queueName(t, url)
	q := connect(t, url, name)
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	big := bytes.Repeat([]byte("The talks in Minsk went on. "), int(nc.MaxPayload())/28+1)
	if err := os.WriteFile(filepath.Join(dir, "big.txt"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	var errs bytes.Buffer
	sum, err := q.Publish(ctx, []string{dir}, queue.PublishOptions{Errors: &errs})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Published != 8 || sum.Dead != 3 {
		t.Errorf("Publish = %+v; want 8 published and 3 dead letters\n%s", sum, errs.String())
	}
	// A message someone else published that is no article.
	if err := nc.Publish(name+".raw", []byte("hello")); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	st, _ := openStore(t)
	var werrs bytes.Buffer
	ws, err := q.Work(ctx, st, queue.WorkerOptions{Workers: 1, UntilDone: true, Errors: &werrs})
	if err != nil {
		t.Fatal(err)
	}
	if ws.Annotated != 8 || ws.Failed != 1 || ws.Stored != 8 {
		t.Errorf("Work = %+v; want 8 annotated and stored, 1 dead letter\n%s", ws, werrs.String())
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats.Documents != 8 {
		t.Errorf("store: %+v, %v; want 8 documents", stats, err)
	}
	dead, err := q.DeadLetters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ input, err string }{
		{"good.jsonl:5", "invalid JSON"},
		{"big.txt", "too large"},
		{"binary.txt", "binary"},
		{"message", "not a newsgraph article message"},
	}
	if len(dead) != len(want) {
		t.Fatalf("dead letters: %+v; want %d", dead, len(want))
	}
	for _, w := range want {
		found := false
		for _, d := range dead {
			if strings.Contains(d.Input, w.input) && strings.Contains(d.Error, w.err) {
				found = true
			}
		}
		if !found {
			t.Errorf("no dead letter naming %q with an error about %q in %+v", w.input, w.err, dead)
		}
	}
}
