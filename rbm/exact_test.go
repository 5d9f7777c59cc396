package rbm

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// smallRBM returns an RBM of 4 visible and 3 hidden units with weights and
// biases large enough (W about N(0, 4)) that the model's distribution is far
// from uniform and from the data's, so that CD-1 is visibly biased.
func smallRBM() *RBM {
	rng := rand.New(rand.NewPCG(7, 7))
	r := New(4, 3, false, rng)
	for i := 0; i < 4; i++ {
		for j := 0; j < 3; j++ {
			r.W.Set(i, j, 2*rng.NormFloat64())
		}
		r.BV.Set(0, i, 0.5*rng.NormFloat64())
	}
	for j := 0; j < 3; j++ {
		r.BH.Set(0, j, 0.5*rng.NormFloat64())
	}
	return r
}

// states returns every binary vector of length n, 2ⁿ rows.
func states(n int) *matrix.Dense {
	m := matrix.New(1<<n, n)
	for s := 0; s < 1<<n; s++ {
		for i := 0; i < n; i++ {
			m.Set(s, i, float64(s>>i&1))
		}
	}
	return m
}

// energy is (E) of the package comment, written out.
func energy(r *RBM, v, h []float64) float64 {
	e := 0.0
	for i := range v {
		e -= v[i] * r.BV.At(0, i)
		for j := range h {
			e -= v[i] * r.W.At(i, j) * h[j]
		}
	}
	for j := range h {
		e -= h[j] * r.BH.At(0, j)
	}
	return e
}

// exactGradient returns the gradient of the mean log-likelihood of the rows
// of data with respect to W, b and c, by summing over all 2⁴·2³ joint
// states: ⟨v hᵀ⟩_data − ⟨v hᵀ⟩_model with p(v, h) = exp(−E)/Z.
func exactGradient(r *RBM, data *matrix.Dense) (gW, gB, gC *matrix.Dense) {
	nv, nh := r.Visible(), r.Hidden()
	vs, hs := states(nv), states(nh)
	gW, gB, gC = matrix.New(nv, nh), matrix.New(1, nv), matrix.New(1, nh)
	// the model's expectations
	z := 0.0
	mW, mB, mC := matrix.New(nv, nh), matrix.New(1, nv), matrix.New(1, nh)
	for a := 0; a < vs.Rows(); a++ {
		for c := 0; c < hs.Rows(); c++ {
			v, h := vs.Row(a), hs.Row(c)
			p := math.Exp(-energy(r, v, h))
			z += p
			for i := range v {
				mB.Set(0, i, mB.At(0, i)+p*v[i])
				for j := range h {
					mW.Set(i, j, mW.At(i, j)+p*v[i]*h[j])
				}
			}
			for j := range h {
				mC.Set(0, j, mC.At(0, j)+p*h[j])
			}
		}
	}
	// the data's, with the hidden units summed out: E[h | v] = σ(c + vW)
	n := float64(data.Rows())
	for d := 0; d < data.Rows(); d++ {
		v := data.Row(d)
		for j := 0; j < nh; j++ {
			x := r.BH.At(0, j)
			for i := range v {
				x += v[i] * r.W.At(i, j)
			}
			ph := 1 / (1 + math.Exp(-x))
			gC.Set(0, j, gC.At(0, j)+ph/n)
			for i := range v {
				gW.Set(i, j, gW.At(i, j)+v[i]*ph/n)
			}
		}
		for i := range v {
			gB.Set(0, i, gB.At(0, i)+v[i]/n)
		}
	}
	gW.AddScaled(-1/z, mW)
	gB.AddScaled(-1/z, mB)
	gC.AddScaled(-1/z, mC)
	return gW, gB, gC
}

// maxDiff returns the largest |a − b| over the three pairs of matrices.
func maxDiff(a, b [3]*matrix.Dense) float64 {
	worst := 0.0
	for k := range a {
		for i := 0; i < a[k].Rows(); i++ {
			for j := 0; j < a[k].Cols(); j++ {
				d := math.Abs(a[k].At(i, j) - b[k].At(i, j))
				if !(d <= worst) {
					worst = d // NaN wins too
				}
			}
		}
	}
	return worst
}

// TestCDkApproachesExactGradient checks the sampling that a gradient check
// cannot: CD-k with many Gibbs steps (visible states sampled, so that the
// chain is the model's) estimates the exact gradient of the log-likelihood,
// found by enumerating all 128 joint states of a 4×3 RBM, while CD-1 on
// the same RBM and data does not.
//
// The tolerance: each entry of the estimate is a mean over n = 20,000
// independent chains of a number in [−1, 1] (products of states and
// probabilities in [0, 1]) whose standard deviation is at most 1/2, so its
// standard error is at most 0.5/√20000 ≈ 0.0035; 0.02 is more than five
// of them, over 19 entries. After 50 steps from the data the chains of an RBM this
// small have forgotten where they started (the test with k = 1 shows that
// a short chain has not).
func TestCDkApproachesExactGradient(t *testing.T) {
	r := smallRBM()
	pattern := matrix.NewFromSlice(4, 4, []float64{1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1})
	data := matrix.New(20000, 4)
	for i := 0; i < data.Rows(); i++ {
		copy(data.Row(i), pattern.Row(i%4))
	}
	eW, eB, eC := exactGradient(r, pattern)
	exact := [3]*matrix.Dense{eW, eB, eC}
	const tol = 0.02
	tests := []struct {
		k      int
		closer bool // whether CD-k should be within tol of the exact gradient
	}{
		{50, true},
		{1, false},
	}
	for _, tc := range tests {
		s := PaperSettings(false)
		s.K, s.SampleVisible = tc.k, true
		tr := NewTrainer(r, s)
		tr.Gradient(data, rand.New(rand.NewPCG(1, uint64(tc.k))))
		d := maxDiff(exact, [3]*matrix.Dense{tr.GW, tr.GBV, tr.GBH})
		t.Logf("CD-%d: largest difference from the exact gradient %.4f", tc.k, d)
		if tc.closer && !(d <= tol) {
			t.Errorf("CD-%d differs from the exact gradient by %.4f, want ≤ %g", tc.k, d, tol)
		}
		if !tc.closer && !(d > 3*tol) {
			t.Errorf("CD-%d is within %.4f of the exact gradient: the test RBM is too close to its data to tell a long chain from a short one", tc.k, d)
		}
	}
}

// TestFreeEnergy checks F(v) against −log Σ_h exp(−E(v, h)) summed over
// the 8 hidden states of the 4×3 RBM, and against a value worked out by
// hand for one visible and one hidden unit.
func TestFreeEnergy(t *testing.T) {
	r := smallRBM()
	vs, hs := states(4), states(3)
	for a := 0; a < vs.Rows(); a++ {
		sum := 0.0
		for c := 0; c < hs.Rows(); c++ {
			sum += math.Exp(-energy(r, vs.Row(a), hs.Row(c)))
		}
		if got, want := r.FreeEnergy(vs.Row(a)), -math.Log(sum); !(math.Abs(got-want) <= 1e-12) {
			t.Errorf("F(%v) = %v, by enumeration %v", vs.Row(a), got, want)
		}
	}
	// One unit each, w = 2, b = 0.5, c = −1, v = 1: F = −0.5 − log(1 + e¹)
	// = −0.5 − 1.3132616875182228 (log(1+e) to 16 digits).
	one := &RBM{W: matrix.NewFromSlice(1, 1, []float64{2}), BV: matrix.NewFromSlice(1, 1, []float64{0.5}), BH: matrix.NewFromSlice(1, 1, []float64{-1})}
	if got, want := one.FreeEnergy([]float64{1}), -1.8132616875182228; !(math.Abs(got-want) <= 1e-15) {
		t.Errorf("F(1) of the one-unit RBM = %.17g, want %.17g", got, want)
	}
	// Linear hidden unit: F = −v·b − x²/2 with x = c + v·w = 1.
	one.LinearHidden = true
	if got, want := one.FreeEnergy([]float64{1}), -1.0; !(math.Abs(got-want) <= 1e-15) {
		t.Errorf("F(1) of the linear one-unit RBM = %v, want %v", got, want)
	}
}
