package matrix

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestAllFinite puts one NaN, +Inf or −Inf at the first, a middle and the
// last element of small matrices and of one large enough to be checked on
// several cores (with a stride, so a band's rows are not contiguous), on
// one, two and four cores and on the reference path; every placement must
// be found, and a finite matrix, however large its values, must pass.
func TestAllFinite(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(1, 1))
	shapes := []struct{ r, c, stride int }{{1, 1, 0}, {3, 5, 0}, {300, 200, 5}, {40000, 1, 0}}
	for _, sh := range shapes {
		m := randDense(rng, sh.r, sh.c, sh.stride)
		m.Set(0, 0, math.MaxFloat64) // large but finite
		m.Set(sh.r-1, sh.c-1, -math.MaxFloat64)
		places := [][2]int{{0, 0}, {sh.r / 2, sh.c / 2}, {sh.r - 1, sh.c - 1}}
		for _, kernel := range []string{Kernel(), "reference"} {
			restore := Kernel()
			SetKernel(kernel)
			for _, procs := range []int{1, 2, 4} {
				runtime.GOMAXPROCS(procs)
				name := fmt.Sprintf("%dx%d/%s/GOMAXPROCS=%d", sh.r, sh.c, kernel, procs)
				if !m.AllFinite() {
					t.Errorf("%s: a finite matrix reported not finite", name)
				}
				for _, p := range places {
					for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
						old := m.At(p[0], p[1])
						m.Set(p[0], p[1], bad)
						if m.AllFinite() {
							t.Errorf("%s: %v at (%d, %d) not found", name, bad, p[0], p[1])
						}
						m.Set(p[0], p[1], old)
					}
				}
			}
			SetKernel(restore)
		}
	}
	empty := New(0, 0)
	if !empty.AllFinite() {
		t.Error("a 0×0 matrix reported not finite")
	}
	big := randDense(rng, 300, 200, 0)
	if allocs := testing.AllocsPerRun(10, func() { big.AllFinite() }); allocs != 0 {
		t.Errorf("AllFinite on a large matrix: %v allocations, want 0", allocs)
	}
}
