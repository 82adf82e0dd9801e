// Command generator builds a school logistics office's report site.
//
//	go run ./generator build [--site DIR] [--out DIR]
//	go run ./generator pdf [--year YEAR] [--chromium PATH]
//	go run ./generator export --year YEAR [--chromium PATH]
//	go run ./generator serve [--addr 127.0.0.1:1313] [--drafts] [--write]
//	go run ./generator new notice TITLE [--category C] | new year YEAR
//	go run ./generator version
//	houqin                     (no command: preview the site in this folder)
//
// See README.md and docs/site-format.md for the input it reads.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/houqin/report/generator/internal/build"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	interrupted := ctx.Err() != nil
	stop()
	if ownConsole() && !interrupted {
		// Started by a double-click: the window closes when the program
		// ends, so keep it open until the clerk has read the messages.
		fmt.Fprint(os.Stderr, "\n按回车键关闭这个窗口 (press Enter to close this window)")
		_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	}
	os.Exit(exitCode(err))
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// siteError means the site has errors, already printed: exit status 1.
type siteError struct{ err error }

func (e siteError) Error() string { return e.err.Error() }
func (e siteError) Unwrap() error { return e.err }

func exitCode(err error) int {
	var ue usageError
	var oe *build.OutError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.As(err, &oe), errors.Is(err, flag.ErrHelp):
		return 2
	}
	return 1
}

const usage = `用法 (usage): houqin 命令 [选项]   houqin COMMAND [flags]

命令 (commands):
  build    生成网站，写到 public/ (build the site into public/, or --out)
  check    检查站点，列出所有问题，不写文件 (report every problem, writing nothing)
  pdf      生成网站，再把每年的小册子打印成 booklet/YEAR.pdf，需要 Edge、Chrome 或 Chromium
           (build, then print each period's booklet)
  export   生成网站，再把某一年的报送材料写到 export/YEAR/：Word 版年度总结（.docx）和
           Excel 统计表（.xlsx）；export --year 2023 (the district submission pack of a period)
  serve    在 http://127.0.0.1:1313/ 预览，保存后自动刷新 (preview, rebuilding on every save)
  new      新建站点、通知或年度总结 (start a site, a notice or a yearly summary):
           new site 文件夹 | new notice 标题 | new year 年份
  version  显示版本、提交和内置的 ECharts 版本 (print the version)

不带命令时，如果当前文件夹是站点（有 data/site.yaml），就生成网站并在浏览器里打开预览，
等于 serve --write --open (with no command in a site folder: build and open the preview).
"houqin 命令 -h" 显示这个命令的选项 (the flags of a command).
`

// run is the whole program; main only calls it, and tests call it too.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return runDefault(ctx, getenv, stdout, stderr)
	}
	var err error
	switch args[0] {
	case "build":
		err = runBuild(ctx, args[1:], getenv, stdout, stderr, false)
	case "check":
		err = runBuild(ctx, args[1:], getenv, stdout, stderr, true)
	case "pdf":
		err = runPDF(ctx, args[1:], getenv, stdout, stderr)
	case "export":
		err = runExport(ctx, args[1:], getenv, stdout, stderr)
	case "serve":
		err = runServe(ctx, args[1:], getenv, stdout, stderr)
	case "new":
		err = runNew(ctx, args[1:], getenv, stdout, stderr)
	case "version", "-version", "--version":
		err = runVersion(args[1:], stdout)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprintf(stderr, "houqin: unknown command %q\n\n%s", args[0], usage)
		return usageError{"unknown command"}
	}
	var se siteError
	if err != nil && !errors.As(err, &se) && !errors.Is(err, flag.ErrHelp) {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "houqin %s: %v\n", args[0], err)
		} else {
			fmt.Fprintf(stderr, "houqin: %v\n", err)
		}
	}
	return err
}
