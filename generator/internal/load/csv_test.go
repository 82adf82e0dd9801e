package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// dump formats a table as header|... lines, then one line per row with
// LINE DATE: raw cells (numbers shown as parsed), to compare in tests.
func dump(t *model.Table) string {
	var b strings.Builder
	for i, c := range t.Columns {
		if i > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%s(%s)@%d:%d", c.Key, c.Kind, c.Pos.Line, c.Pos.Col)
	}
	for _, r := range t.Rows {
		fmt.Fprintf(&b, "\n%d %s:", r.Line, r.Date)
		for i, v := range r.Cells {
			switch {
			case !v.Set:
				b.WriteString(" _")
			case t.Columns[i].Kind == model.Number:
				fmt.Fprintf(&b, " %g", v.Num)
			case t.Columns[i].Kind == model.Bool:
				fmt.Fprintf(&b, " %v", v.Bool)
			default:
				fmt.Fprintf(&b, " %q", v.Raw)
			}
		}
	}
	return b.String()
}

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCSV(t *testing.T) {
	repairs := model.SchemaOf("repairs")
	for _, tc := range []struct {
		name   string
		file   string
		data   func(t *testing.T) []byte
		schema *model.Schema
		want   string
	}{{
		name:   "UTF-8 with BOM and CRLF",
		data:   text("\xef\xbb\xbfdate,trade,item\r\n2023-09-01,水道,水管\r\n"),
		schema: repairs,
		want:   "date(date)@1:1 trade(text)@1:6 item(text)@1:12\n2 2023-09-01: \"2023-09-01\" \"水道\" \"水管\"",
	}, {
		name: "GB18030 with Chinese headers and CRLF",
		data: func(t *testing.T) []byte {
			return gb18030(t, "日期,工种,项目,数量\r\n2023/9/1,水道,水管,3\r\n2023年9月2日,电工,灯管,\r\n")
		},
		schema: repairs,
		want:   "date(date)@1:1 trade(text)@1:4 item(text)@1:7 quantity(number)@1:10\n2 2023-09-01: \"2023/9/1\" \"水道\" \"水管\" 3\n3 2023-09-02: \"2023年9月2日\" \"电工\" \"灯管\" 1",
	}, {
		name:   "quoted cells with commas, quotes and newlines",
		data:   text("date,trade,item,location,cost\n2023-09-01,水道,\"水管, 阀门\",\"一楼\n东侧\",\"1,250.50\"\n2023-09-02,电工,\"5\"\" 灯\",,\n"),
		schema: repairs,
		want:   "date(date)@1:1 trade(text)@1:6 item(text)@1:12 location(text)@1:17 cost(number)@1:26\n2 2023-09-01: \"2023-09-01\" \"水道\" \"水管, 阀门\" \"一楼\\n东侧\" 1250.5\n4 2023-09-02: \"2023-09-02\" \"电工\" \"5\\\" 灯\" _ _",
	}, {
		name:   "month spellings, spaces trimmed, blank lines skipped",
		data:   text("月份,用水,电费\n2023-09,\" 1,200 \",\n\n 2023/10 ,3,\"4,000\"\n,,\n2023年11月,5,6\n"),
		schema: model.SchemaOf("utilities"),
		want:   "month(month)@1:1 water(number)@1:4 electricity_cost(number)@1:7\n2 2023-09: \"2023-09\" 1200 _\n4 2023-10: \"2023/10\" 3 4000\n6 2023-11: \"2023年11月\" 5 6",
	}, {
		name:   "extra columns kept and typed",
		data:   text("date,trade,item,工时,负责人,备注2\n2023-09-01,水道,水管,\"1,5\",,x\n2023-09-02,水道,水管,2,张三,\n"),
		schema: repairs,
		want:   "date(date)@1:1 trade(text)@1:6 item(text)@1:12 工时(text)@1:17 负责人(text)@1:20 备注2(text)@1:24\n2 2023-09-01: \"2023-09-01\" \"水道\" \"水管\" \"1,5\" _ \"x\"\n3 2023-09-02: \"2023-09-02\" \"水道\" \"水管\" \"2\" \"张三\" _",
	}, {
		name:   "extra number column",
		data:   text("date,trade,item,工时\n2023-09-01,水道,水管,\"1,500\"\n2023-09-02,水道,水管,\n"),
		schema: repairs,
		want:   "date(date)@1:1 trade(text)@1:6 item(text)@1:12 工时(number)@1:17\n2 2023-09-01: \"2023-09-01\" \"水道\" \"水管\" 1500\n3 2023-09-02: \"2023-09-02\" \"水道\" \"水管\" _",
	}, {
		name:   "severity normalized, bool",
		data:   text("日期,类型,等级,描述,已处理\n2023-09-01,食品,严重,腹泻,是\n2023-09-02,交通,Minor,擦伤,no\n"),
		schema: model.SchemaOf("incidents"),
		want:   "date(date)@1:1 kind(text)@1:4 severity(severity)@1:7 description(text)@1:10 resolved(yes/no)@1:13\n2 2023-09-01: \"2023-09-01\" \"食品\" \"serious\" \"腹泻\" true\n3 2023-09-02: \"2023-09-02\" \"交通\" \"minor\" \"擦伤\" false",
	}, {
		name: "custom table with a Chinese date column",
		file: "data/meals.csv",
		data: text("日期,份数\n2023/9/1,300\n"),
		want: "date(date)@1:1 份数(number)@1:4\n2 2023-09-01: \"2023/9/1\" 300",
	}, {
		name:   "header only",
		data:   text("date,trade,item\n"),
		schema: repairs,
		want:   "date(date)@1:1 trade(text)@1:6 item(text)@1:12",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "data/" + tc.schema.Name + ".csv"
			}
			tab, errs := CSV(file, tc.data(t), tc.schema)
			sameMessages(t, errs)
			if tab == nil {
				t.Fatal("no table")
			}
			if got := dump(tab); got != tc.want {
				t.Errorf("table:\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func text(s string) func(*testing.T) []byte { return func(*testing.T) []byte { return []byte(s) } }

func TestCSVCustomName(t *testing.T) {
	tab, _ := CSV("data/meals.csv", []byte("month,n\n2023-09,1\n"), nil)
	if tab.Name != "meals" || tab.Schema == nil || tab.Schema.Name != "meals" || tab.Rows[0].Date.String() != "2023-09" {
		t.Errorf("custom table = %+v", tab)
	}
}

func TestCSVErrors(t *testing.T) {
	for _, tc := range []struct {
		name, table, data string
		want              []string
	}{{
		name:  "bad date and bad number, all reported",
		table: "repairs",
		data:  "date,trade,item,quantity,cost\n2023-13-01,水道,水管,2,\n2023-09-01,水道,水管,12元,\"1,2,3\"\n",
		want: []string{
			`data/repairs.csv:2:1: "2023-13-01" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`,
			`data/repairs.csv:3:22: "1,2,3" is not a number: write digits, e.g. 1250 or 1,250.50`,
		},
	}, {
		name:  "missing required column",
		table: "repairs",
		data:  "date,item,quantity\n2023-09-01,水管,1\n",
		want:  []string{`data/repairs.csv:1:1: missing required column "trade" (工种); the header has: date, item, quantity`},
	}, {
		name:  "ragged rows",
		table: "repairs",
		data:  "日期,工种,项目\n2023-09-01,水道,水管,1,250\n2023-09-02,水道\n2023-09-03,电工,灯\n",
		want: []string{
			`data/repairs.csv:2:18: the row has 5 cells but the header has 3 columns: quote cells that contain commas, e.g. "1,250"`,
			`data/repairs.csv:3:1: the row has 2 cells but the header has 3 columns: add the missing cells, leaving blank ones empty (a,,c)`,
		},
	}, {
		name:  "required cell blank",
		table: "repairs",
		data:  "date,trade,item\n2023-09-01, ,水管\n",
		want:  []string{`data/repairs.csv:2:12: the column "trade" (工种) is required but this cell is blank (if it was merged with the cell above in Excel: a CSV file keeps merged cells blank; write the value on every row, or keep the table as .xlsx)`},
	}, {
		name:  "unknown severity and bad bool",
		table: "incidents",
		data:  "日期,类型,等级,描述,已处理\n2023-09-01,食品,很严重,腹泻,也许\n",
		want: []string{
			`data/incidents.csv:2:15: "很严重" is not a severity: write minor, moderate or serious (also 轻微, 一般, 严重)`,
			`data/incidents.csv:2:22: "也许" is not yes or no: write yes or no (also true/false, 是/否, Y/N, 1/0)`,
		},
	}, {
		name:  "duplicate header",
		table: "repairs",
		data:  "date,trade,item,日期\n2023-09-01,水道,水管,2023-09-01\n",
		want:  []string{`data/repairs.csv:1:17: duplicate column "日期": column 1 ("date") is the same; delete or rename one of them`},
	}, {
		name:  "bare quote and unclosed quote",
		table: "repairs",
		data:  "date,trade,item\n2023-09-01,水道,5\" 管\n2023-09-02,水道,\"水管\n",
		want: []string{
			`data/repairs.csv:2:16: a quote (") in a cell that does not start with one: put the whole cell in quotes and double the quote, e.g. "12"" pipe"`,
			`data/repairs.csv:3:1: a quoted cell of this row is not closed: add the closing quote (")`,
		},
	}, {
		name:  "binary file",
		table: "repairs",
		data:  "\x00\x01\x02PK\x03\x04",
		want:  []string{`data/repairs.csv:1:1: the file is not text (it holds NUL bytes): save it as "CSV UTF-8" or plain text`},
	}, {
		name:  "empty file",
		table: "drills",
		data:  "",
		want:  []string{`data/drills.csv:1:1: the file is empty: the first row must be the header, e.g. date,kind,participants,notes`},
	}, {
		name:  "cells under a blank header",
		table: "drills",
		data:  "date,kind,\n2023-09-01,疏散,x\n",
		want:  []string{`data/drills.csv:2:15: this cell is in column 3, which has no header: write a name in the header row or delete the column`},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			file := "data/" + tc.table + ".csv"
			_, errs := CSV(file, []byte(tc.data), model.SchemaOf(tc.table))
			errs.Sort()
			sameMessages(t, errs, tc.want...)
		})
	}
}

func TestCSVGB18030Errors(t *testing.T) {
	data := gb18030(t, "日期,工种,项目\r\n2023年13月1日,水道,水管\r\n")
	_, errs := CSV("data/repairs.csv", data, model.SchemaOf("repairs"))
	sameMessages(t, errs, `data/repairs.csv:2:1: "2023年13月1日" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`)
}

// badDate is a different cell that is not a date for each i.
func badDate(i int) rune { return rune(0x4e00 + i) }

// TestCSVTooManyErrors: the header's problems and ragged rows are reported
// before the problems of cells, wherever they are in the file, and the
// cap of maxFileErrors counts them in that order; a syntax error, which
// makes the file be read by encoding/csv, does not change that.
func TestCSVTooManyErrors(t *testing.T) {
	for _, syntax := range []bool{false, true} {
		var b strings.Builder
		b.WriteString("date,trade,item,date\n")
		for i := range maxFileErrors + 1 {
			fmt.Fprintf(&b, "%c,水道,水管,x\n", badDate(i)) // no two alike
		}
		if syntax {
			b.WriteString("2023-09-01,水道,5\" 管,x\n")
		}
		b.WriteString("2023-09-01,水道\n")
		_, errs := CSV("data/repairs.csv", []byte(b.String()), model.SchemaOf("repairs"))
		want := []string{`data/repairs.csv:1:17: duplicate column "date": column 1 ("date") is the same; delete or rename one of them`}
		ragged := maxFileErrors + 3 // after the header and the bad dates
		if syntax {
			want = append(want, fmt.Sprintf(`data/repairs.csv:%d:16: a quote (") in a cell that does not start with one: put the whole cell in quotes and double the quote, e.g. "12"" pipe"`, ragged))
			ragged++
		}
		want = append(want, fmt.Sprintf(`data/repairs.csv:%d:1: the row has 2 cells but the header has 4 columns: add the missing cells, leaving blank ones empty (a,,c)`, ragged))
		line := 2
		for ; len(want) < maxFileErrors; line++ {
			want = append(want, fmt.Sprintf(`data/repairs.csv:%d:1: "%c" is not a date: write 2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日`, line, badDate(line-2)))
		}
		want = append(want, fmt.Sprintf("data/repairs.csv:%d:1: too many errors in this file (%d); fix these and run again", line, maxFileErrors))
		sameMessages(t, errs, want...)
	}
}
