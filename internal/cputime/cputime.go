// Package cputime reads the CPU time the process has used, for benchmarks
// that report throughput per CPU-second: on a shared machine wall time
// undercounts what one core does, while CPU time does not.
package cputime
