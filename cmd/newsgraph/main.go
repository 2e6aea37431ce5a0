// Command newsgraph reads news articles and rebuilds who and what they
// mention, who said what and what happened, as structured, sourced knowledge.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/newsgraph/newsgraph/internal/cli"
	_ "github.com/newsgraph/newsgraph/internal/stages/all" // every annotation stage
)

// grace is how long newsgraph may take to stop after Ctrl-C or SIGTERM
// before it quits on its own.
const grace = 10 * time.Second

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		// The first signal stops reading and annotating; what is stored
		// stays stored (each article is one transaction), and a re-run
		// resumes.
		fmt.Fprintln(os.Stderr, "\nnewsgraph: stopping; press Ctrl-C again to quit at once")
		cancel()
		select {
		case <-sig:
			fmt.Fprintln(os.Stderr, "newsgraph: quitting")
		case <-time.After(grace):
			fmt.Fprintf(os.Stderr, "newsgraph: still busy %v after the signal; quitting (articles not yet stored are dropped)\n", grace)
		}
		os.Exit(130)
	}()
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	signal.Stop(sig)
	cancel()
	os.Exit(code)
}
