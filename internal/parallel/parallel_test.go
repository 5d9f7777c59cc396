package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// squareRows is a Bander that squares the rows of a small matrix in place
// and counts how often each row was visited.
type squareRows struct {
	rows   [][3]float64
	visits []int
}

func (s *squareRows) Band(i0, i1 int) {
	for i := i0; i < i1; i++ {
		s.visits[i]++
		for j, v := range s.rows[i] {
			s.rows[i][j] = v * v
		}
	}
}

func TestForBandsVisitsEveryRowOnce(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3} {
		runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 7, 100} {
			for _, minRows := range []int{0, 1, 3, 200} {
				s := &squareRows{rows: make([][3]float64, n), visits: make([]int, n)}
				for i := range s.rows {
					s.rows[i] = [3]float64{3, 3, 3}
				}
				ForBands(n, minRows, s)
				for i, v := range s.visits {
					if v != 1 || s.rows[i][2] != 9 {
						t.Fatalf("GOMAXPROCS %d, n %d, minRows %d: row %d visited %d times, holds %g", procs, n, minRows, i, v, s.rows[i][2])
					}
				}
			}
		}
	}
}

// countParts records which parts of how many were done.
type countParts struct {
	workers atomic.Int64 // the workers argument, which every part must see
	done    [8]atomic.Int64
}

func (c *countParts) Part(w, workers int) {
	c.workers.Store(int64(workers))
	c.done[w].Add(1)
}

func TestRunDoesEveryPartOnce(t *testing.T) {
	for _, workers := range []int{0, 1, 2, 5, 8} {
		c := &countParts{}
		Run(workers, c)
		parts := max(workers, 1) // Run(0, …) and Run(1, …) both do part 0 of 1
		if got := c.workers.Load(); got != int64(parts) {
			t.Errorf("Run(%d): parts saw workers = %d, want %d", workers, got, parts)
		}
		for w := range c.done {
			want := int64(0)
			if w < parts {
				want = 1
			}
			if got := c.done[w].Load(); got != want {
				t.Errorf("Run(%d): part %d done %d times, want %d", workers, w, got, want)
			}
		}
	}
}

// TestSharingAllocatesNothing: once the helpers and the cached calls exist,
// Run and ForBands allocate nothing.
func TestSharingAllocatesNothing(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(2)
	s := &squareRows{rows: make([][3]float64, 64), visits: make([]int, 64)}
	c := &countParts{}
	share := func() {
		ForBands(64, 1, s)
		Run(2, c)
	}
	share() // starts the helper and fills the cache
	if allocs := testing.AllocsPerRun(10, share); allocs != 0 {
		t.Errorf("ForBands and Run allocate %v times, want 0", allocs)
	}
}
