-- 001: the same tables as the SQLite store's 001 (docs/format/store.md),
-- with PostgreSQL's full-text search (a generated tsvector with a GIN
-- index) in place of FTS5, and trigram indexes for entity-name lookup.
-- Offsets (start_cp, end_cp) are Unicode code points into documents.text.
-- Text columns that are sorted on are compared bytewise (COLLATE "C"), as
-- SQLite does, so both stores order names alike.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- English stemming without stop words over unaccented words: like FTS5's
-- porter tokenizer with remove_diacritics, every word can be searched.
CREATE TEXT SEARCH DICTIONARY newsgraph_stem (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION newsgraph (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION newsgraph
	ALTER MAPPING FOR asciiword, word, hword_asciipart, hword_part WITH unaccent, newsgraph_stem;

CREATE TABLE documents (
	rowid     bigserial PRIMARY KEY,
	id        text NOT NULL UNIQUE,        -- hex SHA-256 of the raw input
	title     text NOT NULL,
	published text NOT NULL COLLATE "C",   -- YYYY-MM-DD or ''
	outlet    text NOT NULL,
	url       text NOT NULL,
	path      text NOT NULL,
	chars     integer NOT NULL,            -- clean text length in code points
	text      text NOT NULL,               -- clean text
	record    bytea NOT NULL,              -- the annotate JSON record, DEFLATE-compressed (record.go)
	ingested  text NOT NULL,               -- RFC 3339, UTC
	tsv       tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('newsgraph', title), 'A') || setweight(to_tsvector('newsgraph', text), 'B')) STORED
);
-- newsgraph compresses records itself: the server need not try again.
ALTER TABLE documents ALTER COLUMN record SET STORAGE EXTERNAL;
CREATE INDEX documents_published ON documents(published DESC, rowid DESC);
CREATE INDEX documents_outlet ON documents(lower(outlet));
CREATE INDEX documents_tsv ON documents USING gin(tsv);

-- An entity's rowid is the 56-bit number behind its content-derived ID
-- (resolve.EntityID; docs/format/store.md, "Identifiers").
CREATE TABLE entities (
	rowid     bigint PRIMARY KEY,
	name      text NOT NULL COLLATE "C",
	type      text NOT NULL,
	country   text NOT NULL DEFAULT '',
	mentions  integer NOT NULL DEFAULT 0,
	documents integer NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities(documents DESC, mentions DESC);

CREATE TABLE entity_aliases (
	entity    bigint NOT NULL REFERENCES entities(rowid),
	alias     text NOT NULL COLLATE "C",
	documents integer NOT NULL DEFAULT 0,
	PRIMARY KEY (entity, alias)
);
-- Name lookup (query entity, the entity list's filter) is a substring
-- match ignoring case: trigrams answer it from the index.
CREATE INDEX entity_aliases_entity ON entity_aliases(entity);
CREATE INDEX entity_aliases_trgm ON entity_aliases USING gin (lower(alias) gin_trgm_ops);

CREATE TABLE entity_keys (
	key    text NOT NULL COLLATE "C",
	entity bigint NOT NULL REFERENCES entities(rowid),
	PRIMARY KEY (key, entity)
);
-- Renaming an entity moves its rows; these make that a lookup, not a scan.
CREATE INDEX entity_keys_entity ON entity_keys(entity);

CREATE TABLE entity_documents (
	entity   bigint NOT NULL REFERENCES entities(rowid),
	doc      bigint NOT NULL REFERENCES documents(rowid),
	local_id text NOT NULL,
	mentions integer NOT NULL,
	PRIMARY KEY (entity, doc)
);
CREATE INDEX entity_documents_doc ON entity_documents(doc, entity);

CREATE TABLE mentions (
	doc        bigint NOT NULL REFERENCES documents(rowid),
	ord        integer NOT NULL,           -- position among the article's mentions
	start_cp   integer NOT NULL,
	end_cp     integer NOT NULL,
	text       text NOT NULL,
	type       text NOT NULL,
	entity     bigint REFERENCES entities(rowid),
	confidence double precision NOT NULL,
	PRIMARY KEY (doc, ord)
);
CREATE INDEX mentions_entity ON mentions(entity, doc);

CREATE TABLE quotes (
	rowid        bigserial PRIMARY KEY,
	doc          bigint NOT NULL REFERENCES documents(rowid),
	start_cp     integer NOT NULL,
	end_cp       integer NOT NULL,
	text         text NOT NULL,
	speaker      bigint REFERENCES entities(rowid),
	speaker_name text NOT NULL,
	cue          text NOT NULL,
	kind         text NOT NULL,
	confidence   double precision NOT NULL
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_speaker_name_trgm ON quotes USING gin (lower(speaker_name) gin_trgm_ops);

CREATE TABLE quote_about (
	quote  bigint NOT NULL REFERENCES quotes(rowid),
	entity bigint NOT NULL REFERENCES entities(rowid),
	PRIMARY KEY (entity, quote)
);

CREATE TABLE times (
	doc      bigint NOT NULL REFERENCES documents(rowid),
	ord      integer NOT NULL,
	start_cp integer NOT NULL,
	end_cp   integer NOT NULL,
	text     text NOT NULL,
	value    text NOT NULL,
	kind     text NOT NULL,
	PRIMARY KEY (doc, ord)
);
CREATE INDEX times_value ON times(value);

CREATE TABLE places (
	doc      bigint NOT NULL REFERENCES documents(rowid),
	ord      integer NOT NULL,
	start_cp integer NOT NULL,
	end_cp   integer NOT NULL,
	text     text NOT NULL,
	name     text NOT NULL COLLATE "C",
	country  text NOT NULL COLLATE "C",
	lat      double precision NOT NULL,
	lon      double precision NOT NULL,
	geonames integer NOT NULL,
	entity   bigint REFERENCES entities(rowid),
	PRIMARY KEY (doc, ord)
);
CREATE INDEX places_key ON places(geonames, name, country);
CREATE INDEX places_entity ON places(entity);

CREATE TABLE events (
	rowid      bigserial PRIMARY KEY,
	id         text NOT NULL,              -- content-derived (resolve.EventID)
	doc        bigint NOT NULL REFERENCES documents(rowid),
	type       text NOT NULL COLLATE "C",
	actor      bigint REFERENCES entities(rowid),
	target     bigint REFERENCES entities(rowid),
	date       text NOT NULL COLLATE "C",
	confidence double precision NOT NULL,
	event      bytea NOT NULL,             -- store.EventHit fields as JSON, global IDs
	evidence   text NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_id ON events(id);
CREATE INDEX events_type ON events(type, date);
CREATE INDEX events_actor ON events(actor);
CREATE INDEX events_target ON events(target);
CREATE INDEX events_date ON events(date);

CREATE TABLE stories (
	rowid   bigserial PRIMARY KEY,
	id      text NOT NULL UNIQUE,
	title   text NOT NULL,
	updated text NOT NULL
);

CREATE TABLE story_documents (
	story        bigint NOT NULL REFERENCES stories(rowid),
	doc          bigint NOT NULL UNIQUE REFERENCES documents(rowid),
	duplicate_of text NOT NULL DEFAULT '',
	PRIMARY KEY (story, doc)
);
