//go:build unix

package build

import "syscall"

// flushDisk writes the file system's pending writes to disk, so that the
// writing back of a fixture just made does not land in what is measured.
func flushDisk() { syscall.Sync() }
