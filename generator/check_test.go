package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// TestCheckFormats: check prints each finding with its level, as text or
// JSON Lines, and --strict fails on warnings.
func TestCheckFormats(t *testing.T) {
	files := map[string]string{}
	for k, v := range good {
		files[k] = v
	}
	// A duplicate row is a warning; a blank is an error.
	files["data/repairs.csv"] = "date,trade,item\n2023-09-01,水道,水管\n2023-09-01,水道,水管\n"
	warn := site(t, files)
	files["content/about.md"] = "---\ntitle: 关于\n---\n共__次\n"
	bad := site(t, files)

	tests := []struct {
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{[]string{"check", "--site", warn}, 0, "1 warning(s), no errors", "data/repairs.csv:3:1: warning: the row repeats line 2"},
		{[]string{"check", "--site", warn, "--strict"}, 1, "1 warning(s), no errors", "data/repairs.csv:3:1: warning:"},
		{[]string{"check", "--site", bad}, 1, "", "content/about.md:4:2: error: unfilled blank \"__\""},
		{[]string{"check", "--site", bad, "--format", "json"}, 1, `{"file":"content/about.md","line":4,"col":2,"level":"error","message":"unfilled blank \"__\"`, "1 error(s)"},
		{[]string{"check", "--format", "xml"}, 2, "", `--format "xml": use text or json`},
		{[]string{"build", "--site", warn}, 0, "built", "data/repairs.csv:3:1: warning: the row repeats line 2"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[1:], " "), func(t *testing.T) { runCase(t, tt.args, tt.code, tt.stdout, tt.stderr) })
	}

	// Every line of --format json is one object with the five fields.
	var stdout bytes.Buffer
	_ = run(context.Background(), []string{"check", "--site", warn, "--format", "json"}, env(t), &stdout, &bytes.Buffer{})
	sc := bufio.NewScanner(&stdout)
	n := 0
	for sc.Scan() {
		var f struct {
			File, Level, Message string
			Line, Col            int
		}
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil || f.File == "" || f.Level == "" || f.Message == "" {
			t.Errorf("line %q: %v %+v", sc.Text(), err, f)
		}
		n++
	}
	if n == 0 {
		t.Error("--format json printed nothing")
	}
}
