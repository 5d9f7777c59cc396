package course

// memoryLimited says that Limits.Memory is set on this system (as the
// sandbox's limit on the address space).
const memoryLimited = true
