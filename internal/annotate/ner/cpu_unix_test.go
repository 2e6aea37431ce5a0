//go:build unix

package ner_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time this process has used (user + system), so
// that benchmarks on a shared machine can report throughput per core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
