// Package testenv decides which slow tests a `go test` run includes.
//
// `go test ./...` is what a developer runs many times a day, so it stays
// short: long end-to-end tests (ingesting thousands of articles, killing
// and resuming processes, concurrent writers, fault injection) run only
// when the environment variable NEWSGRAPH_LONG_TESTS is 1, which .ci/run
// sets, so CI still runs every one of them. Under -short they never run.
//
// A new long test starts with
//
//	testenv.Long(t, "ingests 10,000 articles")
package testenv

import (
	"os"
	"testing"
)

// LongEnv is the environment variable that turns long tests on.
const LongEnv = "NEWSGRAPH_LONG_TESTS"

// LongEnabled reports whether long tests run: not under -short, and only
// with NEWSGRAPH_LONG_TESTS=1.
func LongEnabled() bool {
	return !testing.Short() && os.Getenv(LongEnv) == "1"
}

// Long skips the calling test unless long tests are enabled; what says
// why the test is long.
func Long(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("long test (%s): skipped under -short", what)
	}
	if os.Getenv(LongEnv) != "1" {
		t.Skipf("long test (%s): set %s=1 to run it (.ci/run does)", what, LongEnv)
	}
}
