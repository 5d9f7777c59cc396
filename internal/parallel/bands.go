package parallel

import "runtime"

// Bander is work on n rows that can be cut into bands of rows done at the
// same time: Band(i0, i1) does rows [i0, i1) and must write nothing outside
// them.
type Bander interface {
	Band(i0, i1 int)
}

// ForBands does rows [0, n) of body on all cores: it cuts them into one band
// per core (fewer, so that no band is shorter than minRows) and runs
// body.Band on each band at once, the first on the calling goroutine. It
// returns when every band is done, and allocates nothing as long as body is
// a pointer that already lives on the heap (a field of a long-lived struct,
// not a local variable).
//
// Work done this way gives the same result for any GOMAXPROCS, since each
// row is computed by the same code whichever band holds it.
func ForBands(n, minRows int, body Bander) {
	workers := min(runtime.GOMAXPROCS(0), n/max(minRows, 1))
	if workers <= 1 {
		body.Band(0, n)
		return
	}
	c := getCall()
	defer putCall(c)
	c.bands = bands{body: body, n: n}
	c.run(workers, &c.bands)
}

// bands is one call of ForBands as Work: part w of workers is the band of
// rows [w·n/workers, (w+1)·n/workers).
type bands struct {
	body Bander
	n    int
}

// Part does band w of workers.
func (b *bands) Part(w, workers int) {
	b.body.Band(w*b.n/workers, (w+1)*b.n/workers)
}
