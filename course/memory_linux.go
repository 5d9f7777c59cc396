package course

import (
	"fmt"
	"os"
)

// withMemoryLimit returns the command line that runs name with args with
// its address space limited to bytes, through the shell's ulimit -v, and
// true; or name and args unchanged and false when bytes is 0 or there is no
// /bin/sh.
func withMemoryLimit(bytes int64, name string, args []string) (string, []string, bool) {
	if bytes <= 0 {
		return name, args, false
	}
	if _, err := os.Stat("/bin/sh"); err != nil {
		return name, args, false
	}
	script := fmt.Sprintf(`ulimit -v %d && exec "$0" "$@"`, bytes/1024)
	return "/bin/sh", append([]string{"-c", script, name}, args...), true
}
