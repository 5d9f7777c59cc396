package pca

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// TestVarianceRatiosWithNegativeVariances: rounding can leave the smallest
// eigenvalues of a covariance slightly negative. They count as zero: no
// ratio is negative, the total leaves them out, and the running sum ends
// at 1. Variances that are all zero or below have no ratio at all.
func TestVarianceRatiosWithNegativeVariances(t *testing.T) {
	tests := []struct {
		name      string
		variances []float64
		ratio     []float64 // nil: an error
		cumul     []float64
	}{
		// 4 and 1 of a total of 5; the negative ones count as zero.
		{"tiny negative", []float64{4, 1, -1e-17}, []float64{0.8, 0.2, 0}, []float64{0.8, 1, 1}},
		{"large negative", []float64{4, 1, -3}, []float64{0.8, 0.2, 0}, []float64{0.8, 1, 1}},
		{"one positive", []float64{2, -1e-16, -2e-16}, []float64{1, 0, 0}, []float64{1, 1, 1}},
		{"all zero", []float64{0, 0}, nil, nil},
		{"all negative", []float64{-1e-17, -2e-17}, nil, nil},
	}
	for _, tt := range tests {
		p := &PCA{Mean: make([]float64, len(tt.variances)), Variances: tt.variances}
		ratio, err := p.ExplainedVarianceRatio()
		cumul, err2 := p.CumulativeVarianceRatio()
		if tt.ratio == nil {
			if !errors.Is(err, errNoVariance) || !errors.Is(err2, errNoVariance) {
				t.Errorf("%s: errors %v and %v, want the no-variance error", tt.name, err, err2)
			}
			if _, err := p.ComponentsFor(0.5); err == nil {
				t.Errorf("%s: ComponentsFor(0.5) without variance: no error", tt.name)
			}
			continue
		}
		if err != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", tt.name, err, err2)
		}
		for i := range tt.ratio {
			// 1e-15: one division of numbers of size 1.
			if !(math.Abs(ratio[i]-tt.ratio[i]) <= 1e-15) || !(math.Abs(cumul[i]-tt.cumul[i]) <= 1e-15) {
				t.Errorf("%s: ratios %v and running sums %v, want %v and %v", tt.name, ratio, cumul, tt.ratio, tt.cumul)
				break
			}
		}
	}
}

// TestComponentsForBoundary: a fraction kept exactly by k components needs
// k, not k+1; one a hair above needs k+1; 1 needs every component that has
// variance, and no more than d.
func TestComponentsForBoundary(t *testing.T) {
	p := &PCA{Mean: make([]float64, 4), Variances: []float64{4, 1, 0, -1e-17}}
	for _, tt := range []struct {
		fraction float64
		k        int
	}{
		{0.8, 1},        // 4/5 exactly
		{0.8 + 1e-9, 2}, // just above
		{1, 2},          // all the variance is in the first two
		{1e-300, 1},     // the smallest positive fraction
		{0.2, 1},
	} {
		if k, err := p.ComponentsFor(tt.fraction); err != nil || k != tt.k {
			t.Errorf("ComponentsFor(%v) = %d, %v; want %d", tt.fraction, k, err, tt.k)
		}
	}
	for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, 1 + 1e-15} {
		if _, err := p.ComponentsFor(bad); err == nil {
			t.Errorf("ComponentsFor(%v): no error", bad)
		}
	}
}

// TestVarianceRatiosOfAFit: on a real fit with fewer samples than
// features, where the trailing eigenvalues are zero up to rounding (and
// some come out negative), every ratio is in [0, 1], the running sums never
// fall, and they end at 1.
func TestVarianceRatiosOfAFit(t *testing.T) {
	x := randomNormal(rand.New(rand.NewPCG(41, 42)), 6, 30)
	p, err := Fit(x)
	if err != nil {
		t.Fatal(err)
	}
	ratio, err := p.ExplainedVarianceRatio()
	if err != nil {
		t.Fatal(err)
	}
	cumul, err := p.CumulativeVarianceRatio()
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range ratio {
		if !(r >= 0 && r <= 1) {
			t.Errorf("ratio %d = %g, outside [0, 1]", i, r)
		}
		if i > 0 && !(cumul[i] >= cumul[i-1]) {
			t.Errorf("running sum falls at %d: %g after %g", i, cumul[i], cumul[i-1])
		}
	}
	// 1e-12: the sum of 30 ratios, each rounded.
	if last := cumul[len(cumul)-1]; !(math.Abs(last-1) <= 1e-12) {
		t.Errorf("the running sum ends at %.17g, want 1", last)
	}
	// Rank n − 1 = 5: the first 5 components keep everything.
	if k, err := p.ComponentsFor(1); err != nil || k != 5 {
		t.Errorf("ComponentsFor(1) = %d, %v; want 5 (the rank of 6 centred samples)", k, err)
	}
}
