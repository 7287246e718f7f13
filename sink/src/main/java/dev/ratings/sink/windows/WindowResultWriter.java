package dev.ratings.sink.windows;

import dev.ratings.contract.WindowResult;
import dev.ratings.sink.generations.ScoreGenerations;
import dev.ratings.sink.postgres.PgArrays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of window results to PostgreSQL in one transaction: one statement for {@code
 * post_rating_windows} and one for {@code post_scores}, each taking the batch as arrays.
 *
 * <p>Rows hold absolute values, so writing a batch again changes nothing: a window row is never
 * rewritten ({@code DO NOTHING}), and a score row is replaced only by a strictly newer window of the
 * same generation, so results arriving out of order never move a score back.
 *
 * <p>Instants travel as epoch milliseconds and become {@code timestamptz} in SQL, exactly (the
 * product is computed in integer microseconds); doubles travel in binary.
 */
@Component
class WindowResultWriter {

    private static final String COLUMNS = """
            generation, post_id, window_start, window_end, ratings_in_window, new_raters,
            burst_weight, baseline, rating_count, rating_sum, raw_average, weighted_count,
            weighted_sum, target, score, algorithm, window_size_ms, decay_factor, prior_mean,
            prior_weight, burst_factor, burst_floor, baseline_smoothing, written_at""";

    /** The batch as rows: one array per field, unnested side by side. */
    private static final String ROWS = """
            SELECT r.generation, r.post_id,
                   timestamptz 'epoch' + r.window_start_ms * interval '1 millisecond',
                   timestamptz 'epoch' + r.window_end_ms * interval '1 millisecond',
                   r.ratings_in_window, r.new_raters, r.burst_weight, r.baseline,
                   r.rating_count, r.rating_sum, r.raw_average, r.weighted_count, r.weighted_sum,
                   r.target, r.score, r.algorithm, r.window_size_ms, r.decay_factor, r.prior_mean,
                   r.prior_weight, r.burst_factor, r.burst_floor, r.baseline_smoothing, now()
            FROM unnest(:generation, :postId, :windowStart, :windowEnd, :ratingsInWindow,
                        :newRaters, :burstWeight, :baseline, :ratingCount, :ratingSum,
                        :rawAverage, :weightedCount, :weightedSum, :target, :score, :algorithm,
                        :windowSizeMs, :decayFactor, :priorMean, :priorWeight, :burstFactor,
                        :burstFloor, :baselineSmoothing)
                 AS r(generation, post_id, window_start_ms, window_end_ms, ratings_in_window,
                      new_raters, burst_weight, baseline, rating_count, rating_sum, raw_average,
                      weighted_count, weighted_sum, target, score, algorithm, window_size_ms,
                      decay_factor, prior_mean, prior_weight, burst_factor, burst_floor,
                      baseline_smoothing)
            """;

    static final String INSERT_WINDOWS = "INSERT INTO post_rating_windows (" + COLUMNS + ")\n" + ROWS
            + "ON CONFLICT (generation, post_id, window_start) DO NOTHING";

    static final String UPSERT_SCORES = "INSERT INTO post_scores (" + COLUMNS + ")\n" + ROWS + """
            ON CONFLICT (generation, post_id) DO UPDATE SET
                window_start = EXCLUDED.window_start, window_end = EXCLUDED.window_end,
                ratings_in_window = EXCLUDED.ratings_in_window, new_raters = EXCLUDED.new_raters,
                burst_weight = EXCLUDED.burst_weight, baseline = EXCLUDED.baseline,
                rating_count = EXCLUDED.rating_count, rating_sum = EXCLUDED.rating_sum,
                raw_average = EXCLUDED.raw_average, weighted_count = EXCLUDED.weighted_count,
                weighted_sum = EXCLUDED.weighted_sum, target = EXCLUDED.target,
                score = EXCLUDED.score, algorithm = EXCLUDED.algorithm,
                window_size_ms = EXCLUDED.window_size_ms, decay_factor = EXCLUDED.decay_factor,
                prior_mean = EXCLUDED.prior_mean, prior_weight = EXCLUDED.prior_weight,
                burst_factor = EXCLUDED.burst_factor, burst_floor = EXCLUDED.burst_floor,
                baseline_smoothing = EXCLUDED.baseline_smoothing, written_at = EXCLUDED.written_at
            WHERE post_scores.window_start < EXCLUDED.window_start""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ScoreGenerations generations;
    private final Timer writeTime;
    private final Counter writeFailures;
    private final Counter staleResults;
    private final Counter windowRowsInserted;
    private final Counter scoreRowsWritten;

    WindowResultWriter(
            JdbcClient jdbc, TransactionTemplate transaction, ScoreGenerations generations, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.generations = generations;
        this.writeTime = Timer.builder("ratings.sink.write")
                .description("Time to write one consumed batch to PostgreSQL, commit included")
                .publishPercentileHistogram()
                .register(registry);
        this.writeFailures = Counter.builder("ratings.sink.write.failures")
                .description("Batches whose transaction failed and was rolled back, to be retried")
                .register(registry);
        this.staleResults = Counter.builder("ratings.sink.stale.results")
                .description("Window results skipped because their generation is retired or older than the current one")
                .register(registry);
        this.windowRowsInserted = Counter.builder("ratings.sink.rows.written")
                .tag("table", "post_rating_windows")
                .description("Rows inserted or updated (redelivered results write none)")
                .register(registry);
        this.scoreRowsWritten = Counter.builder("ratings.sink.rows.written")
                .tag("table", "post_scores")
                .description("Rows inserted or updated (redelivered results write none)")
                .register(registry);
    }

    /** Writes the results in one transaction; throws (and writes nothing) if the database fails. */
    Outcome write(List<WindowResult> results) {
        Outcome outcome;
        try {
            outcome = writeTime.record(() -> transaction.execute(status -> writeInTransaction(results)));
        } catch (RuntimeException e) {
            writeFailures.increment();
            throw e;
        }
        // counted after the commit, so a batch retried after a rollback is not counted twice
        staleResults.increment(outcome.skipped());
        windowRowsInserted.increment(outcome.windowRows());
        scoreRowsWritten.increment(outcome.scoreRows());
        return outcome;
    }

    private Outcome writeInTransaction(List<WindowResult> results) {
        Set<Long> seen = new TreeSet<>();
        results.forEach(result -> seen.add(result.generation()));
        Set<Long> writable = generations.selectWritable(seen);
        WindowBatch batch = WindowBatch.of(results, writable::contains);
        if (batch.isEmpty()) {
            return new Outcome(0, 0, batch.skipped());
        }
        int windowRows =
                jdbc.sql(INSERT_WINDOWS).params(columns(batch.windows())).update();
        int scoreRows = jdbc.sql(UPSERT_SCORES).params(columns(batch.scores())).update();
        return new Outcome(windowRows, scoreRows, batch.skipped());
    }

    private static Map<String, Object> columns(List<WindowResult> rows) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("generation", longs(rows, WindowResult::generation));
        columns.put("postId", longs(rows, WindowResult::postId));
        columns.put("windowStart", longs(rows, WindowResult::windowStart));
        columns.put("windowEnd", longs(rows, WindowResult::windowEnd));
        columns.put("ratingsInWindow", longs(rows, WindowResult::ratingsInWindow));
        columns.put("newRaters", longs(rows, WindowResult::newRaters));
        columns.put("burstWeight", doubles(rows, WindowResult::burstWeight));
        columns.put("baseline", doubles(rows, WindowResult::baseline));
        columns.put("ratingCount", longs(rows, WindowResult::ratingCount));
        columns.put("ratingSum", longs(rows, WindowResult::ratingSum));
        columns.put("rawAverage", doubles(rows, WindowResult::rawAverage));
        columns.put("weightedCount", doubles(rows, WindowResult::weightedCount));
        columns.put("weightedSum", doubles(rows, WindowResult::weightedSum));
        columns.put("target", doubles(rows, WindowResult::target));
        columns.put("score", doubles(rows, WindowResult::score));
        columns.put(
                "algorithm",
                PgArrays.texts(rows.stream().map(WindowResult::algorithm).toArray(String[]::new)));
        columns.put("windowSizeMs", longs(rows, WindowResult::windowSizeMs));
        columns.put("decayFactor", doubles(rows, WindowResult::decayFactor));
        columns.put("priorMean", doubles(rows, WindowResult::priorMean));
        columns.put("priorWeight", doubles(rows, WindowResult::priorWeight));
        columns.put("burstFactor", doubles(rows, WindowResult::burstFactor));
        columns.put("burstFloor", doubles(rows, WindowResult::burstFloor));
        columns.put("baselineSmoothing", doubles(rows, WindowResult::baselineSmoothing));
        return columns;
    }

    private static Object longs(List<WindowResult> rows, ToLongFunction<WindowResult> field) {
        return PgArrays.bigints(rows.stream().mapToLong(field).toArray());
    }

    private static Object doubles(List<WindowResult> rows, ToDoubleFunction<WindowResult> field) {
        return PgArrays.doubles(rows.stream().mapToDouble(field).toArray());
    }

    /**
     * What a batch changed.
     *
     * @param windowRows window rows inserted (0 for a redelivered batch)
     * @param scoreRows score rows inserted or moved to a newer window
     * @param skipped results of a stale generation, not written
     */
    record Outcome(int windowRows, int scoreRows, int skipped) {}
}
