// Package parallel shares work among the cores for packages matrix and nn:
// the bands of a large matrix product, of an element-wise function, of an
// optimizer's update.
//
// The work runs on the calling goroutine and on helper goroutines that are
// started the first time they are needed and then kept, so that sharing
// work allocates nothing and a training step stays free of allocations.
//
// Work is cut into parts by its own code, and each part is computed the
// same way whichever goroutine runs it. So a caller whose parts do not
// depend on how many there are (ForBands: every row is computed by the same
// code) gets the same bits whatever GOMAXPROCS is.
package parallel

// Work is work that can be cut into parts done at the same time:
// Part(w, workers) does part w of workers (w = 0, 1, …, workers−1), and
// must write nothing that another part writes.
type Work interface {
	Part(w, workers int)
}

// Run does parts 0, 1, …, workers−1 of work at the same time: part 0 on the
// calling goroutine, the others on helper goroutines. It returns when every
// part is done, and allocates nothing. With workers ≤ 1 it calls
// work.Part(0, 1) and nothing else.
func Run(workers int, work Work) {
	if workers <= 1 {
		work.Part(0, 1)
		return
	}
	c := getCall()
	defer putCall(c)
	c.run(workers, work)
}

// run hands parts 1, 2, … to the helpers, does part 0 itself and waits for
// the others.
func (c *call) run(workers int, work Work) {
	startHelpers(workers - 1)
	c.done.Add(workers - 1)
	for w := 1; w < workers; w++ {
		jobs <- job{work: work, w: w, workers: workers, done: &c.done}
	}
	work.Part(0, workers)
	c.done.Wait()
}
