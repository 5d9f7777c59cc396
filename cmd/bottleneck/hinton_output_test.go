package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"bottleneck/experiment"
)

// TestHintonTableAligned: a start stopped by the time limit gets "(6 of 40
// epochs)" after its name, longer than the other names; the columns must
// still line up, every row's figure ending where the header's "ours" ends.
func TestHintonTableAligned(t *testing.T) {
	res := &experiment.HintonResult{
		Settings:     experiment.HintonSettings{Layers: []int{784, 1000, 500, 250, 30}, TestN: 10000, Epochs: 40},
		PCA30TestSSE: 13.8663,
		Arms: []*experiment.HintonArm{
			{Start: experiment.StartRBM, TestSSE: make([]float64, 40), TestSSEPerImage: 2.9713, StartTestSSE: 12.5073},
			{Start: experiment.StartAutoencoder, TestSSE: make([]float64, 6), TestSSEPerImage: 6.7, StartTestSSE: 17.4, Stopped: true},
		},
	}
	var out strings.Builder
	printHintonTable(&out, res)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 5 {
		t.Fatalf("want a title, a header and 3 rows, got:\n%s", out.String())
	}
	end := func(line, field string) int {
		i := strings.Index(line, field)
		if i < 0 {
			t.Fatalf("%q not in %q", field, line)
		}
		return utf8.RuneCountInString(line[:i+len(field)])
	}
	want := end(lines[1], "ours")
	for i, f := range []string{"13.8663", "2.9713", "6.7000"} {
		if got := end(lines[2+i], f); got != want {
			t.Errorf("row %d ends its figure at column %d, the header's \"ours\" at %d:\n%s", i+1, got, want, out.String())
		}
	}
	if !strings.Contains(lines[4], "(6 of 40 epochs)") {
		t.Errorf("the stopped start's row does not say how far it got: %q", lines[4])
	}
}
