package load

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/model"
	"github.com/xuri/excelize/v2"
)

// Spellings that error messages name as valid.
const (
	dateSpellings  = "2023-09-01, 2023/9/1, 2023.9.1 or 2023年9月1日"
	monthSpellings = "2023-09, 2023/9, 2023.9 or 2023年9月"
	numberHint     = "write digits, e.g. 1250 or 1,250.50"
	boolHint       = "yes or no (also true/false, 是/否, Y/N, 1/0)"
	severityHint   = "minor, moderate or serious (also 轻微, 一般, 严重)"
)

var (
	// A day may carry a time of day (2023-9-1 08:30), which is dropped.
	datePattern   = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2})-(\d{1,2})|/(\d{1,2})/(\d{1,2})|\.(\d{1,2})\.(\d{1,2})|年(\d{1,2})月(\d{1,2})日)(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$`)
	monthPattern  = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2})|/(\d{1,2})|\.(\d{1,2})|年(\d{1,2})月)$`)
	numberPattern = regexp.MustCompile(`^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$`)
)

// narrow turns full-width digits and punctuation that Chinese input methods
// produce (０-９, ，．－＋／) into their ASCII forms and trims surrounding spaces,
// including the ideographic space.
func narrow(s string) string {
	s = strings.TrimSpace(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '，':
			return ','
		case r == '．':
			return '.'
		case r == '－':
			return '-'
		case r == '＋':
			return '+'
		case r == '／':
			return '/'
		}
		return r
	}, s)
}

// groups returns the year matched in m and the numbers of the non-empty
// groups that follow it.
func groups(m []string) (year int, rest []int) {
	year, _ = strconv.Atoi(m[1])
	for _, g := range m[2:] {
		if g == "" {
			continue
		}
		n, _ := strconv.Atoi(g)
		rest = append(rest, n)
	}
	return year, rest
}

// ParseDate parses a day written 2023-09-01, 2023/9/1, 2023.9.1 or
// 2023年9月1日 (surrounding spaces and full-width digits allowed, a time
// of day after it dropped) and checks that the day exists.
func ParseDate(s string) (model.Date, error) {
	bad := fmt.Errorf("%q is not a date: write %s", s, dateSpellings)
	m := datePattern.FindStringSubmatch(narrow(s))
	if m == nil {
		return model.Date{}, bad
	}
	year, rest := groups(m)
	if len(rest) != 2 || !validDay(year, rest[0], rest[1]) {
		return model.Date{}, bad
	}
	return model.Date{Year: year, Month: rest[0], Day: rest[1]}, nil
}

func validDay(year, month, day int) bool {
	if year < 1 || month < 1 || month > 12 || day < 1 {
		return false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Day() == day && int(t.Month()) == month
}

// ParseMonth parses a month written 2023-09, 2023/9, 2023.9 or 2023年9月.
// The Date it returns has Day 0.
func ParseMonth(s string) (model.Date, error) {
	n := narrow(s)
	m := monthPattern.FindStringSubmatch(n)
	if m == nil {
		if _, err := ParseDate(n); err == nil {
			return model.Date{}, fmt.Errorf("%q is a day, not a month: write %s", s, monthSpellings)
		}
		return model.Date{}, fmt.Errorf("%q is not a month: write %s", s, monthSpellings)
	}
	year, rest := groups(m)
	if len(rest) != 1 || year < 1 || rest[0] < 1 || rest[0] > 12 {
		return model.Date{}, fmt.Errorf("%q is not a month: write %s", s, monthSpellings)
	}
	return model.Date{Year: year, Month: rest[0]}, nil
}

// parseDateOrMonth accepts a day or a month, as YAML records do.
func parseDateOrMonth(s string) (model.Date, error) {
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	if d, err := ParseMonth(s); err == nil {
		return d, nil
	}
	return model.Date{}, fmt.Errorf("%q is not a date or a month: write a day (%s) or a month (%s)", s, dateSpellings, monthSpellings)
}

// ParseNumber parses a decimal number: digits with an optional sign, an
// optional fraction and optional standard thousands grouping (1,250.50).
// Full-width digits and commas are accepted, and so is an amount of money
// written ¥1,250, ￥1250 or 1250元. The empty string is an error; callers
// decide what a blank cell means.
func ParseNumber(s string) (float64, error) {
	n := narrow(s)
	if !numberPattern.MatchString(n) {
		n = money(n)
		if !numberPattern.MatchString(n) {
			return 0, fmt.Errorf("%q is not a number: %s%s", s, numberHint, numberCause(n))
		}
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number: %s: %w", s, numberHint, errors.Unwrap(err))
	}
	return f, nil
}

// serialDate reads a date that Excel stores as a number: days since
// 1899-12-30 (since 1904-01-01 in a workbook that counts from 1904), with
// the time of day as a fraction, which is dropped. In a sheet, whose
// date cells are such numbers, any of them is read; in a CSV file only a
// whole number from 20000 to 80000 (the years 1954 to 2119), which is
// what a date column formatted as a number shows.
func serialDate(s string, sheet, date1904 bool) (model.Date, bool) {
	n, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	switch {
	case err != nil || n < 1 || n > 2958465: // 9999-12-31
		return model.Date{}, false
	case !sheet && (n != math.Trunc(n) || n < 20000 || n > 80000 || strings.ContainsAny(s, ".eE")):
		return model.Date{}, false
	}
	t, err := excelize.ExcelDateToTime(n, date1904)
	if err != nil {
		return model.Date{}, false
	}
	// The time of day is rounded to the second, as Excel shows it:
	// 45170.99999999 is midnight of the next day.
	t = t.Round(time.Second)
	return model.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, true
}

// money returns the number of an amount written with the yuan sign
// before it or 元 after it, or n as it is.
func money(n string) string {
	for _, sign := range []string{"¥", "￥"} {
		if rest, ok := strings.CutPrefix(n, sign); ok {
			return strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(n, "-"+sign); ok {
			return "-" + strings.TrimSpace(rest)
		}
	}
	if rest, ok := strings.CutSuffix(n, "元"); ok && !strings.HasSuffix(rest, "万") {
		return strings.TrimSpace(rest)
	}
	return n
}

// numberCause names the likely cause of a cell that is not a number.
func numberCause(n string) string {
	switch {
	case strings.HasSuffix(n, "万元") || strings.HasSuffix(n, "万"):
		return "; write the amount in 元, e.g. 1.5万元 as 15000"
	case strings.HasPrefix(n, "#"):
		return "; Excel shows an error in this cell: correct its formula"
	case strings.HasSuffix(n, "%"):
		return "; write the number without %"
	}
	return ""
}

// parseBool parses yes/no, true/false, 是/否, Y/N and 1/0 (any case).
func parseBool(s string) (bool, error) {
	switch strings.ToLower(narrow(s)) {
	case "yes", "true", "y", "1", "是":
		return true, nil
	case "no", "false", "n", "0", "否":
		return false, nil
	}
	return false, fmt.Errorf("%q is not yes or no: write %s", s, boolHint)
}

// parseSeverity returns the English word of a severity written in English
// or Chinese.
func parseSeverity(s string) (string, error) {
	switch strings.ToLower(narrow(s)) {
	case "minor", "轻微":
		return "minor", nil
	case "moderate", "一般":
		return "moderate", nil
	case "serious", "严重":
		return "serious", nil
	}
	return "", fmt.Errorf("%q is not a severity: write %s", s, severityHint)
}
