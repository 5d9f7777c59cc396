package matrix

import (
	"sync/atomic"

	"bottleneck/internal/parallel"
)

// allFiniteBands is AllFinite for a large matrix: the rows are cut into one
// band per core, each checked by rowsFinite. The answer is the same on any
// number of cores: false exactly when some element is not finite.
func (m *Dense) allFiniteBands() bool {
	ws := getWorkspace()
	defer putWorkspace(ws)
	ws.finite = finiteJob{m: m}
	parallel.ForBands(m.rows, 1, &ws.finite)
	return !ws.finite.bad.Load()
}

// finiteJob is one call of AllFinite, cut into bands of rows.
type finiteJob struct {
	m   *Dense
	bad atomic.Bool // set by any band that finds an element not finite
}

// Band checks rows [i0, i1).
func (j *finiteJob) Band(i0, i1 int) {
	if !rowsFinite(j.m, i0, i1) {
		j.bad.Store(true)
	}
}
