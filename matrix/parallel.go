package matrix

import "runtime"

// Bander is work on n rows that can be cut into bands of rows done at the
// same time: Band(i0, i1) does rows [i0, i1) and must write nothing outside
// them.
type Bander interface {
	Band(i0, i1 int)
}

// ForBands does rows [0, n) of body on all cores: it cuts them into one band
// per core (fewer, so that no band is shorter than minRows) and runs
// body.Band on each band at once, the first on the calling goroutine and the
// others on the helper goroutines that also run the large products. It
// returns when every band is done, and allocates nothing.
//
// Element-wise work done this way gives the same result for any GOMAXPROCS,
// since each row is computed by the same code whichever band holds it.
func ForBands(n, minRows int, body Bander) {
	workers := min(runtime.GOMAXPROCS(0), n/max(minRows, 1))
	if workers <= 1 {
		body.Band(0, n)
		return
	}
	startHelpers(workers - 1)
	ws := getWorkspace()
	defer putWorkspace(ws)
	ws.bands = bandsJob{body: body, n: n}
	ws.done.Add(workers - 1)
	for w := 1; w < workers; w++ {
		helperJobs <- helperJob{work: &ws.bands, w: w, workers: workers, done: &ws.done}
	}
	ws.bands.part(0, workers)
	ws.done.Wait()
}

// bandsJob is one call of ForBands, shared with the helpers.
type bandsJob struct {
	body Bander
	n    int
}

// part does band w of workers: rows [w·n/workers, (w+1)·n/workers).
func (b *bandsJob) part(w, workers int) {
	b.body.Band(w*b.n/workers, (w+1)*b.n/workers)
}
