package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
)

// WorkerOptions controls [Queue.Work].
type WorkerOptions struct {
	// Workers is the number of articles annotated at once; zero means one
	// per CPU.
	Workers int
	// Stages are the stage IDs to run (with their requirements); empty
	// means every registered stage.
	Stages []string
	// Version is recorded in each article's provenance.
	Version string
	// AckWait is how long the servers wait for a message's
	// acknowledgement before delivering it again (default 30s). A worker
	// tells the servers it is still working on a message every third of
	// it, so only a dead or stuck worker's messages are redelivered.
	AckWait time.Duration
	// MaxDeliveries is how often a message may be delivered before it is
	// taken for poison (it made every worker that took it die or hang)
	// and sent to the dead-letter subject (default 4).
	MaxDeliveries int
	// NoStories turns off story clustering.
	NoStories bool
	// NoResolve makes the worker only annotate; other workers resolve.
	NoResolve bool
	// UntilDone makes Work return once every message published so far is
	// annotated and applied to the store.
	UntilDone bool
	// Errors receives a line per failed input and per problem.
	Errors io.Writer
}

// WorkerSummary counts what one worker did.
type WorkerSummary struct {
	// Annotated counts articles this worker annotated and staged; Failed
	// the messages it sent to the dead-letter subject.
	Annotated, Failed int
	// Applied counts staged messages this worker's resolver applied to
	// the store (articles and failures), Stored the new articles among
	// them.
	Applied, Stored int
	Elapsed         time.Duration
}

func (s WorkerSummary) String() string {
	return fmt.Sprintf("annotated %d, dead-lettered %d, applied %d (%d new articles), %.2f seconds",
		s.Annotated, s.Failed, s.Applied, s.Stored, s.Elapsed.Seconds())
}

// resolveBatch is the number of staged messages applied per transaction.
const resolveBatch = 256

// Work pulls raw articles, annotates them and stages them in st, and
// acknowledges each message only after its result is committed. Whichever
// worker holds the store's resolver lock also applies staged articles to
// the store in stream order (entity resolution and stories, as ingest does
// in one process), so any number of workers builds the same store as one
// ingest of the same input. It returns when ctx is cancelled (nil), when
// UntilDone is set and the work is done, or on an error of the queue or
// the store.
func (q *Queue) Work(ctx context.Context, st *postgres.Store, opt WorkerOptions) (*WorkerSummary, error) {
	start := time.Now()
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.AckWait <= 0 {
		opt.AckWait = 30 * time.Second
	}
	if opt.MaxDeliveries <= 0 {
		opt.MaxDeliveries = 4
	}
	if opt.Errors == nil {
		opt.Errors = io.Discard
	}
	w := &worker{q: q, st: st, opt: opt, inflight: map[jetstream.Msg]bool{}}
	chain, err := annotate.Chain(opt.Stages)
	if err != nil {
		return nil, err
	}
	defer chain.Close()
	cons, err := q.js.CreateOrUpdateConsumer(ctx, q.RawStream, jetstream.ConsumerConfig{
		Durable: q.Consumer, AckPolicy: jetstream.AckExplicitPolicy, AckWait: opt.AckWait,
		MaxDeliver: -1, MaxAckPending: 1024, FilterSubject: q.RawSubject,
	})
	if err != nil {
		return nil, fmt.Errorf("queue: consumer %s: %w", q.Consumer, err)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 4)
	fatal := func(err error) {
		select {
		case errc <- err:
		default:
		}
		cancel()
	}

	var wg sync.WaitGroup
	// Annotation: one goroutine pulls, Workers annotate.
	msgs := make(chan jetstream.Msg)
	it, err := cons.Messages(jetstream.PullMaxMessages(2 * opt.Workers))
	if err != nil {
		return nil, fmt.Errorf("queue: pulling from %s: %w", q.RawStream, err)
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(msgs)
		for {
			m, err := it.Next()
			if err != nil {
				if ctx.Err() != nil || errors.Is(err, jetstream.ErrMsgIteratorClosed) {
					return
				}
				w.logf("newsgraph worker: pulling messages: %v (retrying)", err)
				select {
				case <-ctx.Done():
					return
				case <-time.After(250 * time.Millisecond):
				}
				continue
			}
			w.track(m, true)
			select {
			case msgs <- m:
			case <-ctx.Done():
				w.track(m, false)
				m.Nak()
				return
			}
		}
	}()
	go func() {
		<-ctx.Done()
		it.Stop()
	}()
	for range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range msgs {
				if err := w.process(ctx, chain, m); err != nil {
					fatal(err)
				}
				w.track(m, false)
			}
		}()
	}
	// Keep the messages being worked on from being redelivered.
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(opt.AckWait / 3)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				w.mu.Lock()
				for m := range w.inflight {
					m.InProgress()
				}
				w.mu.Unlock()
			}
		}
	}()
	// Resolution: whoever holds the lock applies staged articles.
	if !opt.NoResolve {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := w.resolveLoop(ctx); err != nil {
				fatal(err)
			}
		}()
	}
	if opt.UntilDone {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.NewTicker(200 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
				done, err := w.done(ctx)
				if err != nil {
					if ctx.Err() == nil {
						w.logf("newsgraph worker: checking progress: %v", err)
					}
					continue
				}
				if done {
					cancel()
					return
				}
			}
		}()
	}
	wg.Wait()
	sum := &WorkerSummary{Annotated: int(w.annotated.Load()), Failed: int(w.failed.Load()),
		Applied: int(w.applied.Load()), Stored: int(w.stored.Load()), Elapsed: time.Since(start)}
	select {
	case err := <-errc:
		return sum, err
	default:
	}
	return sum, nil
}

type worker struct {
	q   *Queue
	st  *postgres.Store
	opt WorkerOptions

	mu       sync.Mutex // guards inflight and log lines
	inflight map[jetstream.Msg]bool

	annotated, failed, applied, stored atomic.Int64
}

func (w *worker) logf(format string, args ...any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	fmt.Fprintf(w.opt.Errors, format+"\n", args...)
}

func (w *worker) track(m jetstream.Msg, on bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if on {
		w.inflight[m] = true
	} else {
		delete(w.inflight, m)
	}
}

// process annotates one message and stages the result, or sends it to the
// dead-letter subject; then it acknowledges the message. It returns an
// error only when the store fails.
func (w *worker) process(ctx context.Context, chain interface {
	Process(context.Context, *news.Article) error
}, m jetstream.Msg) error {
	meta, err := m.Metadata()
	if err != nil {
		w.logf("newsgraph worker: a message without metadata: %v", err)
		m.Term()
		return nil
	}
	seq := meta.Sequence.Stream
	input := fmt.Sprintf("%s message %d", w.q.RawStream, seq)
	fail := func(cause error) error {
		if err := w.q.deadLetter(ctx, fmt.Sprintf("%s:%d", w.q.key, seq), input, seq, cause, m.Data()); err != nil {
			m.Nak()
			return nil // the message comes back; the dead letter is tried again then
		}
		if err := w.st.Stage(ctx, w.q.key, postgres.Staged{Seq: seq, Failed: cause.Error()}); err != nil {
			m.Nak()
			return err
		}
		w.failed.Add(1)
		w.logf("newsgraph worker: %s: %v (sent to %s)", input, cause, w.q.DeadSubject)
		m.Term()
		return nil
	}
	a, err := decode(m.Data())
	if err != nil {
		return fail(err)
	}
	input = inputName(a.Source)
	if int(meta.NumDelivered) > w.opt.MaxDeliveries {
		return fail(fmt.Errorf("delivered %d times without being finished: each worker that took it stopped or hung", meta.NumDelivered))
	}
	a.Provenance.Version = w.opt.Version
	if err := chain.Process(ctx, a); err != nil {
		if ctx.Err() != nil {
			m.Nak()
			return nil
		}
		return fail(err)
	}
	for _, warn := range a.Warnings {
		w.logf("newsgraph worker: warning: %s: %s", input, warn)
	}
	rec, err := json.Marshal(a)
	if err != nil {
		return fail(fmt.Errorf("encoding the annotated article: %w", err))
	}
	if err := w.st.Stage(context.WithoutCancel(ctx), w.q.key, postgres.Staged{Seq: seq, Doc: a.ID, Record: rec}); err != nil {
		m.Nak()
		return err
	}
	w.annotated.Add(1)
	// Staged and committed: the message is done. If the acknowledgement
	// is lost, the message comes back and staging it again is a no-op.
	actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := m.DoubleAck(actx); err != nil && ctx.Err() == nil {
		w.logf("newsgraph worker: acknowledging %s: %v (it will be redelivered and skipped)", input, err)
	}
	return nil
}

// resolveLoop takes the resolver lock whenever it is free and applies
// staged articles while it holds it.
func (w *worker) resolveLoop(ctx context.Context) error {
	for ctx.Err() == nil {
		lock, err := w.st.TryResolverLock(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			w.logf("newsgraph worker: %v (retrying)", err)
		}
		if lock != nil {
			err = w.resolve(ctx, lock)
			lock.Release()
			if err != nil && ctx.Err() == nil {
				w.logf("newsgraph worker: resolving: %v (retrying)", err)
			}
		}
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
	return nil
}

// resolve applies staged messages in stream order while ctx lasts.
func (w *worker) resolve(ctx context.Context, lock *postgres.Lock) error {
	sink, err := ingest.NewSink(ctx, w.st, ingest.SinkOptions{NoStories: w.opt.NoStories, Errors: w.opt.Errors})
	if err != nil {
		return err
	}
	key := w.q.key
	cursor, err := w.st.Cursor(ctx, key)
	if err != nil {
		return err
	}
	var gapSeq uint64
	var gapSince time.Time
	for ctx.Err() == nil {
		if err := lock.Check(ctx); err != nil {
			return err
		}
		staged, err := w.st.StagedAfter(ctx, key, cursor, resolveBatch)
		if err != nil {
			return err
		}
		n := 0
		for n < len(staged) && staged[n].Seq == cursor+uint64(n)+1 {
			n++
		}
		if n == 0 {
			skip, err := w.lostMessage(ctx, cursor+1, len(staged) > 0, &gapSeq, &gapSince)
			if err != nil {
				return err
			}
			if skip {
				if err := w.st.Advance(ctx, key, cursor, cursor+1); err != nil {
					return err
				}
				cursor++
				continue
			}
			select {
			case <-ctx.Done():
			case <-time.After(100 * time.Millisecond):
			}
			continue
		}
		var as []*news.Article
		for _, s := range staged[:n] {
			if s.Record == nil {
				continue
			}
			a := new(news.Article)
			if err := json.Unmarshal(s.Record, a); err != nil {
				w.logf("newsgraph worker: staged message %d (article %s) cannot be decoded: %v; skipping it", s.Seq, s.Doc, err)
				continue
			}
			as = append(as, a)
		}
		// Storing is idempotent: if this process dies before the cursor
		// moves, the next resolver stores nothing twice.
		created, err := sink.Write(context.WithoutCancel(ctx), as)
		if err != nil {
			return err
		}
		last := staged[n-1].Seq
		if err := w.st.Advance(context.WithoutCancel(ctx), key, cursor, last); err != nil {
			return err
		}
		cursor = last
		w.applied.Add(int64(n))
		for _, c := range created {
			if c {
				w.stored.Add(1)
			}
		}
	}
	return nil
}

// gapWait is how long the resolver waits on a missing message before it
// asks the stream whether the message still exists.
const gapWait = 3 * time.Second

// lostMessage reports whether message seq, which the resolver waits for,
// is gone for good: it is not in the stream (so no worker will stage it)
// and not staged. Messages removed from the stream by hand leave such
// gaps; everything else reaches the staging table.
func (w *worker) lostMessage(ctx context.Context, seq uint64, later bool, gapSeq *uint64, since *time.Time) (bool, error) {
	if *gapSeq != seq {
		*gapSeq, *since = seq, time.Now()
		return false, nil
	}
	if time.Since(*since) < gapWait {
		return false, nil
	}
	*since = time.Now()
	info, err := w.q.raw.Info(ctx)
	if err != nil {
		return false, fmt.Errorf("queue: %w", err)
	}
	if info.State.LastSeq < seq && !later {
		return false, nil // not published yet
	}
	if _, err := w.q.raw.GetMsg(ctx, seq); err == nil || !errors.Is(err, jetstream.ErrMsgNotFound) {
		return false, nil // still to be processed, or the stream cannot say
	}
	staged, err := w.st.IsStaged(ctx, w.q.key, seq)
	if err != nil || staged {
		return false, err
	}
	w.logf("newsgraph worker: message %d of %s is neither in the stream nor staged (removed by hand?); skipping it", seq, w.q.RawStream)
	return true, nil
}

// done reports whether every message published so far is processed and
// applied.
func (w *worker) done(ctx context.Context) (bool, error) {
	info, err := w.q.raw.Info(ctx)
	if err != nil {
		return false, err
	}
	if info.State.Msgs > 0 {
		return false, nil
	}
	cursor, err := w.st.Cursor(ctx, w.q.key)
	if err != nil {
		return false, err
	}
	return cursor >= info.State.LastSeq, nil
}
