// Package check holds the rules that look at a whole loaded site, after
// every file has been read on its own: references between files (a chart
// of data/charts.yaml naming a table and its columns), and, as the product
// grows, lint rules over content and rendered pages. Each rule returns
// positioned findings; none stops at the first.
package check
