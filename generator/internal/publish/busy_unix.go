//go:build unix

package publish

import (
	"errors"
	"syscall"
)

// busy reports whether err is a rename that another program prevents for
// now. Unix renames a folder whatever holds it open.
func busy(err error) bool { return errors.Is(err, syscall.EBUSY) }

// running reports whether the process pid still runs.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
