package pca

import (
	"fmt"
	"math"
)

// ExplainedVarianceRatio returns, for each component in order, the fraction
// of the total variance it explains: Variances[i] / Σⱼ Variances[j]. Tiny
// negative variances from rounding count as zero. It returns an error if the
// data had no variance at all, or if a variance is NaN or infinite.
func (p *PCA) ExplainedVarianceRatio() ([]float64, error) {
	for i, v := range p.Variances {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("pca: variance %d is %v; the variances must be finite", i, v)
		}
	}
	total := p.totalVariance()
	if total == 0 {
		return nil, errNoVariance
	}
	ratio := make([]float64, len(p.Variances))
	for i, v := range p.Variances {
		ratio[i] = max(v, 0) / total
	}
	return ratio, nil
}

// CumulativeVarianceRatio returns the running sum of ExplainedVarianceRatio:
// element k−1 is the fraction of the variance kept by the first k
// components. The last element is 1 up to rounding.
func (p *PCA) CumulativeVarianceRatio() ([]float64, error) {
	ratio, err := p.ExplainedVarianceRatio()
	if err != nil {
		return nil, err
	}
	sum := 0.0
	for i, r := range ratio {
		sum += r
		ratio[i] = sum
	}
	return ratio, nil
}

// ComponentsFor returns the smallest k whose first k components keep at
// least the given fraction of the variance. fraction must be in (0, 1].
func (p *PCA) ComponentsFor(fraction float64) (int, error) {
	if !(fraction > 0 && fraction <= 1) {
		return 0, fmt.Errorf("pca: ComponentsFor: fraction %v of the variance; it must be in (0, 1]", fraction)
	}
	cum, err := p.CumulativeVarianceRatio()
	if err != nil {
		return 0, err
	}
	// Rounding can leave the last running sum a hair below 1.
	const slack = 1e-12
	for i, c := range cum {
		if c >= fraction-slack {
			return i + 1, nil
		}
	}
	return len(cum), nil
}
