//go:build !linux

package publish

// exchange is not available: swap renames twice.
func exchange(a, b string) error { return errNoExchange }
