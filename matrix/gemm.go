package matrix

import (
	"runtime"

	"bottleneck/internal/parallel"
)

// This file is the driver of the fast matrix product ("gemm", the BLAS name
// for general matrix multiply). It computes c = op(a)·op(b), where op(x) is
// x or xᵀ, in the way of Goto and van de Geijn ("Anatomy of high-performance
// matrix multiplication", 2008):
//
//	for each block of nc columns of c                        (jc loop)
//	  for each slab of kc steps of the inner dimension k     (pc loop)
//	    pack op(b)[pc:pc+kc, jc:jc+nc] into slivers nr wide  (fits in L2/L3)
//	    for each block of mc rows of c                       (ic loop)
//	      pack op(a)[ic:ic+mc, pc:pc+kc] into slivers mr tall (fits in L2)
//	      for each B sliver, for each A sliver:              (jr, ir loops)
//	        micro-kernel: c[mr×nr tile] += A sliver · B sliver (in L1)
//
// Packing copies the operands into the exact order the micro-kernel reads
// them, so the micro-kernel walks memory with stride 1 whatever the strides
// and transposes of a and b are: this is how all three products (a·b, aᵀ·b,
// a·bᵀ) share one fast path.
//
// Order of summation. Every element of c is computed by one goroutine,
// slab after slab in increasing k. The portable micro-kernel adds each term
// straight into the element, starting from zero (or from c's old value when
// accumulating):
//
//	c(i,j) = (((c₀ + a(i,0)·b(0,j)) + a(i,1)·b(1,j)) + …) + a(i,k−1)·b(k−1,j)
//
// The assembly micro-kernels sum each slab in a register from zero, with
// fused multiply-adds, and then add the slab's sum to c. Either way the order
// depends only on k (which fixes the slabs), never on how the rows or
// columns of c are shared among goroutines. That is why the result does not
// depend on GOMAXPROCS.

// kernel is one implementation of the micro-kernel with the block sizes that
// suit it. The portable kernel is in gemm_portable.go; the assembly kernels
// are in gemm_asm_amd64.go and gemm_asm_arm64.go, which choose among them at
// start-up from what the CPU has (kernel.go lets a program choose another).
type kernel struct {
	name   string
	mr, nr int // the micro-kernel computes an mr×nr tile of c
	kc     int // depth of a slab: an A sliver (mr×kc) and a B sliver (kc×nr) stay in L1
	mc     int // rows of a packed A block (mc×kc), sized for L2
	nc     int // columns of a packed B panel (kc×nc), sized for L2/L3
	// micro adds a packed A sliver times a packed B sliver to the mr×nr tile
	// of c that starts at c[0] with row stride ldc:
	//
	//	c[i*ldc+j] += Σ_p a[p*mr+i]·b[p*nr+j]   for p = 0, 1, …, kc−1
	micro func(kc int, a, b, c []float64, ldc int)
}

// minParallelWork is the number of multiply-adds (m·n·k) below which a
// product runs on one goroutine: handing out work would cost more than it
// saves. 1<<18 multiply-adds take about 75 µs on one core with the portable
// kernel (7 GFLOP/s) and about 12 µs with the AVX2 one (45 GFLOP/s).
const minParallelWork = 1 << 18

// gemm sets c = op(a)·op(b) with the kernel in use (kernel.go), where op(a)
// is aᵀ when transA is set, and likewise for b.
func gemm(transA, transB bool, a, b, c *Dense) {
	gemmWith(active(), transA, transB, a, b, c, false)
}

// product is one call of the driver: c = op(a)·op(b), or c += op(a)·op(b).
// op(a) is m×k, op(b) is k×n and c is m×n.
type product struct {
	kern           *kernel
	transA, transB bool
	a, b, c        *Dense
	m, n, k        int
	accumulate     bool  // add to c instead of overwriting it
	split          split // how the output is shared among goroutines
	lower          bool  // compute only the tiles that touch the lower triangle (Gram)
}

// split says how the output of a product is cut into one rectangle per
// goroutine.
type split int

const (
	splitRows     split = iota // bands of rows, each a multiple of mr tall
	splitCols                  // bands of columns, each a multiple of nr wide
	splitTriangle              // bands of rows holding equal areas of the lower triangle (Gram)
)

// gemmWith computes c = op(a)·op(b) with the kernel kern, or adds the
// product to c when accumulate is set. The output is split into bands of
// rows when c is taller than wide, bands of columns otherwise: each
// goroutine packs all of the operand it shares and its own part of the
// other one, so cutting the longer side packs the least.
func gemmWith(kern *kernel, transA, transB bool, a, b, c *Dense, accumulate bool) {
	if kern == &referenceKernel {
		refProduct(transA, transB, a, b, c, accumulate)
		return
	}
	p := newProduct(kern, transA, transB, a, b, c)
	p.accumulate = accumulate
	if p.n > p.m {
		p.split = splitCols
	}
	p.run()
}

// newProduct works out the dimensions of c = op(a)·op(b).
func newProduct(kern *kernel, transA, transB bool, a, b, c *Dense) product {
	m, k := a.rows, a.cols
	if transA {
		m, k = k, m
	}
	return product{kern: kern, transA: transA, transB: transB, a: a, b: b, c: c, m: m, n: c.cols, k: k}
}

// run computes the product on as many goroutines as it is worth: GOMAXPROCS
// for a large product, fewer when the bands would be thinner than one tile,
// and one for a small product. Worker 0 runs on the calling goroutine.
func (p *product) run() {
	if p.k == 0 && !p.accumulate {
		p.c.Zero() // a sum of no terms
	}
	if p.m == 0 || p.n == 0 || p.k == 0 {
		return
	}
	workers := 1
	if p.m*p.n*p.k >= minParallelWork {
		tiles := max((p.m+p.kern.mr-1)/p.kern.mr, (p.n+p.kern.nr-1)/p.kern.nr)
		workers = min(runtime.GOMAXPROCS(0), tiles)
	}
	if workers == 1 {
		p.block(p.band(0, 1))
		return
	}
	p.runParallel(workers)
}

// runParallel shares the bands out with package parallel: worker 0 is the
// calling goroutine, workers 1, 2, … its helper goroutines. The product the
// helpers read lives in the caller's workspace, which comes from the cache,
// so sharing it allocates nothing.
func (p *product) runParallel(workers int) {
	ws := getWorkspace()
	defer putWorkspace(ws)
	ws.job = *p
	parallel.Run(workers, &ws.job)
}

// Part computes the band of worker w of workers: it makes product a
// parallel.Work.
func (p *product) Part(w, workers int) { p.block(p.band(w, workers)) }

// band returns the rectangle rows [i0, i1) × columns [j0, j1) of c that
// worker w of workers computes.
func (p *product) band(w, workers int) (i0, i1, j0, j1 int) {
	switch p.split {
	case splitCols:
		return 0, p.m, cut(p.n, p.kern.nr, w, workers), cut(p.n, p.kern.nr, w+1, workers)
	case splitTriangle:
		// A band of rows [i0, i1) of the lower triangle needs only the
		// columns [0, i1).
		i0, i1 = triangleCut(p.m, p.kern.mr, w, workers), triangleCut(p.m, p.kern.mr, w+1, workers)
		return i0, i1, 0, i1
	default:
		return cut(p.m, p.kern.mr, w, workers), cut(p.m, p.kern.mr, w+1, workers), 0, p.n
	}
}

// cut returns the start of band w when n is cut into parts bands whose
// edges are multiples of unit (the last band takes the remainder).
func cut(n, unit, w, parts int) int {
	if w >= parts {
		return n
	}
	units := (n + unit - 1) / unit
	return min(n, units*w/parts*unit)
}

// block computes the rectangle rows [i0, i1) × columns [j0, j1) of c on one
// goroutine, by the loops described at the top of this file.
func (p *product) block(i0, i1, j0, j1 int) {
	ws := getWorkspace()
	defer putWorkspace(ws)
	kern := p.kern
	if !p.accumulate {
		// The micro-kernels add into c, so start the rectangle from zero.
		// Each goroutine clears its own rectangle: a pass over all of c
		// before sharing out the work would cost the two-core product
		// several percent.
		for i := i0; i < i1; i++ {
			clear(p.c.data[i*p.c.stride+j0 : i*p.c.stride+j1])
		}
	}
	// Cut k into slabs of equal depth, at most kc: k = 784 with kc = 256
	// gives four slabs of 196 rather than three of 256 and a thin one of 16.
	// The slabs depend only on k, never on the band, so the order of
	// summation stays the same however the work is split.
	slabs := (p.k + kern.kc - 1) / kern.kc
	kc := (p.k + slabs - 1) / slabs
	for jc := j0; jc < j1; jc += kern.nc {
		nb := min(kern.nc, j1-jc)
		for pc := 0; pc < p.k; pc += kc {
			kb := min(kc, p.k-pc)
			bp := ws.packedB(kb * roundUp(nb, kern.nr))
			packB(kern.nr, p.b, p.transB, pc, kb, jc, nb, bp)
			for ic := i0; ic < i1; ic += kern.mc {
				mb := min(kern.mc, i1-ic)
				if p.lower && ic+mb <= jc {
					continue // the whole block lies above the diagonal
				}
				ap := ws.packedA(kb * roundUp(mb, kern.mr))
				packA(kern.mr, p.a, p.transA, ic, mb, pc, kb, ap)
				p.macro(ws, ap, bp, ic, mb, jc, nb, kb)
			}
		}
	}
}

// macro multiplies a packed A block (mb×kb, rows from ic) by a packed B
// panel (kb×nb, columns from jc) into c, one mr×nr tile at a time.
func (p *product) macro(ws *workspace, ap, bp []float64, ic, mb, jc, nb, kb int) {
	kern := p.kern
	mr, nr := kern.mr, kern.nr
	c := p.c
	for jr := 0; jr < nb; jr += nr {
		bSliver := bp[jr*kb : (jr+nr)*kb]
		for ir := 0; ir < mb; ir += mr {
			i, j := ic+ir, jc+jr
			if p.lower && i+mr <= j {
				continue // the tile lies above the diagonal
			}
			aSliver := ap[ir*kb : (ir+mr)*kb]
			rows, cols := min(mr, mb-ir), min(nr, nb-jr)
			if rows == mr && cols == nr {
				kern.micro(kb, aSliver, bSliver, c.data[i*c.stride+j:], c.stride)
				continue
			}
			// A tile at the bottom or right edge: the packed slivers are
			// padded with zeros, so run the micro-kernel on a full-size
			// scratch tile and copy back only the part that exists.
			edge := ws.edge[:mr*nr]
			clear(edge)
			for r := 0; r < rows; r++ {
				copy(edge[r*nr:r*nr+cols], c.data[(i+r)*c.stride+j:])
			}
			kern.micro(kb, aSliver, bSliver, edge, nr)
			for r := 0; r < rows; r++ {
				copy(c.data[(i+r)*c.stride+j:(i+r)*c.stride+j+cols], edge[r*nr:])
			}
		}
	}
}

// roundUp returns n rounded up to a multiple of unit.
func roundUp(n, unit int) int { return (n + unit - 1) / unit * unit }
