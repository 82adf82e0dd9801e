package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/houqin/report/generator/internal/echarts"
)

// version and commit are set by the release build:
// go build -ldflags "-X main.version=v1.2.0 -X main.commit=abc..."
var (
	version = "dev"
	commit  = ""
)

// runVersion is the version command: the program's version and commit,
// and the chart runtime it publishes.
func runVersion(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return usageError{fmt.Sprintf("version takes no arguments, not %q", args[0])}
	}
	c := commit
	if c == "" {
		c = vcsRevision()
	}
	if c == "" {
		c = "未知 (unknown)"
	}
	fmt.Fprintf(stdout, "houqin %s\n", version)
	fmt.Fprintf(stdout, "提交 commit: %s\n", c)
	if echarts.Embedded() {
		fmt.Fprintf(stdout, "图表库 ECharts %s：已内置，构建不需要 npm 和网络 (embedded)\n", echarts.Version())
	} else {
		fmt.Fprintf(stdout, "图表库 ECharts %s：未内置，第一次构建时用 npm 生成并缓存 (built with npm on first use)\n", echarts.Version())
	}
	fmt.Fprintf(stdout, "%s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// vcsRevision is the commit go build stamped into the program, if any
// (go build in a git checkout does; go run does not).
func vcsRevision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev != "" && dirty {
		rev += " (modified)"
	}
	return rev
}
