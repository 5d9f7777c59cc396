package matrix

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// TestApplyParallelIsExact: a matrix large enough for Apply to share it
// among the cores gives bit for bit what one core gives.
func TestApplyParallelIsExact(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	rng := rand.New(rand.NewPCG(1, 1))
	a := randDense(rng, 300, 200, 5) // 60,000 elements ≥ minParallelApply, with a stride
	want := New(300, 200)
	for i := 0; i < 300; i++ {
		for j := 0; j < 200; j++ {
			want.Set(i, j, math.Exp(a.At(i, j)))
		}
	}
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		got := New(300, 200)
		got.Apply(math.Exp, a)
		if !EqualApprox(got, want, 0) {
			t.Errorf("GOMAXPROCS %d: Apply differs from the serial loop", procs)
		}
	}
	got := New(300, 200)
	if allocs := testing.AllocsPerRun(10, func() { got.Apply(math.Exp, a) }); allocs != 0 {
		t.Errorf("Apply on a large matrix: %v allocations, want 0", allocs)
	}
}
