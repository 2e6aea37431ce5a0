// Command newsgraph reads news articles and rebuilds who and what they
// mention, who said what and what happened, as structured, sourced knowledge.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/newsgraph/newsgraph/internal/cli"
	_ "github.com/newsgraph/newsgraph/internal/stages/all" // every annotation stage
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
