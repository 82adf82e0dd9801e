package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/houqin/report/generator/internal/model"
)

const newSynopsis = "new site DIR\n       houqin new notice TITLE [--category C] [--slug SLUG] [--date YYYY-MM-DD] [--site DIR]\n       houqin new year YEAR [--site DIR]"

// runNew is the new command: it starts a site, a notice or a yearly
// summary. It writes only new files and never replaces one.
func runNew(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", newSynopsis, stderr)
	site := fs.String("site", ".", "the site `folder` (data/, content/, layouts/)")
	category := fs.String("category", "other", "the notice's `category`: "+strings.Join(model.NoticeCategories, ", "))
	slug := fs.String("slug", "", "the notice's file name without .md, a-z 0-9 and - (default DATE-N, the first free N)")
	date := fs.String("date", "", "the notice's `date`, YYYY-MM-DD (default today)")
	pos, err := parseMixed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return usageError{"say what to start: site DIR, notice TITLE or year YEAR"}
	}
	if pos[0] == "site" {
		if len(pos) != 2 || strings.TrimSpace(pos[1]) == "" {
			return usageError{"写：new site 文件夹，例如 new site 我的学校 (write: new site DIR)"}
		}
		return newSite(pos[1], stdout)
	}
	if err := isSite(*site); err != nil {
		return err
	}
	switch pos[0] {
	case "notice":
		if len(pos) != 2 || strings.TrimSpace(pos[1]) == "" {
			return usageError{`write: new notice "TITLE" [--category C]`}
		}
		if !slices.Contains(model.NoticeCategories, *category) {
			return usageError{fmt.Sprintf("unknown category %q: use one of %s", *category, strings.Join(model.NoticeCategories, ", "))}
		}
		day, err := noticeDate(*date, getenv)
		if err != nil {
			return err
		}
		if *slug != "" && !slugRE.MatchString(*slug) {
			return usageError{fmt.Sprintf("--slug %q: use lower-case a-z, digits and -, e.g. 2024-spring-flu", *slug)}
		}
		file, err := writeNotice(*site, *slug, day, strings.TrimSpace(pos[1]), *category)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", file)
		return nil
	case "year":
		if len(pos) != 2 {
			return usageError{"write: new year YEAR, e.g. new year 2024"}
		}
		year, err := strconv.Atoi(pos[1])
		if err != nil || year < 1900 || year > 2999 {
			return usageError{fmt.Sprintf("%q is not a year: write four digits, e.g. 2024", pos[1])}
		}
		s, err := loadSite(ctx, *site, stderr)
		if err != nil {
			return err
		}
		rel := fmt.Sprintf("content/years/%d.md", year)
		if err := create(*site, rel, yearSkeleton(s, year)); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "wrote %s\n", filepath.Join(*site, filepath.FromSlash(rel)))
		return nil
	}
	return usageError{fmt.Sprintf("new %q: start a site, a notice or a year", pos[0])}
}

// parseMixed parses flags that may come before, between or after the
// positional arguments (new notice "标题" --category safety).
func parseMixed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

func isSite(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "data", "site.yaml")); err != nil {
		return usageError{fmt.Sprintf("%s is not a site: it has no data/site.yaml (use --site DIR)", dir)}
	}
	return nil
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// noticeDate is --date, or today (SOURCE_DATE_EPOCH when set).
func noticeDate(s string, getenv func(string) string) (time.Time, error) {
	if s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return time.Time{}, usageError{fmt.Sprintf("--date %q: write YYYY-MM-DD, e.g. 2024-03-01", s)}
		}
		return d, nil
	}
	if getenv("SOURCE_DATE_EPOCH") != "" {
		return buildTime(getenv)
	}
	return time.Now(), nil
}

// writeNotice writes content/notices/SLUG.md; without a slug the first
// free DATE-N.
func writeNotice(site, slug string, day time.Time, title, category string) (string, error) {
	text := noticeText(title, day, category)
	if slug != "" {
		rel := "content/notices/" + slug + ".md"
		return filepath.Join(site, filepath.FromSlash(rel)), create(site, rel, text)
	}
	for n := 1; n < 1000; n++ {
		rel := fmt.Sprintf("content/notices/%s-%d.md", day.Format(time.DateOnly), n)
		err := create(site, rel, text)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return filepath.Join(site, filepath.FromSlash(rel)), err
	}
	return "", fmt.Errorf("content/notices/ already has 999 notices dated %s: use --slug", day.Format(time.DateOnly))
}

// create writes a new file under site, refusing to replace one.
func create(site, rel, text string) error {
	name := filepath.Join(site, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return existsError{rel}
		}
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return errors.Join(err, os.Remove(name))
	}
	return nil
}

// existsError is a file new refuses to overwrite.
type existsError struct{ rel string }

func (e existsError) Error() string {
	return e.rel + " already exists: new never overwrites a file; edit it, or remove it first"
}

func (e existsError) Is(target error) bool { return target == fs.ErrExist }

// noticeText is a new notice: the front matter filled, the optional keys
// as comments, and the greeting.
func noticeText(title string, day time.Time, category string) string {
	return fmt.Sprintf(`---
title: %s
date: %s
category: %s
# 可选 (optional; remove the # to use):
# summary: 一句话摘要，显示在通知列表和首页
# pinned: true            # 置顶
# expires: %s    # 到期后不再显示在首页
# draft: true             # 草稿：只在 serve --drafts 中显示
---

各位家长：

`, strconv.Quote(title), day.Format(time.DateOnly), category, day.AddDate(0, 1, 0).Format(time.DateOnly))
}
