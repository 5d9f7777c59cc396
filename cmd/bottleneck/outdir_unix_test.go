//go:build unix

package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestFullDiskKeepsPreviousRun: a run that cannot write its outputs (here a
// file size limit, ulimit -f, which fails writes as a full disk does) leaves
// the previous run's files whole, and no temporary file; before, it could
// leave a new model beside old pictures and an old summary.
func TestFullDiskKeepsPreviousRun(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	out := filepath.Join(t.TempDir(), "run")
	if code, _, stderr := runBinary(t, trainArgs(data, out)...); code != 0 {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	before := map[string][]byte{}
	for _, name := range trainFiles {
		before[name], _ = os.ReadFile(filepath.Join(out, name))
	}
	// 784-64-2 makes a model of about 800 kB; the limit is 100 kB (ulimit
	// counts blocks of 1024 bytes).
	args := strings.Join(trainArgs(data, out, "-layers", "784,64,2"), " ")
	cmd := exec.Command("sh", "-c", "ulimit -f 100 && exec "+bottleneckBinary(t)+" "+args)
	cmd.Env = append(os.Environ(), "MNIST_DIR=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(stderr.String(), "file too large") {
		t.Fatalf("run under ulimit -f: %v, stderr %q; want exit 1 and \"file too large\"", err, stderr.String())
	}
	if strings.Contains(stderr.String(), ".tmp-") {
		t.Errorf("the message names a temporary file: %q", stderr.String())
	}
	for _, name := range trainFiles {
		if now, _ := os.ReadFile(filepath.Join(out, name)); !bytes.Equal(now, before[name]) {
			t.Errorf("%s changed although the run failed", name)
		}
	}
	checkOneRun(t, out)
}

// TestFailingRunRemovesNothing: a run that fails (here on SIGTERM) while
// another trains into the same new folder takes nothing away. It used to
// remove the folder it had created, and the good run, which had started
// after it, then had nowhere to write.
func TestFailingRunRemovesNothing(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 20)
	out := filepath.Join(t.TempDir(), "shared")
	failing := exec.Command(bottleneckBinary(t), trainArgs(data, out, "-epochs", "1000000")...)
	failing.Env = append(os.Environ(), "MNIST_DIR=")
	started, err := failing.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := failing.Start(); err != nil {
		t.Fatal(err)
	}
	bufio.NewReader(started).ReadString('\n') // "training …": past the checks of -out
	good := exec.Command(bottleneckBinary(t), trainArgs(data, out, "-epochs", "200")...)
	good.Env = failing.Env
	if err := good.Start(); err != nil {
		t.Fatal(err)
	}
	failing.Process.Signal(syscall.SIGTERM)
	go io.Copy(io.Discard, started)
	if err := failing.Wait(); failing.ProcessState.ExitCode() != 1 {
		t.Errorf("the interrupted run: %v, want exit status 1", err)
	}
	if err := good.Wait(); err != nil {
		t.Fatalf("the good run failed: %v", err)
	}
	checkOneRun(t, out)
}

// TestOutUnderProc: a folder to make inside one that takes no new files
// (Linux's /proc, where even root cannot create one) is refused naming
// that folder, before any work.
func TestOutUnderProc(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	err := checkWritableFolder("/proc/bottleneck-test/run")
	want := "cannot create output directory /proc/bottleneck-test/run: the folder /proc above it takes no new files ("
	if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.HasSuffix(err.Error(), "; choose another with -out") {
		t.Errorf("got %v, want %q…", err, want)
	}
}

// TestOutDanglingLink: an -out that is a symbolic link to nothing, or lies
// under one, is refused before any work; making the folder would fail
// with "file exists" after training.
func TestOutDanglingLink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "dangle")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), link); err != nil {
		t.Skip(err)
	}
	for _, out := range []string{link, filepath.Join(link, "sub")} {
		err := checkWritableFolder(out)
		want := "cannot create output directory " + out + ": " + link + " is a symbolic link to " + filepath.Join(dir, "nowhere") + ", which does not exist (choose another with -out)"
		if err == nil || err.Error() != want {
			t.Errorf("-out %s: got %v, want %q", out, err, want)
		}
	}
}
