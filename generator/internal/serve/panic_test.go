package serve

import (
	"context"
	"strings"
	"testing"

	"github.com/houqin/report/generator/internal/model"
)

// panicky renders a page, then panics on every later call.
type panicky struct{ calls int }

func (p *panicky) Render(context.Context, []string) ([]model.File, model.ErrorList, error) {
	p.calls++
	if p.calls > 1 {
		var rows []int
		_ = rows[p.calls] // a bug: index out of range
	}
	return []model.File{{Path: "index.html", Data: []byte("<p>good</p>")}}, nil, nil
}

// A bug of the generator that panics during a rebuild must not end the
// preview: the last good build stays served, with the error over it.
func TestServeSurvivesAPanickingRebuild(t *testing.T) {
	s, err := New(Options{Site: t.TempDir(), Renderer: &panicky{}})
	if err != nil {
		t.Fatal(err)
	}
	s.rebuild(context.Background(), nil)
	s.rebuild(context.Background(), []string{"content/about.md"})
	if string(s.files["index.html"]) != "<p>good</p>" {
		t.Error("the last good build is no longer served")
	}
	if s.fail == nil || len(s.fail.Problems) == 0 || !strings.Contains(s.fail.Problems[0].Msg, "index out of range") {
		t.Errorf("the panic is not shown as an error: %+v", s.fail)
	}
}
