package rbm_test

import (
	"fmt"
	"math/rand/v2"

	"bottleneck/matrix"
	"bottleneck/rbm"
)

// An RBM of 4 visible and 2 hidden units learns two patterns by CD-1 with
// the paper's settings, then reconstructs one of them.
func Example() {
	rng := rand.New(rand.NewPCG(1, 1))
	data := matrix.New(200, 4)
	for i := 0; i < 200; i++ {
		copy(data.Row(i), [][]float64{{1, 1, 0, 0}, {0, 0, 1, 1}}[i%2])
	}
	r := rbm.New(4, 2, false, rng)
	s := rbm.PaperSettings(false)
	s.BatchSize = 10
	tr := rbm.NewTrainer(r, s)
	for epoch := 1; epoch <= 30; epoch++ {
		if _, err := tr.Epoch(data, epoch, rng); err != nil {
			fmt.Println(err)
			return
		}
	}
	h := r.Up(data.SliceRows(0, 1))
	v := matrix.New(1, 4)
	r.VisibleProbs(v, h)
	fmt.Printf("%.1f\n", v.Row(0))
	// Output:
	// [1.0 1.0 0.0 0.0]
}
