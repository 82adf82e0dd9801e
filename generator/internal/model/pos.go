package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is a position in a site file. File is relative to the site folder,
// with forward slashes. Line and Col count from 1; zero means unknown.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats p as FILE:LINE:COL, leaving out the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Level is how serious a finding is.
type Level int

const (
	// LevelError fails the build.
	LevelError Level = iota
	// LevelWarning is printed but does not fail the build (unless --strict).
	LevelWarning
)

func (l Level) String() string {
	if l == LevelWarning {
		return "warning"
	}
	return "error"
}

// Error is one problem found in a site, at a position.
type Error struct {
	Pos   Pos
	Level Level
	Msg   string
	Err   error // the cause, if any
}

func (e *Error) Error() string {
	if e.Level == LevelWarning {
		return e.Pos.String() + ": warning: " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorList collects every problem of a run, so that all of them can be
// reported at once. The zero value is ready to use.
type ErrorList []*Error

// Add appends an error at pos.
func (l *ErrorList) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// Warn appends a warning at pos.
func (l *ErrorList) Warn(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Level: LevelWarning, Msg: fmt.Sprintf(format, args...)})
}

// Append adds err to the list: an *Error or ErrorList is kept as it is,
// any other error is recorded at pos.
func (l *ErrorList) Append(pos Pos, err error) {
	if err == nil {
		return
	}
	var list ErrorList
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Pos: pos, Msg: err.Error(), Err: err})
}

// Len is the number of errors and warnings.
func (l ErrorList) Len() int { return len(l) }

// Sort orders the list by file, line, column and message, and drops exact duplicates.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && e.Pos == s[i-1].Pos && e.Msg == s[i-1].Msg && e.Level == s[i-1].Level {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Errors returns the entries of level error.
func (l ErrorList) Errors() ErrorList { return l.filter(LevelError) }

// Warnings returns the entries of level warning.
func (l ErrorList) Warnings() ErrorList { return l.filter(LevelWarning) }

func (l ErrorList) filter(level Level) ErrorList {
	var out ErrorList
	for _, e := range l {
		if e.Level == level {
			out = append(out, e)
		}
	}
	return out
}

// Err returns the list as an error if it holds at least one error
// (warnings alone are not an error), or nil.
func (l ErrorList) Err() error {
	if len(l.Errors()) == 0 {
		return nil
	}
	return l
}

// Error prints one problem per line.
func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
