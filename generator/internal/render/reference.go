package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Ref is a parsed data reference: {{< NAME ARG... KEY=VALUE... >}}.
type Ref struct {
	Name string
	Args []Arg
}

// Arg is one word of a reference: a positional value (Key == "") or KEY=VALUE.
type Arg struct {
	Key   string
	Value string
	Off   int // byte offset of the argument within the reference's inner text
}

// Positional returns the positional arguments.
func (r *Ref) Positional() []Arg {
	var out []Arg
	for _, a := range r.Args {
		if a.Key == "" {
			out = append(out, a)
		}
	}
	return out
}

// Named returns the KEY=VALUE arguments.
func (r *Ref) Named() []Arg {
	var out []Arg
	for _, a := range r.Args {
		if a.Key != "" {
			out = append(out, a)
		}
	}
	return out
}

// SyntaxError is a malformed reference; Off is the byte offset of the
// problem within the inner text.
type SyntaxError struct {
	Off int
	Msg string
}

func (e *SyntaxError) Error() string { return e.Msg }

// ParseRef parses the inner text of a reference, between "{{<" and ">}}".
// Values may be quoted with double quotes to hold spaces.
func ParseRef(inner string) (*Ref, error) {
	words, err := splitWords(inner)
	if err != nil {
		return nil, err
	}
	if len(words) == 0 {
		return nil, &SyntaxError{0, "empty reference: write a name, e.g. {{< count repairs >}}"}
	}
	name := words[0]
	if name.quoted || name.key != "" {
		return nil, &SyntaxError{name.off, fmt.Sprintf("a reference starts with its name (%s), not %q", strings.Join(RefNames, ", "), name.text)}
	}
	r := &Ref{Name: name.text}
	for _, w := range words[1:] {
		r.Args = append(r.Args, Arg{Key: w.key, Value: w.text, Off: w.off})
	}
	return r, nil
}

type word struct {
	key    string
	text   string
	off    int
	quoted bool
}

// splitWords splits on white space, honouring "quoted values" and KEY=VALUE.
func splitWords(s string) ([]word, error) {
	var out []word
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		start := i
		var w word
		w.off = start
		var b strings.Builder
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				break
			}
			switch {
			case r == '=' && w.key == "" && !w.quoted && b.Len() > 0:
				w.key = b.String()
				b.Reset()
				i += size
				continue
			case r == '"' && b.Len() == 0:
				end := strings.IndexByte(s[i+1:], '"')
				if end < 0 {
					return nil, &SyntaxError{i, "unterminated quoted value: close it with \""}
				}
				b.WriteString(s[i+1 : i+1+end])
				w.quoted = true
				i += end + 2
				continue
			case r == '“' || r == '”':
				return nil, &SyntaxError{i, "use straight double quotes (\") around values, not “ ”"}
			}
			b.WriteRune(r)
			i += size
		}
		w.text = b.String()
		if w.key != "" && w.text == "" && !w.quoted {
			return nil, &SyntaxError{start, fmt.Sprintf("%s= has no value: write %s=VALUE", w.key, w.key)}
		}
		out = append(out, w)
	}
	return out, nil
}

// RefNames are the references the contract defines.
var RefNames = []string{"count", "sum", "rate", "delta", "chart", "table", "timeline"}

// blockRefs render as blocks and must stand on a line of their own.
var blockRefs = map[string]bool{"chart": true, "table": true, "timeline": true}
