package load

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// partsCases are files whose parts can end in the wrong place, or hold
// what a part must hand to the ones after it: reading them in parts of
// any size must give the table and the problems of reading them whole.
var partsCases = []struct {
	name, table, data string
}{
	{"quoted line breaks", "repairs", "date,trade,item,location\n2023-09-01,水道,\"水管\n阀门\",\"一楼\n\n东侧\"\n2023-09-02,电工,灯,\"a\nb\"\n2023-09-03,电工,灯,c\n"},
	{"doubled quotes", "repairs", "date,trade,item\n2023-09-01,水道,\"5\"\" 管\"\n2023-09-02,水道,\"\"\"\n\"\"\"\n2023-09-03,水道,\"\"\n"},
	{"CRLF", "repairs", "date,trade,item\r\n2023-09-01,水道,\"a\r\nb\"\r\n2023-09-02,水道,c\r\n\r\n2023-09-03,水道,\"d\"\r\n"},
	{"BOM", "repairs", "\xef\xbb\xbfdate,trade,item\n2023-09-01,水道,a\n2023-09-02,水道,b\n"},
	{"GB18030", "repairs", "\xc8\xd5\xc6\xda,\xb9\xa4\xd6\xd6,\xcf\xee\xc4\xbf\r\n2023/9/1,\xcb\xae\xb5\xc0,a\r\n2023/9/2,\xcb\xae\xb5\xc0,b\r\n"},
	{"ragged rows and bad cells", "repairs", "date,trade,item,quantity\n2023-13-01,水道,a,1\n2023-09-01,水道,b,1,2\n2023-09-02,水道\n2023-09-03,,c,x\n2023-09-04,电工,d,\"1,250\"\n2023-02-30,电工,e,y\n"},
	{"blank lines and blank rows", "repairs", "\n\ndate,trade,item\n\n2023-09-01,水道,a\n,,\n\n \t, ,\n2023-09-02,水道,b\n\n"},
	{"no line break at the end", "repairs", "date,trade,item\n2023-09-01,水道,a\n2023-09-02,水道,\"b\""},
	{"carriage returns only", "repairs", "date,trade,item\r2023-09-01,水道,a\r2023-09-02,水道,b\r"},
	{"bare quote in a later row", "repairs", "date,trade,item\n2023-09-01,水道,a\n2023-09-02,水道,b\n2023-09-03,水道,5\" 管\n2023-13-01,水道,c\n2023-09-04,水道\n"},
	{"text after a closing quote", "repairs", "date,trade,item\n2023-09-01,水道,a\n2023-09-02,水道,\"b\"x\n2023-09-03,水道,c\n"},
	{"quote not closed", "repairs", "date,trade,item\n2023-09-01,水道,a\n2023-09-02,水道,\"b\n2023-09-03,水道,c\n"},
	{"extra columns and cells under a blank header", "drills", "date,kind,,工时,备注\n2023-09-01,疏散,,1,\n2023-09-02,疏散,,\"1,5\",x\n2023-09-03,疏散,y,2,\n2023-09-04,疏散,z,,\n"},
	{"extra number column", "drills", "date,kind,工时\n2023-09-01,疏散,1\n2023-09-02,疏散,\n2023-09-03,疏散,\"2,500\"\n"},
	{"header after blank records", "utilities", ",,\n月份,用水,电费\n2023-09,1,2\n2023-10,,x\n"},
	{"header only", "repairs", "date,trade,item\n\n\n"},
	{"duplicate and missing columns", "repairs", "date,item,日期\n2023-09-01,a,2023-09-01\n2023-09-02,b,x\n"},
	{"custom table", "", "日期,份数\n2023/9/1,300\n2023/9/2,\n2023/9/31,x\n"},
}

// TestCSVParts: read in parts of any size, from a byte to the whole
// file, each of partsCases has the records, the table and the problems
// it has read whole.
func TestCSVParts(t *testing.T) {
	for _, tc := range partsCases {
		t.Run(tc.name, func(t *testing.T) {
			text, err := decodeBytes([]byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			sizes := make([]int, len(text))
			for i := range sizes {
				sizes[i] = i + 1
			}
			sameRecordsInParts(t, text, sizes...)
			schema := model.SchemaOf(tc.table)
			if tc.table == "" {
				schema = nil
			}
			sameTableInParts(t, text, schema, sizes...)
		})
	}
}

// TestCSVPartsTooManyErrors: the cap of maxFileErrors counts the
// problems of every part in the file's order, ragged rows before cells.
func TestCSVPartsTooManyErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,trade,item,quantity\n")
	for i := range 3 * maxFileErrors {
		switch i % 3 {
		case 0:
			b.WriteString("2023-13-01,水道,a,1\n")
		case 1:
			b.WriteString("2023-09-01,水道,\"b\nc\",x\n")
		default:
			fmt.Fprintf(&b, "2023-09-01,水道,%d\n", i)
		}
	}
	text := []byte(b.String())
	sizes := []int{1, 100, len(text) / 7, len(text) / 2}
	sameRecordsInParts(t, text, sizes...)
	sameTableInParts(t, text, model.SchemaOf("repairs"), sizes...)
}

// sameTableInParts checks that parseCSV reads text in parts of each of
// the sizes, in bytes, as it reads it whole.
func sameTableInParts(t *testing.T, text []byte, schema *model.Schema, sizes ...int) {
	t.Helper()
	whole, wholeErrs := parseCSV("data/x.csv", text, schema, len(text)+1)
	for _, size := range sizes {
		tab, errs := parseCSV("data/x.csv", text, schema, size)
		if !reflect.DeepEqual(tab, whole) {
			t.Fatalf("in parts of %d bytes, %q reads as\n%s\nwhole as\n%s", size, text, dump(tab), dump(whole))
		}
		if got, want := messages(errs), messages(wholeErrs); !slices.Equal(got, want) {
			t.Fatalf("in parts of %d bytes, %q has the problems\n%s\nwhole\n%s", size, text, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// sameRecordsInParts checks that the scanners of the parts of text that
// split makes, for each of the sizes, read the records that one scanner
// reads, and that one of them fails exactly when it fails: the file is
// read again with encoding/csv then, which a part must not cause.
func sameRecordsInParts(t *testing.T, text []byte, sizes ...int) {
	t.Helper()
	want, wantFailed := scanAll(newScanner(newLines(text)))
	for _, size := range sizes {
		var got []string
		failed := false
		for _, s := range newScanner(newLines(text)).split(size) {
			recs, f := scanAll(s)
			if got = append(got, recs...); f {
				failed = true
				break
			}
		}
		if failed != wantFailed || !slices.Equal(got, want[:min(len(got), len(want))]) || !failed && len(got) != len(want) {
			t.Fatalf("in parts of %d bytes, %q reads as (failed %v)\n%s\nwhole as (failed %v)\n%s", size, text, failed, strings.Join(got, "\n"), wantFailed, strings.Join(want, "\n"))
		}
	}
}

// scanAll reads the records of s, each with its line and cell positions.
func scanAll(s *scanner) (recs []string, failed bool) {
	for {
		r, line, ok := s.next()
		if !ok {
			return recs, s.failed
		}
		if r == nil {
			recs = append(recs, fmt.Sprintf("%d: blank", line))
		} else {
			recs = append(recs, fmt.Sprintf("%d: %q %v", line, r.cells, r.at))
		}
	}
}

// parseCSV reads text in parts of part bytes, as readCSV does with a
// megabyte.
func parseCSV(file string, text []byte, schema *model.Schema, part int) (*model.Table, model.ErrorList) {
	return (&csvReader{}).parse(file, text, schema, part)
}

// readAgain reads text in parts of size bytes, as readCSV does after an
// edit: prev is what the read of the file before the edit found.
func readAgain(text []byte, schema *model.Schema, size int, prev *csvParts) (*model.Table, model.ErrorList, *csvParts) {
	c := &csvReader{prev: prev, prevSchema: schema}
	tab, errs := c.parse("data/x.csv", text, schema, size)
	return tab, errs, c.parts
}

// TestCSVPartsAfterEdit: read again after an edit, taking the parts that
// did not change from the read before, every file of partsCases, in parts
// of every size, has the table and the problems of a read from scratch.
func TestCSVPartsAfterEdit(t *testing.T) {
	edits := map[string]func(string) string{
		"row added":     func(s string) string { return s + "2023-09-09,水道,z\n" },
		"bad row added": func(s string) string { return s + "2023-19-09,水道\n" },
		"cell edited":   func(s string) string { return strings.Replace(s, "2023-09-02", "2023-09-12", 1) },
		"line removed": func(s string) string {
			i := strings.Index(s, "\n")
			j := strings.Index(s[i+1:], "\n")
			return s[:i+1] + s[i+1+j+1:]
		},
		"row inserted": func(s string) string {
			i := strings.Index(s, "\n")
			return s[:i+1] + "2023-09-05,电工,\"灯\n泡\"\n" + s[i+1:]
		},
		"header edited":   func(s string) string { return strings.Replace(s, "item", "项目", 1) },
		"quote unclosed":  func(s string) string { return s + "2023-09-10,水道,\"z\n" },
		"everything gone": func(string) string { return "" },
	}
	for _, tc := range partsCases {
		schema := model.SchemaOf(tc.table)
		if tc.table == "" {
			schema = nil
		}
		for name, edit := range edits {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				before, err := decodeBytes([]byte(tc.data))
				if err != nil {
					t.Fatal(err)
				}
				after, err := decodeBytes([]byte(edit(string(before))))
				if err != nil {
					t.Skip("the edit makes the file unreadable")
				}
				fresh, freshErrs := parseCSV("data/x.csv", after, schema, len(after)+1)
				for size := 1; size <= len(before)+1; size++ {
					_, _, prev := readAgain(before, schema, size, nil)
					tab, errs, _ := readAgain(after, schema, size, prev)
					if !reflect.DeepEqual(tab, fresh) {
						t.Fatalf("in parts of %d bytes, read again after the edit:\n%s\nfrom scratch:\n%s", size, dump(tab), dump(fresh))
					}
					if got, want := messages(errs), messages(freshErrs); !slices.Equal(got, want) {
						t.Fatalf("in parts of %d bytes, read again after the edit, the problems are\n%s\nfrom scratch\n%s", size, strings.Join(got, "\n"), strings.Join(want, "\n"))
					}
				}
			})
		}
	}
}

// TestCSVPartsReused: after a row is added at the end of a large file,
// the rows of the parts before it are those read before, not read again.
func TestCSVPartsReused(t *testing.T) {
	var b strings.Builder
	b.WriteString("date,trade,item,quantity\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "2023-%02d-%02d,水道,水管%d,%d\n", 1+i%12, 1+i%28, i, i%7)
	}
	before := []byte(b.String())
	schema := model.SchemaOf("repairs")
	old, _, prev := readAgain(before, schema, 4096, nil)
	tab, _, _ := readAgain(append(before[:len(before):len(before)], "2024-01-02,电工,灯,1\n"...), schema, 4096, prev)
	if len(tab.Rows) != len(old.Rows)+1 {
		t.Fatalf("%d rows, then %d", len(old.Rows), len(tab.Rows))
	}
	if &tab.Rows[0].Cells[0] != &old.Rows[0].Cells[0] {
		t.Error("the first part was read again")
	}
	if last := len(old.Rows) - 1; &tab.Rows[last].Cells[0] == &old.Rows[last].Cells[0] {
		t.Error("the last part, which changed, was taken as it was")
	}
}
