package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// hit is something found in a line of text: a byte offset and a message.
type hit struct {
	off  int
	text string // what was found, as written
	msg  string
}

// xUnits are the characters after which, or before which, an x stands for
// a number that was never filled in: x月x日, x万元, x个, x号楼.
const xUnits = "年月日号万千百十元角个次名台只间处人份块米平方套张件把支条辆栋楼层项位天周期学届批轮所班届起根扇"

// blanks finds unfilled template blanks in one line of prose: runs of two
// or more underscores (共__次, 20__年), and x or X standing for a number
// (x月x日, x万元, 第x次, 整改率为x%). An x inside an English word (box,
// Excel, xlsx), next to a digit (3x4) or in X光/X射线 is not a blank.
// skip marks byte ranges that are not prose (code, references, link
// destinations, URLs).
func blanks(line string, skip []span) []hit {
	var out []hit
	for i := 0; i < len(line); {
		if s, ok := inSpan(skip, i); ok {
			i = s.end
			continue
		}
		c := line[i]
		switch {
		case c == '_':
			j := i
			for j < len(line) && line[j] == '_' {
				j++
			}
			if j-i >= 2 {
				out = append(out, hit{off: i, text: line[i:j], msg: fmt.Sprintf("unfilled blank %q: write the figure (or a data reference) in its place", line[i:j])})
			}
			i = j
			continue
		case c == 'x' || c == 'X':
			j := i
			for j < len(line) && (line[j] == 'x' || line[j] == 'X') {
				j++
			}
			if xBlank(line, i, j) {
				out = append(out, hit{off: i, text: line[i:j], msg: fmt.Sprintf("unfilled blank %q used as a number: write the figure (or a data reference) in its place", line[i:j])})
			}
			i = j
			continue
		}
		i++
	}
	return out
}

// xBlank decides whether the run of x/X at line[i:j] is a placeholder.
// Spaces around it are looked through: 共维修 x 次 is a blank too.
func xBlank(line string, i, j int) bool {
	prev, next := ' ', ' '
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(line[:i])
	}
	if j < len(line) {
		next, _ = utf8.DecodeRuneInString(line[j:])
	}
	if isLetter(prev) || isLetter(next) {
		return false // box, Excel, xlsx
	}
	rest := line[j:]
	if line[i] == 'X' && (strings.HasPrefix(rest, "光") || strings.HasPrefix(rest, "射线") || strings.HasPrefix(rest, "线")) {
		return false
	}
	if isDigit(prev) {
		// 20xx年 is a year to be filled in; 3x4 is a product.
		return next == '年'
	}
	if isDigit(next) {
		return false
	}
	if prev == ' ' || next == ' ' {
		before := strings.TrimRight(line[:i], " ")
		after := strings.TrimLeft(rest, " ")
		prev, next = ' ', ' '
		if before != "" {
			prev, _ = utf8.DecodeLastRuneInString(before)
		}
		if after != "" {
			next, _ = utf8.DecodeRuneInString(after)
		}
		if isLetter(prev) || isLetter(next) || isDigit(prev) || isDigit(next) {
			return false // press x to, 3 x 4
		}
	}
	return strings.ContainsRune(xUnits, next) || isHan(prev) || isHan(next) || next == '%' || next == '\uff05'
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isLetter reports whether r is an ASCII letter or an underscore: an x next
// to one is part of a word.
func isLetter(r rune) bool {
	return r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// suspect reports whether s may hold what blanks or personal find: two
// underscores, an x or X, a run of 11 or more digits, or a run of 3
// digits followed by "-" or " " (138-1234-5678). Quotes aside, a CSV cell
// is its text in the file, so a file that is not suspect has no finding
// in any cell, and a cell that is not suspect need not be scanned.
func suspect[T string | []byte](s T) bool {
	digits := 0 // the length of the run of digits before s[i]
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			if digits++; digits >= 11 {
				return true
			}
			continue
		case c == 'x' || c == 'X',
			c == '_' && i+1 < len(s) && s[i+1] == '_',
			(c == '-' || c == ' ') && digits == 3:
			return true
		}
		digits = 0
	}
	return false
}

// personal finds personal data in a line: 18-digit resident ID numbers
// with a valid check digit and a possible birth date, and mainland mobile
// numbers (11 digits starting 13..19), each not part of a longer run of
// digits. allowed strings are skipped.
func personal(line string, allow []string) []hit {
	var out []hit
	var masked []span
	for _, a := range allow {
		if a == "" {
			continue
		}
		for k := 0; ; {
			n := strings.Index(line[k:], a)
			if n < 0 {
				break
			}
			masked = append(masked, span{k + n, k + n + len(a)})
			k += n + len(a)
		}
	}
	for i := 0; i < len(line); {
		if !isDigit(rune(line[i])) {
			i++
			continue
		}
		j := i
		for j < len(line) && isDigit(rune(line[j])) {
			j++
		}
		run, end := line[i:j], j
		if len(run) == 17 && j < len(line) && (line[j] == 'X' || line[j] == 'x') {
			run, end = line[i:j+1], j+1
		}
		if len(run) == 3 {
			// 138-1234-5678, 138 1234 5678
			if m, e := splitMobile(line, i); m != "" {
				run, end = m, e
			}
		}
		if _, ok := inSpan(masked, i); !ok && (end == len(line) || !isLetter(rune(line[end]))) {
			digits := run
			if len(run) == 13 && (run[3] == '-' || run[3] == ' ') {
				digits = run[:3] + run[4:8] + run[9:] // 138-1234-5678
			}
			if len(digits) == 13 && strings.HasPrefix(digits, "86") {
				digits = digits[2:] // +86 13812345678
			}
			switch {
			case len(digits) == 18 && residentID(digits):
				out = append(out, hit{off: i, text: run, msg: fmt.Sprintf("a resident ID number (%s) must not be published: remove it, or list it under allow: in data/site.yaml", mask(digits))})
			case len(digits) == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9':
				out = append(out, hit{off: i, text: run, msg: fmt.Sprintf("a mobile phone number (%s) must not be published: remove it, or list it under allow: in data/site.yaml (e.g. the school's own hotline)", mask(digits))})
			}
		}
		i = end
	}
	return out
}

// splitMobile matches a mobile number written in groups, 3-4-4 digits
// separated by "-" or " ", at line[i:]; it returns the text and its end.
func splitMobile(line string, i int) (string, int) {
	if i+13 > len(line) {
		return "", 0
	}
	s := line[i : i+13]
	sep := s[3]
	if sep != '-' && sep != ' ' || s[8] != sep {
		return "", 0
	}
	for k, c := range []byte(s) {
		if k != 3 && k != 8 && !isDigit(rune(c)) {
			return "", 0
		}
	}
	if i+13 < len(line) && isDigit(rune(line[i+13])) {
		return "", 0
	}
	return s, i + 13
}

// mask hides the middle of a number, so that the report does not repeat it.
func mask(s string) string {
	if len(s) <= 7 {
		return s
	}
	return s[:3] + strings.Repeat("*", len(s)-7) + s[len(s)-4:]
}

// residentID reports whether s is an 18-character resident ID: a plausible
// birth date and the ISO 7064 MOD 11-2 check digit.
func residentID(s string) bool {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(s[i]-'0') * weights[i]
	}
	check := "10X98765432"[sum%11]
	last := s[17]
	if last == 'x' {
		last = 'X'
	}
	if last != check {
		return false
	}
	year := atoi(s[6:10])
	month := atoi(s[10:12])
	day := atoi(s[12:14])
	return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= 31
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// span is a byte range [start, end) of a line.
type span struct{ start, end int }

func inSpan(spans []span, i int) (span, bool) {
	for _, s := range spans {
		if i >= s.start && i < s.end {
			return s, true
		}
	}
	return span{}, false
}
