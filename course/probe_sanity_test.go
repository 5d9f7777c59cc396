package course

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"bottleneck/course/probe"
)

// TestProbesOtherSeedFails judges each exercise's run at one seed as if it
// were the run at another: the inputs differ, so every exercise must fail.
// A check that passes whatever the results would pass here.
func TestProbesOtherSeedFails(t *testing.T) {
	for _, g := range graders {
		var out bytes.Buffer
		probe.Run(strings.NewReader(fmt.Sprintf("%s %d\n", g.Exercise, 1)), &out)
		if ok, _ := probe.Judge(g.Exercise, 2, probe.Parse(out.Bytes())); ok {
			t.Errorf("%s: the results of seed 1 pass as those of seed 2", g.Exercise)
		}
		if ok, msg := probe.Judge(g.Exercise, 1, probe.Output{Ended: true}); ok || !strings.Contains(msg, "no result") {
			t.Errorf("%s: no results at all: %v %q, want a failure saying there is no result", g.Exercise, ok, msg)
		}
	}
}

// TestDifferDigits: numbers that agree in ten digits are shown with all
// the digits that tell them apart.
func TestDifferDigits(t *testing.T) {
	got := probe.Differ(1.9, 1.9+1e-12)
	if got != "1.9, want 1.900000000001 (difference -1e-12)" {
		t.Errorf("Differ(1.9, 1.9 + 1e-12) = %q", got)
	}
	if got := probe.Differ(-1.9, -2.1); got != "-1.9, want -2.1 (difference 0.2)" {
		t.Errorf("Differ(-1.9, -2.1) = %q", got)
	}
}
