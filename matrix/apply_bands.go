package matrix

import "bottleneck/internal/parallel"

// minParallelApply is the number of elements from which Apply shares the
// matrix among the cores. A logistic function takes about 7 ns per element,
// so 1<<15 elements take about 0.2 ms, well above the 10–20 µs it costs to
// hand a band to a helper goroutine.
const minParallelApply = 1 << 15

// applyBands is Apply for a large matrix: the rows are cut into one band
// per core. The job the helpers read lives in the caller's workspace, which
// comes from the cache, so sharing it allocates nothing.
func (m *Dense) applyBands(f func(float64) float64, a *Dense) {
	ws := getWorkspace()
	defer putWorkspace(ws)
	ws.apply = applyJob{f: f, m: m, a: a}
	parallel.ForBands(m.rows, 1, &ws.apply)
}

// applyJob is one call of Apply, cut into bands of rows.
type applyJob struct {
	f    func(float64) float64
	m, a *Dense
}

// Band applies f to rows [i0, i1).
func (j *applyJob) Band(i0, i1 int) {
	for i := i0; i < i1; i++ {
		mr, ar := j.m.Row(i), j.a.Row(i)
		for k := range mr {
			mr[k] = j.f(ar[k])
		}
	}
}
