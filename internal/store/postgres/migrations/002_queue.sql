-- 002: the staging area of queue workers (docs/scale.md). A worker stores
-- each article it annotated here, keyed by the article's sequence number
-- in the JetStream stream, and acknowledges the message once that commit
-- is done; one resolver at a time applies staged articles to the tables
-- above in sequence order and moves the stream's cursor past them.

CREATE TABLE queue_staged (
	stream text NOT NULL,       -- the stream's name and creation time
	seq    bigint NOT NULL,     -- the message's stream sequence
	doc    text NOT NULL,       -- the article ID, or '' for a failed message
	record bytea,               -- the annotated article's record (record.go); NULL when failed
	failed text NOT NULL DEFAULT '', -- why the message went to the dead-letter subject
	PRIMARY KEY (stream, seq)
);

ALTER TABLE queue_staged ALTER COLUMN record SET STORAGE EXTERNAL;

CREATE TABLE queue_cursor (
	stream text PRIMARY KEY,
	seq    bigint NOT NULL      -- every message up to here is applied
);
