package load

import (
	"bytes"
	"slices"
	"unicode/utf8"
)

// scanner reads the records of a CSV file as encoding/csv does (cells
// trimmed, blank records nil, the same positions), without copying the
// text: a cell is a slice of it, unless it is quoted and holds a doubled
// quote or a line break, and the record it returns reuses the memory of
// the one before. A district's files are tens of megabytes,
// which encoding/csv reads at about 10 MB/s, allocating for every row.
//
// The scanner stops at the first syntax error (a quote in an unquoted
// cell, text after a closing quote, a quote that is not closed) and sets
// failed: the file is then read again with encoding/csv, which reports
// the error and goes on as it always has.
//
// A large file is read in parts, each by a scanner of its own (see
// split).
type scanner struct {
	*lines
	i      int // the offset of the next byte
	line   int // the line it is on
	rec    record
	failed bool
}

func newScanner(l *lines) *scanner { return &scanner{lines: l, line: 1} }

// next returns the next record and its line, nil for a row whose cells
// are all blank, and false at the end of the text or at a syntax error.
func (s *scanner) next() (*record, int, bool) {
	for s.i < len(s.text) {
		end := s.lineEnd()
		if end == s.i {
			s.nextLine() // encoding/csv skips empty lines
			continue
		}
		blank, ok := s.record(end)
		if !ok {
			s.failed = true
			return nil, 0, false
		}
		if blank {
			return nil, s.rec.line(0), true
		}
		return &s.rec, s.rec.line(0), true
	}
	return nil, 0, false
}

// split divides the text after s.i, where a record starts, into parts of
// size bytes or a little more that end at the end of a record, and
// returns a scanner for each. Read in turn, they read the records s would
// read, and the first of them that fails fails where s would: a part ends
// inside a quoted cell only after a syntax error.
func (s *scanner) split(size int) []*scanner {
	var parts []*scanner
	for from := s.i; from < len(s.text); {
		to := s.recordEnd(from, from+size)
		l := s.lines
		if to < len(s.text) {
			// The lines after the part stay, so that the scanner reads
			// the end of its last line as s does.
			l = &lines{text: s.text[:to], starts: s.starts}
		}
		line, _ := slices.BinarySearch(s.starts, from)
		parts = append(parts, &scanner{lines: l, i: from, line: line + 1})
		from = to
	}
	return parts
}

// recordEnd returns the offset after the first line break at or after at
// that ends a record, or the end of the text; a record starts at from.
// Outside quoted cells, the number of quotes since the start of a record
// is even: a quoted cell adds two, and a doubled quote inside it two more.
func (s *scanner) recordEnd(from, at int) int {
	if at >= len(s.text) {
		return len(s.text)
	}
	quotes := bytes.Count(s.text[from:at], []byte{'"'})
	for at < len(s.text) {
		nl := bytes.IndexByte(s.text[at:], '\n')
		if nl < 0 {
			break
		}
		quotes += bytes.Count(s.text[at:at+nl], []byte{'"'})
		at += nl + 1
		if quotes%2 == 0 {
			return at
		}
	}
	return len(s.text)
}

// lineStart is the offset of the current line.
func (s *scanner) lineStart() int { return s.starts[s.line-1] }

// lineEnd is the end of the content of the current line: before its line
// break, and before a carriage return that precedes the break or ends the
// file, which encoding/csv drops too.
func (s *scanner) lineEnd() int {
	end := len(s.text)
	if s.line < len(s.starts) {
		end = s.starts[s.line] - 1
	}
	if end > s.i && s.text[end-1] == '\r' {
		end--
	}
	return end
}

// nextLine moves to the start of the line after the current one.
func (s *scanner) nextLine() {
	s.line++
	s.i = len(s.text)
	if s.line <= len(s.starts) {
		s.i = s.lineStart()
	}
}

// record reads into s.rec the record that starts at s.i, on a line whose
// content ends at end, and moves to the line after it. It reports whether
// every cell of the record is blank, and false at a syntax error.
func (s *scanner) record(end int) (blank, ok bool) {
	s.rec.cells, s.rec.at = s.rec.cells[:0], s.rec.at[:0]
	blank = true
	for last := false; !last; {
		s.rec.at = append(s.rec.at, int32(s.line), int32(s.i-s.lineStart()+1))
		var cell []byte
		if s.i < end && s.text[s.i] == '"' {
			line := s.line
			if cell, last, ok = s.quoted(); !ok {
				return false, false
			}
			if s.line != line {
				end = s.lineEnd()
			}
		} else {
			// Cells are short: one loop finds the comma and any quote
			// faster than two calls of bytes.IndexByte.
			k := s.i
			for ; k < end && s.text[k] != ','; k++ {
				if s.text[k] == '"' {
					return false, false // a bare quote
				}
			}
			cell = s.text[s.i:k]
			if k < end {
				s.i = k + 1
			} else {
				last = true
			}
		}
		cell = trimSpace(cell)
		blank = blank && len(cell) == 0
		s.rec.cells = append(s.rec.cells, cell)
	}
	s.nextLine()
	return blank, true
}

// quoted reads the quoted cell that starts at s.i and moves past it and
// the comma after it; last reports that the cell ends its record, in
// which case s.i is on the record's last line.
func (s *scanner) quoted() (cell []byte, last, ok bool) {
	start := s.i + 1
	plain := true // the cell is the text between the quotes as it is
	for k := start; ; {
		q := bytes.IndexByte(s.text[k:], '"')
		if q < 0 {
			return nil, false, false // not closed
		}
		q += k
		// Line breaks inside the cell: count them, and note a CR LF,
		// which encoding/csv turns into LF.
		for s.line < len(s.starts) && s.starts[s.line] <= q {
			if s.starts[s.line] >= start+2 && s.text[s.starts[s.line]-2] == '\r' {
				plain = false
			}
			s.line++
		}
		after := q + 1
		switch {
		case after < len(s.text) && s.text[after] == '"':
			plain = false // a doubled quote
			k = after + 1
			continue
		case after < len(s.text) && s.text[after] == ',':
			s.i = after + 1
		case after == len(s.text) || s.text[after] == '\n' ||
			s.text[after] == '\r' && (after+1 == len(s.text) || s.text[after+1] == '\n'):
			s.i, last = after, true
		default:
			return nil, false, false // text after the closing quote
		}
		if plain {
			return s.text[start:q], last, true
		}
		return unquote(s.text[start:q]), last, true
	}
}

// unquote returns a copy of the text of a quoted cell with its doubled
// quotes undone and its CR LF line breaks turned into LF, as encoding/csv
// reads them.
func unquote(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if i+1 < len(b) && (b[i] == '"' && b[i+1] == '"' || b[i] == '\r' && b[i+1] == '\n') {
			i++ // keep the second quote, or the LF
		}
		out = append(out, b[i])
	}
	return out
}

// trimSpace is bytes.TrimSpace, without its slow path for the cells that
// start or end with a Chinese character and have no space to trim.
func trimSpace(s []byte) []byte {
	if len(s) == 0 {
		return s
	}
	last := len(s) - 1
	for last > 0 && last > len(s)-utf8.UTFMax && !utf8.RuneStart(s[last]) {
		last--
	}
	if !maySpace(s[0]) && !maySpace(s[last]) {
		return s
	}
	return bytes.TrimSpace(s)
}

// maySpace reports whether a rune that starts with byte c may be a space
// (unicode.IsSpace): an ASCII space, or the first byte of U+0085, U+00A0
// (C2), U+1680 (E1), U+2000 to U+205F (E2) or U+3000 (E3).
func maySpace(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\v', '\f', '\r', 0xc2, 0xe1, 0xe2, 0xe3:
		return true
	}
	return false
}
