package pca

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestGradeProjectReconstruct grades exercise pca-project-reconstruct:
// Project returns the codes (x − μ)·Vₖᵀ on the first k components (the rows
// of Components), and Reconstruct the samples x̂ = codes·Vₖ + μ they stand
// for (docs/pca.md, "PCA from the covariance"). The expected values are
// worked out by hand in three dimensions, and for random data by those
// formulas written as loops, with components from a random rotation and
// k < d. The reconstruction must also be the orthogonal projection: x − x̂
// is orthogonal to each of the k components.
func TestGradeProjectReconstruct(t *testing.T) {
	r := 1 / math.Sqrt2
	p := &PCA{
		Mean:       []float64{1, 2, 3},
		Components: gradeRows([][]float64{{r, r, 0}, {r, -r, 0}, {0, 0, 1}}),
		Variances:  []float64{3, 2, 1},
	}
	x := gradeRows([][]float64{{2, 4, 3}})
	// x − μ = (1, 2, 0): codes (1 + 2)/√2 and (1 − 2)/√2.
	codes, err := p.Project(x, 2)
	if err != nil {
		t.Errorf("Project of x = (2, 4, 3) on 2 components: %v", err)
		return
	}
	if !gradeExpect(t, "Project of x = (2, 4, 3), μ = (1, 2, 3), on the components (1, 1, 0)/√2 and (1, −1, 0)/√2", codes, [][]float64{{3 * r, -r}}, 1e-12) {
		return
	}
	// One code, 3/√2: x̂ = (3/√2)·(1, 1, 0)/√2 + μ = (1.5, 1.5, 0) + μ.
	xhat, err := p.Reconstruct(gradeRows([][]float64{{3 * r}}))
	if err != nil {
		t.Errorf("Reconstruct of the code 3/√2: %v", err)
		return
	}
	if !gradeExpect(t, "Reconstruct of the code 3/√2 on the component (1, 1, 0)/√2 with μ = (1, 2, 3)", xhat, [][]float64{{2.5, 3.5, 3}}, 1e-12) {
		return
	}

	rng := gradeRand(120)
	const n, d, k = 6, 5, 3
	p = &PCA{Mean: gradeMatrix(rng, 1, d, -2, 2).Row(0), Components: gradeRotation(rng, d), Variances: []float64{5, 4, 3, 2, 1}}
	x = gradeMatrix(rng, n, d, -3, 3)
	vk := p.Components.SliceRows(0, k)
	centred := matrix.New(n, d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			centred.Set(i, j, x.At(i, j)-p.Mean[j])
		}
	}
	vkT := matrix.New(d, k)
	vkT.Transpose(vk)
	want := gradeTimes(centred, vkT)
	codes, err = p.Project(x, k)
	if err != nil {
		t.Errorf("Project of random 6×5 data on 3 components: %v", err)
		return
	}
	if !gradeExpect(t, "Project of random 6×5 data on 3 components", codes, gradeRowsOf(want), 1e-12) {
		return
	}
	wantX := gradeTimes(want, vk)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			wantX.Set(i, j, wantX.At(i, j)+p.Mean[j])
		}
	}
	xhat, err = p.Reconstruct(want)
	if err != nil {
		t.Errorf("Reconstruct of 6 random codes on 3 components: %v", err)
		return
	}
	if !gradeExpect(t, "Reconstruct of 6 codes on 3 components of 5", xhat, gradeRowsOf(wantX), 1e-12) {
		return
	}
	for i := 0; i < n; i++ {
		for c := 0; c < k; c++ {
			inner := 0.0
			for j := 0; j < d; j++ {
				inner += (x.At(i, j) - xhat.At(i, j)) * vk.At(c, j)
			}
			if math.Abs(inner) > 1e-12 {
				t.Errorf("Reconstruct: the error x − x̂ of sample %d is not orthogonal to component %d (their product is %.3g)", i, c, inner)
				return
			}
		}
	}
}
