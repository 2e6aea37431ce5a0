package main

import (
	"strings"
	"testing"
)

func TestToPlover(t *testing.T) {
	tab := map[string]plover{
		"19": {event: "FIGHT"}, "190": {event: "ASSAULT"}, "173": {event: "COERCE", mode: "arrest"},
		"10": {event: "DEMAND"}, "163": {event: "COERCE", mode: "restrict"}, "0813": {event: "RETREAT"},
	}
	tests := []struct {
		code, event, mode string
		ok                bool
	}{
		{"190", "ASSAULT", "", true},
		{"1951", "FIGHT→ASSAULT", "", true}, // falls back to "19"
		{"173", "COERCE", "arrest", true},
		{"101", "REQUEST", "", true},
		{"0234", "REQUEST", "assist", true},
		{"012", "", "", false},
		{"---", "", "", false},
		{"163", "SANCTION", "discontinue", true},
		{"0813", "CONCEDE", "", true},
		{"192", "ASSAULT", "seize", true},
	}
	for _, tt := range tests {
		p, ok := toPlover(tab, tt.code)
		want := tt.event
		if i := strings.Index(want, "→"); i >= 0 {
			want = want[i+len("→"):]
		}
		if ok != tt.ok || p.event != want || p.mode != tt.mode {
			t.Errorf("toPlover(%q) = %+v %v, want %s/%s %v", tt.code, p, ok, want, tt.mode, tt.ok)
		}
	}
}

func TestInflect(t *testing.T) {
	tests := map[string]string{
		"attack":   "attack attacks attacked attacking",
		"stop":     "stop stops stopped stopping",
		"rag":      "rag rags ragged ragging",
		"visit":    "visit visits visited visiting visitted visitting",
		"carry":    "carry carries carried carrying",
		"seize":    "seize seizes seized seizing",
		"call off": "call off calls off called off calling off",
	}
	for in, want := range tests {
		if got := strings.Join(inflect(in), " "); got != want {
			t.Errorf("inflect(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSplitCode(t *testing.T) {
	for code, want := range map[string][2]string{"BLRGOV": {"BLR", "GOV"}, "RUS": {"RUS", ""}, "IGOUNO": {"", "IGOUNO"}} {
		c, s := splitCode(code)
		if c != want[0] || s != want[1] {
			t.Errorf("splitCode(%q) = %q %q, want %q", code, c, s, want)
		}
	}
}
