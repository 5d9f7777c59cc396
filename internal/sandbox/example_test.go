package sandbox_test

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"bottleneck/internal/sandbox"
)

// ExampleCommand runs a program (this test binary, told by its environment
// to greet) with one folder in reach, isolated where the system allows.
// A grader reports c.Isolation, which says which it was.
func ExampleCommand() {
	prog, err := os.Executable()
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, err := os.MkdirTemp("", "sandbox-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	var out bytes.Buffer
	c, err := sandbox.Command(context.Background(), sandbox.Spec{
		Dir:    dir,
		Path:   prog,
		Env:    append(os.Environ(), studentEnv+"=hello"),
		Stdout: &out,
		Memory: 2 << 30, // 2 GiB of address space, on Linux
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := c.Run(); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(out.String())
	// Output:
	// hello from the sandbox
	// DONE
}
