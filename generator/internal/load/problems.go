package load

import (
	"fmt"
	"slices"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// problem is a problem found in the file, until report returns it.
type problem struct {
	line, col int // line and byte column; in a sheet, row and column
	msg       string
	level     model.Level
	// group names the problems that report tells as one: those of the
	// cells of one column that are wrong in the same way, e.g. every
	// date written 2021.13.4. more counts the problems after the first,
	// and lines holds the lines of the first few of them.
	group string
	more  int
	lines []int
}

// groupLines is how many lines of a group a message names.
const groupLines = 5

// keep appends ps to list, but no more problems than report can return;
// a problem of a group that list holds already is counted in that group.
func keep(list []problem, ps ...problem) []problem {
	for _, p := range ps {
		if p.group != "" {
			if i := slices.IndexFunc(list, func(q problem) bool { return q.group == p.group }); i >= 0 {
				q := &list[i]
				q.more += 1 + p.more
				q.lines = append(q.lines, p.line)
				q.lines = append(q.lines, p.lines...)
				q.lines = q.lines[:min(len(q.lines), groupLines)]
				continue
			}
		}
		if len(list) > maxFileErrors {
			break
		}
		list = append(list, p)
	}
	return list
}

// add keeps a problem for report, after those found before it.
func (c *csvReader) add(line, byteCol int, format string, args ...any) {
	if len(c.found) <= maxFileErrors {
		c.found = append(c.found, problem{line: line, col: byteCol, msg: fmt.Sprintf(format, args...)})
	}
}

// note keeps a note for report, after the problems found before it; the
// notes of one group are told as one.
func (c *csvReader) note(line, byteCol int, group, format string, args ...any) {
	c.found = keep(c.found, problem{line: line, col: byteCol, msg: fmt.Sprintf(format, args...), level: model.LevelNote, group: group})
}

// addLate keeps a problem of a typed cell for the end; those of a group
// are told as one.
func (c *csvReader) addLate(line, byteCol int, msg, group string) {
	c.late = keep(c.late, problem{line: line, col: byteCol, msg: msg, group: group})
}

// report returns the problems found, those of typed cells last, up to
// maxFileErrors.
func (c *csvReader) report() model.ErrorList {
	var errs model.ErrorList
	for _, p := range slices.Concat(c.found, c.late) {
		if len(errs) == maxFileErrors {
			errs.Add(c.pos(p.line, 1), "too many errors in this file (%d); fix these and run again", maxFileErrors)
			break
		}
		msg := p.msg
		if m := c.merged(p.line, p.col); m != "" {
			msg += " (in the merged cells " + m + ")"
		}
		if p.more > 0 {
			msg += c.alike(p)
		}
		errs = append(errs, &model.Error{Pos: c.pos(p.line, p.col), Level: p.level, Msg: msg})
	}
	return errs
}

// alike tells how many more cells a group of problems holds, and where.
func (c *csvReader) alike(p problem) string {
	where := make([]string, len(p.lines))
	for i, l := range p.lines {
		where[i] = fmt.Sprint(l)
	}
	if p.more > len(p.lines) {
		where = append(where, "…")
	}
	unit := "line"
	if c.sheet != "" {
		unit = "row"
	}
	if len(where) > 1 {
		unit += "s"
	}
	return fmt.Sprintf("; and %d more like it in this column (%s %s)", p.more, unit, strings.Join(where, ", "))
}

func (c *csvReader) pos(line, byteCol int) model.Pos {
	if c.lines == nil { // a sheet: rows and columns as Excel numbers them
		return model.Pos{File: c.file, Sheet: c.sheet, Line: line, Col: byteCol}
	}
	return model.Pos{File: c.file, Line: line, Col: c.lines.col(line, byteCol)}
}

// merged names the merged cells that hold a cell of a sheet, or "".
func (c *csvReader) merged(line, col int) string {
	if c.merges == nil {
		return ""
	}
	return c.merges.at(line, col)
}

// shape is the group of a cell's problem: its column, and its text with
// every digit a 9 and every ASCII letter an a, so that 2021.13.4 and
// 2022.14.5 are alike.
func shape(col int, raw []byte) string {
	b := make([]byte, 0, len(raw)+4)
	b = fmt.Appendf(b, "%d:", col)
	for _, r := range string(raw) {
		switch {
		case r >= '0' && r <= '9':
			b = append(b, '9')
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			b = append(b, 'a')
		default:
			b = append(b, string(r)...)
		}
	}
	return string(b)
}
