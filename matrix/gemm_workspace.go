package matrix

import "sync"

// workspace holds the buffers one goroutine needs to run the blocked
// product: a packed block of A, a packed panel of B, and a scratch tile for
// the edges of c.
//
// Allocating these buffers on every product would cost up to a few
// megabytes of zeroed memory per call (a packed B panel holds up to
// kc·nc = 256·1024 values, 2 MiB) and keep the garbage collector busy, so
// finished workspaces are kept in a small cache, a plain list under a
// mutex, and reused: after the first few products of a training run, a
// product allocates nothing. (Not a sync.Pool: a Pool empties itself
// at garbage collections, so the allocations would come back.) The cache keeps at most
// maxCachedWorkspaces workspaces; more are only needed when many
// goroutines multiply at once, and those extra workspaces are dropped when
// they are returned.
type workspace struct {
	a, b []float64
	edge []float64

	// When the goroutine that owns this workspace shares a product (or an
	// Apply) with helper goroutines, job (apply) is what they share.
	job    product
	apply  applyJob
	finite finiteJob
}

// maxCachedWorkspaces bounds the cache: one workspace per core of a large
// machine, plus a few for products started from several goroutines at once.
const maxCachedWorkspaces = 64

var workspaceCache struct {
	sync.Mutex
	free []*workspace
}

// getWorkspace takes a workspace from the cache, or makes an empty one.
func getWorkspace() *workspace {
	workspaceCache.Lock()
	defer workspaceCache.Unlock()
	if n := len(workspaceCache.free); n > 0 {
		ws := workspaceCache.free[n-1]
		workspaceCache.free = workspaceCache.free[:n-1]
		return ws
	}
	return &workspace{edge: make([]float64, maxTile)}
}

// putWorkspace returns ws to the cache.
func putWorkspace(ws *workspace) {
	ws.job = product{} // drop the references to the matrices
	ws.apply = applyJob{}
	ws.finite = finiteJob{}
	workspaceCache.Lock()
	defer workspaceCache.Unlock()
	if len(workspaceCache.free) < maxCachedWorkspaces {
		workspaceCache.free = append(workspaceCache.free, ws)
	}
}

// maxTile bounds mr·nr of every kernel: the size of the edge tile. The
// largest tile of any kernel is 8×24 = 192 values (AVX-512).
const maxTile = 8 * 24

// packedA returns a buffer of n values for a packed block of A, growing the
// workspace's buffer when it is too small.
func (ws *workspace) packedA(n int) []float64 {
	if cap(ws.a) < n {
		ws.a = make([]float64, n)
	}
	return ws.a[:n]
}

// packedB returns a buffer of n values for a packed panel of B.
func (ws *workspace) packedB(n int) []float64 {
	if cap(ws.b) < n {
		ws.b = make([]float64, n)
	}
	return ws.b[:n]
}
