package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/houqin/report/generator/internal/starter"
)

// newSite is new site DIR: it writes the starter site (see package
// starter) into DIR, which must not exist yet or be empty.
func newSite(dir string, stdout io.Writer) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("%s 已经存在，而且不是文件夹；请换一个名字，例如 houqin new site 我的学校 (%s exists and is not a folder)", dir, dir)
	case err == nil:
		if entries, err := os.ReadDir(dir); err != nil || len(entries) > 0 {
			return fmt.Errorf("文件夹 %s 不是空的：new site 只在新的或空的文件夹里创建站点，以免覆盖已有的文件；请换一个名字，例如 houqin new site 我的学校 (%s is not empty: new site writes only into a new or empty folder)", dir, dir)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	site := starter.Files()
	n := 0
	err = fs.WalkDir(site, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(site, name)
		if err != nil {
			return err
		}
		n++
		return create(dir, name, string(data))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, `已创建站点 %[1]s，共 %[2]d 个文件 (created a starter site):
  %[3]s      设置 site.yaml 和各张表格；表格可以用 Excel 打开修改，也可以换成 Excel 工作簿 (.xlsx)
  %[4]s   首页介绍、2024年度总结和一则通知
下一步 (next):
  houqin serve --site %[1]s   预览网站，改了文件保存后自动刷新
  houqin build --site %[1]s   生成网站，写到 %[5]s
`, dir, n, filepath.Join(dir, "data")+string(filepath.Separator), filepath.Join(dir, "content")+string(filepath.Separator), filepath.Join(dir, "public"))
	return nil
}
