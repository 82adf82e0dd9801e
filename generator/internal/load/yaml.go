package load

import (
	"errors"
	"slices"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"github.com/houqin/report/generator/internal/model"
)

// maxAliases caps the aliases (*name) of one YAML file.
const maxAliases = 100

// maxDepth caps how deeply YAML may nest, with brackets or indentation:
// the parser's time grows with the square of the depth.
const maxDepth = 64

// tooDeep finds where text nests deeper than maxDepth, counting flow
// brackets ([ {) outside quotes and block levels (indentation and "- ").
// ok is false at the 1-based line and column where it does.
func tooDeep(text string) (line, col int, ok bool) {
	var indents []int
	for n, l := range strings.Split(text, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		if trimmed == "" || trimmed[0] == '#' {
			continue
		}
		indent := len(l) - len(trimmed)
		for len(indents) > 0 && indents[len(indents)-1] >= indent {
			indents = indents[:len(indents)-1]
		}
		indents = append(indents, indent)
		// "- - - x" opens a level per dash.
		for rest := trimmed; strings.HasPrefix(rest, "- "); rest = strings.TrimLeft(rest[2:], " ") {
			indent += 2
			indents = append(indents, indent)
		}
		if len(indents) > maxDepth {
			return n + 1, 1, false
		}
	}
	depth, quote, n, c := 0, byte(0), 1, 0
	for i := 0; i < len(text); i++ {
		ch := text[i]
		c++
		switch {
		case ch == '\n':
			n, c = n+1, 0
			if quote == '\'' {
				continue
			}
		case quote != 0:
			if ch == quote {
				quote = 0
			} else if ch == '\\' && quote == '"' {
				i++
			}
		case ch == '"' || ch == '\'':
			if i == 0 || strings.IndexByte(" \t[{,:", text[i-1]) >= 0 {
				quote = ch
			}
		case ch == '#' && (i == 0 || text[i-1] == ' '):
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case ch == '[' || ch == '{':
			depth++
			if depth > maxDepth {
				return n, c, false
			}
		case ch == ']' || ch == '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return 0, 0, true
}

// yamlDoc is a parsed YAML file (or front matter) and where it sits.
type yamlDoc struct {
	file    string
	offset  int // lines before the YAML text in the file (front matter)
	body    ast.Node
	anchors map[string]ast.Node
	errs    *model.ErrorList
}

// parseYAML parses text, reporting syntax errors and alias bombs. The doc
// it returns has a nil body when the text holds no usable document.
func parseYAML(file string, offset int, text string, errs *model.ErrorList) *yamlDoc {
	d := &yamlDoc{file: file, offset: offset, anchors: map[string]ast.Node{}, errs: errs}
	if len(text) > maxYAML {
		errs.Add(model.Pos{File: file, Line: offset + 1, Col: 1}, "the file is larger than %d MB", maxYAML>>20)
		return d
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if line, col, ok := tooDeep(text); !ok {
		errs.Add(model.Pos{File: file, Line: offset + line, Col: col}, "the YAML is nested more than %d levels deep here: records need a few levels at most", maxDepth)
		return d
	}
	f, err := parser.ParseBytes([]byte(text), 0)
	if err != nil {
		var se *yaml.SyntaxError
		pos := model.Pos{File: file, Line: offset + 1, Col: 1}
		msg := err.Error()
		if errors.As(err, &se) && se.Token != nil {
			pos, msg = d.pos(se.Token), se.Message
		}
		errs.Add(pos, "YAML syntax: %s", msg)
		return d
	}
	if len(f.Docs) == 0 || f.Docs[0] == nil {
		return d
	}
	if len(f.Docs) > 1 && f.Docs[1] != nil && f.Docs[1].Body != nil {
		errs.Warn(d.pos(f.Docs[1].Body.GetToken()), "only the first YAML document (before \"---\") is read")
	}
	w := &anchorWalker{d: d}
	ast.Walk(w, f.Docs[0])
	if w.aliases > maxAliases {
		return d
	}
	d.body = f.Docs[0].Body
	return d
}

type anchorWalker struct {
	d       *yamlDoc
	aliases int
}

func (w *anchorWalker) Visit(n ast.Node) ast.Visitor {
	switch n := n.(type) {
	case *ast.AnchorNode:
		if n.Name != nil {
			w.d.anchors[n.Name.String()] = n.Value
		}
	case *ast.AliasNode:
		w.aliases++
		if w.aliases == maxAliases+1 {
			w.d.errs.Add(w.d.nodePos(n), "more than %d aliases (*name) in one file: write the values out instead", maxAliases)
		}
	}
	return w
}

// pos converts a token position to a site position.
func (d *yamlDoc) pos(tk *token.Token) model.Pos {
	if tk == nil || tk.Position == nil {
		return model.Pos{File: d.file, Line: d.offset + 1, Col: 1}
	}
	return model.Pos{File: d.file, Line: tk.Position.Line + d.offset, Col: tk.Position.Column}
}

func (d *yamlDoc) nodePos(n ast.Node) model.Pos {
	if n == nil {
		return d.pos(nil)
	}
	return d.pos(n.GetToken())
}

// resolve follows anchors, tags and aliases to the node that holds a value.
func (d *yamlDoc) resolve(n ast.Node) ast.Node {
	for range 8 {
		switch v := n.(type) {
		case *ast.AnchorNode:
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			if v.Value == nil {
				return nil
			}
			n = d.anchors[v.Value.String()]
		default:
			return n
		}
	}
	return n
}

// scalar returns the text of a scalar node as written (without quotes).
// null is "" with ok true; a list or mapping is not ok.
func (d *yamlDoc) scalar(n ast.Node) (string, bool) {
	switch v := d.resolve(n).(type) {
	case nil, *ast.NullNode:
		return "", true
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return v.GetToken().Value, true
	}
	return "", false
}

// field is one key of a mapping.
type field struct {
	key      string
	keyPos   model.Pos
	value    ast.Node
	valuePos model.Pos
}

// fields lists the keys of a mapping in file order, following merge keys
// (<<: *base) one level deep. Keys written later win over merged ones.
func (d *yamlDoc) fields(n ast.Node) ([]field, bool) {
	m, ok := d.resolve(n).(*ast.MappingNode)
	if !ok {
		return nil, false
	}
	var out []field
	seen := map[string]model.Pos{}
	var merged []field
	for _, mv := range m.Values {
		if mv.Key != nil && mv.Key.IsMergeKey() {
			inner, _ := d.resolve(mv.Value).(*ast.MappingNode)
			if inner != nil {
				merged = append(merged, d.plainFields(inner)...)
			}
			continue
		}
		f := d.field(mv)
		if p, dup := seen[f.key]; dup {
			d.errs.Add(f.keyPos, "duplicate key %q: it is already set at line %d", f.key, p.Line)
			continue
		}
		seen[f.key] = f.keyPos
		out = append(out, f)
	}
	for _, f := range merged {
		if _, dup := seen[f.key]; !dup {
			seen[f.key] = f.keyPos
			out = append(out, f)
		}
	}
	return out, true
}

func (d *yamlDoc) plainFields(m *ast.MappingNode) []field {
	var out []field
	for _, mv := range m.Values {
		if mv.Key != nil && !mv.Key.IsMergeKey() {
			out = append(out, d.field(mv))
		}
	}
	return out
}

func (d *yamlDoc) field(mv *ast.MappingValueNode) field {
	key, _ := d.scalar(mv.Key)
	f := field{key: key, keyPos: d.nodePos(mv.Key), value: mv.Value, valuePos: d.nodePos(mv.Value)}
	if _, null := d.resolve(mv.Value).(*ast.NullNode); null || mv.Value == nil {
		f.valuePos = f.keyPos // an empty value: point at its key
	}
	return f
}

// list returns the items of a sequence; a null document is an empty list.
func (d *yamlDoc) list(n ast.Node) ([]ast.Node, bool) {
	switch v := d.resolve(n).(type) {
	case nil, *ast.NullNode:
		return nil, true
	case *ast.SequenceNode:
		return v.Values, true
	}
	return nil, false
}

// knownKeys warns about each key not in known.
func (d *yamlDoc) knownKeys(fs []field, what string, known []string) {
	for _, f := range fs {
		if !slices.Contains(known, f.key) {
			d.errs.Warn(f.keyPos, "unknown key %q in %s: the known keys are %s", f.key, what, strings.Join(known, ", "))
		}
	}
}

// oneOf formats a list of valid words: a, b or c.
func oneOf(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
