-- The sink's own ceiling (BENCHMARKS.md, sink): what PostgreSQL does with the sink's schema and
-- statements and no client work. pgbench -c 1 runs this as one transaction of 1,000 results: their
-- window rows inserted into bench_ceiling (LIKE post_rating_windows) and their posts' score rows
-- moved to the newer window in bench_ceiling_scores (LIKE post_scores, pre-filled with 10,000
-- posts), 2,000 rows, as the sink writes a batch in the bench (every result a new window of a post
-- that has a score). now() is the transaction's start: every window is newer than the last.
\set block random(0, 9)
BEGIN;
INSERT INTO bench_ceiling (generation, post_id, window_start, window_end, ratings_in_window, new_raters, burst_weight,
    baseline, rating_count, rating_sum, raw_average, weighted_count, weighted_sum, target, score, algorithm, window_size_ms,
    decay_factor, prior_mean, prior_weight, burst_factor, burst_floor, baseline_smoothing, written_at)
SELECT 1, :block * 1000 + g, now(), now() + interval '5 minutes',
       20 + g % 40, g % 7, 0.75, 21.5, 300 + g, 1000 + 3 * g, 3.3, 280.5, 930.25, 3.31, 3.29, 'decay-v1', 300000,
       0.5, 2.5, 0, 3, 10, 0.2, now()
FROM generate_series(1, 1000) g
ON CONFLICT (generation, post_id, window_start) DO NOTHING;
INSERT INTO bench_ceiling_scores AS s (generation, post_id, window_start, window_end, ratings_in_window, new_raters,
    burst_weight, baseline, rating_count, rating_sum, raw_average, weighted_count, weighted_sum, target, score, algorithm,
    window_size_ms, decay_factor, prior_mean, prior_weight, burst_factor, burst_floor, baseline_smoothing, written_at)
SELECT 1, :block * 1000 + g, now(), now() + interval '5 minutes',
       20 + g % 40, g % 7, 0.75, 21.5, 300 + g, 1000 + 3 * g, 3.3, 280.5, 930.25, 3.31, 3.29, 'decay-v1', 300000,
       0.5, 2.5, 0, 3, 10, 0.2, now()
FROM generate_series(1, 1000) g
ON CONFLICT (generation, post_id) DO UPDATE SET
    window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
    ratings_in_window = EXCLUDED.ratings_in_window, new_raters = EXCLUDED.new_raters,
    burst_weight = EXCLUDED.burst_weight, baseline = EXCLUDED.baseline, rating_count = EXCLUDED.rating_count,
    rating_sum = EXCLUDED.rating_sum, raw_average = EXCLUDED.raw_average, weighted_count = EXCLUDED.weighted_count,
    weighted_sum = EXCLUDED.weighted_sum, target = EXCLUDED.target, score = EXCLUDED.score,
    algorithm = EXCLUDED.algorithm, window_size_ms = EXCLUDED.window_size_ms, decay_factor = EXCLUDED.decay_factor,
    prior_mean = EXCLUDED.prior_mean, prior_weight = EXCLUDED.prior_weight, burst_factor = EXCLUDED.burst_factor,
    burst_floor = EXCLUDED.burst_floor, baseline_smoothing = EXCLUDED.baseline_smoothing, written_at = EXCLUDED.written_at
WHERE s.window_start < EXCLUDED.window_start;
COMMIT;
