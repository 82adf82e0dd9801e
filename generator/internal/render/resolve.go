package render

import (
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// scope is what a page's references are evaluated against.
type scope struct {
	r      *Renderer
	period model.Period // the page's period; model.All on notices and plain pages
	page   string       // the page's site-relative file
	dir    string       // the page's output folder, for links
	charts []string     // ids of the charts the page shows, in order
	// timeline is set when the page lists the period's projects itself.
	listsProjects bool
}

// resolve evaluates one reference to HTML.
func (s *scope) resolve(ref *Ref) (template.HTML, error) {
	switch ref.Name {
	case "count", "sum", "rate":
		return s.figure(ref)
	case "delta":
		return s.delta(ref)
	case "chart":
		return s.chart(ref)
	case "table":
		return s.table(ref)
	case "timeline":
		return s.timeline(ref)
	}
	return "", fmt.Errorf("unknown reference %q: use one of %s", ref.Name, strings.Join(RefNames, ", "))
}

// argError is an error about one argument, so the position can point at it.
type argError struct {
	off int
	err error
}

func (e *argError) Error() string { return e.err.Error() }
func (e *argError) Unwrap() error { return e.err }

func atArg(a Arg, format string, args ...any) error {
	return &argError{a.Off, fmt.Errorf(format, args...)}
}

// options are the named arguments of a reference that are not filters.
type options struct {
	period  model.Period
	digits  int
	as      string
	columns []string
	status  string
	filters []model.Filter
}

// parseOptions splits named arguments into options and filters. allowed
// names the options this reference takes besides year and period.
func (s *scope) parseOptions(ref *Ref, allowed ...string) (options, error) {
	o := options{period: s.period, digits: -1}
	ok := map[string]bool{"year": true, "period": true}
	for _, a := range allowed {
		ok[a] = true
	}
	for _, a := range ref.Named() {
		if !ok[a.Key] {
			o.filters = append(o.filters, model.Filter{Column: a.Key, Value: a.Value})
			continue
		}
		switch a.Key {
		case "year":
			y, err := strconv.Atoi(a.Value)
			if err != nil || y < 1900 || y > 2999 {
				return o, atArg(a, "year=%q is not a year: write year=2023", a.Value)
			}
			o.period = s.r.site.Config.PeriodOf(y)
		case "period":
			if a.Value != "all" {
				return o, atArg(a, "period=%q: the only value is period=all", a.Value)
			}
			o.period = model.All
		case "digits":
			d, err := strconv.Atoi(a.Value)
			if err != nil || d < 0 || d > 6 {
				return o, atArg(a, "digits=%q: write a whole number from 0 to 6", a.Value)
			}
			o.digits = d
		case "as":
			if a.Value != "abs" && a.Value != "percent" {
				return o, atArg(a, "as=%q: use as=abs (the plain difference) or as=percent (the default)", a.Value)
			}
			o.as = a.Value
		case "columns":
			for _, c := range strings.Split(a.Value, ",") {
				if c = strings.TrimSpace(c); c != "" {
					o.columns = append(o.columns, c)
				}
			}
		case "status":
			o.status = a.Value
		}
	}
	return o, nil
}

// want checks the count of positional arguments.
func want(ref *Ref, usage string, n int) ([]Arg, error) {
	pos := ref.Positional()
	if len(pos) != n {
		return nil, fmt.Errorf("%s takes %d argument(s) before its filters, got %d: write {{< %s >}}", ref.Name, n, len(pos), usage)
	}
	return pos, nil
}

var usages = map[string]string{
	"count": "count TABLE [COLUMN=VALUE...]",
	"sum":   "sum TABLE COLUMN [COLUMN=VALUE...]",
	"rate":  "rate TABLE NUM DEN [COLUMN=VALUE...] [digits=N]",
	"chart": "chart ID",
	"table": `table TABLE [COLUMN=VALUE...] [columns="a,b"]`,
}

func (s *scope) spec(ref *Ref, op query.Op, args []Arg) query.Spec {
	sp := query.Spec{Op: op, Table: args[0].Value}
	if len(args) > 1 {
		sp.Column = args[1].Value
	}
	if len(args) > 2 {
		sp.Den = args[2].Value
	}
	return sp
}

// figure renders count, sum and rate.
func (s *scope) figure(ref *Ref) (template.HTML, error) {
	n := map[string]int{"count": 1, "sum": 2, "rate": 3}[ref.Name]
	args, err := want(ref, usages[ref.Name], n)
	if err != nil {
		return "", err
	}
	allowed := []string{}
	if ref.Name == "rate" {
		allowed = append(allowed, "digits")
	}
	o, err := s.parseOptions(ref, allowed...)
	if err != nil {
		return "", err
	}
	sp := s.spec(ref, query.Op(ref.Name), args)
	sp.Filters = o.filters
	f, err := s.r.q.Figure(sp, o.period)
	if err != nil {
		return "", s.blame(ref, err)
	}
	text := s.r.lang.Number(f.Value)
	if f.Op == query.OpRate {
		text = s.r.lang.Percent(f.Value, o.digits)
	}
	return s.r.figureHTML(f, text, "fig"), nil
}

// blame points an error about a table, column or filter at the argument
// that named it.
func (s *scope) blame(ref *Ref, err error) error {
	name := ""
	var nf *query.NotFoundError
	var nn *query.NotNumericError
	switch {
	case errors.As(err, &nf):
		name = nf.Name
	case errors.As(err, &nn):
		name = nn.Column
	default:
		return err
	}
	for _, a := range ref.Args {
		if (a.Key == "" && a.Value == name) || a.Key == name {
			return &argError{a.Off, err}
		}
	}
	return err
}

// figureHTML wraps a figure in a <data> element whose title tells where it
// comes from: file, period, filters and number of rows.
func (r *Renderer) figureHTML(f query.Figure, text, class string) template.HTML {
	return template.HTML(fmt.Sprintf(`<data class="%s" value="%s" title="%s" tabindex="0">%s</data>`,
		class, template.HTMLEscapeString(strconv.FormatFloat(f.Value, 'f', -1, 64)),
		template.HTMLEscapeString(r.provenance(f)), template.HTMLEscapeString(text)))
}

// provenance describes a figure's source for the hover title.
func (r *Renderer) provenance(f query.Figure) string {
	l := r.lang
	parts := []string{l.T("source") + " " + f.File, l.Period(f.Period)}
	switch f.Op {
	case query.OpSum:
		parts = append(parts, l.T("sum of")+" "+f.Column)
	case query.OpRate:
		parts = append(parts, f.Column+" / "+f.Den)
	}
	for _, flt := range f.Filters {
		parts = append(parts, flt.Column+"="+flt.Value)
	}
	parts = append(parts, fmt.Sprintf(l.T("%d rows"), f.Rows))
	return strings.Join(parts, " · ")
}
