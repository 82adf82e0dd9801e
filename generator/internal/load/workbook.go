package load

import (
	"crypto/sha256"
	"path"
	"slices"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// cachedBook is what a workbook held, kept by load.Cache.
type cachedBook struct {
	sum    [32]byte
	pieces []piece
	errs   model.ErrorList
}

// workbookFile reads the tables of a workbook, or takes them from the
// cache when its bytes did not change.
func (l *loader) workbookFile(tf tableFile) []piece {
	data, errs := readLimited(l.fsys, tf.file, maxCSV, false)
	if errs != nil {
		l.errs = append(l.errs, errs...)
		return nil
	}
	c := l.opt.Cache
	sum := sha256.Sum256(data)
	if c != nil {
		c.mu.Lock()
		hit, ok := c.books[tf.file]
		c.mu.Unlock()
		if ok && hit.sum == sum {
			l.errs = append(l.errs, hit.errs...)
			return hit.pieces
		}
	}
	var found model.ErrorList
	pieces := readWorkbook(tf, data, &found)
	l.errs = append(l.errs, found...)
	if c != nil {
		c.mu.Lock()
		c.books[tf.file] = cachedBook{sum: sum, pieces: pieces, errs: found}
		c.mu.Unlock()
	}
	return pieces
}

// readWorkbook reads the tables of a workbook: for a workbook named after
// a table, every sheet whose header is the table's; for any other, the
// sheets named after tables, or, when none is, every sheet with the
// header of its first as a table named after the file.
func readWorkbook(tf tableFile, data []byte, errs *model.ErrorList) []piece {
	w, err := openWorkbook(tf.file, data)
	if err != nil {
		errs.Add(model.Pos{File: tf.file}, "%v", err)
		return nil
	}
	defer w.close()
	var sheets []*sheet
	for _, name := range w.sheets {
		s, err := w.read(name)
		if err != nil {
			errs.Add(model.Pos{File: tf.file, Sheet: name}, "cannot read the sheet: %v", err)
			continue
		}
		if !s.empty() {
			sheets = append(sheets, s)
		}
	}
	if len(sheets) == 0 {
		errs.Add(model.Pos{File: tf.file}, "the workbook has no filled sheet: a table needs a header row and a row for each record")
		return nil
	}
	if tf.table != "" {
		return w.tablePieces(tf, sheets, errs)
	}
	byTable := map[string][]*sheet{}
	var order []string
	for _, s := range sheets {
		t, ok := tablePart(s.name)
		if !ok {
			continue
		}
		if byTable[t] == nil {
			order = append(order, t)
		}
		byTable[t] = append(byTable[t], s)
	}
	if len(order) == 0 { // a custom table
		tf.table = strings.TrimSuffix(path.Base(tf.file), path.Ext(tf.file))
		if note := likeTable(tf.file, tf.table); note != "" {
			errs.Note(model.Pos{File: tf.file}, "%s", note)
		}
		return w.tablePieces(tf, sheets, errs)
	}
	for _, s := range sheets {
		if _, ok := tablePart(s.name); !ok {
			errs.Note(model.Pos{File: tf.file, Sheet: s.name}, "the sheet %q is not read: name a sheet after its table (%s) to read it", s.name, strings.Join(titles(), ", "))
		}
	}
	var out []piece
	for _, t := range order {
		ps := w.tablePieces(tableFile{file: tf.file, table: t}, byTable[t], errs)
		for i := range ps {
			// Two tables of one workbook: each is named by its sheet.
			ps[i].t.File = tf.file + ":" + byTable[t][0].name
			ps[i].from = tf.file + " (sheet " + byTable[t][0].name + ")"
		}
		out = append(out, ps...)
	}
	return out
}

// titles lists the Chinese names of the contract's tables.
func titles() []string {
	out := make([]string, len(model.Schemas))
	for i, s := range model.Schemas {
		out[i] = s.Title
	}
	return out
}

// tablePieces reads the sheets of one table: those with a header of its
// columns (those of the first sheet, for a custom table), joined. When
// no sheet has one, the first is read, and its problems say why.
func (w *workbook) tablePieces(tf tableFile, sheets []*sheet, errs *model.ErrorList) []piece {
	schema := model.SchemaOf(tf.table)
	if schema == nil {
		schema = &model.Schema{Name: tf.table, Title: tf.table}
	}
	var ps []piece
	var first []string // the columns of the first sheet read
	for _, s := range sheets {
		t, found, ok := w.table(s, schema)
		if ok && first != nil && len(schema.Columns) == 0 && !slices.Equal(t.ColumnNames(), first) {
			ok = false
		}
		if !ok {
			continue
		}
		if first == nil {
			first = t.ColumnNames()
		}
		*errs = append(*errs, found...)
		ps = append(ps, piece{table: tf.table, t: t, part: true, from: tf.file + " (sheet " + s.name + ")"})
	}
	if len(ps) == 0 {
		t, found, _ := w.table(sheets[0], schema)
		*errs = append(*errs, found...)
		ps = append(ps, piece{table: tf.table, t: t, from: tf.file})
	}
	for _, s := range sheets {
		if !slices.ContainsFunc(ps, func(p piece) bool { return p.t.Sources[0].Sheet == s.name }) {
			errs.Note(model.Pos{File: tf.file, Sheet: s.name}, "the sheet %q is not read: it has no header row with the columns of the other sheets (%s)", s.name, strings.Join(ps[0].t.ColumnNames(), ", "))
		}
	}
	t := ps[0].t
	if len(ps) > 1 {
		t = join(tf.table, ps, errs)
		t.File = tf.file
	}
	return []piece{{table: tf.table, t: t, part: tf.part, from: tf.file}}
}
