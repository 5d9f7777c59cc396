//go:build !linux

package sandbox_test

import "fmt"

// attack knows no attacks here: they are Linux's.
func attack(what, arg string) (int, bool) {
	fmt.Println("no such behaviour:", what)
	return 1, false
}
