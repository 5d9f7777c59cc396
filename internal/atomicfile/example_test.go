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

// A model and the summary that describes it are replaced together: until
// Commit the folder holds the old pair, afterwards the new one, the summary
// renamed last.
func ExampleSet() {
	dir, _ := os.MkdirTemp("", "atomicfile-set-example")
	defer os.RemoveAll(dir)

	var outputs atomicfile.Set
	outputs.WriteFile(filepath.Join(dir, "model"), []byte("weights"))
	outputs.WriteFile(filepath.Join(dir, "summary.json"), []byte(`{"epochs": 1}`))
	_, err := os.Stat(filepath.Join(dir, "model"))
	fmt.Println("model there before Commit:", err == nil)
	if err := outputs.Commit(nil); err != nil {
		fmt.Println(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	// Output:
	// model there before Commit: false
	// model
	// summary.json
}
