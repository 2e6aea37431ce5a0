// Package story groups articles that report the same real-world story.
//
// It does two things, both incrementally (adding one article touches only the
// stories that share a rare term, a name or a MinHash band with it):
//
//   - Near-duplicate detection: syndicated copies of one wire report share
//     most of their word 5-gram shingles. Each article gets a MinHash
//     signature; locality-sensitive hashing over bands finds candidate
//     copies, and an estimated Jaccard similarity at or above
//     [Config.DupThreshold] marks the later article as a copy of the earlier
//     one. A copy joins its original's story and counts once.
//   - Same-story clustering: an article joins the story whose profile is most
//     similar to it, if that similarity reaches [Config.StoryThreshold] and
//     the story's latest article lies within [Config.Window] of it. The
//     similarity blends TF-IDF cosine over content words and names (document
//     frequencies are counted as articles arrive), the overlap of resolved
//     entities and the overlap of coded events.
//
// [Clusterer] is the whole state; a store keeps one in memory, calls
// [Clusterer.Assign] for each new article and records the [Assignment], and
// after a restart replays its recent articles with [Clusterer.Restore].
//
// [Compare] is a pure function behind the side-by-side view: for each outlet,
// the entities, quoted speakers, events and figures it reports, and which of
// them other outlets report too.
package story
