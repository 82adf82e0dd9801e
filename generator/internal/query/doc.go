// Package query answers the questions pages ask of a site's data: which
// periods exist, which rows of a table fall in a period and match some
// filters, and the figures made of them (count, sum, rate, delta) with
// their provenance. It also computes chart data for built-in and
// data/charts.yaml charts.
//
// Periods: a row belongs to the period that contains its date (or the
// first day of its month). model.All is every row.
//
// Filters are exact matches on a column named by its English key, its
// Chinese alias or its header as written. Severity and yes/no columns
// accept either language (严重 = serious, 是 = yes); numbers compare by
// value (1,250 = 1250).
//
// Compliance evaluates the safety rules of site.yaml (rules:) for a
// period — drills per term, days between inspection rounds, the least
// rectification rate — once, for both the check command and the safety
// record's compliance panel (see rules.go for the terms and gaps).
//
// Row selections per table, period and filters, and chart data per chart
// and period, are computed once and cached, so a page with fifty
// references does not scan a table fifty times, and a chart on the yearly
// page, the safety record and the booklet is computed once. Each table's
// rows are sorted into their periods once, for every period at a time
// (periods.go), and the columns that filters, sums and charts read are
// copied out of the rows once per table (columns.go). The Engine assumes the site's tables do not change
// while it is in use: a new site makes a new Engine. An Engine is safe
// for concurrent use.
package query
