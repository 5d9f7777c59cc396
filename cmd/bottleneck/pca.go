package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"time"

	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/mnist"
	"bottleneck/pca"
)

const pcaHelp = `
Fit principal component analysis on the 60,000 MNIST training images (784
pixels in [0, 1]) with the package's own eigensolver, and measure how well k
components reconstruct the 10,000 test images.

Prints the fraction of the variance the k components keep, the test error
test_sse_per_image (Σ over the 784 pixels of (x − x̂)², averaged over the test
images: the measure of Hinton & Salakhutdinov 2006, who report 13.87 for
k = 30), and how many components keep 50/80/90/95/99% of the variance
(published: 87, 154 and 331 for 90, 95 and 99%).

Written into -out: components.png (the mean image, then the first 29
components, each scaled from its own min to max), scree.svg (the fraction
of the variance explained by each of the first 400 components, on a log
axis), cumulative.svg (the fraction kept by the first k together, on a
linear axis, with the 50/80/90/95/99% levels and where the curve crosses
them), error_vs_k.svg (test error against k, for k = 0 to 400), and
summary.json.`

// curveMaxK is the largest k drawn in scree.svg, cumulative.svg and error_vs_k.svg: beyond
// the 331 components that keep 99% of the variance nothing changes visibly.
const curveMaxK = 400

// pcaFractions are the fractions of the variance whose component counts
// are printed, with the counts published for the 60,000 training images
// (DESIGN.md; 0 where none is published).
var pcaFractions = []struct {
	fraction  float64
	published int
}{{0.5, 0}, {0.8, 0}, {0.9, 87}, {0.95, 154}, {0.99, 331}}

// pcaSummary is summary.json, and what -json prints.
type pcaSummary struct {
	K                 int            `json:"k"`
	KChosenBy         string         `json:"k_chosen_by"`
	ImageRows         int            `json:"image_rows"`
	ImageCols         int            `json:"image_cols"`
	VarianceKept      float64        `json:"variance_kept"`
	TestSSEPerImage   float64        `json:"test_sse_per_image"`
	TrainSSEPerImage  float64        `json:"train_sse_per_image"`
	PublishedTestSSE  float64        `json:"published_test_sse_per_image_k30"`
	ComponentsFor     map[string]int `json:"components_for_variance"`
	TopVariances      []float64      `json:"top_variances"`
	TrainImages       int            `json:"train_images"`
	TestImages        int            `json:"test_images"`
	FitSeconds        float64        `json:"fit_seconds"`
	Seconds           float64        `json:"seconds"`
	Kernel            string         `json:"kernel"`
	TestSSEPerImageAt []float64      `json:"test_sse_per_image_k0_to_400"`
	Files             []string       `json:"files"`
}

// pcaFiles are the files pca writes into -out.
var pcaFiles = []string{"components.png", "scree.svg", "cumulative.svg", "error_vs_k.svg", "summary.json"}

// hintonPCASSE is the test error of PCA with 30 components on MNIST reported
// by Hinton & Salakhutdinov (2006), Science 313:504, Fig. 2.
const hintonPCASSE = 13.87

func runPCA(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlagSet("pca", pcaHelp, stdout)
	data := fs.String("data", "", dataFlagHelp)
	k := fs.Int("k", 30, "number of components (1 to 784, the pixels of an image); not together with -var")
	frac := fs.Float64("var", 0, "instead of -k: keep the fewest components that explain this fraction of the variance, e.g. 0.95")
	out := fs.String("out", filepath.Join("out", "pca"), "directory for the pictures and summary.json")
	asJSON := fs.Bool("json", false, "print the summary as JSON on stdout")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	chosenBy := "count"
	switch {
	case set["k"] && set["var"]:
		return usagef("-k and -var both given: choose k either as a number or as a fraction of the variance")
	case set["var"]:
		if !(*frac > 0 && *frac <= 1) {
			return usagef("-var %g: the fraction of the variance must be in (0, 1], e.g. 0.95", *frac)
		}
		chosenBy = "variance"
	}

	if err := prepareOutDir("pca", *out); err != nil {
		return err
	}
	shape, err := readDataShape(*data, true, true)
	if err != nil {
		return err
	}
	if err := shape.checkPCA(); err != nil {
		return err
	}
	switch d := shape.pixels(); {
	case !set["k"]:
		*k = min(*k, d) // the default, 30, is for MNIST's 784 pixels
	case *k < 1 || *k > d:
		return usagef("-k %d: the number of components must be between 1 and %d, the pixels of an image (%s)", *k, d, shape.size())
	}
	train, test, err := loadMNIST(ctx, *data, stderr)
	if err != nil {
		return err
	}
	start := time.Now()
	p, err := pca.FitContext(ctx, train.Images)
	if err != nil {
		return orInterrupted(err)
	}
	fitSeconds := time.Since(start).Seconds()
	if chosenBy == "variance" {
		if *k, err = p.ComponentsFor(*frac); err != nil {
			return err
		}
	}
	if *k > p.Dim() {
		return usagef("-k %d: the images have only %d pixels", *k, p.Dim())
	}
	s := pcaSummary{K: *k, KChosenBy: chosenBy, ImageRows: train.Rows, ImageCols: train.Cols, PublishedTestSSE: hintonPCASSE,
		ComponentsFor: map[string]int{}, TrainImages: train.Len(), TestImages: test.Len(),
		FitSeconds: fitSeconds, Kernel: matrix.Kernel(), Files: pcaFiles}
	if err := pcaFitted(ctx, &s, p, train.Images, test.Images, *out, start); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	printPCASummary(stdout, s)
	fmt.Fprintf(stdout, "wrote components.png, scree.svg, cumulative.svg, error_vs_k.svg and summary.json into %s\n", *out)
	return nil
}

// pcaFitted measures the fitted PCA p for s.K components on the training
// and test images (n×784 each), fills in the rest of s (the seconds since
// start among it) and writes the pictures and summary.json into out.
func pcaFitted(ctx context.Context, s *pcaSummary, p *pca.PCA, train, test *matrix.Dense, out string, start time.Time) error {
	cum, err := p.CumulativeVarianceRatio()
	if err != nil {
		return err
	}
	s.VarianceKept = cum[s.K-1]
	if s.TestSSEPerImage, err = p.ReconstructionError(test, s.K); err != nil {
		return err
	}
	if s.TrainSSEPerImage, err = p.ReconstructionError(train, s.K); err != nil {
		return err
	}
	for _, f := range pcaFractions {
		n, err := p.ComponentsFor(f.fraction)
		if err != nil {
			return err
		}
		s.ComponentsFor[fmt.Sprintf("%g", f.fraction)] = n
	}
	s.TopVariances = p.Variances[:min(50, p.Dim())]
	if ctx.Err() != nil {
		return interrupted
	}
	maxK := min(curveMaxK, p.Dim())
	if s.TestSSEPerImageAt, err = p.ErrorCurve(test, maxK); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return interrupted
	}
	s.Seconds = time.Since(start).Seconds()
	return writePCAOutputs(ctx, out, p, *s, cum)
}

// printPCASummary prints the numbers of a PCA run, one per line.
func printPCASummary(w io.Writer, s pcaSummary) {
	fmt.Fprintf(w, "PCA of %d training images fitted in %.1fs (%s kernel)\n", s.TrainImages, s.FitSeconds, s.Kernel)
	verb := "keep"
	if s.K == 1 {
		verb = "keeps"
	}
	fmt.Fprintf(w, "k = %s %s %.2f%% of the variance\n", plural(s.K, "component"), verb, 100*s.VarianceKept)
	fmt.Fprintf(w, "test_sse_per_image %.2f  (Σ over %d pixels of (x − x̂)², mean over %d test images; Hinton & Salakhutdinov report %.2f for k = 30 on MNIST)\n",
		s.TestSSEPerImage, s.ImageRows*s.ImageCols, s.TestImages, s.PublishedTestSSE)
	fmt.Fprintf(w, "train_sse_per_image %.2f\n", s.TrainSSEPerImage)
	for _, f := range pcaFractions {
		n := s.ComponentsFor[fmt.Sprintf("%g", f.fraction)]
		if f.published > 0 {
			fmt.Fprintf(w, "%g%% of the variance: %s (published %d)\n", 100*f.fraction, plural(n, "component"), f.published)
		} else {
			fmt.Fprintf(w, "%g%% of the variance: %s\n", 100*f.fraction, plural(n, "component"))
		}
	}
}

// writePCAOutputs draws components.png, scree.svg, cumulative.svg and
// error_vs_k.svg and writes them with summary.json into out, all together
// (see outputSet); cum is the cumulative variance ratio.
func writePCAOutputs(ctx context.Context, out string, p *pca.PCA, s pcaSummary, cum []float64) error {
	componentsFor, curve := s.ComponentsFor, s.TestSSEPerImageAt
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	o := newOutputSet()
	defer o.discard()
	// The mean image, then the first 29 components: 3 lines of 10.
	d := p.Dim()
	tiles := matrix.New(min(30, d+1), d)
	copy(tiles.Row(0), p.Mean)
	for i := 1; i < tiles.Rows(); i++ {
		copy(tiles.Row(i), p.Components.Row(i-1))
	}
	opt := mnist.GridOptions{TileRows: s.ImageRows, TileCols: s.ImageCols, Columns: 10, Scale: 2, PerTileRange: true}
	if err := o.write(filepath.Join(out, "components.png"), pngWriter(mnist.Grid(tiles, opt))); err != nil {
		return err
	}
	ratio, err := p.ExplainedVarianceRatio()
	if err != nil {
		return err
	}
	n := min(curveMaxK, d)
	ks := make([]float64, n)
	for i := range ks {
		ks[i] = float64(i + 1)
	}
	// Per component the fractions span decades: a log axis.
	scree := &plot.Chart{
		Title:  "Variance explained by each component, MNIST training images",
		XLabel: "component k", YLabel: "fraction of the variance", LogY: true,
		Series: []plot.Series{{Name: "component k", X: ks, Y: positive(ratio[:n])}},
	}
	if err := o.write(filepath.Join(out, "scree.svg"), scree.WriteSVG); err != nil {
		return err
	}
	// The running sum goes from 10% to 100%: a linear axis, in percent, with
	// a guide for each level of pcaFractions from the y axis across to the
	// curve and down to the number of components that reaches it.
	percent := make([]float64, n)
	for i := range percent {
		percent[i] = 100 * cum[i]
	}
	cumulative := &plot.Chart{
		Title:  "Variance kept by the first k components",
		XLabel: "number of components k", YLabel: "% of the variance kept",
		Series: []plot.Series{{Name: "first k components", X: ks, Y: percent}},
	}
	for _, f := range pcaFractions {
		k := componentsFor[fmt.Sprintf("%g", f.fraction)]
		if k > n {
			continue // beyond the drawn range
		}
		level := 100 * f.fraction
		cumulative.Series = append(cumulative.Series, plot.Series{
			Name: fmt.Sprintf("%g%%: k = %d", level, k),
			X:    []float64{0, float64(k), float64(k)},
			Y:    []float64{level, level, 0},
		})
	}
	if err := o.write(filepath.Join(out, "cumulative.svg"), cumulative.WriteSVG); err != nil {
		return err
	}
	k0 := make([]float64, len(curve))
	for i := range k0 {
		k0[i] = float64(i)
	}
	errChart := &plot.Chart{
		Title:  "PCA reconstruction error, MNIST test images",
		XLabel: "number of components k", YLabel: "Σ(x − x̂)² per image", LogY: true,
		Series: []plot.Series{
			{Name: "PCA, this run", X: k0, Y: positive(curve)},
			{Name: "Hinton 2006, k=30", X: []float64{30}, Y: []float64{hintonPCASSE}, Points: true},
		},
	}
	if err := o.write(filepath.Join(out, "error_vs_k.svg"), errChart.WriteSVG); err != nil {
		return err
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), s); err != nil {
		return err
	}
	return o.commit(ctx, "pca", out)
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
