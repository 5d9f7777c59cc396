package main

// report.html of the hinton command.

import (
	"fmt"
	"slices"
	"strings"

	"bottleneck/autoencoder"
	"bottleneck/experiment"
	"bottleneck/internal/plot"
	"bottleneck/internal/report"
)

// hintonPage is report.html.
func hintonPage(res *experiment.HintonResult, fig2 []byte, chart *plot.Chart, fs *flagSet, args []string) *report.Page {
	p := &report.Page{
		Title:    "Hinton & Salakhutdinov (2006): deep autoencoder against PCA",
		Command:  report.CommandLine("bottleneck hinton", args),
		Settings: report.FlagSettings(fs.FlagSet),
		Lead: fmt.Sprintf("The deep %s on %d training and %d test images, trained from %s and fine-tuned with Adam on the cross-entropy; errors are Σ over the pixels of (x − x̂)² per test image. Kernel %s, %d threads, load at the start %s.",
			shapeOf(res), res.Settings.TrainN, res.Settings.TestN, startingPoints(len(res.Arms)), res.Kernel, res.Threads, res.Load),
		References: []report.Reference{
			{Text: "Hinton & Salakhutdinov (2006), Reducing the dimensionality of data with neural networks, Science 313:504", URL: "https://doi.org/10.1126/science.1127647"},
			{Text: "Bengio, Lamblin, Popovici & Larochelle (2007), Greedy layer-wise training of deep networks, NIPS 19"},
		},
	}
	p.Sections = append(p.Sections, report.Section{Heading: "Test error", Tables: []report.Table{{Header: hintonHeader, Rows: hintonRows(res)}}})
	if len(chart.Series) > 0 {
		p.Sections = append(p.Sections, report.Section{Heading: "Fine-tuning", Charts: []report.Chart{{Plot: chart, Caption: "each starting point, named by its pretraining; epoch 0 is the net as pretraining left it; the flat lines, as the legend names them: the paper's deep net (for a code of 30) and PCA on these test images, with as many components as the codes drawn"}}})
	}
	var names []string
	for _, a := range res.Arms {
		if a.Start != experiment.StartRBM2D {
			names = append(names, startNames[a.Start])
		}
	}
	caption := fmt.Sprintf("top: a test digit of each class; then, row by row: %s; last: PCA", strings.Join(names, "; "))
	if len(names) == 0 { // only the net with a code of 2, which Fig. 2 leaves out
		caption = "top: a test digit of each class; below: PCA's reconstructions (the net with a code of two numbers is in Fig. 3)"
	}
	p.Sections = append(p.Sections, report.Section{Heading: "Fig. 2: reconstructions", Pictures: []report.Picture{{PNG: fig2, Caption: caption}}})
	if res.CodeMap != nil {
		if sc, err := res.CodeMap.Figure(); err == nil {
			p.Sections = append(p.Sections, report.Section{Heading: "Fig. 3: codes of two numbers", Charts: []report.Chart{{Scatter: sc}}})
		}
	}
	return p
}

// shapeOf names the deep nets trained by their shapes, "784-1000-…-784
// autoencoder", two joined by "and" (with -map, the net with a code of 2
// as well), or the net the settings ask for when none was trained.
func shapeOf(res *experiment.HintonResult) string {
	var shapes []string
	for _, a := range res.Arms {
		if !slices.Contains(shapes, a.Shape) {
			shapes = append(shapes, a.Shape)
		}
	}
	switch len(shapes) {
	case 0:
		return autoencoder.Config{Layers: res.Settings.Layers}.Shape() + " autoencoder"
	case 1:
		return shapes[0] + " autoencoder"
	}
	return strings.Join(shapes, " and ") + " autoencoders"
}

// startingPoints says "1 starting point" or "n starting points".
func startingPoints(n int) string {
	if n == 1 {
		return "1 starting point"
	}
	return fmt.Sprintf("%d starting points", n)
}
