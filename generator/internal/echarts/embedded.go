//go:build release

package echarts

import _ "embed"

// The chart runtime of a release build, written into embedded/ by the
// release program (generator/internal/release) just before it compiles
// with -tags release. The folder is git-ignored: ECharts is never
// committed.

//go:embed embedded/echarts.min.js
var embeddedJS []byte

//go:embed embedded/echarts.min.js.LICENSE.txt
var embeddedLicense []byte

//go:embed embedded/KEY
var embeddedKey string
