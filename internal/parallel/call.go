package parallel

import "sync"

// call is what one call of Run or ForBands shares with the helpers: the
// WaitGroup it waits on and, for ForBands, the bands. A helper holds a
// pointer to it, so it cannot live on the caller's stack; and making a new
// one for every call would allocate. So finished calls are kept in a small
// cache, a plain list under a mutex, and reused. (Not a sync.Pool: a Pool
// empties itself at garbage collections, and the allocations would come
// back.)
type call struct {
	done  sync.WaitGroup
	bands bands
}

// maxCachedCalls bounds the cache: calls are only outstanding at the same
// time when several goroutines share out work at once.
const maxCachedCalls = 64

var callCache struct {
	sync.Mutex
	free []*call
}

// getCall takes a call from the cache, or makes a new one.
func getCall() *call {
	callCache.Lock()
	defer callCache.Unlock()
	if n := len(callCache.free); n > 0 {
		c := callCache.free[n-1]
		callCache.free = callCache.free[:n-1]
		return c
	}
	return &call{}
}

// putCall returns c to the cache.
func putCall(c *call) {
	c.bands = bands{} // drop the reference to the caller's work
	callCache.Lock()
	defer callCache.Unlock()
	if len(callCache.free) < maxCachedCalls {
		callCache.free = append(callCache.free, c)
	}
}
