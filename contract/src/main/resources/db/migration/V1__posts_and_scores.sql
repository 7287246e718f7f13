-- Posts are written by the ingest API.
CREATE TABLE posts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      varchar(200) NOT NULL,
    body       text         NOT NULL,
    author_id  varchar(64)  NOT NULL,
    created_at timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX posts_newest_first ON posts (created_at DESC, id DESC);

-- A generation is one computation of every score from the ratings history. Readers see only the
-- current one; a replay builds the next beside it and then takes its place.
CREATE TABLE score_generations (
    generation    bigint      PRIMARY KEY,
    state         text        NOT NULL CHECK (state IN ('building', 'current', 'retired')),
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    activated_at  timestamptz
);
CREATE UNIQUE INDEX score_generations_one_current ON score_generations ((state)) WHERE state = 'current';

-- One row per (post, closed active window) and generation; written only by the sink.
CREATE TABLE post_rating_windows (
    generation          bigint           NOT NULL,
    post_id             bigint           NOT NULL,
    window_start        timestamptz      NOT NULL,
    window_end          timestamptz      NOT NULL,
    ratings_in_window   bigint           NOT NULL,
    new_raters          bigint           NOT NULL,
    burst_weight        double precision NOT NULL,
    baseline            double precision NOT NULL,
    rating_count        bigint           NOT NULL,
    rating_sum          bigint           NOT NULL,
    raw_average         double precision NOT NULL,
    weighted_count      double precision NOT NULL,
    weighted_sum        double precision NOT NULL,
    target              double precision NOT NULL,
    score               double precision NOT NULL,
    algorithm           text             NOT NULL,
    window_size_ms      bigint           NOT NULL,
    decay_factor        double precision NOT NULL,
    prior_mean          double precision NOT NULL,
    prior_weight        double precision NOT NULL,
    burst_factor        double precision NOT NULL,
    burst_floor         double precision NOT NULL,
    baseline_smoothing  double precision NOT NULL,
    written_at          timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (generation, post_id, window_start)
);

-- The latest window result of every post, per generation; written only by the sink.
CREATE TABLE post_scores (LIKE post_rating_windows INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE post_scores ADD PRIMARY KEY (generation, post_id);
