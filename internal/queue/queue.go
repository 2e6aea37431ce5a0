// Package queue is newsgraph's work log for scale-out: NATS JetStream.
// `newsgraph ingest --queue nats://…` publishes raw articles ([Publish]);
// `newsgraph worker` processes ([Worker]) pull them, annotate them and
// store them in PostgreSQL. docs/scale.md describes the design.
//
// Two streams per queue name (default "newsgraph"): NEWSGRAPH_RAW, a work
// queue on the subject newsgraph.raw holding articles to process, each
// published with Nats-Msg-Id set to its content hash (the article ID), so
// publishing an article again within the deduplication window is a no-op;
// and NEWSGRAPH_DEAD, on newsgraph.dead, keeping every input that could
// not be processed with the error that stopped it. Workers share the
// durable pull consumer newsgraph-workers.
package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/newsgraph/newsgraph/internal/news"
)

// DefaultName is the queue name unless Options.Name says otherwise.
const DefaultName = "newsgraph"

// Headers of dead letters.
const (
	// HeaderError says why the input could not be processed.
	HeaderError = "Newsgraph-Error"
	// HeaderInput names the input: its path, and :line for JSON Lines.
	HeaderInput = "Newsgraph-Input"
	// HeaderSeq is the sequence of the raw message in the raw stream, for
	// failures a worker found.
	HeaderSeq = "Newsgraph-Seq"
)

// DedupWindow is how long JetStream remembers message IDs: publishing an
// article again within it stores nothing. Later, the store still skips it.
const DedupWindow = time.Hour

// streamWait is how long Connect tries to create the streams: a cluster
// that has just started takes a few seconds to elect a JetStream leader.
const streamWait = 30 * time.Second

// IsURL reports whether s names a NATS server.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "nats://") || strings.HasPrefix(s, "tls://")
}

// Queue is a connection to JetStream with newsgraph's streams in place.
type Queue struct {
	// Stream and subject names.
	RawStream, RawSubject, DeadStream, DeadSubject, Consumer string

	nc   *nats.Conn
	js   jetstream.JetStream
	raw  jetstream.Stream
	dead jetstream.Stream
	// key identifies RawStream's incarnation (its name and creation
	// time), so a stream deleted and created again starts over.
	key string
	url string
}

// Options controls [Connect].
type Options struct {
	// Replicas is the number of copies of each stream; zero means three
	// when the cluster has at least three servers, else one.
	Replicas int
	// Name names the queue's streams and subjects (DefaultName when
	// empty): letters, digits, - and _.
	Name string
	// Client is the connection name servers show.
	Client string
}

// Connect connects to the NATS servers in url (comma-separated) and
// creates or updates newsgraph's streams.
func Connect(ctx context.Context, url string, opt Options) (*Queue, error) {
	name := opt.Name
	if name == "" {
		name = DefaultName
	}
	if !validName(name) {
		return nil, fmt.Errorf("queue: name %q: use letters, digits, - and _", name)
	}
	client := opt.Client
	if client == "" {
		client = "newsgraph"
	}
	nc, err := nats.Connect(url, nats.Name(client), nats.MaxReconnects(-1), nats.ReconnectWait(250*time.Millisecond),
		nats.RetryOnFailedConnect(false), nats.Timeout(5*time.Second))
	if err != nil {
		return nil, fmt.Errorf("queue: connecting to %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("queue: %s: %w", url, err)
	}
	replicas := opt.Replicas
	if replicas <= 0 {
		replicas = 1
		if len(nc.Servers()) >= 3 {
			replicas = 3
		}
	}
	up := strings.ToUpper(name)
	q := &Queue{nc: nc, js: js, url: url,
		RawStream: up + "_RAW", RawSubject: name + ".raw", DeadStream: up + "_DEAD", DeadSubject: name + ".dead", Consumer: name + "-workers"}
	mk := func(cfg jetstream.StreamConfig) (jetstream.Stream, error) {
		cfg.Replicas = replicas
		cfg.Storage = jetstream.FileStorage
		cfg.Duplicates = DedupWindow
		// A cluster that has just started answers only once it has
		// elected a JetStream leader: try again for a while.
		deadline := time.Now().Add(streamWait)
		for {
			s, err := js.CreateOrUpdateStream(ctx, cfg)
			if err != nil && replicas > 1 && errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
				s, err = js.Stream(ctx, cfg.Name)
			}
			if err == nil {
				return s, nil
			}
			if time.Now().After(deadline) || ctx.Err() != nil {
				return nil, fmt.Errorf("queue: stream %s on %s: %w", cfg.Name, url, err)
			}
			select {
			case <-ctx.Done():
			case <-time.After(500 * time.Millisecond):
			}
		}
	}
	if q.raw, err = mk(jetstream.StreamConfig{Name: q.RawStream, Subjects: []string{q.RawSubject}, Retention: jetstream.WorkQueuePolicy}); err != nil {
		nc.Close()
		return nil, err
	}
	if q.dead, err = mk(jetstream.StreamConfig{Name: q.DeadStream, Subjects: []string{q.DeadSubject}, Retention: jetstream.LimitsPolicy}); err != nil {
		nc.Close()
		return nil, err
	}
	info := q.raw.CachedInfo()
	q.key = fmt.Sprintf("%s@%d", q.RawStream, info.Created.UnixNano())
	return q, nil
}

// Close drains and closes the connection.
func (q *Queue) Close() error {
	if err := q.nc.Drain(); err != nil {
		q.nc.Close()
		return err
	}
	return nil
}

// envelope is a raw article as published: what a source reader found,
// before any annotation.
type envelope struct {
	ID        string      `json:"id"`
	Format    news.Format `json:"format"`
	Source    news.Source `json:"source"`
	Title     string      `json:"title,omitempty"`
	Byline    []string    `json:"byline,omitempty"`
	Published string      `json:"published,omitempty"`
	Language  string      `json:"language,omitempty"`
	Warnings  []string    `json:"warnings,omitempty"`
	Raw       []byte      `json:"raw"`
}

func encode(a *news.Article) ([]byte, error) {
	return json.Marshal(envelope{ID: a.ID, Format: a.Format, Source: a.Source, Title: a.Title, Byline: a.Byline,
		Published: a.Published, Language: a.Language, Warnings: a.Warnings, Raw: a.Raw})
}

// decode returns the article a raw message holds.
func decode(data []byte) (*news.Article, error) {
	var e envelope
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, fmt.Errorf("not a newsgraph article message: %w", err)
	}
	if e.ID == "" || len(e.Raw) == 0 {
		return nil, errors.New("not a newsgraph article message: no id or no raw input")
	}
	switch e.Format {
	case news.FormatText, news.FormatHTML:
	default:
		return nil, fmt.Errorf("article %s: unknown format %q", e.ID, e.Format)
	}
	return &news.Article{ID: e.ID, Format: e.Format, Source: e.Source, Title: e.Title, Byline: e.Byline,
		Published: e.Published, Language: e.Language, Warnings: e.Warnings, Raw: e.Raw}, nil
}

// inputName names an article's input for messages: path, and :line for a
// line of JSON Lines.
func inputName(src news.Source) string {
	if src.Line > 0 {
		return fmt.Sprintf("%s:%d", src.Path, src.Line)
	}
	return src.Path
}

// DeadLetter is an input that could not be processed.
type DeadLetter struct {
	Seq   uint64 // in DeadStream
	Input string
	Error string
	// RawSeq is the raw message's sequence in the raw stream, "" for an
	// input that never got there (unreadable at publication).
	RawSeq string
	Data   []byte
}

// DeadLetters returns the dead letters, oldest first.
func (q *Queue) DeadLetters(ctx context.Context) ([]DeadLetter, error) {
	info, err := q.dead.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	var out []DeadLetter
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := q.dead.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("queue: dead letter %d: %w", seq, err)
		}
		out = append(out, DeadLetter{Seq: seq, Input: m.Header.Get(HeaderInput), Error: m.Header.Get(HeaderError),
			RawSeq: m.Header.Get(HeaderSeq), Data: m.Data})
	}
	return out, nil
}

// deadLetter publishes a dead letter and waits for the stream to store it.
// id deduplicates repeated dead letters of one input.
func (q *Queue) deadLetter(ctx context.Context, id, input string, rawSeq uint64, cause error, data []byte) error {
	m := nats.NewMsg(q.DeadSubject)
	m.Header.Set(HeaderError, oneLine(cause.Error()))
	m.Header.Set(HeaderInput, oneLine(input))
	if rawSeq > 0 {
		m.Header.Set(HeaderSeq, fmt.Sprint(rawSeq))
	}
	m.Data = data
	if _, err := q.js.PublishMsg(ctx, m, jetstream.WithMsgID("dead:"+id)); err != nil {
		return fmt.Errorf("queue: publishing the dead letter of %s: %w", input, err)
	}
	return nil
}

func validName(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return s != ""
}

// oneLine makes s a header value: one line, at most 4 KiB.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == 0 {
			return ' '
		}
		return r
	}, s)
	if len(s) > 4096 {
		s = s[:4096]
	}
	return s
}

// Delete removes the queue's streams and everything in them.
func (q *Queue) Delete(ctx context.Context) error {
	return errors.Join(q.js.DeleteStream(ctx, q.RawStream), q.js.DeleteStream(ctx, q.DeadStream))
}

// Status is how far a queue's work has got.
type Status struct {
	// Published is the number of messages the raw stream ever stored
	// (its last sequence); Waiting those not yet annotated.
	Published, Waiting uint64
	// Applied is how many of them the store has applied (articles stored,
	// failures passed).
	Applied uint64
	// Dead is the number of dead letters.
	Dead uint64
}

// Status reports the queue's progress into st.
func (q *Queue) Status(ctx context.Context, st interface {
	Cursor(ctx context.Context, stream string) (uint64, error)
}) (*Status, error) {
	raw, err := q.raw.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	dead, err := q.dead.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("queue: %w", err)
	}
	cur, err := st.Cursor(ctx, q.key)
	if err != nil {
		return nil, err
	}
	return &Status{Published: raw.State.LastSeq, Waiting: raw.State.Msgs, Applied: cur, Dead: dead.State.Msgs}, nil
}
