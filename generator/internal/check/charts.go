package check

import (
	"errors"
	"strings"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// Charts checks that every chart of data/charts.yaml names a table the
// site has and columns that table has. A chart of a table the site does
// not have is reported only when no page can show it, so a site may keep
// charts for tables it will add later: it is a warning.
func Charts(q *query.Engine) model.ErrorList {
	var errs model.ErrorList
	for _, c := range q.Site().Charts {
		at := func(field string) model.Pos {
			if p, ok := c.FieldPos[field]; ok {
				return p
			}
			return c.Pos
		}
		t := q.Table(c.Table)
		if t == nil {
			errs.Warn(at("table"), "chart %s: the site has no table %q (no data/%s.csv or .xlsx): the chart is left out; tables: %s",
				c.ID, c.Table, c.Table, strings.Join(q.TableNames(), ", "))
			continue
		}
		if _, err := q.ChartData(c, model.All); err != nil {
			errs.Add(at(field(err, c)), "chart %s: %v", c.ID, err)
		}
	}
	return errs
}

// field guesses which key of a chart spec an error is about.
func field(err error, c model.ChartSpec) string {
	var nf *query.NotFoundError
	if errors.As(err, &nf) {
		switch nf.Name {
		case c.X:
			return "x"
		case c.Series:
			return "series"
		}
		for _, w := range c.Where {
			if w.Column == nf.Name {
				return "where"
			}
		}
	}
	return "y"
}
