package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"

	"bottleneck/experiment"
	"bottleneck/internal/quote"
	"bottleneck/internal/report"
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
them), error_vs_k.svg (test error against k, for k = 0 to 400),
report.html (one page to read or print: the settings, the numbers, the
charts and the components) and summary.json.`

// pcaSummary is summary.json, and what -json prints: the experiment's
// numbers and the files written.
type pcaSummary struct {
	experiment.PCAResult
	ShufflePixels bool     `json:"shuffle_pixels"` // each pixel's values shuffled across the images (-shuffle-pixels)
	Files         []string `json:"files"`
}

// pcaFiles are the files pca writes into -out.
var pcaFiles = []string{"components.png", "scree.svg", "cumulative.svg", "error_vs_k.svg", "report.html", "summary.json"}

func runPCA(ctx context.Context, args []string, stdout, stderr io.Writer) (err error) {
	fs := newFlagSet("pca", pcaHelp, stdout)
	data := fs.String("data", "", dataFlagHelp)
	k := fs.Int("k", 30, "number of components (1 to 784, the pixels of an image); not together with -var")
	frac := fs.Float64("var", 0, "instead of -k: keep the fewest components that explain this fraction of the variance, e.g. 0.95")
	out := fs.String("out", filepath.Join("out", "pca"), "directory for the pictures and summary.json")
	asJSON := fs.Bool("json", false, "print the summary as JSON on stdout")
	shuffle := fs.Bool("shuffle-pixels", false, "shuffle each pixel's values across the images first (train and test alike), which keeps every pixel's distribution and destroys the correlation between pixels: the spectrum flattens")
	seed := fs.Uint64("seed", 1, "random seed of -shuffle-pixels; train -shuffle-pixels with the same seed shuffles the same way")
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
	if *shuffle {
		train, test = experiment.ShuffleSets(train, test, *seed)
		fmt.Fprintf(stderr, "each pixel's values shuffled across the images (seed %d)\n", *seed)
	}
	fitted, err := experiment.FitPCA(ctx, train, test)
	if err != nil {
		return orInterrupted(err)
	}
	settings := experiment.PCASettings{K: *k}
	if chosenBy == "variance" {
		settings = experiment.PCASettings{Fraction: *frac}
	}
	r, err := experiment.PCA(ctx, fitted, settings)
	if err != nil {
		return orInterrupted(err)
	}
	s := pcaSummary{PCAResult: *r, ShufflePixels: *shuffle, Files: pcaFiles}
	run := report.PCARun{Command: report.CommandLine("bottleneck pca", args), Settings: report.FlagSettings(fs.FlagSet)}
	if err := writePCAOutputs(ctx, *out, fitted.PCA, s, run); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	}
	printPCASummary(stdout, s.PCAResult)
	if *shuffle {
		fmt.Fprintln(stdout, "each pixel's values were shuffled across the images: the published figures are of MNIST as it is")
	}
	fmt.Fprintf(stdout, "wrote components.png, scree.svg, cumulative.svg, error_vs_k.svg, report.html and summary.json into %s\n", quote.Printable(*out))
	return nil
}

// printPCASummary prints the numbers of a PCA run, one per line.
func printPCASummary(w io.Writer, s experiment.PCAResult) {
	fmt.Fprintf(w, "PCA of %d training images fitted in %.1fs (%s kernel)\n", s.TrainImages, s.FitSeconds, s.Kernel)
	verb := "keep"
	if s.K == 1 {
		verb = "keeps"
	}
	fmt.Fprintf(w, "k = %s %s %.2f%% of the variance\n", plural(s.K, "component"), verb, 100*s.VarianceKept)
	fmt.Fprintf(w, "test_sse_per_image %.2f  (Σ over %d pixels of (x − x̂)², mean over %d test images; Hinton & Salakhutdinov report %.2f for k = 30 on MNIST)\n",
		s.TestSSEPerImage, s.ImageRows*s.ImageCols, s.TestImages, s.PublishedTestSSE)
	fmt.Fprintf(w, "train_sse_per_image %.2f\n", s.TrainSSEPerImage)
	for _, l := range experiment.VarianceLevels {
		n := s.ComponentsFor[experiment.LevelKey(l.Fraction)]
		if l.Published > 0 {
			fmt.Fprintf(w, "%g%% of the variance: %s (published %d)\n", 100*l.Fraction, plural(n, "component"), l.Published)
		} else {
			fmt.Fprintf(w, "%g%% of the variance: %s\n", 100*l.Fraction, plural(n, "component"))
		}
	}
}

// writePCAOutputs draws the figures of the run s on the PCA p and writes
// them, the report page and summary.json into out, all together (see
// outputSet). run holds what the page needs beyond s: the command line and
// the flags' values.
func writePCAOutputs(ctx context.Context, out string, p *pca.PCA, s pcaSummary, run report.PCARun) error {
	figs, err := experiment.DrawPCA(p, &s.PCAResult)
	if err != nil {
		return err
	}
	var comps bytes.Buffer
	if err := png.Encode(&comps, figs.Components); err != nil {
		return err
	}
	page := report.PCA(pcaRun(run, s.PCAResult, figs, comps.Bytes()))
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	o := newOutputSet()
	defer o.discard()
	for _, f := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"components.png", bytesWriter(comps.Bytes())},
		{"scree.svg", figs.Scree.WriteSVG},
		{"cumulative.svg", figs.Cumulative.WriteSVG},
		{"error_vs_k.svg", figs.ErrorVsK.WriteSVG},
		{"report.html", page.WriteHTML},
	} {
		if err := o.write(filepath.Join(out, f.name), f.write); err != nil {
			return err
		}
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), s); err != nil {
		return err
	}
	return o.commit(ctx, "pca", out)
}

// pcaRun fills in run, which holds the command line and the flags' values,
// with the numbers of r, its figures and the bytes of components.png.
func pcaRun(run report.PCARun, r experiment.PCAResult, figs *experiment.PCAFigures, components []byte) report.PCARun {
	run.K, run.KChosenBy, run.VarianceWanted, run.VarianceKept = r.K, r.KChosenBy, r.VarianceWanted, r.VarianceKept
	run.TestSSEPerImage, run.TrainSSEPerImage = r.TestSSEPerImage, r.TrainSSEPerImage
	run.TopVariances, run.ErrorAtK = r.TopVariances, r.TestSSEPerImageAt
	run.TrainImages, run.TestImages = r.TrainImages, r.TestImages
	run.FitSeconds, run.Seconds, run.Kernel = r.FitSeconds, r.Seconds, r.Kernel
	run.Scree, run.Cumulative, run.ErrorVsK, run.Components = figs.Scree, figs.Cumulative, figs.ErrorVsK, components
	for _, l := range experiment.VarianceLevels {
		run.Levels = append(run.Levels, report.VarianceLevel{Fraction: l.Fraction,
			Components: r.ComponentsFor[experiment.LevelKey(l.Fraction)], Published: l.Published})
	}
	return run
}
