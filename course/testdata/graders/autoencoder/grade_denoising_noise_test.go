package autoencoder

import (
	"math"
	"testing"

	"bottleneck/matrix"
)

// TestGradeDenoisingNoise grades exercise denoising-noise: Noise.Corrupt
// writes into dst a corrupted copy of x (Vincent et al., 2008), drawing
// every random number from the rng it is given. The numbers it draws, and
// their order, are the student's choice, so the grader checks what any
// right answer gives, on 200×100 = 20,000 values, with bounds of six
// standard deviations of the binomial or normal count (a right answer
// fails them with probability below 1e-8; the seeds are fixed, so the
// reference passes every time):
//
//   - masking with p = 0.3: each value is 0 or its clean value; about
//     30% are 0; no row and no column is all masked or all kept, which a
//     draw per image or per pixel position instead of per value would give;
//   - Gaussian with σ = 0.2: the differences x̃ − x have mean about 0 and
//     variance about σ² = 0.04;
//   - salt and pepper with p = 0.1 on values of 0.5: each value is 0.5, 0
//     or 1; about 10% changed, about half of those to 1;
//   - any kind: the same seed gives the same corruption, another seed
//     another; dst may be x itself; no noise gives a plain copy.
func TestGradeDenoisingNoise(t *testing.T) {
	const rows, cols = 200, 100
	const count = rows * cols
	x := gradeMatrix(gradeRand(120), rows, cols, 0.1, 1) // no 0 among the clean values
	corrupt := func(n Noise, x *matrix.Dense, seed uint64) *matrix.Dense {
		dst := matrix.New(rows, cols)
		n.Corrupt(dst, x, gradeRand(seed))
		return dst
	}

	mask := Noise{Kind: Masking, Level: 0.3}
	m := corrupt(mask, x, 1)
	zeros, rowZeros, colZeros := 0, make([]int, rows), make([]int, cols)
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			switch v := m.At(i, j); v {
			case 0:
				zeros++
				rowZeros[i]++
				colZeros[j]++
			case x.At(i, j):
			default:
				t.Errorf("masking 0.3: value (%d, %d) is %v, want 0 or the clean %v", i, j, v, x.At(i, j))
				return
			}
		}
	}
	if !gradeCount(t, "masking 0.3: the values set to 0", zeros, count, 0.3) {
		return
	}
	for i, z := range rowZeros {
		if z == 0 || z == cols {
			t.Errorf("masking 0.3: image %d has %d of its %d values masked; each value is masked on its own draw", i, z, cols)
			return
		}
	}
	for j, z := range colZeros {
		if z == 0 || z == rows {
			t.Errorf("masking 0.3: pixel %d is masked in %d of the %d images; each value is masked on its own draw", j, z, rows)
			return
		}
	}

	g := corrupt(Noise{Kind: Gaussian, Level: 0.2}, x, 2)
	var sum, squares float64
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			d := g.At(i, j) - x.At(i, j)
			sum += d
			squares += d * d
		}
	}
	mean := sum / count
	variance := squares/count - mean*mean
	// The mean of 20,000 draws of N(0, σ²) has standard deviation
	// σ/√20000 ≈ 0.0014; their variance, σ²·√(2/20000) = 0.0004.
	if math.Abs(mean) > 6*0.2/math.Sqrt(count) {
		t.Errorf("Gaussian 0.2: the noise x̃ − x has mean %.4f over %d values, want about 0 (within ±%.4f)", mean, count, 6*0.2/math.Sqrt(count))
		return
	}
	if math.Abs(variance-0.04) > 6*0.04*math.Sqrt(2.0/count) {
		t.Errorf("Gaussian 0.2: the noise x̃ − x has variance %.5f over %d values, want about σ² = 0.04 (within ±%.4f): σ is the level", variance, count, 6*0.04*math.Sqrt(2.0/count))
		return
	}

	half := matrix.New(rows, cols)
	half.Fill(0.5)
	sp := corrupt(Noise{Kind: SaltPepper, Level: 0.1}, half, 3)
	salt, pepper := 0, 0
	for i := 0; i < rows; i++ {
		for j := 0; j < cols; j++ {
			switch v := sp.At(i, j); v {
			case 1:
				salt++
			case 0:
				pepper++
			case 0.5:
			default:
				t.Errorf("salt and pepper 0.1 on values of 0.5: value (%d, %d) is %v, want 0.5, 0 or 1", i, j, v)
				return
			}
		}
	}
	if !gradeCount(t, "salt and pepper 0.1: the values changed", salt+pepper, count, 0.1) ||
		!gradeCount(t, "salt and pepper 0.1: the changed values set to 1", salt, salt+pepper, 0.5) {
		return
	}

	for _, n := range []Noise{mask, {Kind: Gaussian, Level: 0.2}, {Kind: SaltPepper, Level: 0.1}} {
		a, b, other := corrupt(n, x, 4), corrupt(n, x, 4), corrupt(n, x, 5)
		if !matrix.EqualApprox(a, b, 0) {
			t.Errorf("%s: two corruptions from random sources of the same seed differ; draw every number from the rng given", n)
			return
		}
		if matrix.EqualApprox(a, other, 0) {
			t.Errorf("%s: random sources of different seeds give the same corruption; draw every number from the rng given", n)
			return
		}
		inPlace := x.Clone()
		n.Corrupt(inPlace, inPlace, gradeRand(4))
		if !matrix.EqualApprox(inPlace, a, 0) {
			t.Errorf("%s: corrupting x in place (dst = x) gives another result than into a new matrix", n)
			return
		}
	}
	if c := corrupt(Noise{}, x, 6); !matrix.EqualApprox(c, x, 0) {
		t.Errorf("no noise: the copy differs from x")
	}
}

// gradeCount reports through t, and returns false, unless got of total
// independent draws that each come out with probability p lies within six
// standard deviations, 6·√(total·p·(1 − p)), of total·p.
func gradeCount(t *testing.T, what string, got, total int, p float64) bool {
	t.Helper()
	want, sd := float64(total)*p, math.Sqrt(float64(total)*p*(1-p))
	if math.Abs(float64(got)-want) > 6*sd {
		t.Errorf("%s: %d of %d, want about %.0f (within ±%.0f)", what, got, total, want, 6*sd)
		return false
	}
	return true
}
