-- 001: documents with full-text search, global entities with aliases and
-- blocking keys, and the per-document annotations the API reads.
-- Offsets (start_cp, end_cp) are Unicode code points into documents.text.

CREATE TABLE documents (
	rowid     INTEGER PRIMARY KEY,
	id        TEXT NOT NULL UNIQUE,       -- hex SHA-256 of the raw input
	title     TEXT NOT NULL,
	published TEXT NOT NULL,              -- YYYY-MM-DD or ''
	outlet    TEXT NOT NULL,
	url       TEXT NOT NULL,
	path      TEXT NOT NULL,
	chars     INTEGER NOT NULL,           -- clean text length in code points
	text      TEXT NOT NULL,              -- clean text (the FTS content)
	record    BLOB NOT NULL,              -- the annotate JSON record
	ingested  TEXT NOT NULL               -- RFC 3339, UTC
);
CREATE INDEX documents_published ON documents(published DESC, rowid DESC);

CREATE VIRTUAL TABLE documents_fts USING fts5(
	title, text,
	content='documents', content_rowid='rowid',
	tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE entities (
	rowid     INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,
	type      TEXT NOT NULL,
	country   TEXT NOT NULL DEFAULT '',
	mentions  INTEGER NOT NULL DEFAULT 0,
	documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities(documents DESC, mentions DESC);

-- Every name a global entity goes by, with how many documents use it.
CREATE TABLE entity_aliases (
	entity    INTEGER NOT NULL REFERENCES entities(rowid),
	alias     TEXT NOT NULL,
	documents INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (entity, alias)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_alias ON entity_aliases(alias COLLATE NOCASE);

-- Blocking keys (resolve.Keys) of global entities.
CREATE TABLE entity_keys (
	key    TEXT NOT NULL,
	entity INTEGER NOT NULL REFERENCES entities(rowid),
	PRIMARY KEY (key, entity)
) WITHOUT ROWID;

CREATE TABLE entity_documents (
	entity   INTEGER NOT NULL REFERENCES entities(rowid),
	doc      INTEGER NOT NULL REFERENCES documents(rowid),
	local_id TEXT NOT NULL,               -- the document-local entity ID
	mentions INTEGER NOT NULL,
	PRIMARY KEY (entity, doc)
) WITHOUT ROWID;
CREATE INDEX entity_documents_doc ON entity_documents(doc, entity);

CREATE TABLE mentions (
	doc        INTEGER NOT NULL REFERENCES documents(rowid),
	start_cp   INTEGER NOT NULL,
	end_cp     INTEGER NOT NULL,
	text       TEXT NOT NULL,
	type       TEXT NOT NULL,
	entity     INTEGER REFERENCES entities(rowid),
	confidence REAL NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_entity ON mentions(entity, doc);

CREATE TABLE quotes (
	rowid        INTEGER PRIMARY KEY,
	doc          INTEGER NOT NULL REFERENCES documents(rowid),
	start_cp     INTEGER NOT NULL,
	end_cp       INTEGER NOT NULL,
	text         TEXT NOT NULL,
	speaker      INTEGER REFERENCES entities(rowid),
	speaker_name TEXT NOT NULL,
	cue          TEXT NOT NULL,
	kind         TEXT NOT NULL,
	confidence   REAL NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker);

-- Entities mentioned inside a quote: what the quote is about.
CREATE TABLE quote_about (
	quote  INTEGER NOT NULL REFERENCES quotes(rowid),
	entity INTEGER NOT NULL REFERENCES entities(rowid),
	PRIMARY KEY (entity, quote)
) WITHOUT ROWID;

CREATE TABLE times (
	doc      INTEGER NOT NULL REFERENCES documents(rowid),
	start_cp INTEGER NOT NULL,
	end_cp   INTEGER NOT NULL,
	text     TEXT NOT NULL,
	value    TEXT NOT NULL,
	kind     TEXT NOT NULL
);
CREATE INDEX times_doc ON times(doc);
CREATE INDEX times_value ON times(value);

CREATE TABLE places (
	doc      INTEGER NOT NULL REFERENCES documents(rowid),
	start_cp INTEGER NOT NULL,
	end_cp   INTEGER NOT NULL,
	text     TEXT NOT NULL,
	name     TEXT NOT NULL,
	country  TEXT NOT NULL,
	lat      REAL NOT NULL,
	lon      REAL NOT NULL,
	geonames INTEGER NOT NULL,
	entity   INTEGER REFERENCES entities(rowid)
);
CREATE INDEX places_doc ON places(doc);
CREATE INDEX places_key ON places(geonames, name, country);

CREATE TABLE events (
	rowid      INTEGER PRIMARY KEY,
	doc        INTEGER NOT NULL REFERENCES documents(rowid),
	type       TEXT NOT NULL,
	actor      INTEGER REFERENCES entities(rowid),
	target     INTEGER REFERENCES entities(rowid),
	date       TEXT NOT NULL,
	confidence REAL NOT NULL,
	event      BLOB NOT NULL,             -- store.EventHit fields as JSON, global IDs
	evidence   TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);
CREATE INDEX events_date ON events(date);

CREATE TABLE stories (
	rowid   INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	title   TEXT NOT NULL,
	updated TEXT NOT NULL
);

CREATE TABLE story_documents (
	story        INTEGER NOT NULL REFERENCES stories(rowid),
	doc          INTEGER NOT NULL UNIQUE REFERENCES documents(rowid),
	duplicate_of TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (story, doc)
) WITHOUT ROWID;
