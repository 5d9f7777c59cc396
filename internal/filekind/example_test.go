package filekind_test

import (
	"errors"
	"fmt"
	"os"

	"bottleneck/internal/filekind"
)

// A directory is refused before it is opened, with an error that says what
// it is.
func ExampleOpenRegular() {
	dir, _ := os.MkdirTemp("", "filekind-example")
	defer os.RemoveAll(dir)
	_, _, err := filekind.OpenRegular(dir)
	fmt.Println(errors.Is(err, filekind.ErrNotRegular), filekind.Describe(os.ModeDir))
	// Output: true a directory
}
