// Package quote shortens what a user typed before a message quotes it, so
// that a flag value of a megabyte gives a message of one line, and a value
// with control characters (a newline, a terminal's escape) cannot break
// that line or recolour the terminal.
package quote

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Brief returns s if it is at most 60 bytes long; otherwise its first 40
// bytes (cut at a character boundary) followed by "… (N bytes)", N the
// length of s. Control characters and invalid UTF-8 in what it keeps are
// written as Go escapes (\n, \x1b).
func Brief(s string) string {
	if len(s) <= 60 {
		return printable(s)
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s… (%d bytes)", printable(s[:n]), len(s))
}

// Printable returns s whole, with its control characters and invalid UTF-8
// written as Go escapes, as Brief writes them: for a path a success line
// names, which a reader needs whole but which must not break the line or
// recolour the terminal. It returns s itself when every character of s is
// printable.
func Printable(s string) string { return printable(s) }

// printable returns s with every character that is not printable written
// as strconv.Quote writes it, without the quotes; s itself if all are.
func printable(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			q := strconv.Quote(s)
			return q[1 : len(q)-1]
		}
	}
	return s
}
