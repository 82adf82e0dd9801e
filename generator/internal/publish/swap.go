package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// errNoExchange says that the system cannot exchange two folders in one
// step (see exchange); swap then uses two renames.
var errNoExchange = errors.New("exchange not supported")

// swap puts the folder tmp in the place of out. Where the system can
// exchange two folders in one step (Linux: renameat2 RENAME_EXCHANGE),
// the output folder is never missing, not even for a moment; elsewhere
// the previous output is renamed aside and the new one into its place,
// a gap of two system calls. A rename that another program prevents for a
// while (Windows: a folder open in Explorer, served by IIS, scanned by an
// antivirus) is tried again for some seconds; when it still fails, the
// previous output is put back, so a failed swap never leaves the site
// missing.
func swap(tmp, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := retry(func() error { return os.Rename(tmp, out) }); err != nil {
			return errors.Join(held(out, err), os.RemoveAll(tmp))
		}
		return nil
	} else if err != nil {
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	err := exchange(tmp, out)
	if err == nil {
		// tmp holds the previous output now.
		if err := os.RemoveAll(tmp); err != nil {
			return fmt.Errorf("publish: the new output is in place, but the previous one (%s) could not be removed: %w", tmp, err)
		}
		return nil
	}
	if !errors.Is(err, errNoExchange) {
		return errors.Join(fmt.Errorf("publish: %w", err), os.RemoveAll(tmp))
	}
	old := sibling(tmp, ".old-")
	if err := retry(func() error { return os.Rename(out, old) }); err != nil {
		return errors.Join(held(out, err), os.RemoveAll(tmp))
	}
	if err := retry(func() error { return os.Rename(tmp, out) }); err != nil {
		if berr := retry(func() error { return os.Rename(old, out) }); berr != nil {
			return fmt.Errorf("publish: %w; the previous output is in %s: rename it back to %s (%v)", held(out, err), old, out, berr)
		}
		return errors.Join(held(out, err), os.RemoveAll(tmp))
	}
	if err := os.RemoveAll(old); err != nil {
		return fmt.Errorf("publish: the new output is in place, but the previous one (%s) could not be removed: %w", old, err)
	}
	return nil
}

// held explains a rename of the output folder that kept failing.
func held(out string, err error) error {
	if !busy(err) {
		return fmt.Errorf("publish: %w", err)
	}
	return fmt.Errorf("publish: 另一个程序占用着输出文件夹 %s 或其中的文件（资源管理器窗口、IIS 等网站服务器、编辑器或杀毒软件），关闭它后再构建；原来的网站保持不变。"+
		"Another program holds the output folder %s or a file in it open (an Explorer window, IIS or another web server, an editor, an antivirus): close it and build again; the previous site is unchanged: %w", out, out, err)
}

// retry calls rename until it succeeds, fails for another reason than a
// busy folder, or has failed for about five seconds.
func retry(rename func() error) error {
	delay := 50 * time.Millisecond
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := rename()
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(delay)
		delay = min(2*delay, time.Second)
	}
}

// Temporary folders are named after the output folder and the process
// that made them: .public.new-p1234-567 (being written), .public.old-p1234-567
// (the previous output, while it is swapped out).
const (
	newMark = ".new-"
	oldMark = ".old-"
)

// tempPattern is the pattern of os.MkdirTemp for the output out.
func tempPattern(out string) string {
	return "." + filepath.Base(out) + newMark + "p" + strconv.Itoa(os.Getpid()) + "-"
}

// sibling names the folder that goes with tmp, with mark instead of .new-.
func sibling(tmp, mark string) string {
	i := strings.LastIndex(tmp, newMark)
	return tmp[:i] + mark + tmp[i+len(newMark):]
}

// cleanLeftovers removes the temporary folders of builds that were killed
// before they could remove them: those of a process that has ended, and
// those of earlier versions (no process in the name) not touched for an
// hour. A build running at the same time keeps its own.
func cleanLeftovers(out string) {
	parent, name := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	for _, mark := range []string{newMark, oldMark} {
		matches, _ := filepath.Glob(filepath.Join(parent, "."+name+mark+"*"))
		for _, m := range matches {
			rest := strings.TrimPrefix(filepath.Base(m), "."+name+mark)
			if pid, ok := leftoverPID(rest); ok {
				if pid == os.Getpid() || running(pid) {
					continue
				}
			} else if fi, err := os.Lstat(m); err != nil || time.Since(fi.ModTime()) < time.Hour {
				continue
			}
			_ = os.RemoveAll(m)
		}
	}
}

// leftoverPID reads the process id of "p1234-567".
func leftoverPID(rest string) (int, bool) {
	digits, _, found := strings.Cut(strings.TrimPrefix(rest, "p"), "-")
	if !strings.HasPrefix(rest, "p") || !found {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	return pid, err == nil && pid > 0
}
