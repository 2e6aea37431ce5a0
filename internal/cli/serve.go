package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/server"
	"github.com/newsgraph/newsgraph/internal/store"
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
	db := fl.String("db", DefaultDB, dbUsage)
	var paths multiFlag
	fl.Var(&paths, "ingest", "ingest `PATH` before serving (repeatable)")
	workers := fl.Int("workers", 0, "articles annotated at once for --ingest (default: one per CPU)")
	var hosts multiFlag
	fl.Var(&hosts, "allow-host", "also answer to the host `NAME` (repeatable; localhost and IP addresses always work)")
	token := fl.String("write-token", "", "`TOKEN` that requests which change the store must carry (default $NEWSGRAPH_WRITE_TOKEN; none: read-only)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph serve [--addr 127.0.0.1:8080] [--db FILE|postgres://…] [--ingest PATH] [--allow-host NAME]")
		fmt.Fprintln(env.Stderr, "Serves the web UI at / and the JSON API at /api/v1 (see docs/api.md). It listens on")
		fmt.Fprintln(env.Stderr, "127.0.0.1 unless --addr says otherwise, and is read-only unless given a write token.")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(env.Stderr, "newsgraph serve: unexpected arguments %q (use --ingest PATH to add articles)\n", fl.Args())
		return ExitUsage
	}
	st, err := openDB(ctx, *db, false)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitUsage
	}
	defer st.Close()
	if len(paths) > 0 {
		sum, err := ingest.Run(ctx, st, paths, ingest.Options{Workers: *workers, Stdin: env.Stdin, Errors: env.Stderr,
			Progress: progressFor(env.Stderr, false), DB: dbName(*db), Version: Version})
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
	if *token == "" {
		*token = os.Getenv("NEWSGRAPH_WRITE_TOKEN")
	}
	h = server.Guard(h, server.GuardOptions{AllowedHosts: hosts, WriteToken: *token})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph serve: %v\n", err)
		return ExitUsage
	}
	if !loopback(ln.Addr()) {
		fmt.Fprintf(env.Stderr, "newsgraph serve: warning: listening on %s, reachable from other machines; anyone who can reach it can read the whole store (there is no login)\n", ln.Addr())
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    server.ServerMaxHeaderBytes, // the guard answers smaller limits in JSON
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(env.Stderr, "newsgraph: serving %s at http://%s/ (API at http://%s/api/v1/); Ctrl-C stops\n", dbName(*db), ln.Addr(), ln.Addr())
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
func Handler(st store.Store, logger *slog.Logger) (http.Handler, error) {
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

// loopback reports whether a listening address is on the loopback
// interface only.
func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return fmt.Sprint([]string(*m)) }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }
