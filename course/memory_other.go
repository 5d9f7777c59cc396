//go:build !linux

package course

// memoryLimited says that Limits.Memory is set on this system: only on
// Linux (macOS, for one, ignores a limit on the address space).
const memoryLimited = false
