package experiment

import (
	"slices"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// MaskTest is the corruption of the test images every training run is
// measured on (TrainResult.MaskedTestSSEPerImage): 30% of the pixels set
// to 0, the masking of a typical denoising autoencoder, so that a plain
// run and a denoising one compare on the same damaged images.
var MaskTest = autoencoder.Noise{Kind: autoencoder.Masking, Level: 0.3}

// NearZero is the activation below which a code unit counts as off in
// CodeStats.FractionNearZero: the sparsity target UFLDL suggests.
const NearZero = 0.05

// CodeStats describes the codes h = f(x) of a set of images: how active
// the code units are and, for an encoder of one sigmoid layer, how
// sensitive the code is to the input.
type CodeStats struct {
	// The mean activation ρ̂ⱼ of each code unit over the images, sorted:
	// its smallest, median (the unit at position d/2) and largest value.
	MeanActivationMin    float64 `json:"mean_activation_min"`
	MeanActivationMedian float64 `json:"mean_activation_median"`
	MeanActivationMax    float64 `json:"mean_activation_max"`
	// FractionNearZero is the fraction of all the activations hₙⱼ below
	// NearZero.
	FractionNearZero float64 `json:"fraction_near_zero"`
	// Jacobian is the mean over the images of ‖J_f(x)‖²_F, the squared
	// Frobenius norm of the encoder's Jacobian, the quantity the
	// contractive penalty weighs; nil unless the encoder is one sigmoid
	// layer, where ‖J_f(x)‖²_F = Σⱼ (hⱼ(1 − hⱼ))² Σᵢ Wᵢⱼ².
	Jacobian *float64 `json:"jacobian_norm_sq,omitempty"`
}

// MeasureCode returns the CodeStats of ae's codes of the rows of x.
// x: n×in, n ≥ 1.
func MeasureCode(ae *autoencoder.Autoencoder, x *matrix.Dense) CodeStats {
	h := ae.Encode(x) // n×d
	n, d := h.Dims()
	means := make([]float64, d) // ρ̂ⱼ
	near0 := 0
	for r := 0; r < n; r++ {
		for j, v := range h.Row(r) {
			means[j] += v / float64(n)
			if v < NearZero {
				near0++
			}
		}
	}
	var st CodeStats
	st.FractionNearZero = float64(near0) / float64(n*d)
	if cfg := ae.Config; len(cfg.Layers) == 2 && cfg.CodeActivation == "sigmoid" {
		j := sigmoidJacobian(h, ae.FirstLayer().W)
		st.Jacobian = &j
	}
	slices.Sort(means)
	st.MeanActivationMin, st.MeanActivationMedian, st.MeanActivationMax = means[0], means[d/2], means[d-1]
	return st
}

// sigmoidJacobian returns the mean over the rows of h of
// Σⱼ (hⱼ(1 − hⱼ))² sⱼ with sⱼ = Σᵢ Wᵢⱼ²: the mean ‖J_f(x)‖²_F of the
// encoder h = σ(xW + b). h: n×d, W: in×d.
func sigmoidJacobian(h, w *matrix.Dense) float64 {
	n, d := h.Dims()
	s := make([]float64, d) // sⱼ
	for i := 0; i < w.Rows(); i++ {
		for j, v := range w.Row(i) {
			s[j] += v * v
		}
	}
	sum := 0.0
	for r := 0; r < n; r++ {
		for j, v := range h.Row(r) {
			g := v * (1 - v) // ∂hⱼ/∂aⱼ
			sum += g * g * s[j]
		}
	}
	return sum / float64(n)
}
