-- The sink applies score-generations in log order, each event once. It keeps which log it follows
-- (the topic's id: another Kafka has another one, and starts its generation numbers again at 1) and
-- the offset of the next event to apply, written in the same transaction as each event's changes:
-- reading the topic again changes nothing, and the sink reads on from here, not from its consumer
-- group's offsets.
CREATE TABLE score_generation_log (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    topic_id    text    NOT NULL,
    next_offset bigint  NOT NULL CHECK (next_offset >= 0)
);

-- The event that started each generation: later events of the generation must carry its parameters
-- and grace. Rows are now written only from score-generations (changed_at is information only).
ALTER TABLE score_generations ADD COLUMN started_by jsonb;
