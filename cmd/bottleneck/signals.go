package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// graceAfterSignal is how long a command may take to stop after Ctrl-C or
// SIGTERM before the program ends it itself: long enough to finish a batch
// of any network MNIST calls for, short enough that nobody reaches for
// kill -9.
const graceAfterSignal = 3 * time.Second

// watchSignals makes the first Ctrl-C (SIGINT), SIGTERM or SIGHUP (the
// terminal closed) cancel the
// command's context with the cause interrupted: every long phase checks the
// context and stops, and nothing half-done is saved. A second signal ends
// the program at once, as usual. If the command has not stopped
// graceAfterSignal after the first signal (a phase that does not check the
// context, or a read that blocks), forceStop ends it. The returned function
// stops watching; call it when the command returns.
func watchSignals(cancel context.CancelCauseFunc, name string, stderr io.Writer) (stop func()) {
	sigs := make(chan os.Signal, 1)
	// SIGINT and SIGTERM stop the command even when the program was
	// started with them ignored (a job in the background of a script):
	// asked to stop, it stops. SIGHUP ignored (nohup) stays ignored.
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	if !signal.Ignored(syscall.SIGHUP) {
		signal.Notify(sigs, syscall.SIGHUP)
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
		case <-done:
			return
		}
		signal.Stop(sigs) // the next signal has its default effect: the end
		cancel(interrupted)
		select {
		case <-done:
		case <-time.After(graceAfterSignal):
			forceStop(name, stderr)
		}
	}()
	return func() {
		close(done)
		signal.Stop(sigs)
	}
}

// forceStop ends the program with status 1, after taking away the
// temporary files of the outputs not yet committed. If a commit is under
// way it waits for it; if one has been made, the command is only printing
// its result, and forceStop lets it finish.
func forceStop(name string, stderr io.Writer) {
	if !discardAllOutputs() {
		return
	}
	fmt.Fprintf(stderr, "bottleneck %s: %v\n", name, interrupted)
	os.Exit(1)
}
