package course

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"bottleneck/course/probe"
)

// TestProbesPassReference runs every exercise's harness on the reference,
// in this process, and judges it: the reference must pass, at three seeds,
// or at fifty with BOTTLENECK_SLOW set (the statistical checks of the
// noise fail a right answer with a probability below 1e-8 a run; the
// others are exact to rounding).
func TestProbesPassReference(t *testing.T) {
	seeds := []uint64{1, 2, 3}
	if os.Getenv("BOTTLENECK_SLOW") != "" {
		for s := uint64(1000); s < 1047; s++ {
			seeds = append(seeds, s*7919)
		}
	}
	for _, g := range graders {
		for _, seed := range seeds {
			var out bytes.Buffer
			if code := probe.Run(strings.NewReader(fmt.Sprintf("%s %d\n", g.Exercise, seed)), &out); code != 0 {
				t.Fatalf("%s: exit %d: %s", g.Exercise, code, out.String())
			}
			if ok, msg := probe.Judge(g.Exercise, seed, probe.Parse(out.Bytes())); !ok {
				t.Errorf("%s, seed %d: %s", g.Exercise, seed, msg)
			}
		}
	}
}
