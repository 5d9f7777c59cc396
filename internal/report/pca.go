package report

import (
	"fmt"
	"slices"
	"strconv"

	"bottleneck/internal/plot"
)

// PCARun is what `bottleneck pca` knows once it has written its files: the
// numbers of summary.json, its three charts and the picture of the
// components. Errors are per image: Σ over the 784 pixels of (x − x̂)²,
// averaged over the images.
type PCARun struct {
	Command  string    // the command line: CommandLine("bottleneck pca", args)
	Settings []Setting // FlagSettings of pca's flags

	K                int     // the number of components kept
	KChosenBy        string  // "count" (-k) or "variance" (-var)
	VarianceWanted   float64 // the -var fraction, when KChosenBy is "variance"
	VarianceKept     float64 // the fraction of the variance the K components keep
	TestSSEPerImage  float64 // with K components
	TrainSSEPerImage float64 // with K components
	Levels           []VarianceLevel
	TopVariances     []float64 // σ² of the first components, in descending order
	ErrorAtK         []float64 // test error with k = 0, 1, 2, … components (summary.json's test_sse_per_image_k0_to_400)

	TrainImages, TestImages int
	FitSeconds, Seconds     float64 // the fit alone, and everything
	Kernel                  string  // matrix.Kernel()

	Scree, Cumulative, ErrorVsK *plot.Chart // scree.svg, cumulative.svg, error_vs_k.svg; nil leaves one out
	Components                  []byte      // components.png; nil leaves it out
}

// VarianceLevel is a fraction of the variance and the number of components
// that first keep it.
type VarianceLevel struct {
	Fraction   float64 // 0.9 for 90%
	Components int
	Published  int // the number published for the 60,000 MNIST training images; 0 when none is
}

// errorTableK are the numbers of components at which the page lists the
// test error: enough to see the curve fall by decades.
var errorTableK = []int{0, 1, 2, 5, 10, 20, 30, 50, 100, 200, 400}

// PCA returns the page of a PCA run.
//
// To write it from cmd/bottleneck/pca.go, let writePCAOutputs return the
// three charts it saves (scree, cumulative, errChart) and hand them up
// through pcaFitted; then, after summary.json is written:
//
//	comps, err := os.ReadFile(filepath.Join(*out, "components.png"))
//	if err != nil {
//		return err
//	}
//	run := report.PCARun{
//		Command: report.CommandLine("bottleneck pca", args), Settings: report.FlagSettings(fs.FlagSet),
//		K: s.K, KChosenBy: s.KChosenBy, VarianceWanted: *frac, VarianceKept: s.VarianceKept,
//		TestSSEPerImage: s.TestSSEPerImage, TrainSSEPerImage: s.TrainSSEPerImage,
//		TopVariances: s.TopVariances, ErrorAtK: s.TestSSEPerImageAt,
//		TrainImages: s.TrainImages, TestImages: s.TestImages,
//		FitSeconds: s.FitSeconds, Seconds: s.Seconds, Kernel: s.Kernel,
//		Scree: scree, Cumulative: cumulative, ErrorVsK: errChart, Components: comps,
//	}
//	for _, f := range pcaFractions {
//		run.Levels = append(run.Levels, report.VarianceLevel{Fraction: f.fraction,
//			Components: s.ComponentsFor[fmt.Sprintf("%g", f.fraction)], Published: f.published})
//	}
//	if err := report.PCA(run).Save(filepath.Join(*out, "report.html")); err != nil {
//		return err
//	}
//
// and add "report.html" to pcaFiles.
func PCA(r PCARun) *Page {
	chosen := ""
	if r.KChosenBy == "variance" {
		chosen = fmt.Sprintf(" (the fewest that keep %s of the variance)", level(r.VarianceWanted))
	}
	p := &Page{
		Title:   fmt.Sprintf("PCA of MNIST with %s", plural(r.K, "component")),
		Command: r.Command,
		Lead: fmt.Sprintf("Principal component analysis was fitted on %s of MNIST (784 pixels in [0, 1]). "+
			"The first %s%s keep %s of the variance and reconstruct the %s with an error of %s per image "+
			"(Σ over the 784 pixels of (x − x̂)²); Hinton & Salakhutdinov report %s for 30 components.",
			plural(r.TrainImages, "training image"), plural(r.K, "component"), chosen, percent(r.VarianceKept),
			plural(r.TestImages, "test image"), fixed(r.TestSSEPerImage, 2), fixed(hintonPCA30, 2)),
		Settings:   r.Settings,
		References: []Reference{hinton2006},
	}

	result := Section{
		Heading: "Result",
		Text: []string{fmt.Sprintf("The fit took %.1f s with the %s kernel, the whole run %.1f s.",
			r.FitSeconds, r.Kernel, r.Seconds)},
		Tables: []Table{{
			Header: []string{"", fmt.Sprintf("k = %d", r.K)},
			Rows: [][]string{
				{"variance kept", percent(r.VarianceKept)},
				{"test error per image", fixed(r.TestSSEPerImage, 4)},
				{"training error per image", fixed(r.TrainSSEPerImage, 4)},
				{"test error, k = 30, Hinton & Salakhutdinov (2006)", fixed(hintonPCA30, 2)},
			},
		}},
	}
	if len(r.Levels) > 0 {
		t := Table{Caption: "Components needed to keep a fraction of the variance",
			Header: []string{"variance kept", "components", "published"}}
		for _, l := range r.Levels {
			published := "—"
			if l.Published > 0 {
				published = strconv.Itoa(l.Published)
			}
			t.Rows = append(t.Rows, []string{level(l.Fraction), strconv.Itoa(l.Components), published})
		}
		result.Tables = append(result.Tables, t)
	}
	p.Sections = append(p.Sections, result)

	variance := Section{Heading: "Variance, component by component"}
	if n := min(10, len(r.TopVariances)); n > 0 {
		t := Table{Caption: fmt.Sprintf("The variance σ² of the data along each of the first %d components", n),
			Header: []string{"component", "σ²"}}
		for i, v := range r.TopVariances[:n] {
			t.Rows = append(t.Rows, []string{strconv.Itoa(i + 1), fixed(v, 4)})
		}
		variance.Tables = append(variance.Tables, t)
	}
	if r.Scree != nil {
		variance.Charts = append(variance.Charts, Chart{Plot: r.Scree,
			Caption: "The fraction of the variance along each component, on a logarithmic axis: it falls by decades."})
	}
	if r.Cumulative != nil {
		variance.Charts = append(variance.Charts, Chart{Plot: r.Cumulative,
			Caption: "The fraction kept by the first k components together, with the number of components that first reaches each level."})
	}
	if len(variance.Tables)+len(variance.Charts) > 0 {
		p.Sections = append(p.Sections, variance)
	}

	errorSection := Section{Heading: "Reconstruction error against the number of components"}
	if len(r.ErrorAtK) > 0 {
		ks := slices.Clone(errorTableK)
		if !slices.Contains(ks, r.K) {
			ks = append(ks, r.K)
			slices.Sort(ks)
		}
		t := Table{Caption: "Test error per image with the first k components (k = 0 draws the mean image)",
			Header: []string{"k", "test error"}}
		for _, k := range ks {
			if k < len(r.ErrorAtK) {
				t.Rows = append(t.Rows, []string{strconv.Itoa(k), fixed(r.ErrorAtK[k], 4)})
			}
		}
		errorSection.Tables = append(errorSection.Tables, t)
	}
	if r.ErrorVsK != nil {
		errorSection.Charts = append(errorSection.Charts, Chart{Plot: r.ErrorVsK,
			Caption: "The test error for every k, on a logarithmic axis, with the published value for k = 30."})
	}
	if len(errorSection.Tables)+len(errorSection.Charts) > 0 {
		p.Sections = append(p.Sections, errorSection)
	}

	if r.Components != nil {
		p.Sections = append(p.Sections, Section{
			Heading: "The components",
			Pictures: []Picture{{PNG: r.Components,
				Caption: "The mean image, then the first 29 components, each scaled from its own minimum (black) to maximum (white). A component's sign is arbitrary: black and white may swap."}},
		})
	}
	return p
}

// percent formats a fraction as a percentage with two decimals: 73.05%.
func percent(fraction float64) string {
	return fixed(100*fraction, 2) + "%"
}

// level formats a fraction that was asked for, such as 0.95, as a
// percentage without trailing zeros: 95%.
func level(fraction float64) string {
	return fmt.Sprintf("%.4g%%", 100*fraction)
}
