package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsgraph/newsgraph/internal/annotate/corpus"
	"github.com/newsgraph/newsgraph/internal/testenv"
)

// TestSignals runs the newsgraph binary on a long ingest and stops it:
// one Ctrl-C (or SIGTERM) stops it within the grace period, a second one
// at once.
func TestSignals(t *testing.T) {
	testenv.Long(t, "builds the binary and ingests a large file")
	dir := t.TempDir()
	bin := buildBinary(t)
	// One large article keeps a worker busy for many seconds.
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, []byte(corpus.Places(corpus.PlaceNames, 8<<20)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		signals []os.Signal
		within  time.Duration
	}{
		{"one Ctrl-C", []os.Signal{os.Interrupt}, grace + 3*time.Second},
		{"SIGTERM", []os.Signal{syscall.SIGTERM}, grace + 3*time.Second},
		{"two Ctrl-C", []os.Signal{os.Interrupt, os.Interrupt}, 3 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(bin, "ingest", "--db", filepath.Join(t.TempDir(), "s.db"), big)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			time.Sleep(3 * time.Second) // models loaded, the article in progress
			start := time.Now()
			for _, s := range tc.signals {
				cmd.Process.Signal(s)
				time.Sleep(200 * time.Millisecond)
			}
			select {
			case <-done:
			case <-time.After(tc.within + 10*time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running %v after the signal\n%s", time.Since(start), stderr.String())
			}
			if took := time.Since(start); took > tc.within {
				t.Errorf("stopped after %v; want within %v\n%s", took, tc.within, stderr.String())
			}
			if !strings.Contains(stderr.String(), "stopping") {
				t.Errorf("no word of stopping:\n%s", stderr.String())
			}
		})
	}
}
