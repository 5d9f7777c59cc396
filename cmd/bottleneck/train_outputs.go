package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"slices"

	"bottleneck/experiment"
	"bottleneck/internal/plot"
	"bottleneck/internal/report"
)

// trainPage is what report.html needs besides the summary: the command
// line, the settings and the number of test images.
type trainPage struct {
	command    string
	settings   []report.Setting
	testImages int
	rows, cols int           // of one image
	denoising  image.Image   // DenoisingPicture of the run
	codeMap    *plot.Scatter // codes.svg's figure, or nil
}

// namedOutput is a file of -out and what writes it.
type namedOutput struct {
	name  string
	write func(io.Writer) error
}

// writeTrainOutputs writes the model, the pictures (extra among them), the
// report and the summary into out, all together (see outputSet), the
// summary last.
func writeTrainOutputs(ctx context.Context, out string, s trainSummary, p trainPage, extra []namedOutput) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("cannot create output directory: %v (choose another with -out); nothing was saved", err)
	}
	var recon, filters, denoising bytes.Buffer
	for _, e := range []struct {
		buf *bytes.Buffer
		img image.Image
	}{{&recon, s.Reconstructions}, {&filters, s.Filters}, {&denoising, p.denoising}} {
		if err := png.Encode(e.buf, e.img); err != nil {
			return err
		}
	}
	page := report.Train(report.TrainRun{
		Command: p.command, Settings: p.settings,
		Shape: s.Shape, TrainImages: s.TrainN, TestImages: p.testImages, ImageRows: p.rows, ImageCols: p.cols,
		TrainLoss: s.TrainLoss, TrainSSE: s.TrainSSEPerImage, TestSSE: s.TestSSEPerEpoch,
		TestSSEPerImage: s.TestSSEPerImage, MeanImageSSEPerImage: s.MeanImageSSEPerImage,
		Seconds: s.Seconds, Kernel: s.Kernel, Threads: s.Threads, Warning: s.Advice,
		LossChart: s.LossChart, Reconstructions: recon.Bytes(), Filters: filters.Bytes(),
		Noise: s.Noise.String(), NoisyTestSSE: noisyTestSSE(s.TrainResult), Denoising: denoising.Bytes(), CodeMap: p.codeMap,
	})
	o := newOutputSet()
	defer o.discard()
	for _, file := range append([]namedOutput{
		{"autoencoder.model", func(w io.Writer) error { _, err := s.Model.WriteTo(w); return err }},
		{"reconstructions.png", bytesWriter(recon.Bytes())},
		{"filters.png", bytesWriter(filters.Bytes())},
		{"denoising.png", bytesWriter(denoising.Bytes())},
		{"loss.svg", s.LossChart.WriteSVG},
		{"report.html", page.WriteHTML},
	}, extra...) {
		if err := o.write(filepath.Join(out, file.name), file.write); err != nil {
			return err
		}
	}
	for _, name := range trainFiles {
		if !slices.Contains(s.Files, name) { // codes.svg of an earlier run with a two-number code
			o.remove(filepath.Join(out, name))
		}
	}
	if err := o.writeJSON(filepath.Join(out, "summary.json"), s); err != nil {
		return err
	}
	return o.commit(ctx, "train", out)
}

// noisyTestSSE is the error on the damaged test images denoising.png
// shows: corrupted by the run's noise, or masked by experiment.MaskTest
// for a run without noise.
func noisyTestSSE(r *experiment.TrainResult) float64 {
	if r.CorruptedTestSSEPerImage != nil {
		return *r.CorruptedTestSSEPerImage
	}
	return r.MaskedTestSSEPerImage
}
