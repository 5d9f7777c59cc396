package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// A check written `if x == 0` or `if x > tol` lets NaN through: every
// comparison with NaN is false. These tests give every function of the
// package that takes numbers from its caller NaN and ±Inf, and require an
// error where a number would otherwise come back as NaN.

// withEntry returns a copy of m with entry (i, j) set to v.
func withEntry(m *matrix.Dense, i, j int, v float64) *matrix.Dense {
	c := m.Clone()
	c.Set(i, j, v)
	return c
}

var nonFinite = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}

func TestNonFiniteVariances(t *testing.T) {
	for _, v := range nonFinite {
		p := &PCA{Mean: make([]float64, 3), Variances: []float64{2, v, 1}, Components: identity(3)}
		if r, err := p.ExplainedVarianceRatio(); err == nil {
			t.Errorf("variance %v: ExplainedVarianceRatio = %v, no error", v, r)
		}
		if r, err := p.CumulativeVarianceRatio(); err == nil {
			t.Errorf("variance %v: CumulativeVarianceRatio = %v, no error", v, r)
		}
		if k, err := p.ComponentsFor(0.5); err == nil {
			t.Errorf("variance %v: ComponentsFor(0.5) = %d, no error", v, k)
		}
		if v != math.Inf(1) { // 1/√(+Inf) = 0 is a number; NaN and −Inf are not variances
			if _, err := p.WhitenPCA(identity(3), 3, 0); err == nil {
				t.Errorf("variance %v: WhitenPCA: no error", v)
			}
		}
	}
	p := &PCA{Mean: make([]float64, 2), Variances: []float64{1, 0.5}, Components: identity(2)}
	for _, eps := range nonFinite {
		if _, err := p.WhitenPCA(identity(2), 2, eps); err == nil {
			t.Errorf("ε = %v: WhitenPCA: no error", eps)
		}
		if _, err := p.WhitenZCA(identity(2), eps); err == nil {
			t.Errorf("ε = %v: WhitenZCA: no error", eps)
		}
	}
}

func TestNonFiniteData(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	x := randomNormal(rng, 8, 3)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range nonFinite {
		bad := withEntry(x, 5, 1, v)
		if _, err := Fit(bad); err == nil {
			t.Errorf("Fit with %v: no error", v)
		}
		if _, err := p.Project(bad, 2); err == nil {
			t.Errorf("Project with %v: no error", v)
		}
		if _, err := p.ReconstructionError(bad, 2); err == nil {
			t.Errorf("ReconstructionError with %v: no error", v)
		}
		if _, err := p.ErrorCurve(bad, 2); err == nil {
			t.Errorf("ErrorCurve with %v: no error", v)
		}
		if _, err := p.WhitenZCA(bad, 0.1); err == nil {
			t.Errorf("WhitenZCA with %v: no error", v)
		}
		sym := withEntry(withEntry(identity(3), 2, 0, v), 0, 2, v)
		if _, _, err := EigenSym(sym); err == nil {
			t.Errorf("EigenSym with %v: no error", v)
		}
		if _, _, _, err := SVD(bad); err == nil {
			t.Errorf("SVD with %v: no error", v)
		}
		cov := withEntry(identity(3), 1, 1, v)
		cfg := DescentConfig{K: 1, WeightDecay: 0, LearningRate: 0.1, Momentum: 0, Steps: 5, InitStd: 0.1}
		if _, err := FitLinearAutoencoder(cov, cfg, rand.New(rand.NewPCG(1, 1)), nil); err == nil {
			t.Errorf("FitLinearAutoencoder on a covariance with %v: no error", v)
		}
	}
}

// TestNonFiniteDirections: the subspace measures refuse NaN and ±Inf in
// either argument instead of returning NaN.
func TestNonFiniteDirections(t *testing.T) {
	u := matrix.NewFromSlice(2, 3, []float64{1, 0, 0, 0, 1, 0})
	w := matrix.NewFromSlice(2, 3, []float64{1, 1, 0, 0, 1, 1})
	for _, v := range nonFinite {
		for _, c := range []struct {
			name string
			a, b *matrix.Dense
		}{{"first", withEntry(u, 1, 2, v), w}, {"second", u, withEntry(w, 0, 0, v)}} {
			if got, err := Cos2(c.a, c.b); err == nil {
				t.Errorf("Cos2 with %v in the %s: %v, no error", v, c.name, got)
			}
			if got, err := AxisAlignment(c.a, c.b); err == nil {
				t.Errorf("AxisAlignment with %v in the %s: %v, no error", v, c.name, got)
			}
			if got, err := SubspaceDistance(c.a, c.b); err == nil {
				t.Errorf("SubspaceDistance with %v in the %s: %v, no error", v, c.name, got)
			}
			if got, err := PrincipalAngles(c.a, c.b); err == nil {
				t.Errorf("PrincipalAngles with %v in the %s: %v, no error", v, c.name, got)
			}
		}
		if _, err := Orthonormalize(withEntry(u, 0, 1, v)); err == nil {
			t.Errorf("Orthonormalize with %v: no error", v)
		}
		if _, err := RowBasis(withEntry(u, 0, 1, v)); err == nil {
			t.Errorf("RowBasis with %v: no error", v)
		}
	}
}

// TestNonFiniteDescentSettings: every setting of the exact descent that is
// NaN or infinite is refused, as a check written `x <= 0` would not.
func TestNonFiniteDescentSettings(t *testing.T) {
	good := DescentConfig{K: 1, WeightDecay: 0.1, LearningRate: 0.1, Momentum: 0.5, Steps: 3, InitStd: 0.1}
	for _, v := range nonFinite {
		for _, c := range []struct {
			name string
			set  func(*DescentConfig)
		}{
			{"weight decay", func(c *DescentConfig) { c.WeightDecay = v }},
			{"learning rate", func(c *DescentConfig) { c.LearningRate = v }},
			{"momentum", func(c *DescentConfig) { c.Momentum = v }},
			{"initial standard deviation", func(c *DescentConfig) { c.InitStd = v }},
		} {
			cfg := good
			c.set(&cfg)
			if _, err := FitLinearAutoencoder(identity(3), cfg, rand.New(rand.NewPCG(1, 1)), nil); err == nil {
				t.Errorf("%s %v: no error", c.name, v)
			}
		}
	}
}
