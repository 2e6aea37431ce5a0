package cli

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/newsgraph/newsgraph/internal/annotate"
	"github.com/newsgraph/newsgraph/internal/bench"
	"github.com/newsgraph/newsgraph/internal/cputime"
	"github.com/newsgraph/newsgraph/internal/ingest"
	"github.com/newsgraph/newsgraph/internal/store/sqlite"
)

func init() {
	Register(Command{
		Name:    "bench",
		Summary: "measure ingest: CPU per stage, store, resolution and stories; allocations; peak memory",
		Run:     runBench,
	})
	Register(Command{
		Name:    "bench corpus",
		Summary: "write a benchmark corpus as JSON Lines (Reuters-21578, or generated long articles)",
		Run:     runBenchCorpus,
	})
}

func runBench(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("bench", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	db := fl.String("db", "", "database `file` to create and keep (default: a temporary file, removed after)")
	workers := fl.Int("workers", 0, "articles annotated at once (default: one per CPU)")
	stages := fl.String("stages", "", "comma-separated stage `IDs` to run, with what they require (default: all)")
	noStories := fl.Bool("no-stories", false, "do not group new articles into stories")
	cpuProfile := fl.String("cpuprofile", "", "write a CPU profile of the run to `file` (go tool pprof)")
	memProfile := fl.String("memprofile", "", "write an allocation profile of the run to `file` (go tool pprof)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph bench [flags] PATH...")
		fmt.Fprintln(env.Stderr, "Ingests PATH into a new store, as newsgraph ingest does, and reports the CPU time")
		fmt.Fprintln(env.Stderr, "of each stage, of the store write, of entity resolution and of stories, in words")
		fmt.Fprintln(env.Stderr, "and articles per CPU-second; allocations per article; peak memory; store size.")
		fmt.Fprintln(env.Stderr, "Corpora: newsgraph bench corpus reuters DIR, newsgraph bench corpus long N.")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(env.Stderr, "newsgraph bench: no input; give files or directories")
		fl.Usage()
		return ExitUsage
	}
	path := *db
	if path == "" {
		dir, err := os.MkdirTemp("", "newsgraph-bench-")
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
			return ExitFailure
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "bench.db")
	} else if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(env.Stderr, "newsgraph bench: %s exists; bench measures a new store, give a new file\n", path)
		return ExitUsage
	}
	chain, err := annotate.Chain(splitList(*stages))
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
		return ExitUsage
	}
	var stageIDs []string
	for _, info := range chain.Stages() {
		stageIDs = append(stageIDs, info.ID)
	}
	chain.Close()

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
			return ExitUsage
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
			return ExitFailure
		}
	}
	meter := cputime.NewMeter()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	cpu0, start := cputime.Process(), time.Now()

	st, err := sqlite.Open(ctx, path, sqlite.Options{})
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
		return ExitUsage
	}
	sum, err := ingest.Run(cputime.WithMeter(ctx, meter), st, fl.Args(), ingest.Options{
		Workers: *workers, Errors: env.Stderr, Version: Version, DB: path,
		Stages: splitList(*stages), NoStories: *noStories,
	})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	cpu, wall := cputime.Process()-cpu0, time.Since(start)
	runtime.ReadMemStats(&m1)
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	if *memProfile != "" {
		if err := writeAllocs(*memProfile); err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
		}
	}
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph bench: %v\n", err)
		return ExitFailure
	}
	r := benchReport{
		inputs: fl.Args(), summary: sum, stages: stageIDs, parts: meter.Parts(),
		cpu: cpu, wall: wall, peakRSS: cputime.PeakRSS(),
		mallocs: m1.Mallocs - m0.Mallocs, allocBytes: m1.TotalAlloc - m0.TotalAlloc, gcs: m1.NumGC - m0.NumGC,
	}
	if err := r.measureStore(ctx, path); err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph bench: reading %s: %v\n", path, err)
		return ExitFailure
	}
	r.write(env.Stdout)
	if sum.Failed > 0 || sum.Read == 0 {
		fmt.Fprintf(env.Stderr, "newsgraph bench: %d of %d inputs failed\n", sum.Failed, sum.Read)
		return ExitFailure
	}
	return ExitOK
}

func writeAllocs(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

type benchReport struct {
	inputs          []string
	summary         *ingest.Summary
	stages          []string
	parts           []cputime.Part
	cpu, wall       time.Duration
	peakRSS         int64
	mallocs         uint64
	allocBytes      uint64
	gcs             uint32
	articles, words int64
	textBytes       int64
	fileBytes       int64
}

// measureStore counts the articles, words and text bytes stored, and the
// size of the file, after the run (outside the measured time).
func (r *benchReport) measureStore(ctx context.Context, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	r.fileBytes = info.Size()
	conn, err := sql.Open("sqlite", path+"?_pragma=query_only(ON)")
	if err != nil {
		return err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, "SELECT text FROM documents")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		if err := rows.Scan(&text); err != nil {
			return err
		}
		r.articles++
		r.words += int64(len(strings.Fields(text)))
		r.textBytes += int64(len(text))
	}
	return rows.Err()
}

func (r *benchReport) write(w io.Writer) {
	secs := r.cpu.Seconds()
	fmt.Fprintf(w, "newsgraph bench %s: %s\n", Version, strings.Join(r.inputs, " "))
	fmt.Fprintf(w, "machine: %s/%s, %d CPUs (%s), %s\n", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), runtime.Version())
	fmt.Fprintf(w, "ingest: %s\n", r.summary)
	fmt.Fprintf(w, "stored: %d articles, %d words, %.1f MB of text\n\n", r.articles, r.words, float64(r.textBytes)/1e6)

	fmt.Fprintln(w, "| part | CPU-seconds | share | words per CPU-second | articles per CPU-second |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	row := func(name string, d time.Duration) {
		s := d.Seconds()
		share, wps, aps := "–", "–", "–"
		if secs > 0 {
			share = fmt.Sprintf("%.1f%%", 100*s/secs)
		}
		if s > 0 {
			wps = thousands(float64(r.words) / s)
			aps = thousands(float64(r.articles) / s)
		}
		fmt.Fprintf(w, "| %s | %.2f | %s | %s | %s |\n", name, s, share, wps, aps)
	}
	byName := map[string]time.Duration{}
	for _, p := range r.parts {
		byName[p.Name] = p.CPU
	}
	var measured time.Duration
	var annotateCPU time.Duration
	for _, id := range r.stages {
		row(id, byName[id])
		annotateCPU += byName[id]
	}
	measured += annotateCPU
	row("**annotation (all stages)**", annotateCPU)
	resolve := byName["resolve"]
	row("store write (without resolution)", byName["store"]-resolve)
	row("entity resolution", resolve)
	row("stories: clustering", byName["stories"])
	row("stories: store write", byName["stories.store"])
	measured += byName["store"] + byName["stories"] + byName["stories.store"]
	row("other (reading input, GC, runtime)", r.cpu-measured)
	row("**total (process user+sys)**", r.cpu)
	fmt.Fprintln(w)
	perArticle := func(v uint64) string {
		if r.articles == 0 {
			return "–"
		}
		return thousands(float64(v) / float64(r.articles))
	}
	fmt.Fprintf(w, "allocations: %s per article, %s bytes per article, %d GCs\n", perArticle(r.mallocs), perArticle(r.allocBytes), r.gcs)
	fmt.Fprintf(w, "peak RSS: %.0f MB; wall: %.1f s (%.2f CPUs busy)\n", float64(r.peakRSS)/1e6, r.wall.Seconds(), secs/r.wall.Seconds())
	ratio := 0.0
	if r.textBytes > 0 {
		ratio = float64(r.fileBytes) / float64(r.textBytes)
	}
	fmt.Fprintf(w, "store file: %.1f MB, %.1f× the text it holds\n", float64(r.fileBytes)/1e6, ratio)
}

// thousands formats v rounded, with thin groups of three digits.
func thousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', 0, 64)
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// cpuModel names the processor, where the system says.
func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown processor"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown processor"
}

func runBenchCorpus(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("bench corpus", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	seed := fl.Uint64("seed", 1, "random seed of the generated corpus")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph bench corpus reuters DIR > reuters.jsonl")
		fmt.Fprintln(env.Stderr, "       newsgraph bench corpus [--seed N] long N > long.jsonl")
		fmt.Fprintln(env.Stderr, "Writes a benchmark corpus as JSON Lines: the stories of Reuters-21578 (the XML")
		fmt.Fprintln(env.Stderr, "distribution's reut2-NNN.xml files in DIR), or N generated articles of about")
		fmt.Fprintln(env.Stderr, "1,500 words each.")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if fl.NArg() != 2 {
		fl.Usage()
		return ExitUsage
	}
	switch fl.Arg(0) {
	case "reuters":
		n, err := bench.Reuters(fl.Arg(1), env.Stdout)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench corpus: %v\n", err)
			return ExitFailure
		}
		fmt.Fprintf(env.Stderr, "%d stories\n", n)
	case "long":
		n, err := strconv.Atoi(fl.Arg(1))
		if err != nil || n <= 0 {
			fmt.Fprintf(env.Stderr, "newsgraph bench corpus: long %q: want a positive number of articles\n", fl.Arg(1))
			return ExitUsage
		}
		if err := bench.Long(env.Stdout, n, *seed); err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench corpus: %v\n", err)
			return ExitFailure
		}
	default:
		fmt.Fprintf(env.Stderr, "newsgraph bench corpus: unknown corpus %q (reuters or long)\n", fl.Arg(0))
		return ExitUsage
	}
	return ExitOK
}
