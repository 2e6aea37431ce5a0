package cli

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
)

func init() {
	Register(Command{
		Name:    "worker",
		Summary: "annotate articles from a NATS JetStream queue into a PostgreSQL store (scale-out)",
		Run:     runWorker,
	})
	Register(Command{
		Name:    "queue status",
		Summary: "show how far the workers have got: published, waiting, stored, dead-lettered",
		Run:     runQueueStatus,
	})
	Register(Command{
		Name:    "queue dead",
		Summary: "list the inputs in the queue's dead-letter subject, with their errors",
		Run:     runQueueDead,
	})
}

// publish is ingest --queue: it publishes articles instead of storing them.
func publish(ctx context.Context, env *Env, url, name string, paths []string) int {
	q, err := queue.Connect(ctx, url, queue.Options{Name: name, Client: "newsgraph ingest"})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph ingest: %v\n", err)
		return ExitUsage
	}
	defer q.Close()
	sum, err := q.Publish(ctx, paths, queue.PublishOptions{Stdin: env.Stdin, Errors: env.Stderr})
	if sum != nil {
		fmt.Fprintln(env.Stdout, sum)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph ingest: %v\n", err)
		return ExitFailure
	}
	if sum.Dead > 0 {
		return ExitFailure
	}
	return ExitOK
}

func runWorker(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("worker", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	queueURL := fl.String("queue", "", "NATS JetStream `URL` (nats://host:port, comma-separated for a cluster)")
	name := fl.String("queue-name", queue.DefaultName, "`name` of the queue's streams and subjects")
	db := fl.String("db", "", "PostgreSQL database `URL` (postgres://…)")
	workers := fl.Int("workers", 0, "articles annotated at once (default: one per CPU)")
	stages := fl.String("stages", "", "comma-separated stage `IDs` to run, with what they require (default: all)")
	noStories := fl.Bool("no-stories", false, "do not group new articles into stories")
	noResolve := fl.Bool("no-resolve", false, "only annotate; leave resolution to other workers")
	untilDone := fl.Bool("until-done", false, "exit once every article published so far is stored")
	ackWait := fl.Duration("ack-wait", 30*time.Second, "how long the queue waits for a worker before giving its message to another")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph worker --queue nats://… --db postgres://… [--workers N] [--until-done]")
		fmt.Fprintln(env.Stderr, "Pulls the articles `newsgraph ingest --queue` published, annotates them and stores")
		fmt.Fprintln(env.Stderr, "them; run as many as you like, on as many machines. Inputs that fail go to the")
		fmt.Fprintln(env.Stderr, "dead-letter subject with their error (newsgraph queue dead lists them).")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "newsgraph worker: unexpected arguments %q\n", fl.Args())
		return ExitUsage
	}
	if !queue.IsURL(*queueURL) || !postgres.IsURL(*db) {
		fmt.Fprintln(env.Stderr, "newsgraph worker: needs --queue nats://… and --db postgres://…")
		fl.Usage()
		return ExitUsage
	}
	st, err := postgres.Open(ctx, *db, postgres.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph worker: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	q, err := queue.Connect(ctx, *queueURL, queue.Options{Name: *name, Client: "newsgraph worker"})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph worker: %v\n", err)
		return ExitUsage
	}
	defer q.Close()
	fmt.Fprintf(env.Stderr, "newsgraph worker: pulling from %s into %s; Ctrl-C stops\n", *queueURL, st.Name())
	sum, err := q.Work(ctx, st, queue.WorkerOptions{Workers: *workers, Stages: splitList(*stages), Version: Version,
		AckWait: *ackWait, NoStories: *noStories, NoResolve: *noResolve, UntilDone: *untilDone, Errors: env.Stderr})
	if sum != nil {
		fmt.Fprintln(env.Stdout, sum)
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph worker: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

func runQueueDead(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("queue dead", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	queueURL := fl.String("queue", "", "NATS JetStream `URL`")
	name := fl.String("queue-name", queue.DefaultName, "`name` of the queue's streams and subjects")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph queue dead --queue nats://…")
		fmt.Fprintln(env.Stderr, "Lists the dead-letter subject: one line per input, with the error that stopped it.")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if !queue.IsURL(*queueURL) {
		fmt.Fprintln(env.Stderr, "newsgraph queue dead: needs --queue nats://…")
		return ExitUsage
	}
	q, err := queue.Connect(ctx, *queueURL, queue.Options{Name: *name, Client: "newsgraph queue dead"})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph queue dead: %v\n", err)
		return ExitUsage
	}
	defer q.Close()
	dead, err := q.DeadLetters(ctx)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph queue dead: %v\n", err)
		return ExitFailure
	}
	for _, d := range dead {
		fmt.Fprintf(env.Stdout, "%s\t%s\n", d.Input, d.Error)
	}
	fmt.Fprintf(env.Stderr, "%d dead letters\n", len(dead))
	return ExitOK
}

func runQueueStatus(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("queue status", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	queueURL := fl.String("queue", "", "NATS JetStream `URL`")
	name := fl.String("queue-name", queue.DefaultName, "`name` of the queue's streams and subjects")
	db := fl.String("db", "", "the workers' PostgreSQL database `URL`")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph queue status --queue nats://… --db postgres://…")
		fmt.Fprintln(env.Stderr, "Shows how many messages were published, how many wait for a worker, how many the")
		fmt.Fprintln(env.Stderr, "store has applied and how many went to the dead-letter subject.")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if !queue.IsURL(*queueURL) || !postgres.IsURL(*db) {
		fmt.Fprintln(env.Stderr, "newsgraph queue status: needs --queue nats://… and --db postgres://…")
		return ExitUsage
	}
	st, err := postgres.Open(ctx, *db, postgres.Options{MustExist: true})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph queue status: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	q, err := queue.Connect(ctx, *queueURL, queue.Options{Name: *name, Client: "newsgraph queue status"})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph queue status: %v\n", err)
		return ExitUsage
	}
	defer q.Close()
	s, err := q.Status(ctx, st)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph queue status: %v\n", err)
		return ExitFailure
	}
	done := "working"
	if s.Waiting == 0 && s.Applied >= s.Published {
		done = "done"
	}
	fmt.Fprintf(env.Stdout, "published %d, waiting %d, applied %d, dead-lettered %d: %s\n", s.Published, s.Waiting, s.Applied, s.Dead, done)
	return ExitOK
}
