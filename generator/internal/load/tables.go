package load

import (
	"crypto/sha256"
	"path"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// tableFile reads the rows of tables a file holds.
func (l *loader) tableFile(tf tableFile) []piece {
	ext := strings.ToLower(path.Ext(tf.file))
	if ext == ".xlsx" || ext == ".xlsm" {
		return l.workbookFile(tf)
	}
	var schema *model.Schema
	if s := model.SchemaOf(tf.table); s != nil {
		schema = s
	} else if base := strings.TrimSuffix(path.Base(tf.file), path.Ext(tf.file)); tf.table != base {
		schema = &model.Schema{Name: tf.table, Title: tf.table} // a custom table in parts
	}
	t := l.table(tf.file, schema)
	if t == nil {
		return nil
	}
	return []piece{{table: tf.table, t: t, part: tf.part, from: tf.file}}
}

// table reads a CSV file, or takes what it held from the cache.
func (l *loader) table(file string, schema *model.Schema) *model.Table {
	c := l.opt.Cache
	if c != nil && l.unchanged(file) {
		c.mu.Lock()
		hit, ok := c.tables[file]
		c.mu.Unlock()
		if ok {
			return l.useTable(file, hit)
		}
	}
	data, ok := l.read(file, maxCSV)
	if !ok {
		return nil
	}
	var sum [32]byte
	var prev *csvParts
	if c != nil {
		sum = sha256.Sum256(data)
		c.mu.Lock()
		hit, ok := c.tables[file]
		c.mu.Unlock()
		if ok && hit.sum == sum {
			return l.useTable(file, hit)
		}
		prev = hit.parts // an edit leaves most parts of a large file as they were
	}
	t, errs, text, parts := readCSV(file, data, schema, prev)
	l.errs = append(l.errs, errs...)
	if text != nil {
		l.site.Files[file] = text
	}
	if c := l.opt.Cache; c != nil {
		c.mu.Lock()
		c.tables[file] = cachedTable{sum: sum, table: t, errs: errs, text: text, data: data, parts: parts}
		c.mu.Unlock()
	}
	return t
}

// useTable takes a table from the cache.
func (l *loader) useTable(file string, hit cachedTable) *model.Table {
	l.errs = append(l.errs, hit.errs...)
	if hit.text != nil {
		l.site.Files[file] = hit.text
	} else if hit.data != nil {
		l.site.Files[file] = hit.data
	}
	return hit.table
}
