package query

import "github.com/houqin/report/generator/internal/model"

// A period's rows are spread over the whole table, and each row keeps its
// cells in an array of its own: reading one cell of every row of a period
// waits on memory two or three times per row. The columns that filters,
// charts and sums read are therefore copied out once per table, in one
// pass in row order, into arrays indexed by row that later scans read
// almost in order.

type columnKey struct {
	table string
	col   int
}

// textColumn is a column's cells as written, each row's as a code into
// the column's distinct texts.
type textColumn struct {
	codes []int32  // per row
	texts []string // per code, in order of first appearance
}

// textColumn returns column col of t as codes, computed once.
func (e *Engine) textColumn(t *model.Table, col int) *textColumn {
	return e.c.texts.get(columnKey{t.Name, col}, func() *textColumn {
		c := &textColumn{codes: make([]int32, len(t.Rows))}
		index := map[string]int32{}
		for i := range t.Rows {
			text := t.Rows[i].Text(col)
			code, ok := index[text]
			if !ok {
				code = int32(len(c.texts))
				index[text] = code
				c.texts = append(c.texts, text)
			}
			c.codes[i] = code
		}
		return c
	})
}

// numberColumn returns each row's number in column col of t (0 when
// blank), computed once.
func (e *Engine) numberColumn(t *model.Table, col int) []float64 {
	return e.c.numbers.get(columnKey{t.Name, col}, func() []float64 {
		nums := make([]float64, len(t.Rows))
		for i := range t.Rows {
			nums[i] = t.Rows[i].Num(col)
		}
		return nums
	})
}

// normalizedTexts returns a function giving the normalized text of a
// code of c, normalizing each distinct text once.
func normalizedTexts(c *textColumn, kind model.Kind) func(code int32) string {
	names := make([]string, len(c.texts))
	done := make([]bool, len(c.texts))
	return func(code int32) string {
		if !done[code] {
			names[code], done[code] = normalize(kind, c.texts[code]), true
		}
		return names[code]
	}
}
