package model

import (
	"fmt"
	"runtime"
	"strings"
)

// A Panic is a panic recovered where a goroutine of the generator
// started, with the place in the generator's code that panicked. A panic
// is a bug of the generator, never of the site; recovering it keeps serve
// running and lets a build report it, with the site's other problems,
// instead of crashing.
type Panic struct {
	Value any    // what was passed to panic
	At    string // function and file:line of the code that panicked
}

func (p *Panic) Error() string {
	if p.At == "" {
		return fmt.Sprint(p.Value)
	}
	return fmt.Sprintf("%v (at %s)", p.Value, p.At)
}

// Recovered turns what recover returned into a *Panic. Call it in the
// deferred function that recovered, so that it can find where the panic
// happened; a *Panic recovered again is returned as it is, and nil
// (no panic) as nil.
func Recovered(v any) *Panic {
	if v == nil {
		return nil
	}
	if p, ok := v.(*Panic); ok {
		return p
	}
	return &Panic{Value: v, At: panicSite()}
}

// Positioned reports the panic at pos, as the failure of what (e.g. "rendering
// years/2023/").
func (p *Panic) Positioned(pos Pos, what string) *Error {
	return &Error{Pos: pos, Err: p, Msg: fmt.Sprintf("internal error while %s: %v; this is a bug of the generator, not a mistake in the site: please report it with this message", what, p)}
}

// panicSite finds the frame that called panic (or failed at run time)
// among the callers of the deferred function that recovered.
func panicSite() string {
	pcs := make([]uintptr, 64)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	inPanic := false
	for {
		f, more := frames.Next()
		switch {
		case f.Function == "runtime.gopanic":
			inPanic = true
		case inPanic && !strings.HasPrefix(f.Function, "runtime."):
			return fmt.Sprintf("%s %s:%d", f.Function[strings.LastIndex(f.Function, "/")+1:], shortFile(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}

// shortFile is the last folder and the name of a source file.
func shortFile(file string) string {
	if i := strings.LastIndex(file, "/"); i > 0 {
		if j := strings.LastIndex(file[:i], "/"); j >= 0 {
			return file[j+1:]
		}
	}
	return file
}
