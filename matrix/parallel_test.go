package matrix

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"
)

// squareRows is a Bander that squares rows of a matrix in place and counts
// how often each row was visited.
type squareRows struct {
	m      *Dense
	visits []int
}

func (s *squareRows) Band(i0, i1 int) {
	for i := i0; i < i1; i++ {
		s.visits[i]++
		for j, v := range s.m.Row(i) {
			s.m.Row(i)[j] = v * v
		}
	}
}

func TestForBandsVisitsEveryRowOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 100} {
			for _, minRows := range []int{0, 1, 3, 200} {
				s := &squareRows{m: New(n, 3), visits: make([]int, n)}
				s.m.Fill(3)
				ForBands(n, minRows, s)
				for i, v := range s.visits {
					if v != 1 || s.m.At(i, 2) != 9 {
						t.Fatalf("GOMAXPROCS %d, n %d, minRows %d: row %d visited %d times, holds %g", procs, n, minRows, i, v, s.m.At(i, 2))
					}
				}
			}
		}
	}
}

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

func TestApplyRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	for _, r := range []int{3, 300} { // one goroutine, and shared among the cores
		a := randDense(rng, r, 200, 1)
		got := New(r, 200)
		got.ApplyRows(func(dst, src []float64) {
			for k, v := range src {
				dst[k] = 2 * v
			}
		}, a)
		want := New(r, 200)
		want.Scale(2, a)
		if !EqualApprox(got, want, 0) {
			t.Errorf("%d rows: ApplyRows(2x) differs from Scale(2)", r)
		}
	}
}
