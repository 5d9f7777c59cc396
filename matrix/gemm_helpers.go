package matrix

import "sync"

// The helper goroutines run bands of large products for the goroutine that
// called Mul (see runParallel in gemm.go). They are started when first
// needed and then kept, waiting on a channel: starting fresh goroutines for
// every product would allocate a little memory each time, and a training
// step must not allocate.

// helperJob asks a helper to compute band w of workers of the product p, and
// to call done.Done when it has finished.
type helperJob struct {
	p          *product
	w, workers int
	done       *sync.WaitGroup
}

// helperJobs carries jobs to the helpers. Its buffer lets the caller hand
// out all its bands without waiting for a helper to be free.
var helperJobs = make(chan helperJob, 64)

var helpers struct {
	sync.Mutex
	started int
}

// startHelpers makes sure at least n helper goroutines are running.
func startHelpers(n int) {
	helpers.Lock()
	defer helpers.Unlock()
	for ; helpers.started < n; helpers.started++ {
		go helper()
	}
}

// helper runs jobs for as long as the program runs.
func helper() {
	for job := range helperJobs {
		job.p.block(job.p.band(job.w, job.workers))
		job.done.Done()
	}
}
