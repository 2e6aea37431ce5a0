// Package all links every annotation stage into a binary. Each stage's
// package registers itself with [pipeline.Register] in an init function;
// each file of this package blank-imports one of them.
//
// [pipeline.Register]: github.com/newsgraph/newsgraph/internal/pipeline
package all
