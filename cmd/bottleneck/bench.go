package main

import (
	"errors"
	"io"
)

// runBench is not written yet; its issue fills it in.
func runBench(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
