package main

import (
	"errors"
	"io"
)

// runTrain is not written yet; its issue fills it in.
func runTrain(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
