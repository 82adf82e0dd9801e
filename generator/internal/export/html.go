package export

import (
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// collapse turns every run of white space into one space, as a browser
// shows it: " a \n b " is " a b ".
func collapse(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		if s == "" {
			return ""
		}
		return " "
	}
	out := strings.Join(f, " ")
	if strings.TrimLeft(s, " \t\r\n") != s {
		out = " " + out
	}
	if strings.TrimRight(s, " \t\r\n") != s {
		out += " "
	}
	return out
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n != nil && n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

// walk calls f on n and, while f returns true, on its descendants.
func walk(n *html.Node, f func(*html.Node) bool) {
	if n.Type == html.ElementNode && !f(n) {
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// find returns the first element under n (n included) for which match
// is true, or nil.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	var found *html.Node
	walk(n, func(x *html.Node) bool {
		if found != nil {
			return false
		}
		if match(x) {
			found = x
			return false
		}
		return true
	})
	return found
}

// textOf is the text of n as shown, white space collapsed and trimmed.
func textOf(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var add func(*html.Node)
	add = func(x *html.Node) {
		if x.Type == html.TextNode {
			b.WriteString(x.Data)
		}
		if x.Type == html.ElementNode && (x.Data == "script" || x.Data == "style") {
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			add(c)
		}
	}
	add(n)
	return strings.TrimSpace(collapse(b.String()))
}
