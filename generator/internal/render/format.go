package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/model"
)

// Lang formats numbers, dates and periods, and translates UI words, for
// one of the site languages.
type Lang struct {
	en    bool
	words map[string]string
}

// NewLang returns the formatter for a site.yaml language (zh-CN or en).
func NewLang(language string) Lang {
	if language == "en" {
		return Lang{en: true, words: merge(wordsEn, noticeWordsEn, safetyWordsEn, timelineWordsEn, bookletWordsEn)}
	}
	return Lang{words: merge(wordsZh, noticeWordsZh, safetyWordsZh, timelineWordsZh, bookletWordsZh)}
}

// merge joins the word lists of the parts of the UI into one.
func merge(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, p := range parts {
		for k, v := range p {
			out[k] = v
		}
	}
	return out
}

// En reports whether the language is English.
func (l Lang) En() bool { return l.en }

// Code is the language code for <html lang>.
func (l Lang) Code() string {
	if l.en {
		return "en"
	}
	return "zh-CN"
}

// T translates a UI word; an unknown key is returned as it is, so a
// missing translation shows up on the page rather than vanishing.
func (l Lang) T(key string) string {
	if w, ok := l.words[key]; ok {
		return w
	}
	return key
}

// Labelled joins a label and its value: "2022年：373" in Chinese, with
// the full-width colon, and "2022: 373" in English.
func (l Lang) Labelled(label, value string) string {
	if l.en {
		return label + ": " + value
	}
	return label + "：" + value
}

// Number formats v with thousands separators and at most two decimals,
// dropping trailing zeros: 1,250 and 12.5.
func (l Lang) Number(v float64) string {
	return groupDigits(strconv.FormatFloat(round(v, 2), 'f', -1, 64))
}

// Fixed formats v with exactly digits decimals.
func (l Lang) Fixed(v float64, digits int) string {
	return groupDigits(strconv.FormatFloat(round(v, digits), 'f', digits, 64))
}

// Percent formats v (already in %) with digits decimals; a negative digits
// means one decimal with a trailing .0 dropped.
func (l Lang) Percent(v float64, digits int) string {
	if digits < 0 {
		s := l.Fixed(v, 1)
		return strings.TrimSuffix(s, ".0") + "%"
	}
	return l.Fixed(v, digits) + "%"
}

func round(v float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0"
	}
	return r
}

func groupDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String() + frac
}

var monthsEn = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Date formats a day or month: 2023年9月1日 / 1 Sep 2023; 2023年9月 / Sep 2023.
func (l Lang) Date(d model.Date) string {
	switch {
	case d.IsZero():
		return ""
	case l.en && d.Day == 0:
		return fmt.Sprintf("%s %d", monthsEn[d.Month-1], d.Year)
	case l.en:
		return fmt.Sprintf("%d %s %d", d.Day, monthsEn[d.Month-1], d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%d年%d月", d.Year, d.Month)
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year, d.Month, d.Day)
}

// Month formats a YYYY-MM category as 9月 / Sep, with the year when asked.
func (l Lang) Month(ym string, withYear bool) string {
	y, err1 := strconv.Atoi(ym[:min(4, len(ym))])
	m, err2 := strconv.Atoi(ym[min(5, len(ym)):])
	if err1 != nil || err2 != nil || m < 1 || m > 12 {
		return ym
	}
	switch {
	case l.en && withYear:
		return fmt.Sprintf("%s %d", monthsEn[m-1], y)
	case l.en:
		return monthsEn[m-1]
	case withYear:
		return fmt.Sprintf("%d年%d月", y, m)
	}
	return fmt.Sprintf("%d月", m)
}

// Period labels a period: 2023年 / 2023; 2023—2024学年 / 2023–24 school year.
func (l Lang) Period(p model.Period) string {
	switch {
	case p.IsAll():
		return l.T("all periods")
	case p.Kind == model.SchoolYear && l.en:
		return fmt.Sprintf("%d–%02d school year", p.Year, (p.Year+1)%100)
	case p.Kind == model.SchoolYear:
		return fmt.Sprintf("%d—%d学年", p.Year, p.Year+1)
	case l.en:
		return strconv.Itoa(p.Year)
	}
	return fmt.Sprintf("%d年", p.Year)
}

// PeriodShort is the label on a chart axis: 2023 or 2023—24.
func (l Lang) PeriodShort(p model.Period) string {
	if p.Kind == model.SchoolYear {
		return fmt.Sprintf("%d–%02d", p.Year, (p.Year+1)%100)
	}
	return strconv.Itoa(p.Year)
}

// Day formats a YYYY-MM-DD category as 2月13日 / 13 Feb, with the year when asked.
func (l Lang) Day(ymd string, withYear bool) string {
	y, err1 := strconv.Atoi(ymd[:4])
	m, err2 := strconv.Atoi(ymd[5:7])
	d, err3 := strconv.Atoi(ymd[8:])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 {
		return ymd
	}
	switch {
	case withYear:
		return l.Date(model.Date{Year: y, Month: m, Day: d})
	case l.en:
		return fmt.Sprintf("%d %s", d, monthsEn[m-1])
	}
	return fmt.Sprintf("%d月%d日", m, d)
}
