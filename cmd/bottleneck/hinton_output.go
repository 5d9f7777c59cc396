package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"bottleneck/experiment"
	"bottleneck/internal/plot"
	"bottleneck/matrix"
	"bottleneck/picture"
)

// startNames are the starting points as the table and the report name them.
var startNames = map[string]string{
	experiment.StartRBM:         "deep, RBM pretraining",
	experiment.StartAutoencoder: "deep, autoencoder pretraining",
	experiment.StartRandom:      "deep, random weights",
	experiment.StartRBM2D:       "deep, RBM, 2-number code",
}

// shortNames are the starting points as the chart's legend names them.
var shortNames = map[string]string{
	experiment.StartRBM:         "RBMs",
	experiment.StartAutoencoder: "autoencoders",
	experiment.StartRandom:      "random",
	experiment.StartRBM2D:       "RBMs, code of 2",
}

// hintonSummaryJSON is summary.json: the result and the files written.
type hintonSummaryJSON struct {
	*experiment.HintonResult
	Files []string `json:"files"`
}

// hintonSummary returns summary.json's content for res.
func hintonSummary(res *experiment.HintonResult) hintonSummaryJSON {
	files := []string{"fig2.png"}
	if len(hintonChart(res).Series) > 0 { // no chart without a fine-tuning epoch
		files = append(files, "test_error.svg")
	}
	if res.CodeMap != nil {
		files = append(files, "fig3.svg")
	}
	for _, a := range res.Arms {
		files = append(files, "deep-"+a.Start+".model")
	}
	return hintonSummaryJSON{HintonResult: res, Files: append(files, "report.html", "summary.json")}
}

// writeJSON writes v to w as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// hintonRows returns the table of the run: each method's test error beside
// the paper's, and its time.
func hintonRows(res *experiment.HintonResult) [][]string {
	k := res.Settings.Layers[len(res.Settings.Layers)-1]
	rows := [][]string{{"PCA, " + plural(k, "component"), fmt.Sprintf("%.4f", res.PCA30TestSSE), paperFigure(k, experiment.PaperPCA30), "", fmt.Sprintf("%.1f s", res.PCASeconds)}}
	if res.PCA2TestSSE > 0 { // beside the code of 2
		rows = append(rows, []string{"PCA, 2 components", fmt.Sprintf("%.4f", res.PCA2TestSSE), "", "", ""})
	}
	for _, a := range res.Arms {
		paper := ""
		if a.Start == experiment.StartRBM {
			paper = paperFigure(k, experiment.PaperDeep30)
		}
		name := startNames[a.Start]
		if a.Stopped {
			name += fmt.Sprintf(" (%d of %d epochs)", len(a.TestSSE), res.Settings.Epochs)
		}
		rows = append(rows, []string{name, fmt.Sprintf("%.4f", a.TestSSEPerImage), paper,
			fmt.Sprintf("%.4f", a.StartTestSSE), armTime(a)})
	}
	return rows
}

// armTime returns the wall time of pretraining and fine-tuning, and their
// CPU time where it was measured.
func armTime(a *experiment.HintonArm) string {
	t := fmt.Sprintf("%.0f s + %.0f s", a.PretrainSeconds, a.FineTuneSeconds)
	if a.PretrainCPUSeconds > 0 || a.FineTuneCPUSeconds > 0 {
		t += fmt.Sprintf(" (CPU %.0f s + %.0f s)", a.PretrainCPUSeconds, a.FineTuneCPUSeconds)
	}
	return t
}

// paperFigure returns the paper's figure, which is for a code of 30.
func paperFigure(code int, v float64) string {
	if code != 30 {
		return "(code of 30)"
	}
	return fmt.Sprintf("%.2f", v)
}

var hintonHeader = []string{"method", "test error per image", "paper", "before fine-tuning", "time: pretraining + fine-tuning (CPU time, all threads)"}

// printHintonTable prints the table of hintonRows, errors per test image.
func printHintonTable(w io.Writer, res *experiment.HintonResult) {
	fmt.Fprintf(w, "\ntest error per image (Σ over the pixels of (x − x̂)²), %d test images\n", res.Settings.TestN)
	rows := hintonRows(res)
	width, paperWidth := 30, 7 // the widest name ("(6 of 40 epochs)" added to a stopped start's) and paper figure ("(code of 30)")
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r[0]))
		paperWidth = max(paperWidth, utf8.RuneCountInString(r[2]))
	}
	fmt.Fprintf(w, "%-*s %9s %*s %17s  %s\n", width, "method", "ours", paperWidth, "paper", "before fine-tune", "time: pretraining + fine-tuning (CPU time, all threads)")
	for _, r := range rows {
		line := fmt.Sprintf("%-*s %9s %*s %17s  %s", width, r[0], r[1], paperWidth, r[2], r[3], r[4])
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

// hintonFig2 draws Fig. 2: one test digit of each class, then its
// reconstructions by each deep net and by PCA, a row each.
func hintonFig2(res *experiment.HintonResult) ([]byte, error) {
	digits := res.Fig2Digits
	rows := []*matrix.Dense{digits}
	for _, a := range res.Arms {
		if a.Start != experiment.StartRBM2D {
			rows = append(rows, a.Model.Reconstruct(digits))
		}
	}
	rows = append(rows, res.PCA30Recon)
	n := digits.Rows()
	all := matrix.New(n*len(rows), digits.Cols())
	for i, r := range rows {
		all.SliceRows(i*n, (i+1)*n).Copy(r)
	}
	img := picture.Grid(all, picture.GridOptions{TileRows: 28, TileCols: 28, Columns: n, Scale: 2})
	var buf bytes.Buffer
	err := png.Encode(&buf, img)
	return buf.Bytes(), err
}

// hintonChart draws the test error per fine-tuning epoch of every start.
func hintonChart(res *experiment.HintonResult) *plot.Chart {
	c := &plot.Chart{Title: "Test error per fine-tuning epoch", XLabel: "fine-tuning epoch", YLabel: "Σ(x − x̂)² per test image", LogY: true}
	for _, a := range res.Arms {
		if len(a.TestSSE) == 0 {
			continue
		}
		x := []float64{0}
		y := []float64{a.StartTestSSE}
		for i, v := range a.TestSSE {
			x, y = append(x, float64(i+1)), append(y, v)
		}
		c.Series = append(c.Series, plot.Series{Name: shortNames[a.Start], X: x, Y: y, Points: len(x) < 30})
	}
	if len(c.Series) == 0 {
		return c
	}
	// Two flat lines to read the curves against: the paper's deep net (for
	// a code of 30 only, as in the table) and PCA on the same test images,
	// across every epoch drawn. Their names are short enough for the
	// legend to show them whole, the figure included.
	last := 1.0
	for _, s := range c.Series {
		last = max(last, s.X[len(s.X)-1])
	}
	// The 30-number lines only beside a net with the run's code, PCA-2's
	// only beside the net with a code of 2.
	code := res.Settings.Layers[len(res.Settings.Layers)-1]
	paper, pca, pca2 := res.PaperDeep30, res.PCA30TestSSE, 0.0
	if code != 30 {
		paper = 0
	}
	if !slices.ContainsFunc(res.Arms, func(a *experiment.HintonArm) bool { return a.Start != experiment.StartRBM2D && len(a.TestSSE) > 0 }) {
		paper, pca = 0, 0
	}
	if a := res.Arm(experiment.StartRBM2D); a != nil && len(a.TestSSE) > 0 {
		pca2 = res.PCA2TestSSE
	}
	for _, ref := range []struct {
		name string
		v    float64
	}{{fmt.Sprintf("paper, %.2f", paper), paper}, {fmt.Sprintf("PCA-%d, %.2f", code, pca), pca}, {fmt.Sprintf("PCA-2, %.2f", pca2), pca2}} {
		if ref.v > 0 { // a log axis takes no zero
			c.Series = append(c.Series, plot.Series{Name: ref.name, X: []float64{0, last}, Y: []float64{ref.v, ref.v}})
		}
	}
	return c
}

// writeHintonOutputs writes every file of -out together, summary.json last.
func writeHintonOutputs(ctx context.Context, out string, res *experiment.HintonResult, fs *flagSet, args []string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out)", err)
	}
	fig2, err := hintonFig2(res)
	if err != nil {
		return err
	}
	chart := hintonChart(res)
	sum := hintonSummary(res)
	page := hintonPage(res, fig2, chart, fs, args)
	o := newOutputSet()
	defer o.discard()
	files := []namedOutput{{"fig2.png", bytesWriter(fig2)}, {"report.html", page.WriteHTML}}
	if len(chart.Series) > 0 {
		files = append(files, namedOutput{"test_error.svg", chart.WriteSVG})
	}
	if res.CodeMap != nil {
		files = append(files, namedOutput{"fig3.svg", res.CodeMap.WriteSVG})
	}
	for _, a := range res.Arms {
		m := a.Model
		files = append(files, namedOutput{"deep-" + a.Start + ".model", func(w io.Writer) error { _, err := m.WriteTo(w); return err }})
	}
	for _, f := range files {
		if err := o.write(filepath.Join(out, f.name), f.write); err != nil {
			return err
		}
	}
	for _, name := range hintonFiles {
		if !slices.Contains(sum.Files, name) { // an earlier run's
			o.remove(filepath.Join(out, name))
		}
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), sum); err != nil {
		return err
	}
	return o.commit(ctx, "hinton", out)
}
