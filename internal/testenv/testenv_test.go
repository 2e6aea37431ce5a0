package testenv

import (
	"testing"
)

func TestLong(t *testing.T) {
	for _, tc := range []struct {
		env  string
		runs bool
	}{
		{"", false},
		{"0", false},
		{"yes", false},
		{"1", !testing.Short()},
	} {
		t.Run("env="+tc.env, func(t *testing.T) {
			t.Setenv(LongEnv, tc.env)
			if got := LongEnabled(); got != tc.runs {
				t.Errorf("LongEnabled() = %v, want %v", got, tc.runs)
			}
			ran := false
			t.Run("inner", func(t *testing.T) {
				Long(t, "a test of testenv")
				ran = true
			})
			if ran != tc.runs {
				t.Errorf("the long test ran = %v, want %v", ran, tc.runs)
			}
		})
	}
}
