package atomicfile_test

import (
	"fmt"
	"os"
	"path/filepath"

	"bottleneck/internal/atomicfile"
)

// Replacing a file: a reader sees either the old content or the new, never
// a mixture, and nothing else is left in the folder.
func Example() {
	dir, _ := os.MkdirTemp("", "atomicfile-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "summary.json")

	atomicfile.WriteFile(path, []byte(`{"epochs": 1}`))
	atomicfile.WriteFile(path, []byte(`{"epochs": 2}`))

	data, _ := os.ReadFile(path)
	entries, _ := os.ReadDir(dir)
	fmt.Println(string(data), len(entries))
	// Output: {"epochs": 2} 1
}
