// Package model holds the typed form of a site: its settings, record tables,
// projects, honors, charts and pages, and the positions (FILE:LINE:COL) that
// every error refers to. It imports only the standard library; every other
// package of the generator speaks in these types.
package model
