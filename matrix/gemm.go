package matrix

import (
	"runtime"
	"sync"
)

// gemm computes c = op(a)·op(b), where op transposes when asked. It is the
// kernel behind Mul, MulTransA and MulTransB.
//
// The rows of c are split into blocks handed to goroutines. Each element of
// c is computed by one goroutine, summing over k in increasing order, so the
// split (and GOMAXPROCS) never changes the result.
func gemm(transA, transB bool, a, b, c *Dense) {
	n, k := c.rows, a.cols
	if transA {
		k = a.rows
	}
	work := n * c.cols * k
	workers := runtime.GOMAXPROCS(0)
	const minWork = 1 << 16 // below this, starting goroutines costs more than it saves
	if workers > n {
		workers = n
	}
	if work < minWork || workers <= 1 {
		gemmRows(transA, transB, a, b, c, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		i0, i1 := w*n/workers, (w+1)*n/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			gemmRows(transA, transB, a, b, c, i0, i1)
		}()
	}
	wg.Wait()
}

// gemmRows computes rows [i0, i1) of c = op(a)·op(b).
func gemmRows(transA, transB bool, a, b, c *Dense, i0, i1 int) {
	switch {
	case !transA && !transB:
		// c_i = Σₖ a(i,k)·b_k: each row of c is a sum of rows of b.
		for i := i0; i < i1; i++ {
			ci := c.Row(i)
			clear(ci)
			for k, aik := range a.Row(i) {
				axpy(aik, b.Row(k), ci)
			}
		}
	case transA && !transB:
		// c_i = Σₖ a(k,i)·b_k.
		for i := i0; i < i1; i++ {
			ci := c.Row(i)
			clear(ci)
			for k := 0; k < a.rows; k++ {
				axpy(a.data[k*a.stride+i], b.Row(k), ci)
			}
		}
	case !transA && transB:
		// c(i,j) = a_i · b_j.
		for i := i0; i < i1; i++ {
			ci, ai := c.Row(i), a.Row(i)
			for j := range ci {
				ci[j] = dot(ai, b.Row(j))
			}
		}
	default:
		// c(i,j) = Σₖ a(k,i)·b(j,k).
		for i := i0; i < i1; i++ {
			ci := c.Row(i)
			for j := range ci {
				bj := b.Row(j)
				sum := 0.0
				for k := range bj {
					sum += a.data[k*a.stride+i] * bj[k]
				}
				ci[j] = sum
			}
		}
	}
}

// axpy sets y += alpha·x.
func axpy(alpha float64, x, y []float64) {
	x = x[:len(y)]
	for j, v := range x {
		y[j] += alpha * v
	}
}

// dot returns x·y.
func dot(x, y []float64) float64 {
	y = y[:len(x)]
	sum := 0.0
	for j, v := range x {
		sum += v * y[j]
	}
	return sum
}

// Kernel names the matrix-product kernel in use.
func Kernel() string { return "portable" }
