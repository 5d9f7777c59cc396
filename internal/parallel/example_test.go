package parallel_test

import (
	"fmt"

	"bottleneck/internal/parallel"
)

// squares fills out[i] = i² for its rows: each band writes only its own
// rows, so the bands can run at the same time.
type squares struct{ out []int }

func (s *squares) Band(i0, i1 int) {
	for i := i0; i < i1; i++ {
		s.out[i] = i * i
	}
}

// ForBands cuts the rows into one band per core, at least minRows long; the
// result is the same however many cores there are.
func ExampleForBands() {
	s := &squares{out: make([]int, 10)}
	parallel.ForBands(len(s.out), 2, s)
	fmt.Println(s.out)
	// Output:
	// [0 1 4 9 16 25 36 49 64 81]
}
