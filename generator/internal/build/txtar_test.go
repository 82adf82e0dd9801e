package build

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/tools/txtar"

	"github.com/houqin/report/generator/internal/model"
)

// TestSites builds the whole sites in testdata/sites/*.txtar and checks
// their output, as a reader of the site would see it.
//
// Each archive holds a site's files (-- data/site.yaml --, -- content/… --,
// -- layouts/… --) and, in its comment, a script run line by line. A line
// starting with "!" expects the opposite; "#" starts a comment. Arguments
// are separated by spaces; a Go-quoted string ("…" or `…`) is one argument.
//
//	build                  build the site into public/; it must succeed
//	build-fails            build it; it must fail, leaving public/ as it was
//	problem TEXT           a problem of the last build contains TEXT
//	file PATH              public/PATH exists (! file: it does not)
//	grep PATH REGEXP       public/PATH matches REGEXP (! grep: it does not);
//	                       PATH may be a glob matching one file
//	count GLOB N           N files of public/ match the glob
//	same PATH              public/PATH is byte for byte what it was before
//	                       the last build
//	serve                  start a serve session: a first render
//	replace FILE OLD NEW   edit a site file; the next rebuild is told
//	write FILE             write a site file from the section -- later/FILE --
//	remove FILE            remove a site file
//	rebuild                render again in the session, told what changed
//	rendered PATH…         the rebuild re-rendered exactly these files
//
// In a session, file, grep and count look at the session's last render.
func TestSites(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "sites", "*.txtar"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no test sites in testdata/sites (%v)", err)
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			t.Parallel()
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			newSiteScript(t, name, ar).run()
		})
	}
}

// siteScript is the state of one test site's script.
type siteScript struct {
	t       *testing.T
	name    string // the archive, for messages
	script  []byte // the archive's comment
	later   map[string][]byte
	site    string // the site folder
	opt     Options
	out     map[string][]byte // the output the assertions look at
	before  map[string][]byte // public/ before the last build
	res     Result
	err     error
	session *Session
	changed []string
	line    int
}

func newSiteScript(t *testing.T, name string, ar *txtar.Archive) *siteScript {
	s := &siteScript{t: t, name: name, script: ar.Comment, later: map[string][]byte{}, site: t.TempDir()}
	for _, f := range ar.Files {
		if rest, ok := strings.CutPrefix(f.Name, "later/"); ok {
			s.later[rest] = f.Data
			continue
		}
		s.writeFile(f.Name, f.Data)
	}
	s.opt = Options{Site: s.site, Now: buildTime, Charts: fakeRuntime(t)}
	return s
}

func (s *siteScript) run() {
	for i, line := range strings.Split(string(s.script), "\n") {
		s.line = i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		neg := false
		if rest, ok := strings.CutPrefix(line, "!"); ok {
			neg, line = true, strings.TrimSpace(rest)
		}
		args, err := splitArgs(line)
		if err != nil {
			s.fatalf("%v", err)
		}
		s.do(neg, args[0], args[1:])
	}
}

func (s *siteScript) fatalf(format string, args ...any) {
	s.t.Helper()
	s.t.Fatalf("%s:%d: %s", s.name, s.line, fmt.Sprintf(format, args...))
}

func (s *siteScript) errorf(format string, args ...any) {
	s.t.Helper()
	s.t.Errorf("%s:%d: %s", s.name, s.line, fmt.Sprintf(format, args...))
}

func (s *siteScript) nargs(args []string, n int, usage string) {
	s.t.Helper()
	if len(args) != n {
		s.fatalf("usage: %s", usage)
	}
}

func (s *siteScript) do(neg bool, cmd string, args []string) {
	s.t.Helper()
	ctx := context.Background()
	switch cmd {
	case "build", "build-fails":
		s.nargs(args, 0, cmd)
		out := filepath.Join(s.site, "public")
		s.before = readTree(s.t, out)
		s.res, s.err = Build(ctx, s.opt)
		if cmd == "build" && s.err != nil {
			s.fatalf("build failed: %v\n%s", s.err, problemText(s.res.Problems))
		}
		if cmd == "build-fails" && !errors.Is(s.err, ErrSite) {
			s.fatalf("build did not fail with the site's errors (err %v)\n%s", s.err, problemText(s.res.Problems))
		}
		s.out = readTree(s.t, out)
		if cmd == "build-fails" && !sameTree(s.before, s.out) {
			s.errorf("a failed build changed public/")
		}
	case "problem":
		s.nargs(args, 1, "problem TEXT")
		got := problemText(s.res.Problems)
		if strings.Contains(got, args[0]) == neg {
			s.errorf("problems containing %q: want %v; the problems were:\n%s", args[0], !neg, got)
		}
	case "file":
		s.nargs(args, 1, "file PATH")
		if _, ok := s.out[args[0]]; ok == neg {
			s.errorf("output file %s: exists %v, want %v (files: %s)", args[0], ok, !neg, s.list())
		}
	case "grep":
		s.nargs(args, 2, "grep PATH REGEXP")
		data := s.file(args[0])
		re, err := regexp.Compile(args[1])
		if err != nil {
			s.fatalf("%v", err)
		}
		if re.Match(data) == neg {
			s.errorf("%s matches %q: want %v; it holds:\n%s", args[0], args[1], !neg, excerpt(data))
		}
	case "count":
		s.nargs(args, 2, "count GLOB N")
		want, err := strconv.Atoi(args[1])
		if err != nil {
			s.fatalf("count: %v", err)
		}
		n := 0
		for p := range s.out {
			if ok, _ := path.Match(args[0], p); ok {
				n++
			}
		}
		if n != want {
			s.errorf("%d output files match %s, want %d (files: %s)", n, args[0], want, s.list())
		}
	case "same":
		s.nargs(args, 1, "same PATH")
		a, b := s.before[args[0]], s.out[args[0]]
		if (a != nil && b != nil && bytes.Equal(a, b)) == neg {
			s.errorf("%s unchanged by the last build: want %v", args[0], !neg)
		}
	case "serve":
		s.nargs(args, 0, "serve")
		s.session = NewSession(s.opt)
		s.render(nil)
	case "replace":
		s.nargs(args, 3, "replace FILE OLD NEW")
		p := filepath.Join(s.site, filepath.FromSlash(args[0]))
		b, err := os.ReadFile(p)
		if err != nil {
			s.fatalf("%v", err)
		}
		if !bytes.Contains(b, []byte(args[1])) {
			s.fatalf("%s does not contain %q", args[0], args[1])
		}
		s.writeFile(args[0], bytes.Replace(b, []byte(args[1]), []byte(args[2]), 1))
		s.changed = append(s.changed, args[0])
	case "write":
		s.nargs(args, 1, "write FILE")
		data, ok := s.later[args[0]]
		if !ok {
			s.fatalf("no section -- later/%s --", args[0])
		}
		s.writeFile(args[0], data)
		s.changed = append(s.changed, args[0])
	case "remove":
		s.nargs(args, 1, "remove FILE")
		if err := os.Remove(filepath.Join(s.site, filepath.FromSlash(args[0]))); err != nil {
			s.fatalf("%v", err)
		}
		s.changed = append(s.changed, args[0])
	case "rebuild":
		s.nargs(args, 0, "rebuild")
		if s.session == nil {
			s.fatalf("rebuild before serve")
		}
		s.render(s.changed)
		s.changed = nil
		// What the session made is what a build from scratch makes.
		full, _, err := Render(ctx, s.opt)
		if err != nil {
			s.fatalf("a full render after the edits failed: %v", err)
		}
		for _, f := range full {
			if !bytes.Equal(s.out[f.Path], f.Data) {
				s.errorf("after the rebuild, %s differs from a full render", f.Path)
			}
		}
		if len(full) != len(s.out) {
			s.errorf("the rebuild made %d files, a full render %d", len(s.out), len(full))
		}
	case "rendered":
		if s.session == nil {
			s.fatalf("rendered before serve")
		}
		got := s.session.Last.Files
		want := slices.Clone(args)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			s.errorf("the rebuild re-rendered\n\t%s\nwant\n\t%s", strings.Join(got, " "), strings.Join(want, " "))
		}
	default:
		s.fatalf("unknown command %q", cmd)
	}
}

// render runs the session, told that the files changed changed.
func (s *siteScript) render(changed []string) {
	s.t.Helper()
	files, problems, err := s.session.Render(context.Background(), changed)
	s.res = Result{Files: files, Problems: problems}
	if err != nil {
		s.fatalf("render failed: %v\n%s", err, problemText(problems))
	}
	s.out = map[string][]byte{}
	for _, f := range files {
		s.out[f.Path] = f.Data
	}
}

func (s *siteScript) writeFile(name string, data []byte) {
	s.t.Helper()
	p := filepath.Join(s.site, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// file is the output file name names, or the one file it matches as a
// glob (for names with a content hash).
func (s *siteScript) file(name string) []byte {
	s.t.Helper()
	if data, ok := s.out[name]; ok {
		return data
	}
	var found []string
	for p := range s.out {
		if ok, _ := path.Match(name, p); ok {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		s.fatalf("%d output files match %s, want 1 (files: %s)", len(found), name, s.list())
	}
	return s.out[found[0]]
}

func (s *siteScript) list() string {
	var names []string
	for p := range s.out {
		names = append(names, p)
	}
	slices.Sort(names)
	return strings.Join(names, " ")
}

// readTree reads every file under dir, by slash-separated relative path;
// nil when dir does not exist.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	tree := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		tree[filepath.ToSlash(rel)] = b
		return err
	})
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, d := range a {
		if e, ok := b[p]; !ok || !bytes.Equal(d, e) {
			return false
		}
	}
	return true
}

func problemText(list model.ErrorList) string {
	var b strings.Builder
	for _, p := range list {
		b.WriteString(p.Error())
		b.WriteByte('\n')
	}
	return b.String()
}

func excerpt(data []byte) string {
	if len(data) > 2000 {
		return string(data[:2000]) + "…"
	}
	return string(data)
}

// splitArgs splits a script line at spaces, keeping Go-quoted strings
// ("…" or `…`) whole.
func splitArgs(line string) ([]string, error) {
	var args []string
	for line != "" {
		if line[0] == '"' || line[0] == '`' {
			q, err := strconv.QuotedPrefix(line)
			if err != nil {
				return nil, fmt.Errorf("bad quoted argument in %q", line)
			}
			a, _ := strconv.Unquote(q)
			args = append(args, a)
			line = strings.TrimLeftFunc(line[len(q):], unicode.IsSpace)
			continue
		}
		i := strings.IndexFunc(line, unicode.IsSpace)
		if i < 0 {
			i = len(line)
		}
		args = append(args, line[:i])
		line = strings.TrimLeftFunc(line[i:], unicode.IsSpace)
	}
	return args, nil
}
