package load

import (
	"bytes"
	"fmt"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Size limits: larger files are rejected before they are parsed.
const (
	maxCSV  = 200 << 20
	maxYAML = 10 << 20
	maxText = 10 << 20 // Markdown files
)

var utf8BOM = []byte("\xef\xbb\xbf")

// decodeText returns data as UTF-8 text without a byte-order mark (see
// decodeBytes).
func decodeText(data []byte) (string, error) {
	text, err := decodeBytes(data)
	return string(text), err
}

// decodeBytes returns data as UTF-8 without a byte-order mark: data
// itself, or the part after the mark, when it is UTF-8 already. It reads
// UTF-8 (with or without BOM), UTF-16 with a BOM, and GB18030/GBK, which is
// what Excel writes for Chinese CSV. The encoding is chosen by what the
// bytes are, never by the file's name. Binary data is an error.
func decodeBytes(data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, utf8BOM) {
		data = data[len(utf8BOM):]
	} else if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil || !plainText(out) {
			return nil, fmt.Errorf("the file is not readable UTF-16 text: save it as \"CSV UTF-8\"")
		}
		return out, nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("the file is not text (it holds NUL bytes): save it as \"CSV UTF-8\" or plain text")
	}
	if utf8.Valid(data) {
		return data, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !plainText(out) {
		return nil, fmt.Errorf("the file is neither UTF-8 nor GB18030 (GBK) text: save it as \"CSV UTF-8\" or plain text")
	}
	return out, nil
}

// plainText reports whether s has no replacement characters and no control
// characters other than tab, line feed and carriage return.
func plainText(s []byte) bool {
	return !bytes.ContainsFunc(s, func(r rune) bool {
		return r == utf8.RuneError || r == 0x7f || (r < 0x20 && r != '\t' && r != '\n' && r != '\r')
	})
}

// lines maps byte offsets of a text to 1-based rune columns.
type lines struct {
	text   []byte
	starts []int // byte offset of the start of each line

	// marks holds, for each line longer than markStep bytes, the number
	// of characters before every markStep-th byte, made when a column of
	// that line is first asked for: a header of a million cells asks for
	// a million columns of one line, and counting each from the line's
	// start would take hours.
	mu    sync.Mutex
	marks map[int][]int
}

// markStep is the distance in bytes between two marks of a long line.
const markStep = 1024

func newLines(text []byte) *lines {
	starts := make([]int, 1, bytes.Count(text, []byte("\n"))+1)
	for i := 0; ; {
		k := bytes.IndexByte(text[i:], '\n')
		if k < 0 {
			return &lines{text: text, starts: starts}
		}
		i += k + 1
		starts = append(starts, i)
	}
}

// col converts a 1-based byte column on a 1-based line to a 1-based column
// counted in characters. It is safe for concurrent use, and takes time in
// proportion to markStep, not to the line's length.
func (l *lines) col(line, byteCol int) int {
	if line < 1 || line > len(l.starts) || byteCol < 1 {
		return byteCol
	}
	start := l.starts[line-1]
	end := min(start+byteCol-1, len(l.text))
	if end-start < 2*markStep {
		return runes(l.text[start:end]) + 1
	}
	marks := l.lineMarks(line)
	k := min((end-start)/markStep, len(marks)-1)
	return marks[k] + runes(l.text[start+k*markStep:end]) + 1
}

// lineMarks returns the marks of a line: marks[k] is the number of
// characters in the line's first k*markStep bytes.
func (l *lines) lineMarks(line int) []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	if m, ok := l.marks[line]; ok {
		return m
	}
	start, end := l.starts[line-1], len(l.text)
	if line < len(l.starts) {
		end = l.starts[line]
	}
	m := make([]int, 1, (end-start)/markStep+1)
	for at := start + markStep; at <= end; at += markStep {
		m = append(m, m[len(m)-1]+runes(l.text[at-markStep:at]))
	}
	if l.marks == nil {
		l.marks = map[int][]int{}
	}
	l.marks[line] = m
	return m
}

// runes counts the characters of UTF-8 text: the bytes that start one. A
// count over a slice that cuts a character in two adds up with the count
// over the rest, which utf8.RuneCount does not.
func runes(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xc0 != 0x80 {
			n++
		}
	}
	return n
}
