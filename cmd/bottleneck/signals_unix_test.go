//go:build unix

package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// hangLimit is how long a test waits for the command before it calls it a
// hang: a detector of commands that never stop, not a stopwatch (they stop
// within graceAfterSignal, 3 s, at the latest).
const hangLimit = 60 * time.Second

// signalDuring starts the command, waits until its output (stdout and
// stderr together) contains marker (or, if marker is "", two seconds, for
// a command that prints nothing while it works), sends sig, and returns the
// exit status and the whole output.
func signalDuring(t *testing.T, sig os.Signal, marker string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bottleneckBinary(t), args...)
	cmd.Env = append(os.Environ(), "MNIST_DIR=")
	pr, pw := io.Pipe()
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var output strings.Builder
	seen := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := sync.Once{}
		for sc.Scan() {
			mu.Lock()
			output.WriteString(sc.Text() + "\n")
			if marker != "" && strings.Contains(output.String(), marker) {
				once.Do(func() { close(seen) })
			}
			mu.Unlock()
		}
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait(); pw.Close() }()
	if marker == "" {
		go func() {
			time.Sleep(2 * time.Second)
			close(seen)
		}()
	}
	select {
	case <-seen:
	case <-exited:
		mu.Lock()
		defer mu.Unlock()
		t.Fatalf("%v ended before printing %q:\n%s", args, marker, output.String())
	case <-time.After(hangLimit):
		cmd.Process.Kill()
		t.Fatalf("%v never printed %q", args, marker)
	}
	cmd.Process.Signal(sig)
	select {
	case <-exited:
	case <-time.After(hangLimit):
		cmd.Process.Kill()
		t.Fatalf("%v did not stop on %v", args, sig)
	}
	time.Sleep(10 * time.Millisecond) // let the reader take the last line
	mu.Lock()
	defer mu.Unlock()
	return cmd.ProcessState.ExitCode(), output.String()
}

// TestSignalsStopEveryCommand: SIGTERM and Ctrl-C (SIGINT) stop every long
// command, whatever it is doing, with exit status 1 and the message
// "interrupted; nothing was saved", and nothing is written.
func TestSignalsStopEveryCommand(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 30)
	tmp := t.TempDir()
	for _, tc := range []struct {
		name   string
		marker string
		args   []string
	}{
		{"train, training", "training 784-", []string{"train", "-data", data, "-out", filepath.Join(tmp, "train"), "-layers", "784,16,4", "-epochs", "1000000", "-batch", "10", "-train-n", "30"}},
		{"gradcheck, checking", "parameter", []string{"gradcheck", "-layers", "120,60,30", "-n", "50"}},
		{"compare, exact descent", "PCA of", []string{"compare", "-data", data, "-k", "3", "-steps", "1000000000", "-out", filepath.Join(tmp, "compare")}},
		{"compare, mini-batch", "mini-batch backpropagation", []string{"compare", "-data", data, "-k", "3", "-steps", "1", "-epochs", "1000000", "-batch", "10", "-out", filepath.Join(tmp, "compare")}},
		{"bench, timing", "timing 784-", []string{"bench", "-data", data, "-layers", "784,16,4", "-epochs", "1000000", "-batch", "10", "-train-n", "30"}},
	} {
		for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
			code, output := signalDuring(t, sig, tc.marker, tc.args...)
			if code != 1 || !strings.HasSuffix(output, ": interrupted; nothing was saved\n") {
				t.Errorf("%s, %v: exit %d, output ends %q; want 1 and \"interrupted; nothing was saved\"", tc.name, sig, code, tail(output))
			}
		}
	}
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("interrupted runs left %d entries in the output folder", len(entries))
	}
}

// tail returns the last 200 bytes of s.
func tail(s string) string {
	return s[max(0, len(s)-200):]
}

// TestSignalsStopPCAOnRealData: pca stops while it reads or fits the
// 60,000 real images (the copy built into the program), which takes tens of
// seconds; the signal comes after two.
func TestSignalsStopPCAOnRealData(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pca")
	code, output := signalDuring(t, syscall.SIGTERM, "", "pca", "-out", out)
	if code != 1 || !strings.HasSuffix(output, ": interrupted; nothing was saved\n") {
		t.Errorf("exit %d, output ends %q; want 1 and \"interrupted; nothing was saved\"", code, tail(output))
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the interrupted run made its output folder")
	}
}

// TestSignalStopsFetch: Ctrl-C during a download that hangs stops fetch
// with a message like the other commands'.
func TestSignalStopsFetch(t *testing.T) {
	srv := stallingMirror(t)
	dir := filepath.Join(t.TempDir(), "mnist")
	code, output := signalDuring(t, os.Interrupt, "", "fetch", "-data", dir, "-mirrors", srv.URL+"/mnist/")
	if want := "bottleneck fetch: interrupted; the file being downloaded was not saved, those verified before stay in " + dir + "\n"; code != 1 || output != want {
		t.Errorf("exit %d, output %q; want 1 and %q", code, output, want)
	}
}

// TestDataThatIsNotAFile: a named pipe in place of an MNIST file is refused
// at once by every command that reads it (opening it used to hang for
// good, deaf to SIGTERM), and by fetch, which verifies the files present.
func TestDataThatIsNotAFile(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 10)
	os.Remove(filepath.Join(data, "train-images-idx3-ubyte.gz"))
	if err := syscall.Mkfifo(filepath.Join(data, "train-images-idx3-ubyte.gz"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, args := range [][]string{
		{"train", "-data", data, "-out", out},
		{"show", "-data", data, "-out", filepath.Join(out, "d.png")},
		{"pca", "-data", data, "-out", out},
		{"bench", "-data", data},
		{"fetch", "-data", data},
	} {
		code, _, stderr := runBinary(t, args...)
		if code != 1 || !strings.Contains(stderr, "not a regular file: it is a named pipe (FIFO)") {
			t.Errorf("%v: exit %d, stderr %q; want 1 and a named pipe refused", args, code, stderr)
		}
	}
}

// TestSignalsStartedIgnored: a command started with SIGINT ignored (a job
// in the background of a shell script is) still stops when asked with
// SIGINT; one started with SIGHUP ignored (under nohup) keeps running on
// SIGHUP, as nohup promises.
func TestSignalsStartedIgnored(t *testing.T) {
	data := t.TempDir()
	writeTinyMNIST(t, data, 30)
	type running struct {
		cmd    *exec.Cmd
		stderr *strings.Builder
		done   chan struct{} // closed when it has exited
	}
	start := func(trap string) running {
		args := strings.Join(trainArgs(data, filepath.Join(t.TempDir(), "run"), "-epochs", "100000000"), " ")
		cmd := exec.Command("sh", "-c", "trap '' "+trap+"; exec "+bottleneckBinary(t)+" "+args)
		cmd.Env = append(os.Environ(), "MNIST_DIR=")
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		bufio.NewReader(stdout).ReadString('\n') // "training …": the signals are set up
		r := running{cmd, &stderr, make(chan struct{})}
		go func() {
			io.Copy(io.Discard, stdout)
			cmd.Wait()
			close(r.done)
		}()
		return r
	}
	stops := func(r running) bool {
		select {
		case <-r.done:
			return true
		case <-time.After(2 * graceAfterSignal): // it stops within graceAfterSignal when it stops at all
			return false
		}
	}

	r := start("INT")
	r.cmd.Process.Signal(os.Interrupt)
	if !stops(r) {
		r.cmd.Process.Kill()
		t.Fatal("started with SIGINT ignored, the command did not stop on SIGINT")
	}
	if code := r.cmd.ProcessState.ExitCode(); code != 1 || !strings.HasSuffix(r.stderr.String(), "interrupted; nothing was saved\n") {
		t.Errorf("SIGINT: exit %d, stderr %q", code, r.stderr.String())
	}

	r = start("HUP")
	r.cmd.Process.Signal(syscall.SIGHUP)
	if stops(r) {
		t.Fatalf("started under nohup (SIGHUP ignored), the command stopped on SIGHUP: %q", r.stderr.String())
	}
	r.cmd.Process.Signal(syscall.SIGTERM)
	if !stops(r) {
		r.cmd.Process.Kill()
		t.Fatal("the command did not stop on SIGTERM")
	}
}

// TestSignalStopsHintonMidEpoch: Ctrl-C in the middle of an epoch of RBM
// pretraining or of fine-tuning (each several seconds long here, longer
// than graceAfterSignal) stops hinton between two batches with its own
// message, not the forced stop's, and keeps the last finished epoch's
// checkpoint; stopped in its first epoch, with nothing to keep, it says so.
func TestSignalStopsHintonMidEpoch(t *testing.T) {
	for _, tc := range []struct{ start, marker, want string }{
		{"rbm", "rbm         pretrain layer 1/4 epoch  1/", "keep every finished epoch: run the same command with -resume to go on\n"},
		{"random", "random      before fine-tuning", "interrupted before the first epoch was finished: nothing to resume yet\n"},
	} {
		out := t.TempDir()
		code, output := signalDuring(t, os.Interrupt, tc.marker, "hinton", "-starts", tc.start, "-map=false",
			"-train-n", "30000", "-test-n", "100", "-out", out)
		if want := tc.want; code != 1 || !strings.HasSuffix(output, want) {
			t.Errorf("%s: exit %d, output ends %q; want 1 and %q", tc.start, code, tail(output), want)
		}
		_, err := os.Stat(filepath.Join(out, "checkpoints", tc.start+".ckpt"))
		if tc.start == "rbm" && err != nil {
			t.Errorf("rbm: the first epoch's checkpoint: %v", err)
		}
	}
}
