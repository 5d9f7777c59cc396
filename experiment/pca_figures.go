package experiment

import (
	"fmt"
	"image"
	"math"

	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/pca"
	"bottleneck/picture"
)

// PCAFigures are the pictures of a pca run, as the pca command saves them.
type PCAFigures struct {
	// Components is components.png: the mean image, then the first 29
	// components, ten to a line, each scaled from its own min to max.
	Components image.Image
	// Scree is scree.svg: the fraction of the variance along each of the
	// first CurveMaxK components, on a log axis.
	Scree *plot.Chart
	// Cumulative is cumulative.svg: the fraction kept by the first k
	// together, with a guide to each of VarianceLevels.
	Cumulative *plot.Chart
	// ErrorVsK is error_vs_k.svg: the test error against k, on a log
	// axis, with Hinton & Salakhutdinov's value at k = 30.
	ErrorVsK *plot.Chart
}

// DrawPCA draws the figures of the pca run r, made on the PCA p.
func DrawPCA(p *pca.PCA, r *PCAResult) (*PCAFigures, error) {
	ratio, err := p.ExplainedVarianceRatio()
	if err != nil {
		return nil, err
	}
	cum, err := p.CumulativeVarianceRatio()
	if err != nil {
		return nil, err
	}
	d := p.Dim()
	figs := &PCAFigures{}

	// The mean image, then the first 29 components: 3 lines of 10.
	tiles := matrix.New(min(30, d+1), d)
	copy(tiles.Row(0), p.Mean)
	for i := 1; i < tiles.Rows(); i++ {
		copy(tiles.Row(i), p.Components.Row(i-1))
	}
	opt := picture.GridOptions{TileRows: r.ImageRows, TileCols: r.ImageCols, Columns: 10, Scale: 2, PerTileRange: true}
	figs.Components = picture.Grid(tiles, opt)

	n := min(CurveMaxK, d)
	ks := make([]float64, n)
	for i := range ks {
		ks[i] = float64(i + 1)
	}
	// Per component the fractions span decades: a log axis.
	figs.Scree = &plot.Chart{
		Title:  "Variance explained by each component, MNIST training images",
		XLabel: "component k", YLabel: "fraction of the variance", LogY: true,
		Series: []plot.Series{{Name: "component k", X: ks, Y: positive(ratio[:n])}},
	}

	// The running sum goes from 10% to 100%: a linear axis, in percent,
	// with a guide for each of VarianceLevels from the y axis across to the
	// curve and down to the number of components that reaches it.
	percent := make([]float64, n)
	for i := range percent {
		percent[i] = 100 * cum[i]
	}
	figs.Cumulative = &plot.Chart{
		Title:  "Variance kept by the first k components",
		XLabel: "number of components k", YLabel: "% of the variance kept",
		Series: []plot.Series{{Name: "first k components", X: ks, Y: percent}},
	}
	for _, l := range VarianceLevels {
		k := r.ComponentsFor[LevelKey(l.Fraction)]
		if k > n {
			continue // beyond the drawn range
		}
		level := 100 * l.Fraction
		figs.Cumulative.Series = append(figs.Cumulative.Series, plot.Series{
			Name: fmt.Sprintf("%g%%: k = %d", level, k),
			X:    []float64{0, float64(k), float64(k)},
			Y:    []float64{level, level, 0},
		})
	}

	curve := r.TestSSEPerImageAt
	k0 := make([]float64, len(curve))
	for i := range k0 {
		k0[i] = float64(i)
	}
	figs.ErrorVsK = &plot.Chart{
		Title:  "PCA reconstruction error, MNIST test images",
		XLabel: "number of components k", YLabel: "Σ(x − x̂)² per image", LogY: true,
		Series: []plot.Series{
			{Name: "PCA, this run", X: k0, Y: positive(curve)},
			{Name: "Hinton 2006, k=30", X: []float64{30}, Y: []float64{HintonPCASSE}, Points: true},
		},
	}
	return figs, nil
}

// positive returns a copy of y with every value raised to at least 1e-12 of
// its largest, so that rounding to zero or below cannot break a log axis.
func positive(y []float64) []float64 {
	top := 0.0
	for _, v := range y {
		top = math.Max(top, v)
	}
	out := make([]float64, len(y))
	for i, v := range y {
		out[i] = math.Max(v, 1e-12*top)
	}
	return out
}
