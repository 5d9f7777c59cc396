package course

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"bottleneck/course/probe"
)

// TestProbesPassReference runs every exercise's harness on the reference,
// in this process, and judges it: the reference must pass, at several
// seeds.
func TestProbesPassReference(t *testing.T) {
	for _, g := range graders {
		for _, seed := range []uint64{1, 2, 3} {
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
