package load

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"

	"github.com/houqin/report/generator/internal/model"
)

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9-]+$`)
	projectKeys    = []string{"id", "title", "category", "status", "start", "end", "cost", "funding", "summary"}
	honorKeys      = []string{"date", "title", "level", "issuer"}
	honorLevels    = []string{"national", "province", "city", "district", "other"}
	chartKeys      = []string{"id", "title", "type", "table", "x", "y", "series", "where", "rate"}
	chartTypes     = []string{"bar", "line", "pie", "stacked-bar"}
	projectExample = "- id: building-2-reinforcement"
)

// entries parses a YAML file that is a list of mappings and returns one
// entry per item; what names an item in messages, e.g. "project".
func entries(file, text, what, example string, known []string, errs *model.ErrorList) []*entry {
	d := parseYAML(file, 0, text, errs)
	items, ok := d.list(d.body)
	if !ok {
		errs.Add(d.nodePos(d.body), "%s must be a list of %ss, each starting with \"- \", e.g. %s", file, what, example)
		return nil
	}
	var out []*entry
	for _, it := range items {
		fs, ok := d.fields(it)
		if !ok {
			errs.Add(d.nodePos(it), "each %s must be a mapping of keys and values, e.g. %s", what, example)
			continue
		}
		pos := d.nodePos(it)
		if len(fs) > 0 {
			pos = fs[0].keyPos
		}
		d.knownKeys(fs, "a "+what, known)
		out = append(out, newEntry(d, pos, fs))
	}
	return out
}

// id reads and checks the id of an entry; ids maps each id to where it was
// first used.
func (e *entry) id(what string, ids map[string]model.Pos) string {
	id := e.required("id", "id: followed by a name of lowercase letters, digits and \"-\"")
	if id == "" {
		return ""
	}
	if !idPattern.MatchString(id) {
		e.errf("id", "%s id %q is not valid: use only lowercase letters a-z, digits and \"-\", e.g. building-2", what, id)
	}
	if first, dup := ids[id]; dup {
		e.errf("id", "duplicate %s id %q: it is also used at %s", what, id, first)
	} else {
		ids[id] = e.fieldPos["id"]
	}
	return id
}

func projects(file, text string, errs *model.ErrorList) []model.Project {
	var out []model.Project
	ids := map[string]model.Pos{}
	for _, e := range entries(file, text, "project", projectExample, projectKeys, errs) {
		p := model.Project{Pos: e.pos, FieldPos: e.fieldPos}
		p.ID = e.id("project", ids)
		p.Title = e.required("title", "title: followed by the project's name")
		p.Category = e.required("category", "category: building, grounds, safety, sports, it or other")
		if p.Category != "" && !categoryWord(p.Category) {
			// The category is the address of its list, timeline/category/CATEGORY/.
			e.errf("category", "category %q is not valid: use building, grounds, safety, sports, it, other, or one word of letters, digits and \"-\"", p.Category)
			p.Category = ""
		}
		if p.Status = e.required("status", "status: "+oneOf(model.ProjectStatuses)); p.Status != "" {
			e.oneOfWords("status", p.Status, model.ProjectStatuses)
		}
		if e.has("start") {
			p.Start = e.date("start")
		} else {
			e.required("start", "start: followed by a date or month, e.g. start: 2023-07")
		}
		p.End = e.date("end")
		if !p.Start.IsZero() && !p.End.IsZero() && !p.End.End().After(p.Start.Start()) {
			e.errf("end", "end %s is before start %s: correct one of them", p.End, p.Start)
		}
		p.Cost, p.HasCost = e.number("cost")
		p.Funding = e.str("funding")
		p.Summary = e.str("summary")
		out = append(out, p)
	}
	return out
}

func honors(file, text string, errs *model.ErrorList) []model.Honor {
	var out []model.Honor
	for _, e := range entries(file, text, "honor", "- {date: 2023-12, title: 省级平安校园, level: province}", honorKeys, errs) {
		h := model.Honor{Pos: e.pos}
		if e.has("date") {
			h.Date = e.date("date")
		} else {
			e.required("date", "date: followed by a date or month, e.g. date: 2023-12")
		}
		h.Title = e.required("title", "title: followed by the honor's name")
		if h.Level = e.required("level", "level: "+oneOf(honorLevels)); h.Level != "" {
			e.oneOfWords("level", h.Level, honorLevels)
		}
		h.Issuer = e.str("issuer")
		out = append(out, h)
	}
	return out
}

// charts reads data/charts.yaml. Table and column names are checked later,
// by the stage that knows the loaded tables.
func charts(file, text string, errs *model.ErrorList) []model.ChartSpec {
	var out []model.ChartSpec
	ids := map[string]model.Pos{}
	for _, e := range entries(file, text, "chart", "- id: plumbing-by-month", chartKeys, errs) {
		c := model.ChartSpec{Pos: e.pos, FieldPos: e.fieldPos}
		c.ID = e.id("chart", ids)
		c.Title = e.str("title")
		if c.Type = e.required("type", "type: "+oneOf(chartTypes)); c.Type != "" {
			e.oneOfWords("type", c.Type, chartTypes)
		}
		c.Table = e.required("table", "table: followed by a table name, e.g. table: repairs")
		c.X = e.required("x", "x: followed by a column, or month or year")
		c.Y = e.str("y")
		c.Series = e.str("series")
		c.Rate = e.str("rate")
		if c.Rate != "" && strings.Count(c.Rate, "/") != 1 {
			e.errf("rate", "rate must be NUM/DEN, two numeric columns, e.g. rate: hazards_fixed/hazards_found")
		}
		c.Where = e.where()
		out = append(out, c)
	}
	return out
}

func (e *entry) where() []model.Filter {
	f, ok := e.fields["where"]
	if !ok {
		return nil
	}
	fs, ok := e.d.fields(f.value)
	if !ok {
		if s, scalar := e.d.scalar(f.value); !scalar || s != "" {
			e.errf("where", "where must be a mapping of columns to values, e.g. where: {trade: 水道}")
		}
		return nil
	}
	var out []model.Filter
	for _, w := range fs {
		if v, ok := e.d.scalar(w.value); ok {
			out = append(out, model.Filter{Column: w.key, Value: v, Pos: w.valuePos})
			continue
		}
		f := model.Filter{Column: w.key, Pos: w.valuePos}
		values, ok := e.whereValues(w.value)
		if not, isMap := e.d.fields(w.value); isMap && len(not) == 1 && not[0].key == "not" {
			f.Not = true
			values, ok = e.whereValues(not[0].value)
		}
		if !ok || len(values) == 0 {
			e.d.errs.Add(w.valuePos, "where %s: write a value to match (%s: 水道), a list of values of which one must match (%s: [approved, done]) or values that must not match (%s: {not: cancelled})", w.key, w.key, w.key, w.key)
			continue
		}
		f.Value, f.Values = values[0], values
		out = append(out, f)
	}
	return out
}

// whereValues reads the value of a where filter: one value, or a list of
// single values.
func (e *entry) whereValues(n ast.Node) ([]string, bool) {
	if v, ok := e.d.scalar(n); ok {
		return []string{v}, true
	}
	items, ok := e.d.list(n)
	if !ok {
		return nil, false
	}
	var out []string
	for _, it := range items {
		v, ok := e.d.scalar(it)
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

// categoryWord reports whether s is one word of letters (any script),
// digits, "-" and "_": a category becomes a folder of the output.
func categoryWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			return false
		}
	}
	return len(s) <= 64
}
