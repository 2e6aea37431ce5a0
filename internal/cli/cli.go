// Package cli implements the newsgraph command line: a registry of
// subcommands, each in its own file, and [Main], which dispatches to them.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit statuses, like other Unix tools.
const (
	ExitOK      = 0 // everything worked
	ExitFailure = 1 // the run finished but some input failed
	ExitUsage   = 2 // bad flags or arguments, or the run could not start
)

// Env is what a command may touch of the outside world.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads an environment variable.
	Getenv func(string) string
}

// Command is one subcommand. Name may hold two words ("eval ner") for
// commands grouped under a parent.
type Command struct {
	Name    string
	Summary string
	// Run executes the command with the arguments after its name and
	// returns the exit status.
	Run func(ctx context.Context, env *Env, args []string) int
}

var commands = map[string]Command{}

// Register adds a command. It panics on a duplicate name (an init-time bug).
func Register(c Command) {
	if _, dup := commands[c.Name]; dup {
		panic("cli: command registered twice: " + c.Name)
	}
	commands[c.Name] = c
}

// Main runs the command named by args and returns the exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	env := &Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr, Getenv: os.Getenv}
	return Run(ctx, env, args)
}

// Run is Main with an explicit environment, for tests.
func Run(ctx context.Context, env *Env, args []string) int {
	if env.Getenv == nil {
		env.Getenv = func(string) string { return "" }
	}
	if env.Stdin == nil {
		env.Stdin = strings.NewReader("")
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr, "")
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(env.Stdout, "newsgraph", Version)
		return ExitOK
	}
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c.Run(ctx, env, args[2:])
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c.Run(ctx, env, args[1:])
	}
	if hasGroup(args[0]) {
		if len(args) >= 2 && (args[1] == "-h" || args[1] == "--help" || args[1] == "-help" || args[1] == "help") {
			// "newsgraph query -h": the group's commands are its help.
			usage(env.Stdout, args[0])
			return ExitOK
		}
		if len(args) >= 2 {
			fmt.Fprintf(env.Stderr, "newsgraph %s: unknown subcommand %q\n", args[0], args[1])
		}
		usage(env.Stderr, args[0])
		return ExitUsage
	}
	fmt.Fprintf(env.Stderr, "newsgraph: unknown command %q\n", args[0])
	usage(env.Stderr, "")
	return ExitUsage
}

func hasGroup(name string) bool {
	for n := range commands {
		if strings.HasPrefix(n, name+" ") {
			return true
		}
	}
	return false
}

func usage(w io.Writer, group string) {
	fmt.Fprintln(w, "newsgraph turns news articles into sourced, queryable knowledge.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: newsgraph <command> [flags] [args]   (newsgraph <command> -h for its flags)")
	fmt.Fprintln(w)
	var names []string
	for n := range commands {
		if group == "" || strings.HasPrefix(n, group+" ") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-16s %s\n", n, commands[n].Summary)
	}
}

// parseFlags parses a command's arguments. When the command should stop
// there it returns false and the exit status: ExitOK after -h (the flag
// package has printed the usage), ExitUsage after a bad flag.
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	// A command without its own usage text gets one with its summary, not
	// the flag package's bare "Usage of …".
	if c, ok := commands[fs.Name()]; ok {
		orig := fs.Usage
		fs.Usage = func() {
			var buf strings.Builder
			out := fs.Output()
			fs.SetOutput(&buf)
			orig()
			fs.SetOutput(out)
			text := buf.String()
			if strings.HasPrefix(text, "Usage of ") {
				fmt.Fprintf(out, "Usage: newsgraph %s [flags]\n%s.\n\nFlags:\n", fs.Name(), upperFirst(c.Summary))
				fs.PrintDefaults()
				return
			}
			io.WriteString(out, text)
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	return ExitOK, true
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// Version is the newsgraph version, recorded in every article's provenance.
var Version = "0.1.0-dev"
