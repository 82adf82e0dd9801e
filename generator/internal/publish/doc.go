// Package publish writes a build's files to the output folder. It is the
// only package of the generator that writes to the disk, besides the
// later steps that add their own files to an output (the pdf command's
// booklet PDFs; see plan.Later).
//
// The new output is written to a temporary folder beside the output
// folder and then swapped in, so readers (a web server,
// rsync) never see a half-written site, and a failed build leaves the
// previous output untouched. Files whose bytes did not change keep their
// modification time (they are hard-linked from the previous output when
// possible), so rsync deployments transfer only what changed.
//
// A build hands files to a Writer as the pages are rendered (Begin, Add),
// so writing overlaps rendering, and then either commits them (Commit:
// the swap) or throws them away (Abort) once the checks have run.
//
// Nothing outside the output folder is ever removed: the temporary and
// the previous folders are siblings the package itself created. Nothing
// inside it that the generator did not write is removed either: every
// output holds a manifest (ManifestName) listing its files, and a folder
// that is not empty, has no manifest and is not an output of an earlier
// version, or that holds a file the manifest does not list, is refused
// with a *RefusedError before anything is changed.
//
// The swap is one exchange of the two folders where the system can do
// it (Linux), so the output is never missing; see swap. The temporary
// folders of a build that was killed are removed by the next build.
package publish
