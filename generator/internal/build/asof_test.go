package build

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/houqin/report/generator/internal/model"
)

// The 2023 report, once 2023 is over, is the same on whatever day it is
// built: no "running for 41 months", no "until now", no build date. So a
// later build keeps the 2023 booklet PDF (its mark is the booklet's bytes).
func TestClosedPeriodDoesNotChangeWithTheBuildDay(t *testing.T) {
	charts := fakeRuntime(t)
	render := func(now time.Time) map[string][]byte {
		files, problems, err := Render(context.Background(), Options{Site: exampleSite, Now: now, Charts: charts})
		if err != nil {
			t.Fatalf("%v\n%v", err, problems)
		}
		return byPath(files)
	}
	feb := render(time.Date(2024, 2, 15, 9, 0, 0, 0, time.UTC))
	mar := render(time.Date(2024, 3, 20, 9, 0, 0, 0, time.UTC))
	for _, page := range []string{"years/2023/index.html", "safety/index.html", "booklet/2023/index.html", "years/2022/index.html"} {
		a, b := feb[page], mar[page]
		if a == nil {
			t.Fatalf("%s was not built", page)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s built on 15 February and on 20 March differs:\n%s", page, firstDiff(a, b))
		}
	}
	if !bytes.Contains(feb["years/2023/index.html"], []byte("数据截至 2023年12月31日")) {
		t.Error("the 2023 page does not say which day it describes")
	}
	if bytes.Equal(feb["index.html"], mar["index.html"]) {
		t.Error("the home page, which is about now, does not show the build day")
	}
}

func byPath(files []model.File) map[string][]byte {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m
}
