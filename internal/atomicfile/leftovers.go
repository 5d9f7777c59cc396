package atomicfile

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A temporary file is named after its target and the process that writes
// it: ".NAME.tmp-PID-RANDOM", in the target's folder, RANDOM digits. A
// program killed between writing it and renaming it (during a Set's
// commit, say) leaves it behind, hidden; the next write of NAME into that
// folder removes it (removeLeftovers), once it is sure that no running
// program is still writing it.

// staleTemp is the age past which a temporary file of the older form
// ".NAME.tmp-RANDOM", which names no process, counts as left behind: no
// write takes that long between staging and renaming.
const staleTemp = time.Hour

// tempPrefix returns the start of the temporary names for the target
// named base: ".NAME.tmp-", NAME cut to fit the file system's limit.
func tempPrefix(base string) string { return "." + shorten(base, 100) + ".tmp-" }

// removeLeftovers removes from dir the temporary files that earlier writes
// of base left behind: regular files named tempPrefix(base) then
// "PID-DIGITS" of a process that is no longer running, or then "DIGITS"
// (the older form) and not modified for staleTemp. It touches nothing
// else: not this process's files, not a running program's, not a link, not
// a folder. Failures are ignored: a leftover only takes room.
func removeLeftovers(dir, base string) {
	prefix := tempPrefix(base)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		if leftover(rest, func() (time.Time, bool) {
			info, err := e.Info()
			if err != nil {
				return time.Time{}, false
			}
			return info.ModTime(), true
		}) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// leftover reports whether a temporary name ending in rest (what follows
// tempPrefix) was left behind: its process is not running, or, for the
// older form without a process, modTime says it is older than staleTemp.
func leftover(rest string, modTime func() (time.Time, bool)) bool {
	pid, random, withPID := strings.Cut(rest, "-")
	if !withPID {
		if !digits(rest) {
			return false
		}
		t, ok := modTime()
		return ok && time.Since(t) > staleTemp
	}
	n, err := strconv.Atoi(pid)
	if err != nil || !digits(pid) || !digits(random) || n <= 0 || n == os.Getpid() {
		return false
	}
	return !running(n)
}

// digits reports whether s is one or more ASCII digits.
func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
