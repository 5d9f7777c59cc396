package pca

import (
	"math/rand/v2"
	"testing"

	"bottleneck/matrix"
)

// BenchmarkEigenSym784 times the eigensolver at MNIST's size, 784×784, on
// the covariance of random data (fixed seed).
func BenchmarkEigenSym784(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	g := randomNormal(rng, 1000, 784)
	a := matrix.New(784, 784)
	a.MulTransA(g, g)
	b.ResetTimer()
	for range b.N {
		if _, _, err := EigenSym(a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFit10000x784 times Fit on 10,000 random samples of MNIST's width.
func BenchmarkFit10000x784(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := randomNormal(rng, 10000, 784)
	b.ResetTimer()
	for range b.N {
		if _, err := Fit(x); err != nil {
			b.Fatal(err)
		}
	}
}
