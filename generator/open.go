package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// runDefault is the program run with no command, which is what a
// double-click on houqin.exe does: in a site folder (one with
// data/site.yaml) it builds the site into public/, serves the preview and
// opens it in the browser, like serve --write --open; anywhere else it
// says, in Chinese first, what to do, and exits with status 2.
//
// The site folder is the current folder, else the program's own folder:
// macOS starts a double-clicked program in the home folder.
func runDefault(ctx context.Context, getenv func(string) string, stdout, stderr io.Writer) error {
	dir := "."
	if isSite(dir) != nil {
		exe, err := os.Executable()
		if err != nil || isSite(filepath.Dir(exe)) != nil {
			fmt.Fprint(stderr, noSiteHere(runtime.GOOS))
			fmt.Fprint(stderr, usage)
			return usageError{"no command"}
		}
		dir = filepath.Dir(exe)
	}
	fmt.Fprintln(stdout, "这个文件夹是一个站点：正在生成网站并打开预览，关闭这个窗口或按 Ctrl+C 停止预览 (previewing the site in this folder)")
	return runServe(ctx, []string{"--site", dir, "--write", "--open"}, getenv, stdout, stderr)
}

// noSiteHere is what the program says when it is started with no command
// outside a site folder.
func noSiteHere(goos string) string {
	terminal := "在终端里"
	if goos == "windows" {
		terminal = "在文件夹窗口的地址栏输入 cmd 并回车，在打开的命令行窗口里"
	}
	return `这里没有站点 (no site here)：当前文件夹里没有 data/site.yaml。
  新建站点：` + terminal + `运行 houqin new site 我的学校
  已有站点：把 houqin 放进站点文件夹（有 data 和 content 的那个文件夹）里再双击，
            或运行 houqin serve --site 站点文件夹
详见压缩包里的 快速上手.txt。

`
}

// openBrowser opens url in the default browser: the command $BROWSER
// names when it is set, else the system's own way to open an address.
// It does not wait for the browser.
func openBrowser(url string, getenv func(string) string) error {
	var cmd *exec.Cmd
	switch {
	case getenv("BROWSER") != "":
		cmd = exec.Command(getenv("BROWSER"), url)
	case runtime.GOOS == "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case runtime.GOOS == "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }() // reap it; its exit status tells nothing more
	return nil
}
