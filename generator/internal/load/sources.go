package load

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
)

// A table is read from one file, data/NAME.csv (or .xlsx, or the tab-
// separated .txt and .tsv that Excel saves as "Unicode Text"), or from
// several: the files of a folder data/NAME/, the files data/NAME-PART.csv
// that saving every sheet of a workbook as CSV makes, the sheets of a
// workbook data/NAME.xlsx whose header is the table's, or the sheets of
// a workbook of any other name (data/后勤台账.xlsx) named after tables.
// NAME is a table's name, its Chinese title or an alias (维修, 隐患排查).
// Two sources of one table that are not parts of it (data/repairs.csv
// beside data/repairs.xlsx) are an error: neither is read.

// tableExts are the extensions of files that hold a table.
var tableExts = []string{".csv", ".xlsx", ".xlsm", ".tsv", ".txt"}

// otherSheets are the extensions of spreadsheets that cannot be read,
// with the program that saves them.
var otherSheets = map[string]string{".xls": "Excel 97-2003", ".et": "WPS", ".ods": "LibreOffice", ".numbers": "Numbers", ".xlsb": "Excel"}

// tableFile is a file of data/ that holds rows of a table.
type tableFile struct {
	file  string // site-relative
	table string // the table, or "" for a workbook whose sheets name theirs
	part  bool   // one of several files of the table
}

// tableNamed returns the table a file, folder or sheet called name is,
// and whether it is one of the contract's.
func tableNamed(name string) (string, bool) {
	for _, s := range model.Schemas {
		for _, n := range s.Names() {
			if strings.EqualFold(name, n) {
				return s.Name, true
			}
		}
	}
	return "", false
}

// tablePart returns the contract table whose part a file or sheet called
// name is: a name of the table followed by a separator or a digit
// (repairs-1月, 维修_2023, 维修（上学期）, 维修1月).
func tablePart(name string) (string, bool) {
	if t, ok := tableNamed(name); ok {
		return t, true
	}
	for _, s := range model.Schemas {
		for _, n := range s.Names() {
			if len(name) <= len(n) || !strings.EqualFold(name[:len(n)], n) {
				continue
			}
			r, _ := utf8.DecodeRuneInString(name[len(n):])
			if strings.ContainsRune("-_ (（·.", r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
				return s.Name, true
			}
		}
	}
	return "", false
}

// tableFiles lists the files of data/ that hold tables, and reports
// the spreadsheets it cannot read.
func (l *loader) tableFiles(entries []fs.DirEntry) []tableFile {
	var out []tableFile
	for _, de := range entries {
		name, file := de.Name(), "data/"+de.Name()
		ext := strings.ToLower(path.Ext(name))
		base := strings.TrimSuffix(name, path.Ext(name))
		switch {
		case ignored(name) || de.Type()&fs.ModeSymlink != 0:
		case de.IsDir():
			out = append(out, l.folder(file, name)...)
		case otherSheets[ext] != "":
			l.errs.Add(model.Pos{File: file}, "a %s file cannot be read: open it and save it as \"Excel 工作簿 (*.xlsx)\" or \"CSV UTF-8\"", otherSheets[ext])
		case slices.Contains(tableExts, ext):
			tf := tableFile{file: file}
			if t, ok := tableNamed(base); ok {
				tf.table = t
			} else if t, ok := tablePart(base); ok {
				tf.table, tf.part = t, true
			} else if ext != ".xlsx" && ext != ".xlsm" {
				tf.table = base // a custom table
				if note := likeTable(file, base); note != "" {
					l.errs.Note(model.Pos{File: file}, "%s", note)
				}
			}
			out = append(out, tf)
		}
	}
	return out
}

// likeTable says, for a custom table whose name holds a table's Chinese
// name (2023年维修台账.csv), that its rows are in none of the pages
// about that table, and how to make them so; "" for another name.
func likeTable(file, name string) string {
	for _, s := range model.Schemas {
		for _, n := range s.Names()[1:] {
			if strings.Contains(name, n) {
				return fmt.Sprintf("%s is read as a table of its own, %q, not as %s (%s): to read it as that table, name the file %s or %s, keeping its extension", file, name, s.Title, s.Name, s.Name, s.Title)
			}
		}
	}
	return ""
}

// folder lists the table files of a folder data/NAME/: parts of table
// NAME. Folders inside it are not read.
func (l *loader) folder(dir, name string) []tableFile {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.errs.Add(model.Pos{File: dir}, "cannot read the folder: %v", err)
		return nil
	}
	table := name
	if t, ok := tableNamed(name); ok {
		table = t
	}
	var out []tableFile
	for _, de := range entries {
		n := de.Name()
		ext := strings.ToLower(path.Ext(n))
		file := dir + "/" + n
		switch {
		case ignored(n):
		case de.Type()&fs.ModeSymlink != 0:
			symlink(&l.errs, file)
		case de.IsDir():
			l.errs.Note(model.Pos{File: file}, "folders inside %s/ are not read: put the files of table %s directly in %s/", dir, table, dir)
		case otherSheets[ext] != "":
			l.errs.Add(model.Pos{File: file}, "a %s file cannot be read: open it and save it as \"Excel 工作簿 (*.xlsx)\" or \"CSV UTF-8\"", otherSheets[ext])
		case slices.Contains(tableExts, ext):
			out = append(out, tableFile{file: file, table: table, part: true})
		}
	}
	return out
}

// piece is rows of a table read from one file or sheet.
type piece struct {
	table string
	t     *model.Table
	part  bool // one of several sources of the table
	from  string
}

// assemble makes the tables of the pieces read, in the order of the
// files: a table of one piece is that piece; the pieces of a table that
// are parts are joined; other sources of one table are an error.
func (l *loader) assemble(pieces []piece) {
	byTable := map[string][]piece{}
	var order []string
	for _, p := range pieces {
		if _, ok := byTable[p.table]; !ok {
			order = append(order, p.table)
		}
		byTable[p.table] = append(byTable[p.table], p)
	}
	for _, name := range order {
		ps := byTable[name]
		if len(ps) == 1 {
			l.site.Tables[name] = ps[0].t
			continue
		}
		if i := slices.IndexFunc(ps, func(p piece) bool { return !p.part }); i >= 0 {
			j := 0
			if i == 0 {
				j = 1
			}
			a, b := ps[min(i, j)], ps[max(i, j)]
			l.errs.Add(model.Pos{File: b.t.File}, "table %s is in %s and in %s: keep one of them (move the other out of data/), or name both as parts (%s-1月.csv, %s-2月.csv or files in a folder data/%s/)", name, a.from, b.from, name, name, name)
			continue
		}
		l.site.Tables[name] = join(name, ps, &l.errs)
	}
}

// join makes one table of the parts of a table, in order: every part
// must have the same columns.
func join(name string, ps []piece, errs *model.ErrorList) *model.Table {
	first := ps[0].t
	t := &model.Table{Name: name, File: describeParts(ps), Schema: first.Schema, Columns: slices.Clone(first.Columns)}
	for _, p := range ps {
		at := make([]int, len(p.t.Columns)) // the table's column of each of p's
		same := len(p.t.Columns) == len(t.Columns)
		for i, c := range p.t.Columns {
			at[i] = slices.IndexFunc(t.Columns, func(tc model.Column) bool { return strings.EqualFold(tc.Key, c.Key) })
			same = same && at[i] >= 0
		}
		if !same {
			errs.Add(headerPos(p.t), "the header of %s is not that of %s (%s): give every part of table %s the same columns", p.from, ps[0].from, strings.Join(first.ColumnNames(), ", "), name)
			continue
		}
		for i, c := range p.t.Columns {
			if c.Kind != t.Columns[at[i]].Kind {
				t.Columns[at[i]].Kind = model.Text // numbers in one part, words in another
			}
		}
		srcs := p.t.Sources
		if srcs == nil {
			srcs = []model.Source{{File: p.t.File}}
		}
		base := len(t.Sources)
		for _, s := range srcs {
			if s.Cols != nil {
				cols := make([]int, len(t.Columns))
				for i := range s.Cols {
					cols[at[i]] = s.Cols[i]
				}
				s.Cols = cols
			}
			t.Sources = append(t.Sources, s)
		}
		for _, r := range p.t.Rows {
			cells := make([]model.Value, len(t.Columns))
			for i, v := range r.Cells {
				cells[at[i]] = v
			}
			r.Cells, r.Src = cells, base+r.Src
			t.Rows = append(t.Rows, r)
		}
	}
	return t
}

// headerPos is the position of the header of a table read from one source.
func headerPos(t *model.Table) model.Pos {
	if len(t.Columns) > 0 {
		return t.Columns[0].Pos
	}
	if len(t.Sources) > 0 {
		return model.Pos{File: t.Sources[0].File, Sheet: t.Sources[0].Sheet}
	}
	return model.Pos{File: t.File}
}

// describeParts names where a table of several parts was read.
func describeParts(ps []piece) string {
	if dir := path.Dir(ps[0].t.File); dir != "data" {
		return dir + "/"
	}
	files := []string{}
	for _, p := range ps {
		if len(files) == 0 || files[len(files)-1] != p.t.File {
			files = append(files, p.t.File)
		}
	}
	switch len(files) {
	case 1:
		return files[0]
	case 2:
		return files[0] + ", " + files[1]
	}
	return fmt.Sprintf("%s … %s", files[0], files[len(files)-1])
}
