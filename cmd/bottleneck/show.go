package main

import (
	"errors"
	"io"
)

// runShow is not written yet; its issue fills it in.
func runShow(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
