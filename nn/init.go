package nn

import (
	"math"
	"math/rand/v2"

	"bottleneck/matrix"
)

// GlorotUniform fills w (in×out) with values drawn uniformly from [−a, a],
// a = √(6/(in+out)) (Glorot and Bengio, 2010). It keeps the variance of
// activations and gradients about the same from layer to layer for sigmoid,
// tanh and linear units.
func GlorotUniform(w *matrix.Dense, rng *rand.Rand) {
	in, out := w.Dims()
	a := math.Sqrt(6 / float64(in+out))
	for i := 0; i < in; i++ {
		row := w.Row(i)
		for j := range row {
			row[j] = a * (2*rng.Float64() - 1)
		}
	}
}

// HeNormal fills w (in×out) with normal values of mean 0 and standard
// deviation √(2/in) (He et al., 2015), the counterpart of GlorotUniform for
// ReLU units, which zero half of their inputs.
func HeNormal(w *matrix.Dense, rng *rand.Rand) {
	in, _ := w.Dims()
	sd := math.Sqrt(2 / float64(in))
	for i := 0; i < in; i++ {
		row := w.Row(i)
		for j := range row {
			row[j] = sd * rng.NormFloat64()
		}
	}
}
