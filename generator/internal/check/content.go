package check

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/houqin/report/generator/internal/model"
)

// content is Content, reusing memo's findings of the Markdown files whose
// bytes did not change.
func content(site *model.Site, memo *Memo) model.ErrorList {
	var errs model.ErrorList
	allow := site.Config.Allow
	key := strings.Join(allow, "\x00")
	seen := map[string]fileFindings{}
	for _, p := range site.Pages {
		text, ok := site.Files[p.File]
		if !ok {
			continue
		}
		if f, ok := memoContent(memo, p.File); ok && f.key == key && sameBytes(f.data, text) {
			errs = append(errs, f.errs...)
			seen[p.File] = f
			continue
		}
		var found model.ErrorList
		lines := splitLines(string(text))
		bodyStart := p.BodyLine - 1 // 0-based index of the body's first line
		if bodyStart < 0 || bodyStart > len(lines) {
			bodyStart = len(lines)
		}
		for i := 0; i < bodyStart; i++ {
			yamlLine(&found, p.File, i+1, lines[i], allow)
		}
		markdown(&found, p.File, bodyStart+1, lines[bodyStart:], allow)
		errs = append(errs, found...)
		seen[p.File] = fileFindings{data: text, key: key, errs: found}
	}
	for _, name := range []string{"data/site.yaml", "data/projects.yaml", "data/honors.yaml", "data/charts.yaml"} {
		text, ok := site.Files[name]
		if !ok {
			continue
		}
		if f, ok := memoContent(memo, name); ok && f.key == key && sameBytes(f.data, text) {
			errs = append(errs, f.errs...)
			seen[name] = f
			continue
		}
		var found model.ErrorList
		for i, line := range splitLines(string(text)) {
			yamlLine(&found, name, i+1, line, allow)
		}
		errs = append(errs, found...)
		seen[name] = fileFindings{data: text, key: key, errs: found}
	}
	if memo != nil {
		memo.mu.Lock()
		memo.content = seen
		memo.mu.Unlock()
	}
	return errs
}

// memoContent returns the findings memo holds for a file.
func memoContent(memo *Memo, file string) (fileFindings, bool) {
	if memo == nil {
		return fileFindings{}, false
	}
	memo.mu.Lock()
	defer memo.mu.Unlock()
	f, ok := memo.content[file]
	return f, ok
}

// splitLines splits text into lines without their line ends.
func splitLines(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines
}

var yamlKey = regexp.MustCompile(`^\s*(?:-\s+)?[A-Za-z_][\w-]*\s*:(?:\s|$)`)

// yamlLine checks the value part of one YAML line (not its key).
func yamlLine(errs *model.ErrorList, file string, n int, line string, allow []string) {
	if line == "---" || !suspect(line) {
		return
	}
	skip := urls(line)
	if m := yamlKey.FindStringIndex(line); m != nil {
		skip = append(skip, span{0, m[1]})
	}
	if c := strings.Index(line, " #"); c >= 0 {
		skip = append(skip, span{c, len(line)}) // a comment is not published
	}
	report(errs, file, n, line, blanks(line, skip))
	report(errs, file, n, line, personal(line, allow))
}

// report adds the hits of one line as errors at their columns.
func report(errs *model.ErrorList, file string, n int, line string, hits []hit) {
	for _, h := range hits {
		errs.Add(model.Pos{File: file, Line: n, Col: utf8.RuneCountInString(line[:h.off]) + 1}, "%s", h.msg)
	}
}

var (
	fence        = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
	imageNoAlt   = regexp.MustCompile(`!\[\s*\]\(`)
	urlPattern   = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[!-~]+|(?:mailto|tel):[!-~]+|www\.[!-~]+`)
	htmlTag      = regexp.MustCompile(`</?[A-Za-z][^<>]*>`)
	linkDef      = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*\S+`)
	refPattern   = regexp.MustCompile(`\{\{<.*?(?:>\}\}|$)`)
	linkDestOpen = "]("
)

// markdown checks a page body; first is the file line of lines[0].
func markdown(errs *model.ErrorList, file string, first int, lines []string, allow []string) {
	var open string // the fence of the code block we are in
	for i, line := range lines {
		n := first + i
		// Most lines have nothing to find: they are not suspect (see
		// FuzzScan) and hold no image.
		sus, image := suspect(line), strings.Contains(line, "![")
		if open != "" {
			if m := fenceMatch(line); m != nil && m[1][0] == open[0] && len(m[1]) >= len(open) && strings.TrimSpace(line[len(m[0]):]) == "" {
				open = ""
			}
			if sus {
				report(errs, file, n, line, personal(line, allow))
			}
			continue
		}
		if m := fenceMatch(line); m != nil {
			open = m[1]
			if sus {
				report(errs, file, n, line, personal(line, allow))
			}
			continue
		}
		if !sus && !image {
			continue
		}
		skip := codeSpans(line)
		skip = append(skip, urls(line)...)
		for _, m := range refPattern.FindAllStringIndex(line, -1) {
			skip = append(skip, span{m[0], m[1]})
		}
		for _, m := range htmlTag.FindAllStringIndex(line, -1) {
			skip = append(skip, span{m[0], m[1]})
		}
		skip = append(skip, linkDests(line)...)
		if m := linkDef.FindStringIndex(line); m != nil {
			skip = append(skip, span{0, m[1]})
		}
		if sus {
			report(errs, file, n, line, blanks(line, skip))
			report(errs, file, n, line, personal(line, allow))
		}
		for _, m := range imageNoAlt.FindAllStringIndex(line, -1) {
			if _, code := inSpan(skip, m[0]); code {
				continue
			}
			errs.Warn(model.Pos{File: file, Line: n, Col: utf8.RuneCountInString(line[:m[0]]) + 1},
				"image without alt text: describe it between the brackets, e.g. ![2号教学楼加固后](img/building-2.jpg)")
		}
	}
}

// fenceMatch is fence.FindStringSubmatch(line), without the regular
// expression for the many lines that cannot open or close a code block.
func fenceMatch(line string) []string {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i == len(line) || (line[i] != '`' && line[i] != '~') {
		return nil
	}
	return fence.FindStringSubmatch(line)
}

// codeSpans finds `code` spans: a run of backticks up to the next run of
// the same length on the line.
func codeSpans(line string) []span {
	var out []span
	for i := 0; i < len(line); {
		if line[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == '`' {
			j++
		}
		n := j - i
		end := -1
		for k := j; k < len(line); {
			if line[k] != '`' {
				k++
				continue
			}
			l := k
			for l < len(line) && line[l] == '`' {
				l++
			}
			if l-k == n {
				end = l
				break
			}
			k = l
		}
		if end < 0 {
			i = j
			continue
		}
		out = append(out, span{i, end})
		i = end
	}
	return out
}

// urls finds the addresses written in a line.
func urls(line string) []span {
	var out []span
	for _, m := range urlPattern.FindAllStringIndex(line, -1) {
		out = append(out, span{m[0], m[1]})
	}
	return out
}

// linkDests finds the destinations of inline links and images: the text
// between "](" and the matching ")".
func linkDests(line string) []span {
	var out []span
	for k := 0; ; {
		i := strings.Index(line[k:], linkDestOpen)
		if i < 0 {
			return out
		}
		start := k + i + len(linkDestOpen)
		depth, end := 1, len(line)
		for j := start; j < len(line); j++ {
			if line[j] == '(' {
				depth++
			} else if line[j] == ')' {
				depth--
				if depth == 0 {
					end = j
					break
				}
			}
		}
		out = append(out, span{start, end})
		k = end
		if k >= len(line) {
			return out
		}
	}
}
