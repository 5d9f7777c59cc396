package experiment

import (
	"fmt"
	"unicode/utf8"
)

// brief returns s, or its first 40 bytes and a note of its length if it is
// longer, for quoting a value in a message.
func brief(s string) string {
	if len(s) <= 60 {
		return s
	}
	n := 40
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:n], len(s))
}
