-- 002: content-derived identifiers (docs/format/store.md, "Identifiers").
-- Global entities are renumbered so that entities.rowid is the number behind
-- the entity's ID (resolve.EntityID), events get an ID column, and stories
-- are renamed after their founding article. The renumbering itself is done
-- in Go right after this script, in the same transaction (renumber in
-- migrate.go).

ALTER TABLE events ADD COLUMN id TEXT NOT NULL DEFAULT '';
CREATE INDEX events_id ON events(id);

-- Renaming an entity moves its rows; these make that a lookup, not a scan.
CREATE INDEX entity_keys_entity ON entity_keys(entity);
CREATE INDEX places_entity ON places(entity);
