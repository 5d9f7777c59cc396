package main

import (
	"errors"
	"io"
)

// runEncode is not written yet; its issue fills it in.
func runEncode(args []string, stdout, stderr io.Writer) error {
	return errors.New("not implemented yet")
}
