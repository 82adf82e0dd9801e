package model

import "strings"

// Kind is the type of a table column.
type Kind int

const (
	// Text is any string.
	Text Kind = iota
	// Number is a decimal number; thousands separators are allowed in input.
	Number
	// DateKind is a day: 2023-09-01, 2023/9/1 or 2023年9月1日.
	DateKind
	// MonthKind is a month: 2023-09, 2023/9 or 2023年9月.
	MonthKind
	// Bool is yes/no, 是/否.
	Bool
	// Severity is minor/moderate/serious (轻微/一般/严重).
	Severity
)

func (k Kind) String() string {
	switch k {
	case Number:
		return "number"
	case DateKind:
		return "date"
	case MonthKind:
		return "month"
	case Bool:
		return "yes/no"
	case Severity:
		return "severity"
	}
	return "text"
}

// ColumnSpec describes a column the contract knows.
type ColumnSpec struct {
	Key      string // English key, e.g. "trade"
	Alias    string // Chinese header, e.g. "工种"
	Kind     Kind
	Required bool
	Default  string // value of a blank cell, e.g. "1" for repairs.quantity
	// Unit is what a number of the column counts or measures, e.g. 元 or
	// 千瓦时; empty for text and for numbers whose unit varies by row
	// (repairs.quantity has a unit column of its own).
	Unit   string
	UnitEn string
}

// Money is the unit of the contract's sums of money.
const Money = "元"

// Schema describes one record table of the contract.
type Schema struct {
	Name    string // "repairs"; the file is data/NAME.csv
	Title   string // Chinese name, e.g. "维修"
	TitleEn string
	Unit    string // what one row counts, e.g. "次", "轮", "项"
	UnitEn  string
	Columns []ColumnSpec
	// Aliases are other names of the table that files, folders and the
	// sheets of a workbook may have, besides Name and Title.
	Aliases []string
}

// Names lists the names a file or sheet of the table may have.
func (s *Schema) Names() []string {
	return append([]string{s.Name, s.Title}, s.Aliases...)
}

// DateColumn is the key of the column that places a row in time, or "".
func (s *Schema) DateColumn() string {
	if len(s.Columns) == 0 {
		return ""
	}
	return s.Columns[0].Key
}

// Column finds a column spec by English key or Chinese alias.
func (s *Schema) Column(name string) (ColumnSpec, bool) {
	for _, c := range s.Columns {
		if strings.EqualFold(c.Key, name) || c.Alias == name {
			return c, true
		}
	}
	return ColumnSpec{}, false
}

// Schemas are the record tables of the contract, in the order pages list them.
var Schemas = []*Schema{
	{Name: "repairs", Title: "维修", TitleEn: "Repairs", Unit: "次", UnitEn: "orders", Aliases: []string{"维修记录", "维修台账", "报修"}, Columns: []ColumnSpec{
		{Key: "date", Alias: "日期", Kind: DateKind, Required: true},
		{Key: "trade", Alias: "工种", Required: true},
		{Key: "item", Alias: "项目", Required: true},
		{Key: "quantity", Alias: "数量", Kind: Number, Default: "1"},
		{Key: "unit", Alias: "单位"},
		{Key: "location", Alias: "地点"},
		{Key: "cost", Alias: "费用", Kind: Number, Unit: Money, UnitEn: "yuan"},
	}},
	{Name: "inspections", Title: "隐患排查", TitleEn: "Hazard inspections", Unit: "轮", UnitEn: "rounds", Aliases: []string{"隐患排查台账", "安全检查", "隐患"}, Columns: []ColumnSpec{
		{Key: "date", Alias: "日期", Kind: DateKind, Required: true},
		{Key: "scope", Alias: "范围", Required: true},
		{Key: "hazards_found", Alias: "发现隐患", Kind: Number, Required: true, Unit: "处", UnitEn: "hazards"},
		{Key: "hazards_fixed", Alias: "已整改", Kind: Number, Required: true, Unit: "处", UnitEn: "hazards"},
		{Key: "notes", Alias: "备注"},
	}},
	{Name: "drills", Title: "安全演练与教育", TitleEn: "Drills and safety education", Unit: "次", UnitEn: "activities", Aliases: []string{"安全演练", "演练", "安全教育"}, Columns: []ColumnSpec{
		{Key: "date", Alias: "日期", Kind: DateKind, Required: true},
		{Key: "kind", Alias: "类型", Required: true},
		{Key: "participants", Alias: "参与人数", Kind: Number, Unit: "人", UnitEn: "people"},
		{Key: "notes", Alias: "备注"},
	}},
	{Name: "incidents", Title: "安全事件", TitleEn: "Incidents", Unit: "起", UnitEn: "incidents", Aliases: []string{"事件", "安全事故"}, Columns: []ColumnSpec{
		{Key: "date", Alias: "日期", Kind: DateKind, Required: true},
		{Key: "kind", Alias: "类型", Required: true},
		{Key: "severity", Alias: "等级", Kind: Severity, Required: true},
		{Key: "description", Alias: "描述", Required: true},
		{Key: "resolved", Alias: "已处理", Kind: Bool},
	}},
	{Name: "purchases", Title: "采购", TitleEn: "Purchases", Unit: "笔", UnitEn: "purchases", Aliases: []string{"采购台账", "采购记录"}, Columns: []ColumnSpec{
		{Key: "date", Alias: "日期", Kind: DateKind, Required: true},
		{Key: "category", Alias: "类别", Required: true},
		{Key: "item", Alias: "物品", Required: true},
		{Key: "quantity", Alias: "数量", Kind: Number},
		{Key: "amount", Alias: "金额", Kind: Number, Required: true, Unit: Money, UnitEn: "yuan"},
		{Key: "channel", Alias: "采购方式"},
		{Key: "vendor", Alias: "供应商"},
	}},
	{Name: "utilities", Title: "水电气", TitleEn: "Utilities", Unit: "个月", UnitEn: "months", Aliases: []string{"水电", "水电气表", "能耗"}, Columns: []ColumnSpec{
		{Key: "month", Alias: "月份", Kind: MonthKind, Required: true},
		{Key: "water", Alias: "用水", Kind: Number, Unit: "吨", UnitEn: "t"},
		{Key: "electricity", Alias: "用电", Kind: Number, Unit: "千瓦时", UnitEn: "kWh"},
		{Key: "gas", Alias: "用气", Kind: Number, Unit: "立方米", UnitEn: "m³"},
		{Key: "water_cost", Alias: "水费", Kind: Number, Unit: Money, UnitEn: "yuan"},
		{Key: "electricity_cost", Alias: "电费", Kind: Number, Unit: Money, UnitEn: "yuan"},
	}},
}

// SchemaOf returns the schema of the named table, or nil.
func SchemaOf(name string) *Schema {
	for _, s := range Schemas {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// SchemaNames lists the contract's table names.
func SchemaNames() []string {
	names := make([]string, len(Schemas))
	for i, s := range Schemas {
		names[i] = s.Name
	}
	return names
}

// Value is one typed cell.
type Value struct {
	Raw  string // the cell as written (decoded, trimmed)
	Num  float64
	Date Date
	Bool bool
	Set  bool // false for a blank cell
}

// Column is a column of a loaded table.
type Column struct {
	Key    string // English key for contract columns; the header as written otherwise
	Header string // the header as written in the file
	Kind   Kind
	Pos    Pos // the header cell
}

// Row is one record.
type Row struct {
	Line  int  // line of the row in its file, or its row in a sheet
	Src   int  // index of its source in Table.Sources; 0 in a table of one file
	Date  Date // the value of the table's date or month column
	Cells []Value
}

// Source is a file, or a sheet of a workbook, that rows of a table were
// read from.
type Source struct {
	File  string // site-relative path, e.g. data/repairs.xlsx
	Sheet string // the sheet of a workbook, or ""
	// Cols is the sheet column (from 1) of each column of the table, for
	// a sheet; nil for a CSV file, whose cells the checks read again.
	Cols []int
}

// Table is a loaded record table.
type Table struct {
	Name string
	// File names where the table was read: the site-relative path of its
	// file (data/repairs.csv), or, for a table read from several files or
	// a folder, the folder or pattern (data/repairs/, data/repairs-*.csv),
	// or the sheet of a workbook (data/后勤台账.xlsx:维修).
	File    string
	Sources []Source // nil for a table read from the one CSV file File
	Schema  *Schema
	Columns []Column
	Rows    []Row
}

// Source returns the source of row r.
func (t *Table) Source(r *Row) Source {
	if r.Src < len(t.Sources) {
		return t.Sources[r.Src]
	}
	return Source{File: t.File}
}

// RowPos is the position of row r: its line, or in a workbook its first cell.
func (t *Table) RowPos(r *Row) Pos {
	s := t.Source(r)
	return Pos{File: s.File, Sheet: s.Sheet, Line: r.Line, Col: 1}
}

// CellPos is the position of cell col of row r in a workbook, or of the
// row in a CSV file.
func (t *Table) CellPos(r *Row, col int) Pos {
	s := t.Source(r)
	p := Pos{File: s.File, Sheet: s.Sheet, Line: r.Line, Col: 1}
	if col >= 0 && col < len(s.Cols) {
		p.Col = s.Cols[col]
	}
	return p
}

// DateCol is the index of the column that places a row in time: the
// schema's date column, or in a custom table its column headed date,
// 日期, month or 月份. It is -1 for a table whose rows hold in every period.
func (t *Table) DateCol() int {
	if t.Schema != nil && t.Schema.DateColumn() != "" {
		return t.Col(t.Schema.DateColumn())
	}
	for i, c := range t.Columns {
		if (c.Key == "date" && c.Kind == DateKind) || (c.Key == "month" && c.Kind == MonthKind) {
			return i
		}
	}
	return -1
}

// Col returns the index of the column named by English key, Chinese alias
// or header as written, or -1.
func (t *Table) Col(name string) int {
	for i, c := range t.Columns {
		if c.Key == name || c.Header == name {
			return i
		}
	}
	if t.Schema == nil {
		return -1
	}
	if spec, ok := t.Schema.Column(name); ok {
		for i, c := range t.Columns {
			if c.Key == spec.Key {
				return i
			}
		}
	}
	return -1
}

// ColumnNames lists the keys of the table's columns, for error messages.
func (t *Table) ColumnNames() []string {
	names := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		names[i] = c.Key
	}
	return names
}

// Text returns the raw text of column i of r, or "" when i < 0.
func (r *Row) Text(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i].Raw
}

// Num returns the number in column i of r, or 0.
func (r *Row) Num(i int) float64 {
	if i < 0 || i >= len(r.Cells) {
		return 0
	}
	return r.Cells[i].Num
}
