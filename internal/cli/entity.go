package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"github.com/newsgraph/newsgraph/internal/store"
)

func init() {
	Register(Command{Name: "entity split", Summary: "take a name off a global entity into a new one: newsgraph entity split ID NAME", Run: runEntitySplit})
	Register(Command{Name: "entity merge", Summary: "merge one global entity into another: newsgraph entity merge INTO FROM", Run: runEntityMerge})
}

// entityEditor opens --db and returns it as a store that keeps a user's
// entity decisions.
func entityEditor(ctx context.Context, env *Env, cmd, db string) (store.Store, store.EntityEditor, bool) {
	st, err := openStore(ctx, db)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph %s: %v\n", cmd, err)
		return nil, nil, false
	}
	ed, ok := st.(store.EntityEditor)
	if !ok {
		st.Close()
		fmt.Fprintf(env.Stderr, "newsgraph %s: the store at %s does not keep entity decisions (use a SQLite store)\n", cmd, dbName(db))
		return nil, nil, false
	}
	return st, ed, true
}

func runEntitySplit(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("entity split", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", DefaultDB, dbUsage)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: newsgraph entity split [--db FILE] ID NAME...\n"+
			"Takes NAME (one of the entity's names, as `query entity` lists them) off global entity ID into a new\n"+
			"entity, with the mentions that read NAME. Articles stored later never link NAME to ID again.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() < 2 {
		fs.Usage()
		return ExitUsage
	}
	id, name := fs.Arg(0), strings.Join(fs.Args()[1:], " ")
	st, ed, ok := entityEditor(ctx, env, "entity split", *db)
	if !ok {
		return ExitUsage
	}
	defer st.Close()
	nw, err := ed.SplitEntity(ctx, id, name)
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph entity split: %v\n", store.UserMessage(err))
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrBadQuery) {
			return ExitUsage
		}
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "split %q off %s: now %s\n", name, id, nw)
	return ExitOK
}

func runEntityMerge(ctx context.Context, env *Env, args []string) int {
	fs := flag.NewFlagSet("entity merge", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	db := fs.String("db", DefaultDB, dbUsage)
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: newsgraph entity merge [--db FILE] INTO FROM\n"+
			"Merges global entity FROM into INTO: its mentions, names, articles, quotes, places and events become\n"+
			"INTO's, and articles stored later that name FROM resolve to INTO.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return ExitUsage
	}
	st, ed, ok := entityEditor(ctx, env, "entity merge", *db)
	if !ok {
		return ExitUsage
	}
	defer st.Close()
	if err := ed.MergeEntities(ctx, fs.Arg(0), fs.Arg(1)); err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph entity merge: %v\n", store.UserMessage(err))
		if errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrBadQuery) {
			return ExitUsage
		}
		return ExitFailure
	}
	fmt.Fprintf(env.Stdout, "merged %s into %s\n", fs.Arg(1), fs.Arg(0))
	return ExitOK
}
