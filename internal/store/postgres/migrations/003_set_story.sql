-- 003: SetStory as one statement. Putting a document into a story (the
-- story's title from the document when the story is new; the document
-- leaves its old story, which is dropped when empty) is done by the server
-- in one call, under the store's write lock (the advisory lock 0x4e4770680002),
-- instead of a transaction of eight round trips per article.

CREATE FUNCTION newsgraph_set_story(p_doc text, p_story text, p_dup text, p_now text) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	d bigint;
	t text;
	s bigint;
	prev bigint;
BEGIN
	PERFORM pg_advisory_xact_lock(86068735508482);
	SELECT rowid, title INTO d, t FROM documents WHERE id = p_doc;
	IF NOT FOUND THEN
		RETURN false;
	END IF;
	SELECT rowid INTO s FROM stories WHERE id = p_story;
	IF NOT FOUND THEN
		INSERT INTO stories (id, title, updated) VALUES (p_story, t, p_now)
			ON CONFLICT (id) DO UPDATE SET title = CASE WHEN EXCLUDED.title = '' THEN stories.title ELSE EXCLUDED.title END,
				updated = EXCLUDED.updated
			RETURNING rowid INTO s;
	END IF;
	DELETE FROM story_documents WHERE doc = d RETURNING story INTO prev;
	INSERT INTO story_documents (story, doc, duplicate_of) VALUES (s, d, p_dup);
	IF prev IS NOT NULL THEN
		DELETE FROM stories WHERE rowid = prev AND NOT EXISTS (SELECT 1 FROM story_documents WHERE story = prev);
	END IF;
	RETURN true;
END
$$;
