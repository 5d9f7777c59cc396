// Package quote shortens what a user typed before a message quotes it, so
// that a flag value of a megabyte gives a message of one line.
package quote

import (
	"fmt"
	"unicode/utf8"
)

// Brief returns s if it is at most 60 bytes long; otherwise its first 40
// bytes (cut at a character boundary) followed by "… (N bytes)", N the
// length of s.
func Brief(s string) string {
	if len(s) <= 60 {
		return s
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:n], len(s))
}
