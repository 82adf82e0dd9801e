package model

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Pos is a position in a site file. File is relative to the site folder,
// with forward slashes. Line and Col count from 1; zero means unknown. In
// a workbook (.xlsx), Sheet names the sheet, Line is the row and Col the
// column, as Excel numbers them.
type Pos struct {
	File  string
	Sheet string
	Line  int
	Col   int
}

// String formats p as FILE:LINE:COL, leaving out the parts that are
// unknown; a position in a workbook is FILE:SHEET!CELL, e.g.
// data/repairs.xlsx:维修!C14, which Excel's Go To box (Ctrl+G) takes.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Sheet != "" && p.Line == 0:
		return p.File + ":" + p.Sheet
	case p.Sheet != "":
		return fmt.Sprintf("%s:%s!%s%d", p.File, p.Sheet, ColumnName(max(p.Col, 1)), p.Line)
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Cell is the Excel name of the cell of a position in a workbook, e.g.
// C14, or "" when the position is not one.
func (p Pos) Cell() string {
	if p.Sheet == "" || p.Line == 0 {
		return ""
	}
	return ColumnName(max(p.Col, 1)) + fmt.Sprint(p.Line)
}

// ColumnName is the letters Excel names column n (from 1) by: A, B, …,
// Z, AA, AB, ….
func ColumnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// Level is how serious a finding is.
type Level int

const (
	// LevelError fails the build.
	LevelError Level = iota
	// LevelWarning is printed but does not fail the build (unless --strict).
	LevelWarning
	// LevelNote says what the generator did that the writer may want to
	// know, e.g. that a total row of a table was left out. check prints
	// notes; they never fail anything.
	LevelNote
)

func (l Level) String() string {
	switch l {
	case LevelWarning:
		return "warning"
	case LevelNote:
		return "note"
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
	if e.Level != LevelError {
		return e.Pos.String() + ": " + e.Level.String() + ": " + e.Msg
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

// Note appends a note at pos.
func (l *ErrorList) Note(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Level: LevelNote, Msg: fmt.Sprintf(format, args...)})
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

// Sort orders the list by file, line, column and message, and drops
// exact duplicates. The files of data/ come first: a table's problems
// explain the problems of the pages that use it.
func (l *ErrorList) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if da, db := strings.HasPrefix(a.Pos.File, "data/"), strings.HasPrefix(b.Pos.File, "data/"); da != db {
			return da
		}
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Sheet != b.Pos.Sheet {
			return a.Pos.Sheet < b.Pos.Sheet
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

// Notes returns the entries of level note.
func (l ErrorList) Notes() ErrorList { return l.filter(LevelNote) }

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
