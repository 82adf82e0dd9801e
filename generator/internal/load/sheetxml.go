package load

import (
	"bytes"
	"html"
	"strconv"

	"github.com/houqin/report/generator/internal/par"

	"github.com/xuri/excelize/v2"
)

// A district's ledger of 200,000 rows takes excelize's streaming reader
// (encoding/xml, a token at a time) about five seconds. sheetCells is the
// fast path of workbook.read: it reads the cells of a sheet's XML as
// excelize's Rows and Columns do with RawCellValue, giving the same
// values for the same rows, in a fraction of the time. It reads only the
// plain form that Excel, WPS, LibreOffice and excelize write; for any
// other (namespace prefixes, rich inline text, escaped characters) it
// reports false and excelize reads the sheet. TestSheetCells and
// FuzzWorkbook compare the two on every test workbook.

// sheetCells returns the cells of each row of a sheet's XML, row n at
// index n-1, or false when the XML is not in the plain form; false and
// a row that is nil when a row has more columns than a sheet can. A cell is a
// part of data, or of sst, not a copy.
func sheetCells(data []byte, sst [][]byte) ([][][]byte, bool) {
	start := bytes.Index(data, []byte("<sheetData"))
	if start < 0 {
		return nil, false
	}
	end := bytes.LastIndex(data, []byte("</sheetData>"))
	if end < 0 {
		if bytes.Contains(data[start:], []byte("<sheetData/>")) {
			return nil, true
		}
		return nil, false
	}
	body := data[start+len("<sheetData") : end]
	if i := bytes.IndexByte(body, '>'); i >= 0 {
		body = body[i+1:]
	}
	if bytes.IndexByte(body, '\r') >= 0 || bytes.Contains(body, []byte("_x")) {
		return nil, false // line ends and escapes that only encoding/xml reads right
	}
	// A large sheet is read in two halves at once, when the second
	// starts with a row that says its number.
	if half := len(body) / 2; half > 1<<20 {
		if k := bytes.Index(body[half:], []byte("<row ")); k >= 0 {
			first, second := body[:half+k], body[half+k:]
			_, attrs, _, _, ok := element(second, 0)
			if n, err := strconv.Atoi(string(attr(attrs, "r"))); ok && err == nil {
				var a, b [][][]byte
				var okA, okB bool
				par.Each(2, func(i int) {
					if i == 0 {
						a, okA = rowCells(first, sst, 0)
					} else {
						b, okB = rowCells(second, sst, 0)
					}
				})
				switch {
				case !okA || !okB:
					if tooWide(a) || tooWide(b) {
						return [][][]byte{nil}, false
					}
					return nil, false
				case n <= len(a):
					return nil, false // rows out of order: for excelize
				}
				copy(b, a) // b holds rows from 1: those before its first are a's
				return b, true
			}
		}
	}
	return rowCells(body, sst, 0)
}

// tooWide reports whether rowCells stopped at a row wider than a sheet
// can be.
func tooWide(rows [][][]byte) bool { return len(rows) == 1 && rows[0] == nil }

// rowCells reads the rows of body, the content of sheetData (or a part
// of it that starts with a row), as sheetCells does; row is the number
// of the row before it.
func rowCells(body []byte, sst [][]byte, row int) ([][][]byte, bool) {
	rows := make([][][]byte, 0, bytes.Count(body, []byte("<row")))
	col, width := 0, 0
	var cells [][]byte
	for i := 0; i < len(body); {
		lt := bytes.IndexByte(body[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		tag, attrs, closed, next, ok := element(body, i)
		if !ok {
			return nil, false
		}
		i = next
		switch tag {
		case "row":
			r := attr(attrs, "r")
			if r == nil {
				row++
			} else if n, err := strconv.Atoi(string(r)); err == nil && n > row && n <= excelize.TotalRows {
				row = n
			} else {
				return nil, false
			}
			col, cells = 0, make([][]byte, 0, width)
			if closed {
				rows = place(rows, row, nil)
			}
		case "/row":
			rows = place(rows, row, cells)
			width = max(width, len(cells))
		case "c":
			if ref := attr(attrs, "r"); ref != nil {
				c := refColumn(ref)
				if c <= col || c > excelize.MaxColumns {
					return nil, false
				}
				col = c
			} else if col++; col > excelize.MaxColumns {
				return [][][]byte{nil}, false // too wide: read no further
			}
			if closed {
				continue
			}
			stop := bytes.Index(body[i:], []byte("</c>"))
			if stop < 0 {
				return nil, false
			}
			v, ok := value(body[i:i+stop], string(attr(attrs, "t")), sst)
			if !ok {
				return nil, false
			}
			i += stop + len("</c>")
			if len(v) > 0 {
				for len(cells) < col-1 {
					cells = append(cells, nil)
				}
				cells = append(cells, v)
			}
		default:
			return nil, false
		}
	}
	return rows, true
}

// place puts the cells of row n into rows.
func place(rows [][][]byte, n int, cells [][]byte) [][][]byte {
	for len(rows) < n-1 {
		rows = append(rows, nil)
	}
	return append(rows, cells)
}

// element reads the tag that starts at body[i] ("<"): its name ("/row"
// for an end tag), its attributes and whether it closes itself, and
// returns the offset after it.
func element(body []byte, i int) (name string, attrs []byte, closed bool, next int, ok bool) {
	gt := bytes.IndexByte(body[i:], '>')
	if gt < 0 {
		return "", nil, false, 0, false
	}
	tag := body[i+1 : i+gt]
	next = i + gt + 1
	if bytes.HasSuffix(tag, []byte("/")) {
		closed, tag = true, tag[:len(tag)-1]
	}
	n := bytes.IndexAny(tag, " \t\n")
	if n < 0 {
		n = len(tag)
	}
	return string(tag[:n]), tag[n:], closed, next, true
}

// attr returns the value of attribute name in attrs, or nil. The
// attributes read (r, t) hold no character to escape.
func attr(attrs []byte, name string) []byte {
	for k := 0; ; {
		j := bytes.Index(attrs[k:], []byte(name+`="`))
		if j < 0 {
			return nil
		}
		j += k
		if j == 0 || attrs[j-1] == ' ' || attrs[j-1] == '\t' || attrs[j-1] == '\n' {
			from := j + len(name) + 2
			to := bytes.IndexByte(attrs[from:], '"')
			if to < 0 {
				return nil
			}
			return attrs[from : from+to]
		}
		k = j + 1
	}
}

// refColumn is the column of a cell reference such as AB12, or 0 when
// it is not one.
func refColumn(ref []byte) int {
	col, i := 0, 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' && col <= excelize.MaxColumns; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i == len(ref) || ref[i] < '1' || ref[i] > '9' {
		return 0
	}
	return col
}

// value is the value of a cell from its content (<f>, <v>, <is>) and
// type, as excelize reads it raw.
func value(content []byte, typ string, sst [][]byte) ([]byte, bool) {
	if bytes.Contains(content, []byte("<is")) {
		if typ != "inlineStr" || bytes.Contains(content, []byte("<r>")) || bytes.Contains(content, []byte("<rPh")) {
			return nil, false // rich text: for excelize
		}
		return elementText(content, "t")
	}
	v, ok := elementText(content, "v")
	if !ok {
		return nil, false
	}
	if typ == "s" && len(v) > 0 {
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 0 || n >= len(sst) {
			return nil, false // excelize says what is wrong
		}
		return sst[n], true
	}
	return v, true
}

// elementText returns the text of the first element name in content, "" when
// there is none.
func elementText(content []byte, name string) ([]byte, bool) {
	open := -1
	for k := 0; ; {
		j := bytes.Index(content[k:], []byte("<"+name))
		if j < 0 {
			return nil, true
		}
		j += k
		if after := j + 1 + len(name); after < len(content) && bytes.IndexByte([]byte(" />"), content[after]) >= 0 {
			open = j
			break
		}
		k = j + 1
	}
	_, _, closed, from, ok := element(content, open)
	if !ok {
		return nil, false
	}
	if closed {
		return nil, true
	}
	to := bytes.Index(content[from:], []byte("</"+name+">"))
	if to < 0 {
		return nil, false
	}
	s := content[from : from+to]
	if bytes.IndexByte(s, '<') >= 0 {
		return nil, false // CDATA or markup
	}
	if bytes.IndexByte(s, '&') >= 0 {
		return []byte(html.UnescapeString(string(s))), true
	}
	return s, true // a part of the sheet's XML, not a copy
}
