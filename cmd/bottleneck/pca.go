package main

import (
	"errors"
	"io"
)

// runPCA is not written yet; its issue fills it in.
func runPCA(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
