package probe

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"bottleneck/matrix"
	"bottleneck/pca"
)

// The exercises of package pca. Grade's side uses the package's EigenSym,
// RowBasis and SVD, which are no exercise, on matrices it works out with
// loops.

func init() {
	register(exercise{name: "pca-mean-covariance", run: fitRun, want: fitWant})
	register(exercise{name: "pca-project-reconstruct", run: projectRun, want: projectWant})
	register(exercise{name: "principal-angles", run: anglesRun, want: anglesWant})
}

// fitCase is a data set for Fit.
type fitCase struct {
	what string
	x    *matrix.Dense
}

// fitCases: three samples, random data, data far from the origin (a mean
// of 10⁶: XᵀX/n − μᵀμ loses about 10⁻⁴ of the covariance there), more rows
// than Fit centres at a time (2048), a single sample, and identical rows.
func fitCases(rng *rand.Rand) []fitCase {
	hand := matrix.New(3, 2)
	copy(hand.Row(0), []float64{1, 2})
	copy(hand.Row(1), []float64{3, 4})
	copy(hand.Row(2), []float64{5, 9})
	same := matrix.New(4, 3)
	row := uniform(rng, 1, 3, -5, 5).Row(0)
	for i := range 4 {
		copy(same.Row(i), row)
	}
	far := uniform(rng, 30, 4, 1e6-1, 1e6+1)
	return []fitCase{
		{"X = [1 2; 3 4; 5 9]", hand},
		{"random 40×5 data", uniform(rng, 40, 5, -1, 1)},
		{"random 30×4 data around 10⁶", far},
		{"random 2100×3 data (more rows than one block of 2048)", uniform(rng, 2100, 3, -1, 3)},
		{"a single sample, 1×3", uniform(rng, 1, 3, -1, 1)},
		{"four identical samples, 4×3", same},
	}
}

func fitRun(rng *rand.Rand, out *Recorder) {
	for _, c := range fitCases(rng) {
		p, err := pca.Fit(c.x)
		if err != nil {
			panic(fmt.Sprintf("Fit of %s: %v", c.what, err))
		}
		out.Put("Fit of "+c.what+": the mean", p.Mean...)
		out.PutMatrix("Fit of "+c.what+": the covariance", p.Covariance)
		out.Put("Fit of "+c.what+": the variances", p.Variances...)
		out.PutMatrix("Fit of "+c.what+": the components", p.Components)
	}
}

func fitWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, c := range fitCases(rng) {
		n, d := c.x.Dims()
		mean := make([]float64, d)
		for i := 0; i < n; i++ {
			for j, v := range c.x.Row(i) {
				mean[j] += v
			}
		}
		for j := range mean {
			mean[j] /= float64(n)
		}
		cov := matrix.New(d, d)
		for a := 0; a < d; a++ {
			for b := 0; b < d; b++ {
				s := 0.0
				for i := 0; i < n; i++ {
					s += (c.x.At(i, a) - mean[a]) * (c.x.At(i, b) - mean[b])
				}
				cov.Set(a, b, s/float64(n))
			}
		}
		values, _, err := pca.EigenSym(cov)
		if err != nil {
			panic(err)
		}
		norm := 1.0
		for _, v := range values {
			norm = math.Max(norm, math.Abs(v))
		}
		checks = append(checks,
			numbers("Fit of "+c.what+": the mean", mean, 1e-12),
			dense("Fit of "+c.what+": the covariance", cov, 1e-9),
			numbers("Fit of "+c.what+": the variances", values, 1e-9*norm),
			judged("Fit of "+c.what+": the components", func(m *matrix.Dense) string {
				return eigenvectors(m, cov, values, norm)
			}))
	}
	return checks
}

// eigenvectors checks that the rows of m are orthonormal and that row i is
// an eigenvector of cov for values[i].
func eigenvectors(m, cov *matrix.Dense, values []float64, norm float64) string {
	d := cov.Rows()
	if m.Rows() != d || m.Cols() != d {
		return fmt.Sprintf("is %d×%d, want %d×%d, one component per row", m.Rows(), m.Cols(), d, d)
	}
	for i := 0; i < d; i++ {
		for k := 0; k < d; k++ {
			dot := 0.0
			for j := 0; j < d; j++ {
				dot += m.At(i, j) * m.At(k, j)
			}
			want := 0.0
			if i == k {
				want = 1
			}
			if !(math.Abs(dot-want) <= 1e-9) {
				return fmt.Sprintf("rows %d and %d have the dot product %s: want orthonormal rows", i, k, differ(dot, want))
			}
		}
		for a := 0; a < d; a++ {
			s := 0.0
			for j := 0; j < d; j++ {
				s += cov.At(a, j) * m.At(i, j)
			}
			if r := s - values[i]*m.At(i, a); !(math.Abs(r) <= 1e-8*norm) {
				return fmt.Sprintf("row %d is not an eigenvector of the covariance for variance %.10g: entry %d of Σv − σ²v is %.3g", i, values[i], a, r)
			}
		}
	}
	return ""
}

// projectCase is a PCA with made-up components (any d×d matrix will do for
// the formulas), samples, codes and the k to use.
type projectCase struct {
	what  string
	p     *pca.PCA
	xs    []*matrix.Dense // samples, projected one after the other
	codes *matrix.Dense
	k     int
}

func projectCases(rng *rand.Rand) []projectCase {
	var cs []projectCase
	for _, s := range []struct{ d, n, k int }{{6, 5, 1}, {6, 5, 3}, {6, 1, 6}, {150, 70, 40}} {
		mean := uniform(rng, 1, s.d, -3, 3).Row(0)
		p := &pca.PCA{Mean: mean, Covariance: matrix.New(s.d, s.d), Components: uniform(rng, s.d, s.d, -1, 1), Variances: make([]float64, s.d)}
		x := uniform(rng, s.n, s.d, -4, 4)
		atMean := matrix.New(s.n, s.d) // samples at the mean: codes 0
		for i := 0; i < s.n; i++ {
			copy(atMean.Row(i), mean)
		}
		cs = append(cs, projectCase{what: fmt.Sprintf("d = %d, k = %d", s.d, s.k), p: p,
			xs: []*matrix.Dense{x, uniform(rng, s.n+1, s.d, -4, 4), atMean}, codes: uniform(rng, s.n, s.k, -2, 2), k: s.k})
	}
	return cs
}

func projectLabel(c projectCase, what string) string { return fmt.Sprintf("%s (%s)", what, c.what) }

func projectRun(rng *rand.Rand, out *Recorder) {
	for _, c := range projectCases(rng) {
		for i, x := range c.xs {
			codes, err := c.p.Project(x, c.k)
			if err != nil {
				panic(err)
			}
			out.PutMatrix(projectLabel(c, fmt.Sprintf("Project of batch %d, %d×%d", i+1, x.Rows(), x.Cols())), codes)
		}
		xhat, err := c.p.Reconstruct(c.codes)
		if err != nil {
			panic(err)
		}
		out.PutMatrix(projectLabel(c, fmt.Sprintf("Reconstruct of %d×%d codes", c.codes.Rows(), c.codes.Cols())), xhat)
	}
}

func projectWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, c := range projectCases(rng) {
		mu := matrix.New(1, len(c.p.Mean))
		copy(mu.Row(0), c.p.Mean)
		vk := c.p.Components.SliceRows(0, c.k)
		for i, x := range c.xs {
			centred := x.Clone()
			for r := 0; r < centred.Rows(); r++ {
				for j := range centred.Row(r) {
					centred.Row(r)[j] -= c.p.Mean[j]
				}
			}
			checks = append(checks, dense(projectLabel(c, fmt.Sprintf("Project of batch %d, %d×%d", i+1, x.Rows(), x.Cols())),
				mulLoops(centred, vk, false, true), 1e-11))
		}
		checks = append(checks, dense(projectLabel(c, fmt.Sprintf("Reconstruct of %d×%d codes", c.codes.Rows(), c.codes.Cols())),
			plusRow(mulLoops(c.codes, vk, false, false), mu), 1e-11))
	}
	return checks
}

// anglesCase is a pair of subspaces, each the span of a matrix's rows.
type anglesCase struct {
	what string
	a, b *matrix.Dense
}

func anglesCases(rng *rand.Rand) []anglesCase {
	a := uniform(rng, 3, 8, -1, 1)
	mix := uniform(rng, 3, 3, -1, 1)
	sameSpan := mulLoops(mix, a, false, false) // the span of a, other rows
	inside := mulLoops(uniform(rng, 2, 3, -1, 1), a, false, false)
	ortho1, ortho2 := matrix.New(2, 8), matrix.New(2, 8)
	ortho1.Set(0, 0, 1)
	ortho1.Set(1, 1, 2)
	ortho2.Set(0, 2, 3)
	ortho2.Set(1, 3, -1)
	dependent := uniform(rng, 3, 8, -1, 1)
	copy(dependent.Row(2), dependent.Row(0)) // rank 2
	cases := []anglesCase{
		{"random 3×8 and 2×8", uniform(rng, 3, 8, -1, 1), uniform(rng, 2, 8, -1, 1)},
		{"random 2×8 and 4×8", uniform(rng, 2, 8, -1, 1), uniform(rng, 4, 8, -1, 1)},
		{"a 3×8 subspace and itself, spanned by other rows", a, sameSpan},
		{"a 3×8 subspace and a plane inside it", a, inside},
		{"two orthogonal planes in 8 dimensions", ortho1, ortho2},
		{"a 3×8 matrix of rank 2 and a random 3×8", dependent, uniform(rng, 3, 8, -1, 1)},
		{"random 5×150 and 7×150", uniform(rng, 5, 150, -1, 1), uniform(rng, 7, 150, -1, 1)},
	}
	// More subspaces against themselves, the same rows twice: each cosine
	// there is 1, and rounding takes one past 1, where acos is NaN, in
	// about 7 of 10 such pairs (144 of 200 tried on the reference).
	for _, s := range [][2]int{{2, 5}, {4, 9}, {5, 12}, {3, 20}, {3, 7}, {6, 10}, {4, 16}, {7, 11}} {
		a := uniform(rng, s[0], s[1], -1, 1)
		cases = append(cases, anglesCase{fmt.Sprintf("a %d×%d subspace and itself, the same rows", s[0], s[1]), a, a.Clone()})
	}
	return cases
}

func anglesRun(rng *rand.Rand, out *Recorder) {
	for _, c := range anglesCases(rng) {
		angles, err := pca.PrincipalAngles(c.a, c.b)
		if err != nil {
			panic(fmt.Sprintf("PrincipalAngles of %s: %v", c.what, err))
		}
		out.Put("PrincipalAngles of "+c.what, angles...)
	}
}

func anglesWant(rng *rand.Rand) []Check {
	var checks []Check
	for _, c := range anglesCases(rng) {
		qa, err := pca.RowBasis(c.a)
		if err != nil {
			panic(err)
		}
		qb, err := pca.RowBasis(c.b)
		if err != nil {
			panic(err)
		}
		_, s, _, err := pca.SVD(mulLoops(qa, qb, false, true))
		if err != nil {
			panic(err)
		}
		want := make([]float64, len(s))
		for i, c := range s {
			want[i] = math.Acos(math.Min(c, 1))
		}
		slices.Sort(want)
		checks = append(checks, numbers("PrincipalAngles of "+c.what, want, 1e-7))
	}
	return checks
}
