-- 003: a user's decisions about global entities (newsgraph entity split and
-- newsgraph entity merge), kept so that resolution honours them for every
-- article stored later.
CREATE TABLE entity_decisions (
	kind   TEXT NOT NULL,      -- 'split' or 'merge'
	entity INTEGER NOT NULL,   -- split: the entity a name was taken from; merge: the entity kept
	other  INTEGER NOT NULL,   -- split: the new entity; merge: the entity merged away (gone)
	name   TEXT NOT NULL,      -- split: the name split off; merge: the name of the entity merged away
	made   TEXT NOT NULL       -- when, RFC 3339
);
CREATE INDEX entity_decisions_entity ON entity_decisions(entity);
