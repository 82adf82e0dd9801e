//go:build !windows

package main

// ownConsole reports whether the program has a console window of its own
// that closes when it ends. Only Windows opens one for a double-click.
func ownConsole() bool { return false }
