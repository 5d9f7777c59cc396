package probe

import (
	"fmt"
	"math"
	"math/rand/v2"

	"bottleneck/autoencoder"
	"bottleneck/matrix"
)

// Exercise denoising-noise: Noise.Corrupt. The numbers it draws, and
// their order, are the student's choice, so grade checks what any right
// answer gives, on 200×100 = 20,000 values of which about a tenth are
// exact zeros (a pixel of the background), with bounds of six standard
// deviations of the binomial or normal count (a right answer fails one
// with probability below 1e-8):
//
//   - masking, p = 0.3: each value 0 or its clean value; about 30% of the
//     nonzero values 0; no row and no column all masked or all kept;
//   - Gaussian, σ = 0.2: x̃ − x of mean about 0 and variance about σ², on
//     the zero pixels too;
//   - salt and pepper, p = 0.1: each value clean, 0 or 1; about 10% of the
//     nonzero values changed, half of those to 1; about 5% of the zero
//     pixels set to 1;
//   - levels 0 and 1: a plain copy (any kind at 0), all zero (masking at
//     1); NoNoise: a plain copy, into a buffer holding junk;
//   - the same seed gives the same corruption, another seed another, and
//     dst may be x itself.

const noiseRows, noiseCols = 200, 100

type noiseCase struct {
	x     *matrix.Dense
	dirty *matrix.Dense
	seeds [2]uint64
}

func drawNoise(rng *rand.Rand) noiseCase {
	x := uniform(rng, noiseRows, noiseCols, 0.1, 1)
	for i := 0; i < noiseRows; i++ {
		for j := range x.Row(i) {
			if rng.IntN(10) == 0 {
				x.Row(i)[j] = 0
			}
		}
	}
	return noiseCase{x: x, dirty: junk(rng, noiseRows, noiseCols), seeds: [2]uint64{rng.Uint64(), rng.Uint64()}}
}

var noiseKinds = []struct {
	label string
	noise autoencoder.Noise
}{
	{"masking, p = 0.3", autoencoder.Noise{Kind: autoencoder.Masking, Level: 0.3}},
	{"Gaussian, σ = 0.2", autoencoder.Noise{Kind: autoencoder.Gaussian, Level: 0.2}},
	{"salt and pepper, p = 0.1", autoencoder.Noise{Kind: autoencoder.SaltPepper, Level: 0.1}},
	{"masking, p = 0", autoencoder.Noise{Kind: autoencoder.Masking, Level: 0}},
	{"Gaussian, σ = 0", autoencoder.Noise{Kind: autoencoder.Gaussian, Level: 0}},
	{"salt and pepper, p = 0", autoencoder.Noise{Kind: autoencoder.SaltPepper, Level: 0}},
	{"masking, p = 1", autoencoder.Noise{Kind: autoencoder.Masking, Level: 1}},
	{"no noise", autoencoder.Noise{}},
}

func noiseLabel(kind, what string) string {
	return fmt.Sprintf("Noise.Corrupt (%s) of a %d×%d batch, a tenth of it zeros: %s", kind, noiseRows, noiseCols, what)
}

func init() {
	register(exercise{name: "denoising-noise", run: noiseRun, want: noiseWant})
}

func noiseRun(rng *rand.Rand, out *Recorder) {
	c := drawNoise(rng)
	for _, k := range noiseKinds {
		dst := c.dirty.Clone()
		k.noise.Corrupt(dst, c.x, rand.New(rand.NewPCG(c.seeds[0], 1)))
		out.PutMatrix(noiseLabel(k.label, "into a buffer holding junk"), dst)
		if k.noise.Level == 0 || k.noise.Level == 1 {
			continue
		}
		again := matrix.New(noiseRows, noiseCols)
		k.noise.Corrupt(again, c.x, rand.New(rand.NewPCG(c.seeds[0], 1)))
		out.PutMatrix(noiseLabel(k.label, "again with the same seed"), again)
		other := matrix.New(noiseRows, noiseCols)
		k.noise.Corrupt(other, c.x, rand.New(rand.NewPCG(c.seeds[1], 1)))
		out.PutMatrix(noiseLabel(k.label, "with another seed"), other)
		inPlace := c.x.Clone()
		k.noise.Corrupt(inPlace, inPlace, rand.New(rand.NewPCG(c.seeds[0], 1)))
		out.PutMatrix(noiseLabel(k.label, "in place (dst is x), with the first seed"), inPlace)
	}
}

func noiseWant(rng *rand.Rand) []Check {
	c := drawNoise(rng)
	var checks []Check
	var first *matrix.Dense // the kind's first corruption, as judged
	for _, k := range noiseKinds {
		judge := noiseJudge(k.noise, c.x)
		checks = append(checks, judged(noiseLabel(k.label, "into a buffer holding junk"), func(m *matrix.Dense) string {
			first = m
			return judge(m)
		}))
		if k.noise.Level == 0 || k.noise.Level == 1 {
			continue
		}
		checks = append(checks,
			judged(noiseLabel(k.label, "again with the same seed"), func(m *matrix.Dense) string {
				if first == nil || !sameMatrix(m, first) {
					return "differs from the corruption with the same seed before: draw every number from the rng given"
				}
				return ""
			}),
			judged(noiseLabel(k.label, "with another seed"), func(m *matrix.Dense) string {
				if first != nil && sameMatrix(m, first) {
					return "the same as with another seed: draw every number from the rng given"
				}
				return judge(m)
			}),
			judged(noiseLabel(k.label, "in place (dst is x), with the first seed"), func(m *matrix.Dense) string {
				if first != nil && !sameMatrix(m, first) {
					return "differs from the corruption into another buffer with the same seed: with dst = x, read each value before writing it"
				}
				return judge(m)
			}))
	}
	return checks
}

func sameMatrix(a, b *matrix.Dense) bool {
	if a.Rows() != b.Rows() || a.Cols() != b.Cols() {
		return false
	}
	for i := 0; i < a.Rows(); i++ {
		for j, v := range a.Row(i) {
			if math.Float64bits(v) != math.Float64bits(b.At(i, j)) {
				return false
			}
		}
	}
	return true
}

// within says whether count lies within six standard deviations of the
// binomial count of n trials of probability p.
func within(count, n int, p float64) bool {
	mean, sd := float64(n)*p, math.Sqrt(float64(n)*p*(1-p))
	return math.Abs(float64(count)-mean) <= 6*sd+0.5
}

// noiseJudge returns the check of a corruption of x by noise.
func noiseJudge(noise autoencoder.Noise, x *matrix.Dense) func(m *matrix.Dense) string {
	return func(m *matrix.Dense) string {
		if m.Rows() != x.Rows() || m.Cols() != x.Cols() {
			return fmt.Sprintf("is %d×%d, want %d×%d", m.Rows(), m.Cols(), x.Rows(), x.Cols())
		}
		p := noise.Level
		exact := noise.Kind == autoencoder.NoNoise || p == 0
		var nonzero, zeros, changed, salt, zeroSalt, masked int
		rowMasked, colMasked := make([]int, x.Rows()), make([]int, x.Cols())
		rowNonzero, colNonzero := make([]int, x.Rows()), make([]int, x.Cols())
		var sum, sumSq, zeroSq float64
		for i := 0; i < x.Rows(); i++ {
			for j, v := range x.Row(i) {
				g := m.At(i, j)
				if exact || (noise.Kind == autoencoder.Masking && p == 1) {
					want := v
					if !exact {
						want = 0
					}
					if g != want {
						return fmt.Sprintf("entry (%d, %d) is %s", i, j, differ(g, want))
					}
					continue
				}
				if v == 0 {
					zeros++
				} else {
					nonzero++
					rowNonzero[i]++
					colNonzero[j]++
				}
				switch noise.Kind {
				case autoencoder.Masking:
					if g != 0 && g != v {
						return fmt.Sprintf("entry (%d, %d) is %.10g: masking leaves a value as it is (%.10g) or sets it to 0", i, j, g, v)
					}
					if g == 0 && v != 0 {
						masked++
						rowMasked[i]++
						colMasked[j]++
					}
				case autoencoder.Gaussian:
					d := g - v
					sum += d
					sumSq += d * d
					if v == 0 {
						zeroSq += d * d
					}
				case autoencoder.SaltPepper:
					if g != v && g != 0 && g != 1 {
						return fmt.Sprintf("entry (%d, %d) is %.10g: salt and pepper leaves a value (%.10g) or sets it to 0 or 1", i, j, g, v)
					}
					if v == 0 && g == 1 {
						zeroSalt++
					}
					if v != 0 && g != v {
						changed++
						if g == 1 {
							salt++
						}
					}
				}
			}
		}
		if exact || (noise.Kind == autoencoder.Masking && p == 1) {
			return ""
		}
		switch noise.Kind {
		case autoencoder.Masking:
			if !within(masked, nonzero, p) {
				return fmt.Sprintf("%d of the %d nonzero values are masked, want about %.0f (p = %g)", masked, nonzero, p*float64(nonzero), p)
			}
			for i := range rowMasked {
				if rowMasked[i] == 0 || rowMasked[i] == rowNonzero[i] {
					return fmt.Sprintf("row %d has %d of its %d nonzero values masked: draw for every value, not once per image", i, rowMasked[i], rowNonzero[i])
				}
			}
			for j := range colMasked {
				if colMasked[j] == 0 || colMasked[j] == colNonzero[j] {
					return fmt.Sprintf("column %d has %d of its %d nonzero values masked: draw for every value, not once per pixel position", j, colMasked[j], colNonzero[j])
				}
			}
		case autoencoder.Gaussian:
			n := float64(x.Rows() * x.Cols())
			mean := sum / n
			variance := sumSq/n - mean*mean
			// The mean of n normal numbers has sd σ/√n; their mean square
			// has sd σ²·√(2/n).
			if !(math.Abs(mean) <= 6*p/math.Sqrt(n)) {
				return fmt.Sprintf("the differences x̃ − x have mean %.6g, want about 0 (within %.3g)", mean, 6*p/math.Sqrt(n))
			}
			if !(math.Abs(variance-p*p) <= 6*p*p*math.Sqrt(2/n)) {
				return fmt.Sprintf("the differences x̃ − x have variance %.6g, want about σ² = %.6g", variance, p*p)
			}
			if zq := zeroSq / float64(zeros); !(math.Abs(zq-p*p) <= 6*p*p*math.Sqrt(2/float64(zeros))) {
				return fmt.Sprintf("on the %d zero pixels the differences have mean square %.6g, want about σ² = %.6g", zeros, zq, p*p)
			}
		case autoencoder.SaltPepper:
			if !within(changed, nonzero, p) {
				return fmt.Sprintf("%d of the %d nonzero values are changed, want about %.0f (p = %g)", changed, nonzero, p*float64(nonzero), p)
			}
			if !within(salt, changed, 0.5) {
				return fmt.Sprintf("%d of the %d changed values are 1, want about half", salt, changed)
			}
			if !within(zeroSalt, zeros, p/2) {
				return fmt.Sprintf("%d of the %d zero pixels are set to 1, want about %.0f (p/2)", zeroSalt, zeros, p/2*float64(zeros))
			}
		}
		return ""
	}
}
