package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"bottleneck/internal/plot"
)

// CompareRun is what `bottleneck compare` knows once it has written its
// files: the numbers of summary.json, the angle charts and the picture of
// the directions. Errors are per image: Σ over the 784 pixels of (x − x̂)²,
// averaged over the images; angles are in degrees.
type CompareRun struct {
	Command  string    // the command line: CommandLine("bottleneck compare", args)
	Settings []Setting // FlagSettings of compare's flags

	K           int       // the code size, and the number of components compared
	WeightDecay float64   // λ, per image
	Variances   []float64 // σ² of the top K components, in descending order
	LiveS2      float64   // the s² below which a decoder direction counts as switched off
	TrainImages int

	PCATrainSSE, PCATestSSE float64 // PCA with K components

	Exact         Directions // the full-batch descent on the covariance
	ExactSettings string     // its settings in words, as the command prints them

	MiniBatch         *Directions // mini-batch backpropagation; nil when there was none (-epochs 0)
	MiniBatchSettings string
	// One value per epoch of mini-batch training: the test error, and the
	// largest and median principal angle at the end of the epoch. A
	// measure left nil has no column; a missing value is shown as "—".
	MiniBatchTestSSE, MiniBatchMaxAngleDeg, MiniBatchMedianAngleDeg []float64

	PCASeconds, ExactSeconds, MiniBatchSeconds float64

	DescentAngles   *plot.Chart // descent_angles.svg; nil leaves it out
	MiniBatchAngles *plot.Chart // angles.svg, when there was mini-batch training; nil leaves it out
	Picture         []byte      // compare.png; nil leaves it out
}

// Directions describes how a decoder's rows (K×784) relate to the top K
// principal components. Its live dimensions are the right singular vectors
// with s² ≥ LiveS2; the angles and the subspace distance are over those,
// and are nil when there are none. The fields are those of compare's
// summary.json, in the same order and with the same names and types, so
// that the command's own struct converts to this one.
type Directions struct {
	TrainSSEPerImage   float64
	TestSSEPerImage    float64
	LiveDims           int
	PrincipalAnglesDeg []float64 // ascending
	MaxAngleDeg        *float64
	MedianAngleDeg     *float64
	SubspaceDistance   *float64  // 1 − tr(UUᵀWWᵀ)/k of Bao et al.: 0 when the spans agree
	AxisAlignment      *float64  // of the raw rows, Bao et al.: 0 when aligned; nil unless all K are live
	RowCos2            []float64 // cos² between decoder row i and component i
	SVDCos2            []float64 // cos² between right singular vector i and component i; live ones only
	S2                 []float64 // squared singular values, descending
}

// The papers behind compare's claims.
var (
	baldiHornik1989 = Reference{
		Text: "P. Baldi and K. Hornik (1989), Neural networks and principal component analysis: learning from examples without local minima, Neural Networks 2(1):53–58",
		URL:  "https://doi.org/10.1016/0893-6080(89)90014-2",
	}
	plaut2018 = Reference{
		Text: "E. Plaut (2018), From principal subspaces to principal components with linear autoencoders, arXiv:1804.10253",
		URL:  "https://arxiv.org/abs/1804.10253",
	}
	kunin2019 = Reference{
		Text: "D. Kunin, J. M. Bloom, A. Goeva and C. Seed (2019), Loss landscapes of regularized linear autoencoders, ICML, arXiv:1901.08168",
		URL:  "https://arxiv.org/abs/1901.08168",
	}
	bao2020 = Reference{
		Text: "X. Bao, J. Lucas, S. Sachdeva and R. Grosse (2020), Regularized linear autoencoders recover the principal components, eventually, NeurIPS, arXiv:2007.06731",
		URL:  "https://arxiv.org/abs/2007.06731",
	}
)

// Compare returns the page of a comparison of linear autoencoders with PCA.
//
// To write it from cmd/bottleneck/compare.go: let angleCharts return the
// two charts it saves (the mini-batch one nil without mini-batch
// training), keep the History that autoencoder.Train returns (hist, for the
// per-epoch test error), and hand the command line and the settings down
// from runCompare, where args and the flag set are, to compareFitted, for
// example as two fields of compareFlags set after parsing:
//
//	f.command, f.settings = report.CommandLine("bottleneck compare", args), report.FlagSettings(fs.FlagSet)
//
// Then, after summary.json is written:
//
//	pic, err := os.ReadFile(filepath.Join(f.out, "compare.png"))
//	if err != nil {
//		return err
//	}
//	run := report.CompareRun{
//		Command: f.command, Settings: f.settings,
//		K: s.K, WeightDecay: s.WeightDecay, Variances: s.Variances, LiveS2: liveS2,
//		TrainImages: train.Len(), PCATrainSSE: s.PCATrainSSE, PCATestSSE: s.PCATestSSE,
//		Exact: report.Directions(s.Exact), ExactSettings: s.ExactSettings,
//		MiniBatchSettings: s.MiniBatchSettings,
//		MiniBatchTestSSE: hist.HeldOutSSE, MiniBatchMaxAngleDeg: s.MiniBatchMaxAngle,
//		PCASeconds: s.PCASeconds, ExactSeconds: s.ExactSeconds, MiniBatchSeconds: s.MiniBatchSeconds,
//		DescentAngles: descent, MiniBatchAngles: minibatch, Picture: pic,
//	}
//	if f.epochs > 0 {
//		mb := report.Directions(s.MiniBatch)
//		run.MiniBatch = &mb
//	}
//	if err := report.Compare(run).Save(filepath.Join(f.out, "report.html")); err != nil {
//		return err
//	}
//
// and add "report.html" to compareFiles. report.Directions(s.Exact) is a
// plain Go conversion: it compiles because the two structs have the same
// fields (their JSON tags do not count).
func Compare(r CompareRun) *Page {
	how := "exactly (full-batch descent on the covariance)"
	if r.MiniBatch != nil {
		how += " and by backpropagation as the lecture trains (on mini-batches with Adam, this project's choice)"
	}
	p := &Page{
		Title:   fmt.Sprintf("Linear autoencoder and PCA on MNIST, k = %d", r.K),
		Command: r.Command,
		Lead: fmt.Sprintf("A linear autoencoder with a code of %s was trained on %s of MNIST, %s, "+
			"and compared with PCA at the same k: its reconstruction error, and the principal angles between "+
			"the span of the decoder's rows and the span of the top %s. %s",
			plural(r.K, "number"), plural(r.TrainImages, "training image"), how, plural(r.K, "component"), compareHeadline(r)),
		Settings:   r.Settings,
		References: []Reference{baldiHornik1989, plaut2018, kunin2019, bao2020},
	}

	result := Table{
		Header: []string{"", "training error", "test error", "largest angle", "median angle", "subspace distance", "axis alignment"},
		Rows: [][]string{
			{fmt.Sprintf("PCA, k = %d", r.K), fixed(r.PCATrainSSE, 4), fixed(r.PCATestSSE, 4), "", "", "", ""},
			directionsRow("linear AE, exact descent", r.Exact),
		},
	}
	if r.MiniBatch != nil {
		result.Rows = append(result.Rows, directionsRow("linear AE, mini-batch", *r.MiniBatch))
	}
	p.Sections = append(p.Sections, Section{
		Heading: "Result",
		Text: []string{"Errors are Σ over the 784 pixels of (x − x̂)² per image; angles are in degrees, " +
			"between the decoder's live directions and as many top components. " +
			"The subspace distance and the axis alignment are those of Bao et al. (2020): 0 means the spans agree, and the rows lie along the components."},
		Tables: []Table{result},
	}, Section{
		Heading: "What it shows",
		Text:    compareVerdict(r),
	})

	p.Sections = append(p.Sections, directionsSection(r))

	training := Section{
		Heading: "Training",
		Text:    []string{fmt.Sprintf("PCA: %.1f s. Exact descent: %s; %.1f s.", r.PCASeconds, r.ExactSettings, r.ExactSeconds)},
	}
	if r.MiniBatch != nil {
		training.Text = append(training.Text, fmt.Sprintf("Mini-batch backpropagation: %s; %.1f s.", r.MiniBatchSettings, r.MiniBatchSeconds))
		if t, ok := miniBatchTable(r); ok {
			training.Tables = append(training.Tables, t)
		}
	}
	if r.MiniBatchAngles != nil {
		training.Charts = append(training.Charts, Chart{Plot: r.MiniBatchAngles,
			Caption: "The principal angles during mini-batch training, about ten times an epoch, against the exact descent's final largest angle."})
	}
	if r.DescentAngles != nil {
		training.Charts = append(training.Charts, Chart{Plot: r.DescentAngles,
			Caption: "The principal angles over the steps of the exact descent (angles of 0 are drawn at 0.0001°)."})
	}
	p.Sections = append(p.Sections, training)

	if r.Picture != nil {
		caption := "First line: the first principal components. Second: the exact decoder's rows. Third: its right singular vectors."
		if r.MiniBatch != nil {
			caption += " Fourth: the mini-batch decoder's rows."
		}
		caption += " Each tile's sign is chosen to agree with the component above it: a direction's sign means nothing."
		p.Sections = append(p.Sections, Section{Heading: "The directions, drawn",
			Pictures: []Picture{{PNG: r.Picture, Caption: caption}}})
	}
	return p
}

// miniBatchTable is the table of the mini-batch training, one row per
// epoch, with a column for each of the per-epoch measures that was given.
// It reports false when none was.
func miniBatchTable(r CompareRun) (Table, bool) {
	columns := []struct {
		name   string
		values []float64
	}{
		{"test error", r.MiniBatchTestSSE},
		{"largest angle", r.MiniBatchMaxAngleDeg},
		{"median angle", r.MiniBatchMedianAngleDeg},
	}
	t := Table{Caption: "Mini-batch training, at the end of each epoch", Header: []string{"epoch"}}
	epochs := 0
	for _, c := range columns {
		if len(c.values) > 0 {
			t.Header = append(t.Header, c.name)
			epochs = max(epochs, len(c.values))
		}
	}
	for i := 0; i < epochs; i++ {
		row := []string{strconv.Itoa(i + 1)}
		for _, c := range columns {
			if len(c.values) > 0 {
				row = append(row, at(c.values, i, 4))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t, epochs > 0
}

// directionsRow is a decoder's row of the main table.
func directionsRow(name string, d Directions) []string {
	return []string{name, fixed(d.TrainSSEPerImage, 4), fixed(d.TestSSEPerImage, 4),
		degrees(d.MaxAngleDeg), degrees(d.MedianAngleDeg), optional(d.SubspaceDistance, 3), optional(d.AxisAlignment, 3)}
}

// degrees formats an angle, or "none" when it is not defined.
func degrees(v *float64) string {
	if v == nil {
		return "none"
	}
	return fixed(*v, 4) + "°"
}

// compareHeadline is the lead's last sentence: what the exact descent found.
func compareHeadline(r CompareRun) string {
	gap := significant(math.Max(0, 100*(r.Exact.TrainSSEPerImage-r.PCATrainSSE)/r.PCATrainSSE), 3)
	if r.Exact.MaxAngleDeg == nil {
		return fmt.Sprintf("The exact descent's decoder is switched off (every s² below %g); its training error is %s%% above PCA's.", r.LiveS2, gap)
	}
	return fmt.Sprintf("The exact descent's training error is %s%% above PCA's, and its largest principal angle is %.4f°.", gap, *r.Exact.MaxAngleDeg)
}

// compareVerdict says in words what the numbers show, as the command does
// under its table.
func compareVerdict(r CompareRun) []string {
	var v []string
	gap := (r.Exact.TrainSSEPerImage - r.PCATrainSSE) / r.PCATrainSSE
	switch {
	case r.WeightDecay > 0:
		v = append(v, fmt.Sprintf("The exact descent's training error is %.2f%% above PCA's: weight decay shrinks the reconstruction (s² < 1), by design.", 100*gap))
	case gap < 1e-3:
		v = append(v, fmt.Sprintf("The exact descent's training error is within %.4f%% of PCA's. It cannot go below it: PCA is the optimum, and a linear autoencoder has no other minimum (Baldi & Hornik 1989).", 100*math.Max(gap, 0)))
	default:
		v = append(v, fmt.Sprintf("The exact descent's training error is %.2f%% above PCA's; more -steps bring it closer, it cannot go below.", 100*gap))
	}
	live := 0
	for _, s2 := range r.Variances {
		if s2 > r.WeightDecay {
			live++
		}
	}
	if r.WeightDecay > 0 && live < r.K {
		v = append(v, fmt.Sprintf("Weight decay λ = %g switches off every direction whose variance σ² is at most λ: in theory %d of the %d stay on.", r.WeightDecay, live, r.K))
	}
	switch {
	case r.Exact.LiveDims == 0:
		v = append(v, fmt.Sprintf("The exact decoder is switched off: every squared singular value is below %g, it spans no dimension, so there are no principal angles.", r.LiveS2))
	case r.Exact.LiveDims < r.K:
		v = append(v, fmt.Sprintf("The exact decoder spans only %s (s² ≥ %g); the angles are between them and the top %s.",
			plural(r.Exact.LiveDims, "dimension"), r.LiveS2, plural(r.Exact.LiveDims, "component")))
	}
	if len(r.Exact.PrincipalAnglesDeg) > 0 {
		angles := make([]string, len(r.Exact.PrincipalAnglesDeg))
		for i, a := range r.Exact.PrincipalAnglesDeg {
			angles[i] = fixed(a, 4)
		}
		v = append(v, "Principal angles of the exact descent, in degrees, ascending: "+strings.Join(angles, ", ")+".")
	}
	switch {
	case r.WeightDecay > 0:
		v = append(v, "With weight decay the decoder's right singular vectors should line up with the components (cos² near 1) and their s² approach 1 − λ/σ² (Kunin et al. 2019): compare the columns of the table below.")
	case r.Exact.MaxAngleDeg != nil && *r.Exact.MaxAngleDeg < 1:
		v = append(v, "Without weight decay the decoder is any invertible mix of the components: the subspace is right, the individual directions are not (the table below; try -weight-decay 0.5).")
	default:
		v = append(v, "The decoder has not found the components' subspace yet (its largest angle is above 1°): give the exact descent more -steps.")
	}
	return v
}

// directionsSection is the table of the individual directions: for each
// component i, how the exact decoder's row i and right singular vector i
// line up with it, and with weight decay the squared singular values
// against theory.
func directionsSection(r CompareRun) Section {
	header := []string{"i", "σ²", "cos² row i", "cos² singular i", "s²"}
	if r.WeightDecay > 0 {
		header = append(header, "1 − λ/σ²", "s² / theory")
	}
	if r.MiniBatch != nil {
		header = append(header, "mini-batch cos² singular i")
	}
	t := Table{Header: header}
	for i := 0; i < r.K; i++ {
		row := []string{strconv.Itoa(i + 1), at(r.Variances, i, 4), at(r.Exact.RowCos2, i, 4), at(r.Exact.SVDCos2, i, 6), at(r.Exact.S2, i, 6)}
		if r.WeightDecay > 0 {
			theory := 0.0
			if i < len(r.Variances) {
				theory = math.Max(0, 1-r.WeightDecay/r.Variances[i]) // at or below σ² = λ the direction is switched off
			}
			switch {
			case theory > 0 && i < len(r.Exact.S2):
				row = append(row, fixed(theory, 6), fixed(r.Exact.S2[i]/theory, 5))
			case i < len(r.Exact.S2) && r.Exact.S2[i] >= r.LiveS2:
				row = append(row, "0", "not off yet")
			default:
				row = append(row, "0", "off")
			}
		}
		if r.MiniBatch != nil {
			row = append(row, at(r.MiniBatch.SVDCos2, i, 4))
		}
		t.Rows = append(t.Rows, row)
	}
	return Section{
		Heading: "Individual directions",
		Text: []string{"For each principal component i: the cos² of its angle with the exact decoder's row i and with the decoder's i-th right singular vector " +
			"(1 when they lie along each other), and the decoder's squared singular values. A dash marks a direction that is switched off."},
		Tables: []Table{t},
	}
}
