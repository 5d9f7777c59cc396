package report

import (
	"fmt"
	"strconv"

	"bottleneck/internal/plot"
)

// hintonPCA30 is the test error of PCA with 30 components on MNIST, Σ over
// the 784 pixels of (x − x̂)² per image, reported by Hinton & Salakhutdinov
// (2006), Science 313:504, Fig. 2.
const hintonPCA30 = 13.87

// hinton2006 is the paper behind hintonPCA30.
var hinton2006 = Reference{
	Text: "G. E. Hinton and R. R. Salakhutdinov (2006), Reducing the dimensionality of data with neural networks, Science 313:504–507",
	URL:  "https://doi.org/10.1126/science.1127647",
}

// TrainRun is what `bottleneck train` knows once it has written its files:
// the numbers of summary.json, the loss chart and the two pictures. Errors
// are per image: Σ over the 784 pixels of (x − x̂)², averaged over the images.
type TrainRun struct {
	Command     string    // the command line: CommandLine("bottleneck train", args)
	Settings    []Setting // FlagSettings of train's flags
	Shape       string    // the network, e.g. "784-256-32-256-784"
	TrainImages int       // -train-n
	TestImages  int
	// The size of one image; 0 and 0 stand for MNIST's 28×28. The
	// published PCA figure is shown for 28×28 images only.
	ImageRows, ImageCols int

	// One value per epoch (autoencoder.History): the per-image objective
	// the optimizer minimised, penalties included; the training error,
	// the mean over the epoch's batches while the weights still moved; and
	// the test error after the epoch (NaN when there was none).
	TrainLoss, TrainSSE, TestSSE []float64

	TestSSEPerImage      float64 // the trained network on all the test images
	MeanImageSSEPerImage float64 // drawing the mean training image whatever the input
	Seconds              float64 // the whole training
	Kernel               string  // matrix.Kernel()
	Threads              int     // runtime.GOMAXPROCS(0)
	Warning              string  // trainingWarning's text; "" for a good run

	LossChart       *plot.Chart // loss.svg's chart; nil leaves it out
	Reconstructions []byte      // reconstructions.png; nil leaves it out
	Filters         []byte      // filters.png; nil leaves it out

	// The damaged test images of denoising.png: the run's noise ("mask:0.3";
	// "none" for a run without, whose images were masked 30%), the error on
	// them against the clean images, and the picture (nil leaves the
	// picture and the error out).
	Noise        string
	NoisyTestSSE float64
	Denoising    []byte

	// CodeMap is codes.svg's figure for a code of two numbers; nil leaves
	// it out.
	CodeMap *plot.Scatter
}

// Train returns the page of a training run.
//
// To write it from cmd/bottleneck/train.go, once writeTrainOutputs has
// written the pictures (the page shows the very files beside it):
//
//	recon, err := os.ReadFile(filepath.Join(f.out, "reconstructions.png"))
//	if err != nil {
//		return err
//	}
//	filters, err := os.ReadFile(filepath.Join(f.out, "filters.png"))
//	if err != nil {
//		return err
//	}
//	page := report.Train(report.TrainRun{
//		Command: report.CommandLine("bottleneck train", args), Settings: report.FlagSettings(fs.FlagSet),
//		Shape: s.Shape, TrainImages: s.TrainN, TestImages: test.Len(),
//		TrainLoss: hist.TrainLoss, TrainSSE: hist.TrainSSE, TestSSE: hist.HeldOutSSE,
//		TestSSEPerImage: s.TestSSEPerImage, MeanImageSSEPerImage: s.MeanImageSSEPerImage,
//		Seconds: s.Seconds, Kernel: s.Kernel, Threads: s.Threads, Warning: s.Warning,
//		LossChart: lossChart(hist), Reconstructions: recon, Filters: filters,
//	})
//	if err := page.Save(filepath.Join(f.out, "report.html")); err != nil {
//		return err
//	}
//
// and add "report.html" to trainFiles.
func Train(r TrainRun) *Page {
	epochs := len(r.TrainSSE)
	if r.ImageRows == 0 && r.ImageCols == 0 {
		r.ImageRows, r.ImageCols = 28, 28
	}
	mnist := r.ImageRows == 28 && r.ImageCols == 28
	pixels := r.ImageRows * r.ImageCols
	pcaNote, data := "", "images of "+strconv.Itoa(r.ImageRows)+"×"+strconv.Itoa(r.ImageCols)+" pixels"
	if mnist {
		data = "MNIST"
		pcaNote = fmt.Sprintf(", and PCA with 30 components %s", fixed(hintonPCA30, 2))
	}
	p := &Page{
		Title:   "Autoencoder " + r.Shape + " trained on " + data,
		Command: r.Command,
		Warning: r.Warning,
		Lead: fmt.Sprintf("The autoencoder %s was trained for %s on %s of %s. "+
			"It reconstructs the %s with an error of %s per image (Σ over the %d pixels of (x − x̂)²); "+
			"drawing the mean training image every time scores %s%s.",
			r.Shape, plural(epochs, "epoch"), plural(r.TrainImages, "training image"), data,
			plural(r.TestImages, "test image"), fixed(r.TestSSEPerImage, 2), pixels,
			fixed(r.MeanImageSSEPerImage, 2), pcaNote),
		Settings: r.Settings,
	}
	results := [][]string{
		{"this autoencoder, test images", fixed(r.TestSSEPerImage, 4)},
		{"drawing the mean training image", fixed(r.MeanImageSSEPerImage, 4)},
	}
	if mnist {
		results = append(results, []string{"PCA, 30 components (Hinton & Salakhutdinov 2006)", fixed(hintonPCA30, 2)})
		p.References = []Reference{hinton2006}
	}
	p.Sections = append(p.Sections, Section{
		Heading: "Result",
		Tables:  []Table{{Header: []string{"", "error per image"}, Rows: results}},
	})

	rows := make([][]string, epochs)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i + 1), at(r.TrainLoss, i, 4), at(r.TrainSSE, i, 4), at(r.TestSSE, i, 4)}
	}
	curves := Section{
		Heading: "Epoch by epoch",
		Text: []string{"The objective is what the optimizer minimised: the loss per image (½ Σ(x − x̂)², or the cross-entropy with -loss bce) plus the penalties, if any (weight decay, -l1, -sparsity, -contractive). " +
			"The training error is measured during the epoch, while the weights still move; the test error after it. " +
			fmt.Sprintf("Training took %.1f s (%.1f s per epoch) with the %s kernel on %s.",
				r.Seconds, r.Seconds/float64(max(epochs, 1)), r.Kernel, plural(r.Threads, "thread"))},
		Tables: []Table{{
			Header: []string{"epoch", "objective", "training error", "test error"},
			Rows:   rows,
		}},
	}
	if r.LossChart != nil {
		curves.Charts = []Chart{{Plot: r.LossChart,
			Caption: "Both errors per image, as in the table. A test error that rises while the training error falls would mean the network memorises the training images."}}
	}
	p.Sections = append(p.Sections, curves)

	pictures := Section{Heading: "What the network learned"}
	if r.Reconstructions != nil {
		pictures.Pictures = append(pictures.Pictures, Picture{PNG: r.Reconstructions,
			Caption: fmt.Sprintf("The first %d test images, each above its reconstruction.", min(20, r.TestImages))})
	}
	if r.Filters != nil {
		pictures.Pictures = append(pictures.Pictures, Picture{PNG: r.Filters,
			Caption: fmt.Sprintf("The first layer's weights: one tile per hidden unit (at most 100), the %d weights into it drawn as a %d×%d image, each scaled from its own minimum (black) to maximum (white).", pixels, r.ImageRows, r.ImageCols)})
	}
	if r.Denoising != nil {
		damage := "with 30% of their pixels set to 0 (the run had no -noise; a network that copies its input would give the holes back)"
		if r.Noise != "none" && r.Noise != "" {
			damage = "corrupted by the run's noise, " + r.Noise
		}
		pictures.Pictures = append(pictures.Pictures, Picture{PNG: r.Denoising,
			Caption: fmt.Sprintf("Top: the first %d test images %s. Middle: the network's reconstructions of them. Bottom: the clean images. On all the test images damaged so, the error against the clean images is %s per image.", min(10, r.TestImages), damage, fixed(r.NoisyTestSSE, 2))})
	}
	if r.CodeMap != nil {
		pictures.Charts = append(pictures.Charts, Chart{Scatter: r.CodeMap,
			Caption: "Every test image placed by its first two principal components (left) and by the network's two-number code (right), coloured by digit, each digit's name at the median of its points (codes.svg; Hinton & Salakhutdinov 2006, Fig. 3)."})
	}
	if len(pictures.Pictures) > 0 || len(pictures.Charts) > 0 {
		p.Sections = append(p.Sections, pictures)
	}
	return p
}
