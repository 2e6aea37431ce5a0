package cli

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsgraph/newsgraph/internal/queue"
	"github.com/newsgraph/newsgraph/internal/store/postgres"
)

func init() {
	Register(Command{
		Name:    "bench workers",
		Summary: "measure scale-out: 1, 2, 4… worker processes over one corpus, articles per second and per CPU-second",
		Run:     runBenchWorkers,
	})
}

// workerRun is one measured run of N worker processes.
type workerRun struct {
	procs    int
	articles int
	wall     time.Duration
	cpu      time.Duration // the worker processes, user + system
	pgCPU    time.Duration // the PostgreSQL server, -1 when unknown
}

func runBenchWorkers(ctx context.Context, env *Env, args []string) int {
	fl := flag.NewFlagSet("bench workers", flag.ContinueOnError)
	fl.SetOutput(env.Stderr)
	queueURL := fl.String("queue", "", "NATS JetStream `URL`")
	db := fl.String("db", "", "PostgreSQL `URL` of a role that may create databases; each run gets a new one")
	procList := fl.String("procs", "1,2,4", "comma-separated numbers of worker `processes`, run in this order")
	rounds := fl.Int("rounds", 1, "repeat the whole list this many `times` (runs interleave, so load changes hit all)")
	workers := fl.Int("workers", 1, "articles each worker process annotates at once")
	limit := fl.Int("limit", 0, "use the first `N` articles of the input only (0: all)")
	fl.Usage = func() {
		fmt.Fprintln(env.Stderr, "Usage: newsgraph bench workers --queue nats://… --db postgres://… [--procs 1,2,4] FILE.jsonl")
		fmt.Fprintln(env.Stderr, "For each number of processes: publishes FILE to a new queue, starts that many")
		fmt.Fprintln(env.Stderr, "`newsgraph worker --until-done` processes against a new database, and reports")
		fmt.Fprintln(env.Stderr, "articles per wall-second and per CPU-second (workers; workers + PostgreSQL).")
		fmt.Fprintln(env.Stderr, "Corpus: newsgraph bench corpus reuters DIR > reuters.jsonl")
		fl.PrintDefaults()
	}
	if code, ok := parseFlags(fl, args); !ok {
		return code
	}
	if !queue.IsURL(*queueURL) || !postgres.IsURL(*db) || fl.NArg() != 1 {
		fl.Usage()
		return ExitUsage
	}
	var procs []int
	for _, p := range splitList(*procList) {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 {
			fmt.Fprintf(env.Stderr, "newsgraph bench workers: --procs: %q is not a number of processes\n", p)
			return ExitUsage
		}
		procs = append(procs, n)
	}
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(env.Stderr, "newsgraph bench workers: %v\n", err)
		return ExitFailure
	}
	input := fl.Arg(0)
	if *limit > 0 {
		tmp, err := firstLines(input, *limit)
		if err != nil {
			fmt.Fprintf(env.Stderr, "newsgraph bench workers: %v\n", err)
			return ExitUsage
		}
		defer os.RemoveAll(filepath.Dir(tmp))
		input = tmp
	}
	var runs []workerRun
	for r := 0; r < *rounds; r++ {
		for _, n := range procs {
			run, err := benchWorkers(ctx, env, exe, *queueURL, *db, input, n, *workers, r)
			if err != nil {
				fmt.Fprintf(env.Stderr, "newsgraph bench workers: %d processes: %v\n", n, err)
				return ExitFailure
			}
			runs = append(runs, run)
			fmt.Fprintln(env.Stdout, run.line())
		}
	}
	// The ratio to one process, per run of the same round.
	fmt.Fprintln(env.Stdout, "speed-up per wall-second against 1 process of the same round:")
	for r := 0; r < *rounds; r++ {
		var base *workerRun
		for i := range runs[r*len(procs) : (r+1)*len(procs)] {
			if x := &runs[r*len(procs)+i]; x.procs == 1 {
				base = x
			}
		}
		if base == nil {
			break
		}
		for _, x := range runs[r*len(procs) : (r+1)*len(procs)] {
			fmt.Fprintf(env.Stdout, "  round %d: %d processes %.2f×\n", r+1, x.procs, base.wall.Seconds()/x.wall.Seconds())
		}
	}
	return ExitOK
}

func (r workerRun) line() string {
	rate := func(d time.Duration) string {
		if d <= 0 {
			return "n/a"
		}
		return fmt.Sprintf("%.1f", float64(r.articles)/d.Seconds())
	}
	pg, all := "n/a", "n/a"
	if r.pgCPU >= 0 {
		pg = fmt.Sprintf("%.1f s", r.pgCPU.Seconds())
		all = rate(r.cpu + r.pgCPU)
	}
	return fmt.Sprintf("%d processes: %d articles in %.1f s: %s articles/s; workers %.1f CPU-s, %s articles/CPU-s; PostgreSQL %s; %s articles/CPU-s with PostgreSQL",
		r.procs, r.articles, r.wall.Seconds(), rate(r.wall), r.cpu.Seconds(), rate(r.cpu), pg, all)
}

// benchWorkers runs n worker processes over a fresh queue and database.
func benchWorkers(ctx context.Context, env *Env, exe, queueURL, admin, input string, n, workers, round int) (workerRun, error) {
	run := workerRun{procs: n, pgCPU: -1}
	name := fmt.Sprintf("bench-%d-%d-%d", os.Getpid(), round, n)
	dbName := strings.ReplaceAll(name, "-", "_")
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return run, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+dbName); err != nil {
		return run, err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+dbName); err != nil {
		return run, err
	}
	defer conn.Exec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+dbName+" WITH (FORCE)")
	dbURL, err := withDatabase(admin, dbName)
	if err != nil {
		return run, err
	}
	st, err := postgres.Open(ctx, dbURL, postgres.Options{}) // migrate once, before the clock starts
	if err != nil {
		return run, err
	}
	st.Close()
	q, err := queue.Connect(ctx, queueURL, queue.Options{Name: name, Client: "newsgraph bench workers"})
	if err != nil {
		return run, err
	}
	defer func() {
		q.Delete(context.WithoutCancel(ctx))
		q.Close()
	}()
	if _, err := q.Publish(ctx, []string{input}, queue.PublishOptions{}); err != nil {
		return run, err
	}
	pg0 := postgresCPU(ctx, conn)
	start := time.Now()
	cmds := make([]*exec.Cmd, n)
	outs := make([]bytes.Buffer, n)
	for i := range cmds {
		cmds[i] = exec.CommandContext(ctx, exe, "worker", "--queue", queueURL, "--queue-name", name, "--db", dbURL,
			"--workers", strconv.Itoa(workers), "--until-done")
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
		if err := cmds[i].Start(); err != nil {
			return run, err
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			return run, fmt.Errorf("worker %d: %v\n%s", i+1, err, outs[i].String())
		}
		run.cpu += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	run.wall = time.Since(start)
	if pg0 >= 0 {
		if pg1 := postgresCPU(ctx, conn); pg1 >= 0 {
			run.pgCPU = pg1 - pg0
		}
	}
	check, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return run, err
	}
	defer check.Close(context.WithoutCancel(ctx))
	if err := check.QueryRow(ctx, "SELECT count(*) FROM documents").Scan(&run.articles); err != nil {
		return run, err
	}
	return run, nil
}

// postgresCPU returns the CPU time the PostgreSQL server has used: the
// postmaster's own and that of its exited backends, plus the live
// backends'. It reads /proc, so it works only for a server on this
// machine; it returns -1 when it cannot.
func postgresCPU(ctx context.Context, conn *pgx.Conn) time.Duration {
	var dir string
	if err := conn.QueryRow(ctx, "SHOW data_directory").Scan(&dir); err != nil {
		return -1
	}
	b, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		return -1
	}
	pid := strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])
	total, ok := procCPU(pid, true)
	if !ok {
		return -1
	}
	kids, _ := os.ReadFile(filepath.Join("/proc", pid, "task", pid, "children"))
	for _, k := range strings.Fields(string(kids)) {
		if d, ok := procCPU(k, false); ok {
			total += d
		}
	}
	return total
}

// procCPU reads a process's CPU time from /proc/PID/stat, with that of its
// waited-for children when children is set.
func procCPU(pid string, children bool) (time.Duration, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", pid, "stat"))
	if err != nil {
		return 0, false
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	// Fields after the command: state is f[0]; utime, stime, cutime,
	// cstime are fields 14-17 of stat, f[11..14].
	if len(f) < 15 {
		return 0, false
	}
	var ticks int64
	last := 12
	if children {
		last = 14
	}
	for _, x := range f[11 : last+1] {
		n, err := strconv.ParseInt(x, 10, 64)
		if err != nil {
			return 0, false
		}
		ticks += n
	}
	return time.Duration(ticks) * time.Second / 100, true // USER_HZ is 100 on Linux
}

// withDatabase returns a postgres:// URL naming another database.
func withDatabase(raw, db string) (string, error) {
	i := strings.Index(raw, "://")
	if i < 0 {
		return "", fmt.Errorf("not a URL: %s", postgres.Redact(raw))
	}
	rest := raw[i+3:]
	j := strings.IndexAny(rest, "/?")
	host, tail := rest, ""
	if j >= 0 {
		host, tail = rest[:j], rest[j:]
	}
	if strings.HasPrefix(tail, "/") {
		k := strings.IndexByte(tail, '?')
		if k < 0 {
			tail = ""
		} else {
			tail = tail[k:]
		}
	}
	return raw[:i+3] + host + "/" + db + tail, nil
}

// firstLines copies the first n lines of a file to a temporary file.
func firstLines(path string, n int) (string, error) {
	in, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	dir, err := os.MkdirTemp("", "newsgraph-bench")
	if err != nil {
		return "", err
	}
	out := filepath.Join(dir, filepath.Base(path))
	f, err := os.Create(out)
	if err != nil {
		return "", err
	}
	br := bufio.NewReaderSize(in, 1<<20)
	w := bufio.NewWriter(f)
	for i := 0; i < n; i++ {
		line, err := br.ReadBytes('\n')
		w.Write(line)
		if err == io.EOF {
			break
		}
		if err != nil {
			f.Close()
			return "", err
		}
	}
	if err := w.Flush(); err != nil {
		return "", err
	}
	return out, f.Close()
}
