package main

import (
	"errors"
	"io"
)

// runCompare is not written yet; its issue fills it in.
func runCompare(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
