package queue

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/news"
	"github.com/newsgraph/newsgraph/internal/source"
)

// PublishOptions controls [Queue.Publish].
type PublishOptions struct {
	Stdin io.Reader
	// Errors receives one line per input that went to the dead-letter
	// subject.
	Errors io.Writer
}

// PublishSummary counts what a publication did.
type PublishSummary struct {
	// Read counts articles and unreadable inputs.
	Read int
	// Published counts articles the stream stored; Duplicates those it
	// already had (the same content within DedupWindow).
	Published, Duplicates int
	// Dead counts inputs sent to the dead-letter subject.
	Dead    int
	Elapsed time.Duration
}

func (s PublishSummary) String() string {
	return fmt.Sprintf("read %d, published %d, duplicates %d, dead-lettered %d, %.2f seconds",
		s.Read, s.Published, s.Duplicates, s.Dead, s.Elapsed.Seconds())
}

// publishAttempts is how often one article is tried before the run stops.
const publishAttempts = 8

// Publish reads every article under paths and publishes it to the raw subject
// with its content hash as Nats-Msg-Id, in input order. Inputs that cannot
// be read (a broken JSON Lines line, binary data, too large for the
// servers' max_payload) go to the dead-letter subject with the error, named in
// HeaderInput and HeaderError, and the run goes on. It returns an error
// when the queue keeps failing or ctx is cancelled; every article
// published before is kept.
func (q *Queue) Publish(ctx context.Context, paths []string, opt PublishOptions) (*PublishSummary, error) {
	start := time.Now()
	if opt.Errors == nil {
		opt.Errors = io.Discard
	}
	js, err := jetstream.New(q.nc, jetstream.WithPublishAsyncMaxPending(256))
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	sum := &PublishSummary{}
	var mu sync.Mutex // guards sum and opt.Errors
	dead := func(id, input string, cause error, data []byte) error {
		if err := q.deadLetter(ctx, id, input, 0, cause, data); err != nil {
			return err
		}
		mu.Lock()
		sum.Dead++
		fmt.Fprintf(opt.Errors, "newsgraph ingest: %s: %v (sent to %s)\n", input, cause, q.DeadSubject)
		mu.Unlock()
		return nil
	}

	type pending struct {
		msg *nats.Msg
		id  string
		f   jetstream.PubAckFuture
	}
	acks := make(chan pending, 512)
	ackErr := make(chan error, 1)
	go func() {
		var failed error
		for p := range acks {
			if failed != nil {
				continue
			}
			var ack *jetstream.PubAck
			select {
			case ack = <-p.f.Ok():
			case err := <-p.f.Err():
				// Retry synchronously: the same Nats-Msg-Id makes a
				// publish that did reach the stream a duplicate.
				ack, err = publishRetry(ctx, js, p.msg, p.id, err)
				if err != nil {
					failed = err
					continue
				}
			}
			mu.Lock()
			if ack.Duplicate {
				sum.Duplicates++
			} else {
				sum.Published++
			}
			mu.Unlock()
		}
		ackErr <- failed
	}()

	maxPayload := int(q.nc.MaxPayload())
	werr := source.Walk(ctx, paths, source.Options{Stdin: opt.Stdin}, func(a *news.Article, rerr error) error {
		mu.Lock()
		sum.Read++
		mu.Unlock()
		if rerr != nil {
			input := "input"
			var se *source.Error
			if errors.As(rerr, &se) {
				input = se.Path
				if se.Line > 0 {
					input = fmt.Sprintf("%s:%d", se.Path, se.Line)
				}
			} else if a != nil {
				input = inputName(a.Source)
			}
			h := sha256.Sum256([]byte(input + "\x00" + rerr.Error()))
			return dead("input:"+hex.EncodeToString(h[:8]), input, rerr, nil)
		}
		data, err := encode(a)
		if err != nil {
			return dead(a.ID, inputName(a.Source), err, nil)
		}
		if maxPayload > 0 && len(data)+1024 > maxPayload {
			return dead(a.ID, inputName(a.Source), fmt.Errorf("%w: %d bytes as a message, over the servers' max_payload of %d",
				source.ErrTooLarge, len(data), maxPayload), nil)
		}
		m := nats.NewMsg(q.RawSubject)
		m.Data = data
		f, err := js.PublishMsgAsync(m, jetstream.WithMsgID(a.ID))
		if err != nil {
			ack, err := publishRetry(ctx, js, m, a.ID, err)
			if err != nil {
				return err
			}
			mu.Lock()
			if ack.Duplicate {
				sum.Duplicates++
			} else {
				sum.Published++
			}
			mu.Unlock()
			return nil
		}
		select {
		case acks <- pending{m, a.ID, f}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	close(acks)
	aerr := <-ackErr
	sum.Elapsed = time.Since(start)
	if werr != nil {
		return sum, werr
	}
	return sum, aerr
}

// publishRetry publishes m again until the stream acknowledges it.
func publishRetry(ctx context.Context, js jetstream.JetStream, m *nats.Msg, id string, first error) (*jetstream.PubAck, error) {
	err := first
	wait := 250 * time.Millisecond
	for i := 0; i < publishAttempts; i++ {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
		m2 := nats.NewMsg(m.Subject)
		m2.Data = m.Data
		ack, perr := js.PublishMsg(ctx, m2, jetstream.WithMsgID(id))
		if perr == nil {
			return ack, nil
		}
		err = perr
	}
	return nil, fmt.Errorf("queue: publishing article %s: %w", id, err)
}
