-- Posts are events (topic `posts`, the source of truth): the sink writes this table from the topic,
-- with the ids the ingest API gave, so the table can be rebuilt. Ids come from post_ids, which the
-- ingest API moves above every id in the topic and the table before it gives one (at start-up, after
-- a loss of the database, and whenever it sees the sequence behind): a new or restored database
-- never hands out an id again. No default: a row without an id from there is a bug.
ALTER TABLE posts ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE post_ids AS bigint;
SELECT setval('post_ids', max(id)) FROM posts HAVING max(id) IS NOT NULL;
