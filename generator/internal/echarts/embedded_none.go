//go:build !release

package echarts

// Without the release build tag no runtime is embedded: Load uses the
// cache, or builds the runtime with npm.
var (
	embeddedJS, embeddedLicense []byte
	embeddedKey                 string
)
