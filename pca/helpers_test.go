package pca

import (
	"math"
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// randomOrthogonal returns a random n×n orthogonal matrix: the
// orthonormalised rows of a Gaussian matrix.
func randomOrthogonal(t *testing.T, rng *rand.Rand, n int) *matrix.Dense {
	t.Helper()
	g := randomNormal(rng, n, n)
	q, err := Orthonormalize(g)
	if err != nil {
		t.Fatalf("Orthonormalize: %v", err)
	}
	return q
}

// randomNormal returns an r×c matrix of standard normal entries.
func randomNormal(rng *rand.Rand, r, c int) *matrix.Dense {
	m := matrix.New(r, c)
	for i := 0; i < r; i++ {
		for j := range m.Row(i) {
			m.Row(i)[j] = rng.NormFloat64()
		}
	}
	return m
}

// maxOffIdentity returns max |(q·qᵀ)(i, j) − δᵢⱼ|: how far the rows of q are
// from orthonormal.
func maxOffIdentity(q *matrix.Dense) float64 {
	g := matrix.New(q.Rows(), q.Rows())
	g.MulTransB(q, q)
	worst := 0.0
	for i := 0; i < g.Rows(); i++ {
		for j, v := range g.Row(i) {
			if i == j {
				v--
			}
			worst = math.Max(worst, math.Abs(v))
		}
	}
	return worst
}

// panics runs f and returns the message it panicked with, or "" if it did
// not panic.
func panics(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg, _ = r.(string)
			if msg == "" {
				msg = "non-string panic"
			}
		}
	}()
	f()
	return ""
}
