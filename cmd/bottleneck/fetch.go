package main

import (
	"errors"
	"io"
)

// runFetch is not written yet; its issue fills it in.
func runFetch(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
