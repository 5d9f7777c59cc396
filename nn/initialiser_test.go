package nn

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// TestInitialiserDraws: the initialisers draw their numbers from rng one
// weight after the other, row by row, and scale them exactly as their doc
// comments say: GlorotUniform a·(2u − 1) with u uniform in [0, 1) and
// a = √(6/(in+out)), HeNormal √(2/in)·z with z standard normal. A
// statistical test of the variance cannot see a fan-in off by one (2/401
// against 2/400 is a quarter of a percent); drawing the same numbers from
// the same seed can.
func TestInitialiserDraws(t *testing.T) {
	const in, out = 7, 3
	for _, c := range []struct {
		name string
		init func(*matrix.Dense, *rand.Rand)
		draw func(*rand.Rand) float64
	}{
		{"GlorotUniform", GlorotUniform, func(r *rand.Rand) float64 { return math.Sqrt(6.0/(in+out)) * (2*r.Float64() - 1) }},
		{"HeNormal", HeNormal, func(r *rand.Rand) float64 { return math.Sqrt(2.0/in) * r.NormFloat64() }},
	} {
		w := matrix.New(in, out)
		c.init(w, rand.New(rand.NewPCG(8, 9)))
		ref := rand.New(rand.NewPCG(8, 9))
		for i := 0; i < in; i++ {
			for j := 0; j < out; j++ {
				if want := c.draw(ref); !(math.Abs(w.At(i, j)-want) <= 1e-15) {
					t.Fatalf("%s: w(%d, %d) = %.17g, want %.17g", c.name, i, j, w.At(i, j), want)
				}
			}
		}
	}
}
