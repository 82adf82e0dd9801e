package load

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The frame around a table: offices keep their tables as they print
// them, with a title above the header, a total row below the records and
// lines for signatures under it. The reader finds the header below the
// title and leaves out total and signature rows, and says so in notes.

// maxTitleRows is how many rows above the header are looked at: a table
// whose header is not among its first rows has none.
const maxTitleRows = 20

// findHeader returns how many non-blank records come before the header
// among those next returns, and notes the ones it leaves out. The header
// of a contract table is the first record that names two of its columns,
// or all its required ones; that of a custom table the first with two
// filled cells. When no record qualifies, the first one is the header
// (and the checks of its columns say what is wrong).
func (c *csvReader) findHeader(next func() (*record, int, bool)) (skip int, found bool) {
	type title struct {
		line, col int
		text      string
	}
	var titles []title
	for len(titles) < maxTitleRows {
		rec, _, ok := next()
		if !ok {
			return 0, false
		}
		if rec == nil {
			continue
		}
		if c.isHeader(rec) {
			for _, t := range titles {
				c.note(t.line, t.col, "", "this row is above the header row and is left out: %q", t.text)
			}
			return len(titles), true
		}
		var cells []string
		for _, cell := range rec.cells {
			if len(cell) > 0 {
				cells = append(cells, string(cell))
			}
		}
		titles = append(titles, title{rec.line(0), rec.col(0), strings.Join(cells, " ")})
	}
	return 0, false
}

// isHeader reports whether rec can be the header of the table.
func (c *csvReader) isHeader(rec *record) bool {
	filled, known, required := 0, 0, 0
	for _, cell := range rec.cells {
		if len(cell) == 0 {
			continue
		}
		filled++
		if spec, ok := c.schema.Column(headerName(string(cell))); ok {
			known++
			if spec.Required {
				required++
			}
		}
	}
	if len(c.schema.Columns) == 0 {
		return filled >= 2
	}
	need := 0
	for _, s := range c.schema.Columns {
		if s.Required {
			need++
		}
	}
	return known >= 2 || required == need
}

// headerName is a header cell without the spaces and the unit that
// offices write in it: 金额(元), 数量（个） and 日 期 name the columns
// 金额, 数量 and 日期.
func headerName(s string) string {
	s = noSpace(s)
	for _, p := range [][2]string{{"(", ")"}, {"（", "）"}, {"[", "]"}, {"【", "】"}} {
		if strings.HasSuffix(s, p[1]) {
			if i := strings.LastIndex(s, p[0]); i > 0 {
				return s[:i]
			}
		}
	}
	if i := strings.LastIndexAny(s, "/／"); i > 0 && utf8.RuneCountInString(s[i:]) <= 3 {
		return s[:i] // 金额/元
	}
	return s
}

// Words that start the rows around the records: totals, which the
// generator computes itself, and the lines for the names of those who
// made, checked and signed the table.
var (
	totalWords     = []string{"合计", "小计", "总计", "共计", "累计", "总合计", "本页合计", "本月合计", "本期合计", "total", "subtotal", "grandtotal", "sum"}
	signatureWords = []string{"制表人", "制表", "填表人", "填表", "填表日期", "填报人", "填报日期", "审核人", "审核", "审批", "复核", "负责人", "经办人", "统计人", "记账", "签字", "签名", "盖章", "校长签字", "分管领导"}
)

// frameRow returns what kind of frame row rec is, "total" or
// "signature", and the cell that says so; "" for a record.
func frameRow(rec *record) (kind, text string) {
	i := slices.IndexFunc(rec.cells, func(b []byte) bool { return len(b) > 0 })
	if i < 0 {
		return "", ""
	}
	cell := rec.cells[i]
	if len(cell) > 64 || cell[0] >= '0' && cell[0] <= '9' {
		return "", "" // most records start with a date or a number
	}
	s := strings.ToLower(string(cell))
	switch {
	case startsWord(noSpace(s), totalWords):
		return "total", string(cell)
	case startsWord(s, signatureWords):
		return "signature", string(cell)
	}
	return "", ""
}

// startsWord reports whether s is one of words, or starts with one of
// them followed by a colon, a space or a blank to fill (___): 审核：李四
// is a signature line, 审核表 is not.
func startsWord(s string, words []string) bool {
	for _, w := range words {
		rest, ok := strings.CutPrefix(s, w)
		if !ok {
			continue
		}
		r, _ := utf8.DecodeRuneInString(rest)
		if rest == "" || r == ':' || r == '：' || r == '_' || unicode.IsSpace(r) {
			return true
		}
	}
	return false
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// frame notes a frame row that the reader leaves out.
func (c *csvReader) frame(rec *record, kind, text string) {
	if kind == "total" {
		c.note(rec.line(0), rec.col(0), "", "a total row (%s) is left out: the figures are computed from the records", text)
		return
	}
	c.note(rec.line(0), rec.col(0), "", "a signature line (%s) is left out", text)
}

// headerHint says where the header was taken from when a required column
// is missing: a header row must name the columns, and rows above it are
// left out only when a later row names them.
func (c *csvReader) headerHint(h *record) string {
	filled := 0
	for _, cell := range h.cells {
		if len(cell) > 0 {
			filled++
		}
	}
	if h.line(0) == 1 && filled > 1 {
		return "" // a header in its place, with a wrong or missing name
	}
	var names []string
	for _, s := range c.schema.Columns {
		if s.Required {
			names = append(names, s.Alias)
		}
	}
	where := fmt.Sprintf("line %d", h.line(0))
	if c.sheet != "" {
		where = fmt.Sprintf("row %d", h.line(0))
	}
	return fmt.Sprintf(" (the header was taken from %s: the header row must name the columns, e.g. %s; title rows above it are left out)", where, strings.Join(names, ", "))
}
