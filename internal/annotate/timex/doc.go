// Package timex finds time expressions in English news text and normalises
// them to TIMEX3-style values, and registers the pipeline stage
// "annotate.timex", which fills [news.Article.Times].
//
// Detection is rule based: absolute dates ("Friday, May 20, 2022",
// "20 May 2022", "2022-05-20"), months and years ("May 2022", "in 2020"),
// weekdays ("On Saturday", "Friday morning"), relative expressions
// ("yesterday", "last year", "this week", "a year ago", "later in the day"),
// decades and centuries ("the 1860s", "the 19th century"), durations
// ("over 28 years", "a decade", "two-year"), sets ("daily", "every week")
// and the anchor-free references now, recently and the future.
//
// # Values
//
// Values follow the TimeML TIMEX3 conventions of TimeBank, so that
// newsgraph's output can be scored against TimeML corpora:
//
//	date      2022-05-20, 2022-05, 2022, 2022-W20, 2022-W20-WE, 2022-Q2,
//	          2022-SU (season), 186X (decade), 18 (century: "the 19th century"),
//	          PRESENT_REF, PAST_REF, FUTURE_REF
//	time      2022-05-21TMO (morning; TAF, TEV, TNI), 2022-05-21T10:30
//	duration  P28Y, P10Y ("a decade": TimeBank writes decades as ten years),
//	          P100Y (a century), P3M, P2W, P5D, PT4H, PT30M; PXY, PXM, PXW, PXD
//	          for an unspecified number ("years", "several months")
//	set       P1D ("daily", "every day"), P1W, P1M, P1Y, XXXX-WXX-1 ("every Monday")
//
// Spans follow TimeBank too: a leading "the" and the modifiers last, next,
// this, past, early, late and mid are inside the span; prepositions ("on",
// "since", "in", "over") are not.
//
// # Anchoring
//
// Relative expressions are resolved against a reference date, normally the
// article's publication date. Weekdays and month names without a year take
// the nearest occurrence in the direction the sentence's tense points: the
// past unless the sentence speaks of the future (will, 'll, shall, going
// to, plans to, scheduled, expected to, next, upcoming). Expressions that
// refer to the narrative rather than to the publication date ("later in
// the day", "the next day", "that day") resolve against the last day the
// text mentioned before them.
//
// When the article has no publication date, the stage infers a lower bound
// from dated photo captions and datelines: a photo of May 20 was published
// on May 20 or later. With only that bound, an unmarked weekday resolves to
// its first occurrence on or after the bound, and expressions that need the
// exact publication day ("today", "yesterday", "last week") stay
// unresolved. The inference is recorded in [news.Provenance.Notes].
//
// Whatever cannot be resolved keeps its span and text with an empty value:
// the stage never guesses a value it cannot support.
package timex
