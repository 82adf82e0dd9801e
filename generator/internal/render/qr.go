package render

import (
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"rsc.io/qr/coding"
)

// QRView is the QR code of a notice's address, printed on paper notices
// so that a reader can open the online one.
type QRView struct {
	SVG template.HTML // an inline <svg> of one <path>
	URL string
}

// qrSVG encodes text as a QR code (error correction level M, so a creased
// or smudged paper still scans) and draws it as an inline SVG: one path
// whose horizontal strokes are the runs of dark modules of each row, in a
// viewBox of one unit per module with the 4-module quiet zone the standard
// asks for. The SVG has no size of its own; CSS gives it one.
//
// The encoder is rsc.io/qr's coding package, twenty times faster than
// go-qrcode, which matters with thousands of notices; its plans (the
// layout of a code of one version) are made once per version and shared.
// It always uses mask pattern 0 rather than scoring the eight; the codes
// it makes scan with phone cameras and zbar alike (TestQRSVG scans one).
func qrSVG(text string) (template.HTML, error) {
	code, err := qrEncode(text)
	if err != nil {
		return "", fmt.Errorf("QR code of %s: %w", text, err)
	}
	n := code.Size
	size := strconv.Itoa(n + 8)
	d := make([]byte, 0, 2048)
	d = append(d, `<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 `...)
	d = append(d, size+" "+size...)
	d = append(d, `" shape-rendering="crispEdges" aria-hidden="true"><path fill="none" stroke="#000" d="`...)
	for y := 0; y < n; y++ {
		end := -1 // end of the previous run of the row
		for x := 0; x < n; {
			if !code.Black(x, y) {
				x++
				continue
			}
			start := x
			for x < n && code.Black(x, y) {
				x++
			}
			if end < 0 {
				// A stroke is centred on its path: y+.5 fills row y.
				d = append(d, 'M')
				d = strconv.AppendInt(d, int64(start), 10)
				d = append(d, ' ')
				d = strconv.AppendInt(d, int64(y), 10)
				d = append(d, ".5"...)
			} else {
				d = append(d, 'm')
				d = strconv.AppendInt(d, int64(start-end), 10)
				d = append(d, " 0"...)
			}
			d = append(d, 'h')
			d = strconv.AppendInt(d, int64(x-start), 10)
			end = x
		}
	}
	d = append(d, `"/></svg>`...)
	return template.HTML(d), nil
}

// qrPlans holds the plan of each version at level M, made on first use.
var qrPlans [coding.MaxVersion + 1]struct {
	once sync.Once
	plan *coding.Plan
	err  error
}

// qrEncode encodes text in the smallest version that holds it, choosing
// the densest of the numeric, alphanumeric and byte encodings, as
// rsc.io/qr's Encode does.
func qrEncode(text string) (*coding.Code, error) {
	var enc coding.Encoding
	switch {
	case coding.Num(text).Check() == nil:
		enc = coding.Num(text)
	case coding.Alpha(text).Check() == nil:
		enc = coding.Alpha(text)
	default:
		enc = coding.String(text)
	}
	for v := coding.Version(coding.MinVersion); v <= coding.MaxVersion; v++ {
		if enc.Bits(v) > v.DataBytes(coding.M)*8 {
			continue
		}
		p := &qrPlans[v]
		p.once.Do(func() { p.plan, p.err = coding.NewPlan(v, coding.M, 0) })
		if p.err != nil {
			return nil, p.err
		}
		return p.plan.Encode(enc)
	}
	return nil, errors.New("text too long to encode as QR")
}
