// Package entity is the stage "annotate.entity": it groups an article's
// named mentions into document-local entities (within-document
// coreference of names).
//
// Mentions that name the same thing are linked by rules a reader would
// apply: a later short form goes to the full name it abbreviates
// ("Kulazhanka" → "Pavel Kulazhanka"); titles and descriptors are not part
// of a name ("Ukrainian President Volodymyr Zelenskyy" → "Volodymyr
// Zelenskyy"); an acronym goes to its expansion ("CPJ" ↔ "Committee to
// Protect Journalists"); spelling and transliteration variants of a
// surname ("Zelensky"/"Zelenskyy") are one person; organisation
// designators do not separate an organisation ("Kalinouski Battalion" ↔
// "Kalinouski unit"). Two people who share a first name stay two, and a
// mention typed as an organisation never joins a person, so a unit named
// after a person is not that person.
//
// Each [news.Entity] gets an ID "E1", "E2", ... in order of first mention,
// the fullest form of its name as Name, its majority type, and every other
// form as an alias; each grouped [news.Mention] gets its entity's ID.
//
// When the article has no named mentions at all (the NER stage produced
// none, or did not run), the stage first finds capitalised-name spans
// itself ([Find]), so that quote attribution still has speakers to work
// with.
package entity
