//go:build !linux

package cputime

import "time"

// Thread returns 0: per-thread CPU time is read on Linux only.
func Thread() time.Duration { return 0 }

// PeakRSS returns 0: the peak resident set size is read on Linux only.
func PeakRSS() int64 { return 0 }
