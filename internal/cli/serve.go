package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
	"github.com/newsgraph/newsgraph/internal/web"
)

func init() {
	Register(Command{
		Name:    "serve",
		Summary: "serve the web UI and the /api/v1 JSON API over the store",
		Run:     runServe,
	})
}

func runServe(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "listen `address` (host:port)")
	db := fl.String("db", DefaultDB, "database `file`")
	var paths multiFlag
	fl.Var(&paths, "ingest", "ingest `PATH` before serving (repeatable)")
	workers := fl.Int("workers", 0, "articles annotated at once for --ingest (default: one per CPU)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph serve [--addr 127.0.0.1:8080] [--db FILE] [--ingest PATH]")
		fmt.Fprintln(env.Stderr, "Serves the web UI at / and the JSON API at /api/v1 (see docs/api.md).")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "newsgraph serve: unexpected arguments %q (use --ingest PATH to add articles)\n", fl.Args())
		return ExitUsage
	}
	st, err := sqlite.Open(ctx, *db, sqlite.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	if len(paths) > 0 {
		sum, err := ingest.Run(ctx, st, paths, ingest.Options{Workers: *workers, Stdin: env.Stdin, Errors: env.Stderr,
			Progress: progressFor(env.Stderr, false), DB: *db, Version: Version})
		if sum != nil {
			fmt.Fprintf(env.Stderr, "ingest: %s\n", sum)
		}
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
			return ExitFailure
		}
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	h, err := Handler(st, logger)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitFailure
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitUsage
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(env.Stderr, "newsgraph: serving %s at http://%s/ (API at http://%s/api/v1/); Ctrl-C stops\n", *db, ln.Addr(), ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitFailure
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}

// Handler returns the HTTP handler serve uses: the API at /api/v1/ and the
// web UI everywhere else.
func Handler(st *sqlite.Store, logger *slog.Logger) (http.Handler, error) {
	api := server.New(st, server.Options{Logger: logger, Version: Version})
	ui, err := web.New(st, web.Options{Logger: logger, Version: Version})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", api)
	mux.Handle("/api/v1", http.RedirectHandler("/api/v1/health", http.StatusFound))
	mux.Handle("/", ui)
	return mux, nil
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint([]string(*m)) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
