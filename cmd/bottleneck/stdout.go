package main

import (
	"context"
	"errors"
	"io"
	"sync"
)

// stdoutWriter is standard output as the commands see it. It remembers the
// first write that failed (a full disk behind "> file", a closed pipe) and
// calls failed with it once, so that the command stops: a report that
// cannot be printed is a failure, not a success.
type stdoutWriter struct {
	w      io.Writer
	failed context.CancelCauseFunc // may be nil

	mu  sync.Mutex
	err error
}

// stdoutError is a write to standard output that failed.
type stdoutError struct{ err error }

func (e stdoutError) Error() string {
	return "cannot write to standard output: " + unwrapPathError(e.err).Error()
}

func (e stdoutError) Unwrap() error { return e.err }

// Write writes p, or does nothing and returns the first error again once
// a write has failed.
func (s *stdoutWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		s.err = stdoutError{err}
		if s.failed != nil {
			s.failed(s.err)
		}
	}
	return n, err
}

// Err returns the first failed write as a stdoutError, or nil.
func (s *stdoutWriter) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// isStdoutError reports whether err is a failed write to standard output.
func isStdoutError(err error) bool {
	var se stdoutError
	return errors.As(err, &se)
}
