package experiment

import (
	"os"
	"strconv"
	"strings"
)

// processCPUSeconds returns the CPU time this process has used so far,
// user and system, in seconds, from /proc/self/stat; 0 where there is no
// such file (not Linux). On a machine shared with other work the wall
// time of an epoch says how busy the machine was as much as how fast the
// code is; the CPU time says what the epoch cost.
func processCPUSeconds() float64 {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	s := string(b)
	// The second field, the command's name in parentheses, may hold
	// spaces: count the fields after its closing parenthesis. utime and
	// stime are fields 14 and 15 of the line, in clock ticks of 1/100 s
	// (USER_HZ, 100 on every Linux architecture Go supports).
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	user, err1 := strconv.ParseFloat(f[11], 64)
	sys, err2 := strconv.ParseFloat(f[12], 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return (user + sys) / 100
}
