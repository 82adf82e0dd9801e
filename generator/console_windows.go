//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

// ownConsole reports whether this program is the only one attached to its
// console window: it was started by a double-click in Explorer rather than
// from a Command Prompt, so the window closes the moment it ends.
func ownConsole() bool {
	// kernel32.dll is one of Windows' known DLLs: always the system's own.
	proc := syscall.NewLazyDLL("kernel32.dll").NewProc("GetConsoleProcessList")
	if proc.Find() != nil {
		return false
	}
	var pids [2]uint32
	n, _, _ := proc.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	return n == 1
}
