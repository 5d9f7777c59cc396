//go:build amd64 && !purego

package nn

// On amd64, Adam updates four weights at a time with AVX2 instructions
// (adam_avx2_amd64.s) whenever the matrix products run on the AVX2 kernel:
// that kernel is chosen only on a CPU that has AVX2, and a program that
// chooses the "portable" kernel (as grading does) gets adamRowGo, the plain
// Go loop a student writes. The update has a square root and a division
// per weight, which a 256-bit register does four at a time; in a profile of
// an epoch of the 784-1000-500-250-30 network with the AVX2 matrix kernel,
// adamRowGo took 14% of the time.
func init() {
	adamRowFor = func(kernel string) adamRowFunc {
		if kernel == "avx2" {
			return adamRowAVX2
		}
		return adamRowGo
	}
}

// adamAVX2 is adamRowGo on n entries, n a multiple of 4, four at a time
// (adam_avx2_amd64.s).
//
//go:noescape
func adamAVX2(n int, theta, grad, m, v *float64, b1, oneMinusB1, b2, oneMinusB2, step, eps float64)

// adamRowAVX2 is adamRowGo: adamAVX2 on the first len(theta) rounded down
// to a multiple of 4 entries, adamRowGo on the rest. It gives the same bits
// as adamRowGo (TestAdamRowAVX2).
func adamRowAVX2(theta, g, m, v []float64, b1, b2, step, eps float64) {
	n := len(theta) &^ 3
	if n > 0 {
		_, _, _ = g[n-1], m[n-1], v[n-1]
		adamAVX2(n, &theta[0], &g[0], &m[0], &v[0], b1, 1-b1, b2, 1-b2, step, eps)
	}
	adamRowGo(theta[n:], g[n:], m[n:], v[n:], b1, b2, step, eps)
}
