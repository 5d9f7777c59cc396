package sandbox

import (
	"context"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// initName is the init's argv[0]: Main recognises the init by it.
const initName = "bottleneck-sandbox-init"

// mainCalled is set by Main: without it, the init would not run as init.
var mainCalled bool

// initConfig is what the init is told to do, as JSON in its argv[1].
type initConfig struct {
	Isolate  bool     // set up the namespaces' root; else only limit and run
	Probe    bool     // set up, then end without running anything
	Root     string   // an empty folder to mount the new root on
	Dir      string   // Spec.Dir
	Writable bool     // Spec.Writable
	Path     string   // Spec.Path
	Argv     []string // the program's argv, its name first
	Memory   int64    // Spec.Memory
	Proc     bool     // mount a /proc inside (not when the caller is root: see isolate)
}

// Main runs the sandbox's init, and never returns, if this process was
// started as one by Command; otherwise it returns at once. Call it first
// thing in main, and in TestMain of the tests of a package that uses
// Command: the init is this executable run again.
func Main() {
	mainCalled = true
	if len(os.Args) == 0 || os.Args[0] != initName {
		return
	}
	runInit() // exits
}

// availability caches what Available found.
var availability struct {
	once sync.Once
	ok   bool
	why  string
}

// probeTimeout bounds the probe: setting up a sandbox takes milliseconds.
const probeTimeout = 30 * time.Second

// Available reports whether programs can run isolated here and, if not,
// why. The first call sets up a sandbox, with nothing in it to run, and
// remembers how it went.
func Available() (bool, string) {
	if !mainCalled {
		return false, "sandbox.Main is not called first in this program"
	}
	availability.once.Do(func() { availability.ok, availability.why = probe() })
	return availability.ok, availability.why
}

// probe sets up a sandbox and reports whether that worked and, if not, why.
func probe() (bool, string) {
	if sysctl("user/max_user_namespaces") == "0" {
		return false, "user namespaces are turned off (sysctl user.max_user_namespaces = 0)"
	}
	if os.Geteuid() != 0 && sysctl("kernel/unprivileged_userns_clone") == "0" {
		return false, "unprivileged user namespaces are turned off (sysctl kernel.unprivileged_userns_clone = 0)"
	}
	dir, err := os.MkdirTemp("", "bottleneck-sandbox-probe-")
	if err != nil {
		return false, "no folder to try namespaces in: " + err.Error()
	}
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	spec := Spec{Dir: dir}
	c, err := initCmd(ctx, spec, Isolation{Isolated: true}, initConfig{Isolate: true, Probe: true})
	if err == nil {
		err = c.Run()
	}
	if err == nil {
		return true, ""
	}
	why := "user namespaces are not permitted here (" + err.Error() + ")"
	var errno syscall.Errno
	switch {
	case errors.Is(err, ErrSetup):
		why = "the kernel refuses to set up namespaces (" + err.Error() + ")"
	case errors.As(err, &errno):
		why = "user namespaces are not permitted here (clone: " + errno.Error() + ")"
	}
	if sysctl("kernel/apparmor_restrict_unprivileged_userns") == "1" {
		why += "; AppArmor restricts unprivileged user namespaces"
	}
	return false, why
}

// sysctl returns the value of the sysctl at /proc/sys/name, "" if unknown.
func sysctl(name string) string {
	b, err := os.ReadFile("/proc/sys/" + name)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// command returns the Cmd that runs spec through the init, in namespaces
// if iso says so.
func command(ctx context.Context, spec Spec, iso Isolation) (*Cmd, error) {
	if !mainCalled {
		panic("sandbox: Command: sandbox.Main was not called first in main (or TestMain)")
	}
	if iso.Isolated && dynamic(spec.Path) {
		return nil, fmt.Errorf("sandbox: %s is %w", spec.Path, ErrDynamic)
	}
	return initCmd(ctx, spec, iso, initConfig{Isolate: iso.Isolated})
}

// dynamic reports whether the executable at path asks for a dynamic
// linker, which the sandbox does not have.
func dynamic(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false // not ELF: starting it will say what it is
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}

// initCmd returns the Cmd that starts this executable as the init, told by
// cfg (filled in from spec here) what to do.
func initCmd(ctx context.Context, spec Spec, iso Isolation, cfg initConfig) (*Cmd, error) {
	cfg.Dir, cfg.Writable, cfg.Path, cfg.Memory = spec.Dir, spec.Writable, spec.Path, spec.Memory
	cfg.Argv = append([]string{spec.Path}, spec.Args...)
	// Inside, the caller's user is root. When that is the system's root,
	// a /proc would let it write /proc/sys and /proc/sysrq-trigger without
	// any capability (their owner is its user); so only other users get one.
	cfg.Proc = os.Geteuid() != 0
	c := &Cmd{Isolation: iso}
	if cfg.Isolate {
		root, err := os.MkdirTemp("", "bottleneck-sandbox-")
		if err != nil {
			return nil, err
		}
		cfg.Root, c.root = root, root
	}
	b, err := json.Marshal(cfg)
	if err != nil {
		c.cleanup()
		return nil, err
	}
	// /proc/self/exe is this executable, even if its file was replaced.
	cmd := exec.CommandContext(ctx, "/proc/self/exe", string(b))
	cmd.Args[0] = initName
	setIO(cmd, spec)
	if cfg.Isolate {
		if cmd.Env == nil {
			cmd.Env = os.Environ()
		}
		cmd.Env = append(cmd.Env, "TMPDIR=/tmp") // the last of a name wins
		cmd.SysProcAttr = &syscall.SysProcAttr{
			Cloneflags: syscall.CLONE_NEWUSER | syscall.CLONE_NEWNS | syscall.CLONE_NEWPID |
				syscall.CLONE_NEWNET | syscall.CLONE_NEWIPC | syscall.CLONE_NEWUTS,
			// The caller's user and group are root inside, and no other
			// is mapped: an unprivileged process may map only itself.
			UidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}},
			GidMappings: []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}},
			// An unprivileged process may map its group only if it gives
			// up setgroups, which could drop a group that denies access.
			GidMappingsEnableSetgroups: false,
			// If the caller dies, so does the init, and with it the
			// namespace (when the thread that started it ends, strictly;
			// Go ends threads only for goroutines locked to them).
			Pdeathsig: syscall.SIGKILL,
		}
	} else {
		cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
		ownGroup(cmd)
		c.group = true
	}
	r, w, err := os.Pipe()
	if err != nil {
		c.cleanup()
		return nil, err
	}
	cmd.ExtraFiles = []*os.File{w} // the init's file 3: its report on the setup
	c.cmd, c.report, c.reportW = cmd, r, w
	return c, nil
}

// awaitSetup reads the init's report on its setup: nothing before it
// closes its end once the program has started, or what went wrong.
func (c *Cmd) awaitSetup() error {
	msg, _ := io.ReadAll(io.LimitReader(c.report, 4096))
	if len(msg) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s", ErrSetup, strings.TrimSpace(string(msg)))
}
