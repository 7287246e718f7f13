-- When the stream processor made the change a generation's row reflects: the changedAt of the last
-- score-generations event the sink applied to it (null while the generation is known only from its
-- results). The sink compares it with each event's own time, so that reading an old part of the
-- log again (a consumer group reset, offsets expired) never undoes a newer switch, and a generation
-- number reused after Kafka was wiped starts afresh.
ALTER TABLE score_generations ADD COLUMN changed_at timestamptz;
