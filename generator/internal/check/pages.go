package check

import (
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/houqin/report/generator/internal/query"
)

// Pages checks what the pages say about time: a pinned notice whose
// expires date is past (it stays first in the notice list although it no
// longer applies), and a yearly summary of a period in which no table has
// a row (every figure on it would be 0 or missing).
func Pages(q *query.Engine, now time.Time) model.ErrorList {
	var errs model.ErrorList
	today := model.DateOf(now)
	for _, p := range q.Site().Pages {
		at := func(key string) model.Pos {
			if pos, ok := p.FieldPos[key]; ok {
				return pos
			}
			return p.Pos
		}
		switch p.Kind {
		case model.NoticePage:
			if p.Pinned && !p.Expires.IsZero() && p.Expires.Before(today) {
				errs.Warn(at("pinned"), "the notice is pinned but expired on %s: remove pinned: yes, or move expires: to a later day", p.Expires)
			}
		case model.YearPage:
			if p.Year == 0 || len(q.TableNames()) == 0 {
				continue
			}
			period := q.Site().Config.PeriodOf(p.Year)
			if !q.HasData(period) {
				errs.Warn(at("year"), "no table has a row in period %d (%s..%s): the summary's figures and charts are empty; add the year's data or check year:",
					p.Year, model.DateOf(period.Start), period.Last())
			}
		}
	}
	return errs
}
