package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"bottleneck/internal/plot"
)

// encodePNG returns img as the bytes of a PNG file.
func encodePNG(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkerPNG returns a w×h PNG of 8×8 squares alternating between a and b.
func checkerPNG(t *testing.T, w, h int, a, b color.RGBA) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := a
			if (x/8+y/8)%2 == 1 {
				c = b
			}
			img.SetRGBA(x, y, c)
		}
	}
	return encodePNG(t, img)
}

// solidPNG returns a w×h PNG of one colour.
func solidPNG(t *testing.T, w, h int, c color.RGBA) []byte {
	return checkerPNG(t, w, h, c, c)
}

// grey returns a small greyscale PNG, as picture.Grid draws.
func grey(t *testing.T) []byte {
	img := image.NewGray(image.Rect(0, 0, 60, 30))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	return encodePNG(t, img)
}

// lineChart returns a valid chart with two series.
func lineChart(title string) *plot.Chart {
	return &plot.Chart{
		Title: title, XLabel: "epoch", YLabel: "error per image",
		Series: []plot.Series{
			{Name: "training", X: []float64{1, 2, 3}, Y: []float64{30, 12, 8}, Points: true},
			{Name: "test", X: []float64{1, 2, 3}, Y: []float64{25, 11, 9}, Points: true},
		},
	}
}

// sampleTrain, samplePCA and sampleCompare are runs with made-up numbers,
// enough to fill every part of each page.
func sampleTrain(t *testing.T) TrainRun {
	return TrainRun{
		Command: "bottleneck train -epochs 3", Settings: []Setting{{Name: "-epochs", Value: "3"}, {Name: "-batch", Value: "128", Default: true}},
		Shape: "784-64-16-64-784", TrainImages: 60000, TestImages: 10000,
		TrainLoss: []float64{15, 6, 4}, TrainSSE: []float64{30, 12, 8}, TestSSE: []float64{25, 11, 9},
		TestSSEPerImage: 9, MeanImageSSEPerImage: 52.9, Seconds: 12.5, Kernel: "portable", Threads: 2,
		LossChart: lineChart("Reconstruction error per epoch"), Reconstructions: grey(t), Filters: grey(t),
		Noise: "none", NoisyTestSSE: 21.5, Denoising: grey(t),
	}
}

func samplePCA(t *testing.T) PCARun {
	curve := make([]float64, 401)
	for k := range curve {
		curve[k] = 52.9 / float64(1+k)
	}
	return PCARun{
		Command: "bottleneck pca -var 0.9", Settings: []Setting{{Name: "-var", Value: "0.9"}},
		K: 87, KChosenBy: "variance", VarianceWanted: 0.9, VarianceKept: 0.9002,
		TestSSEPerImage: 5.5, TrainSSEPerImage: 5.6,
		Levels:       []VarianceLevel{{Fraction: 0.5, Components: 11}, {Fraction: 0.9, Components: 87, Published: 87}},
		TopVariances: []float64{5.1, 3.7, 3.2, 2.8, 2.6, 2.3, 1.8, 1.5, 1.4, 1.2, 1.1, 1.0},
		ErrorAtK:     curve, TrainImages: 60000, TestImages: 10000, FitSeconds: 4, Seconds: 9, Kernel: "portable",
		Scree: lineChart("scree"), Cumulative: lineChart("cumulative"), ErrorVsK: lineChart("error against k"),
		Components: grey(t),
	}
}

func sampleCompare(t *testing.T) CompareRun {
	angle, median, dist, align := 0.0072, 0.0035, 4.7e-9, 0.706
	exact := Directions{TrainSSEPerImage: 21.3977, TestSSEPerImage: 21.0586, LiveDims: 3,
		PrincipalAnglesDeg: []float64{0.0007, 0.0035, 0.0072}, MaxAngleDeg: &angle, MedianAngleDeg: &median,
		SubspaceDistance: &dist, AxisAlignment: &align,
		RowCos2: []float64{0.05, 0.01, 0.02}, SVDCos2: []float64{0.63, 0.35, 0.1}, S2: []float64{1.7, 1.5, 1.3}}
	mb := exact
	mb.SVDCos2 = []float64{0.4, 0.08, 0.5}
	return CompareRun{
		Command: "bottleneck compare -k 3", Settings: []Setting{{Name: "-k", Value: "3"}},
		K: 3, Variances: []float64{5.1, 3.7, 3.2}, LiveS2: 1e-4, TrainImages: 60000,
		PCATrainSSE: 21.3976, PCATestSSE: 21.0585, Exact: exact, ExactSettings: "500 steps",
		MiniBatch: &mb, MiniBatchSettings: "Adam 0.001, 2 epochs",
		MiniBatchTestSSE: []float64{22.1, 21.3}, MiniBatchMaxAngleDeg: []float64{73.66, 43.61},
		DescentAngles: lineChart("descent"), MiniBatchAngles: lineChart("mini-batch"), Picture: grey(t),
	}
}

// samplePages are the three commands' pages built from the sample runs.
func samplePages(t *testing.T) map[string]*Page {
	return map[string]*Page{
		"train":   Train(sampleTrain(t)),
		"pca":     PCA(samplePCA(t)),
		"compare": Compare(sampleCompare(t)),
	}
}

// render returns the HTML of p, failing the test on an error.
func render(t *testing.T, p *Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := p.WriteHTML(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// readDocs returns the content of a file in the repository's docs folder.
func readDocs(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// realisticTrain is the page of the training run whose outputs are in
// docs/train: its numbers from summary.json, its loss chart drawn again
// from them as train draws it, and its two pictures.
func realisticTrain(t *testing.T) *Page {
	var s struct {
		Shape     string    `json:"shape"`
		TrainN    int       `json:"train_n"`
		TrainLoss []float64 `json:"train_loss"`
		TrainSSE  []float64 `json:"train_sse_per_image"`
		TestSSE   []float64 `json:"test_sse_per_epoch"`
		Test      float64   `json:"test_sse_per_image"`
		Mean      float64   `json:"mean_image_sse_per_image"`
		Masked    float64   `json:"masked_test_sse_per_image"`
		Seconds   float64   `json:"seconds"`
		Kernel    string    `json:"kernel"`
		Threads   int       `json:"threads"`
	}
	if err := json.Unmarshal(readDocs(t, "train/summary.json"), &s); err != nil {
		t.Fatal(err)
	}
	epochs := make([]float64, len(s.TrainSSE))
	for i := range epochs {
		epochs[i] = float64(i + 1)
	}
	loss := &plot.Chart{
		Title:  "Reconstruction error per epoch",
		XLabel: "epoch", YLabel: "Σ(x − x̂)² per image",
		Series: []plot.Series{
			{Name: "training (in epoch)", X: epochs, Y: s.TrainSSE, Points: true},
			{Name: "test (after epoch)", X: epochs, Y: s.TestSSE, Points: true},
		},
	}
	// train's flags, with their names and defaults as cmd/bottleneck
	// declares them, and a command line that gives the settings of
	// docs/train/summary.json (every one a default).
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.String("data", "", "")
	fs.String("layers", "784,256,32", "")
	fs.String("act", "relu", "")
	fs.String("code-act", "linear", "")
	fs.String("out-act", "sigmoid", "")
	fs.Bool("tied", false, "")
	fs.Bool("overcomplete", false, "")
	fs.Int("epochs", 5, "")
	fs.Int("batch", 128, "")
	fs.Float64("lr", 0.001, "")
	fs.String("opt", "adam", "")
	fs.Float64("weight-decay", 0, "")
	fs.Uint64("seed", 1, "")
	fs.Int("train-n", 60000, "")
	fs.String("out", "out/train", "")
	fs.Bool("json", false, "")
	args := []string{"-out", "docs/train"}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return Train(TrainRun{
		Command: CommandLine("bottleneck train", args), Settings: FlagSettings(fs),
		Shape: s.Shape, TrainImages: s.TrainN, TestImages: 10000,
		TrainLoss: s.TrainLoss, TrainSSE: s.TrainSSE, TestSSE: s.TestSSE,
		TestSSEPerImage: s.Test, MeanImageSSEPerImage: s.Mean,
		Seconds: s.Seconds, Kernel: s.Kernel, Threads: s.Threads,
		LossChart: loss, Reconstructions: readDocs(t, "train/reconstructions.png"), Filters: readDocs(t, "train/filters.png"),
		Noise: "none", NoisyTestSSE: s.Masked, Denoising: readDocs(t, "train/denoising.png"),
	})
}
