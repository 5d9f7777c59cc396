package sandbox_test

import (
	"bytes"
	"context"
	"errors"
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
	spec := sandbox.Spec{
		Dir:    dir,
		Path:   prog,
		Env:    append(os.Environ(), studentEnv+"=hello"),
		Stdout: &out,
		Memory: 2 << 30, // 2 GiB of address space, on Linux
	}
	c, err := sandbox.Command(context.Background(), spec)
	if errors.Is(err, sandbox.ErrDynamic) {
		// A test binary built with -race is linked dynamically. A grader
		// builds its programs with CGO_ENABLED=0 instead.
		spec.Unisolated = true
		c, err = sandbox.Command(context.Background(), spec)
	}
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
