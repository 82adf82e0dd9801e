package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/houqin/report/generator/internal/plan"
)

// ManifestName is the file in the root of every output that marks the
// folder as this generator's and lists the files it wrote. A build
// replaces only a folder that has it (or is empty, or an output of a
// version from before it, see legacy), and only when the folder holds no
// file that the list, the pdf command or the new output does not account
// for: nothing a person put there is ever deleted.
const ManifestName = ".houqin-output"

const manifestHead = "# 此文件夹由后勤年报生成器写出，每次构建整体替换；请勿在此存放其他文件。\n" +
	"# Written by the houqin report generator and replaced as a whole on every build; keep nothing else here.\n"

// RefusedError is an output folder that is not safe to replace.
type RefusedError struct {
	Out     string
	Foreign []string // files the generator did not write, slash-separated, sorted (at most a few)
	More    int      // how many more there are
}

func (e *RefusedError) Error() string {
	list := strings.Join(e.Foreign, ", ")
	if e.More > 0 {
		list += fmt.Sprintf(" … (+%d)", e.More)
	}
	return fmt.Sprintf("--out %s 不是本生成器写出的文件夹：其中 %s 不是生成器写的。构建会整体替换输出文件夹，所以什么都没有改动；请换一个新的或空的文件夹作 --out，或先把这些文件移走。"+
		"--out %s is not a folder this generator wrote: it holds %s, which the generator did not write. A build replaces the output folder as a whole, so nothing was changed: choose a new or empty folder for --out, or move those files elsewhere first",
		e.Out, list, e.Out, list)
}

// previous is what the folder to be replaced holds.
type previous struct {
	listed map[string]bool // the manifest's files; nil for a legacy output
	files  []string        // every file, slash-separated, sorted
	err    error           // of the listing
	done   chan struct{}   // closed when files is complete
}

// inspect looks at the folder out before it is replaced. It returns nil
// for a missing or empty folder, and a *RefusedError for a folder that is
// neither empty nor an output of the generator. The files of an output
// are then listed in the background, while the new one is written, for
// check.
func inspect(out string) (*previous, error) {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(entries) == 0 {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	p := &previous{done: make(chan struct{})}
	data, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err == nil {
		p.listed = map[string]bool{ManifestName: true}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
			if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
				p.listed[l] = true
			}
		}
	} else if !legacy(entries) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		return nil, refuse(out, names, func(string) bool { return false })
	}
	go func() {
		defer close(p.done)
		p.err = filepath.WalkDir(out, func(f string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(out, f)
				p.files = append(p.files, filepath.ToSlash(rel))
			}
			return err
		})
	}()
	return p, nil
}

// legacy reports whether the folder's entries look like an output of a
// version that did not write the manifest: a home page, a 404 page and
// the assets folder.
func legacy(entries []fs.DirEntry) bool {
	n := 0
	for _, e := range entries {
		switch {
		case e.Name() == plan.Index(plan.Home) && e.Type().IsRegular(), e.Name() == plan.NotFound && e.Type().IsRegular(), e.Name()+"/" == plan.Assets && e.IsDir():
			n++
		}
	}
	return n == 3
}

// check refuses to replace the previous output when it holds a file the
// generator did not write: not in its manifest and not a booklet PDF of
// the pdf command. A legacy output has no manifest: there, every file
// the new output has again, and every page, feed, style sheet, script and
// picture of the kinds the generator writes, counts as the generator's.
func (p *previous) check(out string, written map[string]bool) error {
	if p == nil {
		return nil
	}
	<-p.done
	if p.err != nil {
		return fmt.Errorf("publish: %w", p.err)
	}
	ours := func(f string) bool {
		if p.listed != nil {
			return p.listed[f] || bookletPDF(f) || exportFile(f)
		}
		switch path.Ext(f) {
		case ".html", ".xml", ".css", ".js", ".txt", ".svg", ".png":
			return true
		}
		return written[f] || bookletPDF(f) || exportFile(f)
	}
	for _, f := range p.files {
		if !ours(f) {
			return refuse(out, p.files, ours)
		}
	}
	return nil
}

// bookletPDF reports whether f is a PDF the pdf command prints into the
// output (booklet/2023.pdf), or the temporary file it writes first.
func bookletPDF(f string) bool {
	dir, name := path.Split(f)
	return dir == "booklet/" && (strings.HasSuffix(name, ".pdf") || strings.HasPrefix(name, ".") && strings.Contains(name, ".pdf.tmp-"))
}

// exportFile reports whether f is a file of a submission pack that the
// export command writes into the output (plan.Export), or the
// temporary file it writes first.
func exportFile(f string) bool {
	dir, name := path.Split(f)
	y, ok := strings.CutPrefix(strings.TrimSuffix(dir, "/"), "export/")
	year, err := strconv.Atoi(y)
	if !ok || err != nil {
		return false
	}
	for _, p := range plan.Export(year).All() {
		if f == p || strings.HasPrefix(name, "."+path.Base(p)+".tmp-") {
			return true
		}
	}
	return false
}

func refuse(out string, files []string, ours func(string) bool) *RefusedError {
	e := &RefusedError{Out: out}
	for _, f := range files {
		switch {
		case ours(f):
		case len(e.Foreign) < 3:
			e.Foreign = append(e.Foreign, f)
		default:
			e.More++
		}
	}
	return e
}

// manifest is the manifest of an output of files.
func manifest(files []string) []byte {
	sort.Strings(files)
	var b bytes.Buffer
	b.WriteString(manifestHead)
	for _, f := range files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return b.Bytes()
}
