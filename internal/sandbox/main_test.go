package sandbox_test

import (
	"fmt"
	"os"
	"testing"

	"bottleneck/internal/sandbox"
)

// The tests run this test binary itself as the "student" program: with
// studentEnv set, TestMain runs the behaviour it names instead of the
// tests. argEnv carries the behaviour's argument (a path, a port).
const (
	studentEnv = "SANDBOX_TEST_STUDENT"
	argEnv     = "SANDBOX_TEST_ARG"
	tokenEnv   = "SANDBOX_TEST_TOKEN" // marks the processes a test started, to find them in /proc
	sleepEnv   = "SANDBOX_TEST_SLEEP" // how long the sleeper sleeps before it writes
)

func TestMain(m *testing.M) {
	sandbox.Main()
	if what := os.Getenv(studentEnv); what != "" {
		os.Exit(student(what, os.Getenv(argEnv)))
	}
	os.Exit(m.Run())
}

// student does what a student's code might, and says on standard output
// what it got: a line "GOT ..." for each thing it should not have got,
// then "DONE". It returns its exit status. The attacks are Linux's
// (attack); the behaviours here run everywhere.
func student(what, arg string) int {
	switch what {
	case "hello":
		fmt.Println("hello from the sandbox")
	case "exit7":
		return 7 // an exit status of its own, to see it forwarded
	default:
		if status, done := attack(what, arg); !done {
			return status
		}
	}
	fmt.Println("DONE")
	return 0
}
