-- 004: what the web UI's map and timeline read without scanning whole tables
-- (docs/format/store.md).

-- Dates in photo captions (times rows with start_cp = -1), by date.
CREATE INDEX times_photo ON times(value, doc) WHERE start_cp < 0;

-- Resolved places counted as articles are stored: one row per place (its
-- GeoNames ID, or name|country when it has none), with its mentions and the
-- number of articles that mention it. The write path keeps it up to date.
CREATE TABLE place_stats (
	key       TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	country   TEXT NOT NULL,
	lat       REAL NOT NULL,
	lon       REAL NOT NULL,
	geonames  INTEGER NOT NULL,
	mentions  INTEGER NOT NULL,
	documents INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX place_stats_rank ON place_stats(mentions DESC);

INSERT INTO place_stats (key, name, country, lat, lon, geonames, mentions, documents)
SELECT CASE WHEN geonames > 0 THEN CAST(geonames AS TEXT) ELSE name || '|' || country END,
	max(name), max(country), avg(lat), avg(lon), max(geonames), count(*), count(DISTINCT doc)
FROM places GROUP BY 1;
