package render

import (
	"errors"
	"testing"
)

// FuzzParseRef: any text between {{< and >}} parses or gives a
// SyntaxError whose offset lies in the text; nothing panics.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{" count repairs trade=水道 ", ` sum repairs quantity item="a b" `, " x= ", " “q” ", ` a="open `, ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inner string) {
		ref, err := ParseRef(inner)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseRef(%q): %T is not a *SyntaxError", inner, err)
			}
			if se.Off < 0 || se.Off > len(inner) || se.Msg == "" {
				t.Fatalf("ParseRef(%q): offset %d outside the text, or no message", inner, se.Off)
			}
			return
		}
		if ref.Name == "" {
			t.Fatalf("ParseRef(%q) has no name", inner)
		}
		for _, a := range ref.Args {
			if a.Off < 0 || a.Off >= len(inner) {
				t.Fatalf("ParseRef(%q): argument %q at %d outside the text", inner, a.Value, a.Off)
			}
		}
	})
}
