package sandbox

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

// runInit is the init: it sets up the sandbox as its argv[1] says, starts
// the program, reaps every process that ends in the namespace, and exits
// with the program's status when the program ends. It never returns.
//
// A setup that fails is reported on file 3 (see awaitSetup), and the init
// exits with status 125.
func runInit() {
	// Capabilities and no_new_privs belong to a thread, and a new process
	// inherits those of the thread that forked it: do all of it, and the
	// fork, on this one.
	runtime.LockOSThread()
	report := os.NewFile(3, "report")
	syscall.CloseOnExec(3) // the program must not hold it open
	var cfg initConfig
	if len(os.Args) != 2 || json.Unmarshal([]byte(os.Args[1]), &cfg) != nil {
		fmt.Fprintf(os.Stderr, "%s: only package sandbox starts this\n", initName)
		os.Exit(2)
	}
	pid, err := startProgram(cfg)
	if err != nil {
		fmt.Fprintln(report, err)
		os.Exit(125)
	}
	report.Close() // all went well: the caller's Start returns
	if cfg.Probe {
		os.Exit(0)
	}
	os.Exit(reap(pid))
}

// startProgram sets up the sandbox and starts the program in it, and
// returns its process id; with cfg.Probe it only sets up.
func startProgram(cfg initConfig) (int, error) {
	if cfg.Isolate {
		if err := isolate(cfg); err != nil {
			return 0, err
		}
	}
	if cfg.Probe {
		return 0, nil
	}
	if cfg.Memory > 0 {
		// Hard and soft limit alike, so that the program cannot raise it.
		// It binds the init too, which has reserved what it needs by now.
		lim := syscall.Rlimit{Cur: uint64(cfg.Memory), Max: uint64(cfg.Memory)}
		if err := syscall.Setrlimit(syscall.RLIMIT_AS, &lim); err != nil {
			return 0, fmt.Errorf("limiting memory: %w", err)
		}
	}
	p, err := os.StartProcess(cfg.Path, cfg.Argv, &os.ProcAttr{
		Dir:   cfg.Dir,
		Files: []*os.File{os.Stdin, os.Stdout, os.Stderr},
		// Should the init die (killed when the context ended), so does
		// the program; isolated, the namespace would end it anyway.
		Sys: &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL},
	})
	if err != nil {
		return 0, fmt.Errorf("starting the program: %w", err)
	}
	return p.Pid, nil
}

// reap waits for every process that ends in the namespace (orphans come to
// the init) until the program ends, and returns the program's status for
// the init's own: its exit status, or 128 plus the signal that killed it.
// When the init then exits, the kernel kills what is left.
func reap(pid int) int {
	for {
		var ws syscall.WaitStatus
		got, err := syscall.Wait4(-1, &ws, 0, nil)
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return 125 // ECHILD: the program is gone, unseen; cannot happen
		case got != pid:
			continue
		case ws.Signaled():
			return 128 + int(ws.Signal())
		default:
			return ws.ExitStatus()
		}
	}
}

// isolate makes, in the init's new namespaces, a root that holds only what
// cfg names, moves into it, and drops every right the program could use
// to undo that. The host's root is unmounted here: no path leads back.
func isolate(cfg initConfig) error {
	// Mounts made from here on stay in this mount namespace: without this a
	// shared mount (systemd makes / shared) would pass them on outside.
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		return fmt.Errorf("making mounts private: %w", err)
	}
	root := cfg.Root
	// The new root: an empty tmpfs of 1 MiB, room for the mount points.
	if err := syscall.Mount("tmpfs", root, "tmpfs", syscall.MS_NOSUID|syscall.MS_NODEV, "mode=0755,size=1m"); err != nil {
		return fmt.Errorf("mounting the new root: %w", err)
	}
	// The devices a program may open: the host's own, bound onto files.
	for _, d := range []string{"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"} {
		if err := mountPoint(root+d, false); err != nil {
			return err
		}
		if err := bind(d, root+d, false); err != nil {
			return err
		}
	}
	if cfg.Proc {
		// A /proc of the new PID namespace shows only the sandbox's
		// processes. The kernel refuses it where the host's /proc is
		// partly hidden (a container's): then there is no /proc inside.
		if err := mountPoint(root+"/proc", true); err != nil {
			return err
		}
		syscall.Mount("proc", root+"/proc", "proc", syscall.MS_NOSUID|syscall.MS_NODEV|syscall.MS_NOEXEC, "")
	}
	// A /tmp of its own, of at most 256 MiB, for t.TempDir and the like.
	if err := mountPoint(root+"/tmp", true); err != nil {
		return err
	}
	if err := syscall.Mount("tmpfs", root+"/tmp", "tmpfs", syscall.MS_NOSUID|syscall.MS_NODEV, "mode=1777,size=256m"); err != nil {
		return fmt.Errorf("mounting /tmp: %w", err)
	}
	if err := mountPoint(root+cfg.Dir, true); err != nil {
		return err
	}
	if err := bind(cfg.Dir, root+cfg.Dir, !cfg.Writable); err != nil {
		return err
	}
	if cfg.Path != "" && !within(cfg.Path, cfg.Dir) {
		// Inside the folder, the program is already there (and a mount
		// point made in it would be made in the host's folder).
		if err := mountPoint(root+cfg.Path, false); err != nil {
			return err
		}
		if err := bind(cfg.Path, root+cfg.Path, true); err != nil {
			return err
		}
	}
	// No user namespace nested in this one: it would give the program
	// capabilities again (over nothing of the host's, but over a larger
	// part of the kernel to attack). The sysctl read and written here is
	// this user namespace's own.
	// Where a container made /proc/sys read-only this fails: the sandbox
	// goes without rather than not at all.
	os.WriteFile("/proc/sys/user/max_user_namespaces", []byte("0"), 0)
	// The host's name is none of the program's business.
	if err := syscall.Sethostname([]byte("sandbox")); err != nil {
		return fmt.Errorf("naming the host: %w", err)
	}
	// Make the new root the root, and unmount the old one from under it:
	// pivot_root(".", ".") stacks the old root on the new, and the detach
	// removes it (pivot_root(2) describes the idiom).
	if err := os.Chdir(root); err != nil {
		return err
	}
	if err := syscall.PivotRoot(".", "."); err != nil {
		return fmt.Errorf("pivot_root: %w", err)
	}
	if err := syscall.Unmount(".", syscall.MNT_DETACH); err != nil {
		return fmt.Errorf("unmounting the old root: %w", err)
	}
	// The root itself read-only: the program writes to its folder and /tmp.
	if err := syscall.Mount("", "/", "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY|syscall.MS_NOSUID|syscall.MS_NODEV, ""); err != nil {
		return fmt.Errorf("making the root read-only: %w", err)
	}
	if err := os.Chdir(cfg.Dir); err != nil {
		return err
	}
	return dropRights()
}

// mountPoint makes an empty folder, or an empty file, at path, and the
// folders above it; they are on the new root's tmpfs.
func mountPoint(path string, dir bool) error {
	if dir {
		return os.MkdirAll(path, 0o755)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	return f.Close()
}

// statfs flags (statfs(2)), which the syscall package does not name.
const (
	stNosuid     = 0x2
	stNodev      = 0x4
	stNoexec     = 0x8
	stNoatime    = 0x400
	stNodiratime = 0x800
	stRelatime   = 0x1000
)

// bind mounts src (a folder with what is mounted under it, or a file) at
// dst, read-only if asked (the mounts under it keep their own flags).
func bind(src, dst string, readOnly bool) error {
	if err := syscall.Mount(src, dst, "", syscall.MS_BIND|syscall.MS_REC, ""); err != nil {
		return fmt.Errorf("binding %s: %w", src, err)
	}
	if !readOnly {
		return nil
	}
	// Read-only takes a remount, which in a user namespace must keep the
	// flags the host's mount has (nosuid, nodev, noexec, atime), or the
	// kernel refuses it: read them from the host's mount.
	var st syscall.Statfs_t
	if err := syscall.Statfs(src, &st); err != nil {
		return fmt.Errorf("reading the mount flags of %s: %w", src, err)
	}
	flags := uintptr(syscall.MS_BIND | syscall.MS_REMOUNT | syscall.MS_RDONLY)
	for _, f := range []struct {
		st int64
		ms uintptr
	}{
		{stNosuid, syscall.MS_NOSUID}, {stNodev, syscall.MS_NODEV}, {stNoexec, syscall.MS_NOEXEC},
		{stNoatime, syscall.MS_NOATIME}, {stNodiratime, syscall.MS_NODIRATIME}, {stRelatime, syscall.MS_RELATIME},
	} {
		if int64(st.Flags)&f.st != 0 {
			flags |= f.ms
		}
	}
	if err := syscall.Mount("", dst, "", flags, ""); err != nil {
		return fmt.Errorf("making %s read-only: %w", src, err)
	}
	return nil
}

// within reports whether path is dir or lies under it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// prctl(2) options and the capability version that the syscall package
// does not name (linux/prctl.h, linux/capability.h).
const (
	prSetNoNewPrivs      = 38
	prCapAmbient         = 47
	prCapAmbientClearAll = 4
	capabilityVersion3   = 0x20080522
)

// dropRights leaves this thread, and so the program it starts, with no
// capability and no means to get one: it is root of its user namespace,
// and an exec as root would otherwise give back every capability in the
// bounding set.
func dropRights() error {
	// no_new_privs: no exec adds rights (setuid files, file capabilities).
	if _, _, e := syscall.RawSyscall(syscall.SYS_PRCTL, prSetNoNewPrivs, 1, 0); e != 0 {
		return fmt.Errorf("prctl(PR_SET_NO_NEW_PRIVS): %w", e)
	}
	// An empty bounding set: exec as root gives the capabilities in it.
	// The kernel says EINVAL past the last capability it knows.
	for c := uintptr(0); ; c++ {
		_, _, e := syscall.RawSyscall(syscall.SYS_PRCTL, syscall.PR_CAPBSET_DROP, c, 0)
		if e == syscall.EINVAL {
			break
		}
		if e != 0 {
			return fmt.Errorf("prctl(PR_CAPBSET_DROP, %d): %w", c, e)
		}
	}
	// No ambient capabilities (EINVAL: a kernel older than 4.3 has none).
	if _, _, e := syscall.RawSyscall6(syscall.SYS_PRCTL, prCapAmbient, prCapAmbientClearAll, 0, 0, 0, 0); e != 0 && e != syscall.EINVAL {
		return fmt.Errorf("prctl(PR_CAP_AMBIENT_CLEAR_ALL): %w", e)
	}
	// Empty effective, permitted and inheritable sets (capset(2), version
	// 3: two 32-bit words of each).
	hdr := struct {
		version uint32
		pid     int32
	}{capabilityVersion3, 0}
	var data [2]struct{ effective, permitted, inheritable uint32 }
	if _, _, e := syscall.RawSyscall(syscall.SYS_CAPSET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&data[0])), 0); e != 0 {
		return fmt.Errorf("capset: %w", e)
	}
	return nil
}
