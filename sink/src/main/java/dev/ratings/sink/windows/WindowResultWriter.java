package dev.ratings.sink.windows;

import static java.util.stream.Collectors.joining;

import dev.ratings.contract.FlatFields;
import dev.ratings.contract.FlatFields.Field;
import dev.ratings.contract.WindowResult;
import dev.ratings.sink.SinkProperties;
import dev.ratings.sink.generations.ScoreGenerations;
import dev.ratings.sink.postgres.PgArrays;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a batch of window results to PostgreSQL in one transaction: per chunk of the batch, one
 * statement that takes the chunk as arrays, unnests them once and writes both {@code
 * post_rating_windows} and {@code post_scores}: one round trip per chunk.
 * The transaction runs on a writer thread of its own, so that the listener's thread reads and
 * prepares the next chunk while PostgreSQL writes this one; the batch's offsets are still
 * committed only once the whole transaction has.
 *
 * <p>Rows hold absolute values, so writing a batch again changes nothing: a window row is never
 * rewritten ({@code DO NOTHING}), and a score row is replaced only by a strictly newer window of the
 * same generation, so results arriving out of order never move a score back.
 *
 * <p>Instants travel as epoch milliseconds and become {@code timestamptz} in SQL, exactly (the
 * product is computed in integer microseconds); doubles travel in binary.
 */
@Component
class WindowResultWriter implements DisposableBean {

    private static final List<Field<WindowResult>> FIELDS = FlatFields.WINDOW_RESULT;

    /**
     * The batch as rows: one array parameter per field, unnested side by side, instants converted
     * from epoch milliseconds. With the columns of {@link FlatFields#WINDOW_RESULT} it reads:
     *
     * <pre>
     * SELECT r.post_id, timestamptz 'epoch' + r.window_start * interval '1 millisecond' AS window_start, ...,
     *        now() AS written_at
     * FROM unnest(:postId, :windowStart, ...) AS r(post_id, window_start, ...)
     * </pre>
     */
    private static final String ROWS = "SELECT "
            + FIELDS.stream().map(WindowResultWriter::selected).collect(joining(", "))
            + ", now() AS written_at\nFROM unnest("
            + FIELDS.stream().map(field -> ":" + field.name()).collect(joining(", "))
            + ")\n     AS r("
            + FIELDS.stream().map(Field::column).collect(joining(", "))
            + ")\n";

    private static final String COLUMNS = FIELDS.stream().map(Field::column).collect(joining(", ")) + ", written_at";

    /**
     * The chunk's window rows (de-duplicated, sorted by key) inserted, and of each post the newest
     * window's row made its score, in one statement: the arrays travel and are unnested once. A
     * score row moves only to a strictly newer window, so results arriving late never move it back;
     * sorted by key, so concurrent writers lock rows in the same order. Returns the rows each table
     * took.
     */
    static final String WRITE = "WITH batch AS MATERIALIZED (" + ROWS + "),\n"
            + "windows AS (INSERT INTO post_rating_windows (" + COLUMNS + ")\n"
            + "  SELECT * FROM batch\n"
            + "  ON CONFLICT (generation, post_id, window_start) DO NOTHING RETURNING 1),\n"
            + "scores AS (INSERT INTO post_scores (" + COLUMNS + ")\n"
            + "  SELECT DISTINCT ON (generation, post_id) * FROM batch ORDER BY generation, post_id, window_start DESC\n"
            + "  ON CONFLICT (generation, post_id) DO UPDATE SET "
            + FIELDS.stream()
                    .map(Field::column)
                    .filter(column -> !column.equals("generation") && !column.equals("post_id"))
                    .map(column -> column + " = EXCLUDED." + column)
                    .collect(joining(", "))
            + ", written_at = EXCLUDED.written_at\n"
            + "  WHERE post_scores.window_start < EXCLUDED.window_start RETURNING 1)\n"
            + "SELECT (SELECT count(*) FROM windows), (SELECT count(*) FROM scores)";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ScoreGenerations generations;
    private final int chunkSize;
    private final WriterThread writerThread = new WriterThread("ratings-sink-writer");
    private final Timer writeTime;
    private final Counter writeFailures;
    private final Counter staleResults;
    private final Counter windowRowsInserted;
    private final Counter scoreRowsWritten;

    @Autowired
    WindowResultWriter(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            ScoreGenerations generations,
            MeterRegistry registry,
            SinkProperties properties) {
        this(jdbc, transaction, generations, registry, properties.chunkSize());
    }

    WindowResultWriter(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            ScoreGenerations generations,
            MeterRegistry registry,
            int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("ratings.sink.chunk-size must be at least 1, was " + chunkSize);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.generations = generations;
        this.chunkSize = chunkSize;
        this.writeTime = Timer.builder("ratings.sink.write")
                .description("Time to write one consumed batch to PostgreSQL, from its first statement to its commit")
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

    /** Results per chunk: the listener reads this many at a time. */
    int chunkSize() {
        return chunkSize;
    }

    /** Writes the results in one transaction, in chunks; throws (and writes nothing) if the database fails. */
    Outcome write(List<WindowResult> results) {
        int[] next = {0};
        return write(() -> {
            if (next[0] >= results.size()) {
                return null;
            }
            int from = next[0];
            next[0] = Math.min(results.size(), from + chunkSize);
            return results.subList(from, next[0]);
        });
    }

    /**
     * Writes what {@code chunks} supplies (until null) in one transaction, which the writer thread
     * runs: each chunk is de-duplicated and turned into arrays on this thread while the database
     * writes the one before. Returns once the transaction has committed; throws (and writes
     * nothing) if the database fails.
     */
    Outcome write(Supplier<@Nullable List<WindowResult>> chunks) {
        List<WindowResult> first = chunks.get();
        if (first == null) {
            return new Outcome(0, 0, 0);
        }
        Outcome outcome;
        try {
            outcome = writerThread.run(
                    Chunk.of(first),
                    () -> Optional.ofNullable(chunks.get()).map(Chunk::of).orElse(null),
                    prepared -> writeTime.record(() -> transaction.execute(status -> writeInTransaction(prepared))));
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

    @Override
    public void destroy() {
        writerThread.close();
    }

    private Outcome writeInTransaction(Supplier<@Nullable Chunk> chunks) {
        Set<Long> checked = new HashSet<>();
        Set<Long> writable = new HashSet<>();
        Outcome outcome = new Outcome(0, 0, 0);
        for (Chunk chunk = chunks.get(); chunk != null; chunk = chunks.get()) {
            if (!checked.containsAll(chunk.generations())) {
                // the first time: locks score_generations for the rest of the transaction
                writable.addAll(generations.selectWritable(chunk.generations()));
                checked.addAll(chunk.generations());
            }
            outcome = outcome.plus(chunk.writableOnly(writable).write(jdbc));
        }
        return outcome;
    }

    /**
     * Results de-duplicated and turned into one array per column, prepared before the generations
     * that may be written are known: all of them usually are, and when one is not, the chunk is
     * prepared again without it.
     */
    private record Chunk(
            List<WindowResult> results, Set<Long> generations, WindowBatch batch, Map<String, Object> arrays) {

        static Chunk of(List<WindowResult> results) {
            WindowBatch batch = WindowBatch.of(results, generation -> true);
            Set<Long> generations = new TreeSet<>();
            results.forEach(result -> generations.add(result.generation()));
            return new Chunk(results, generations, batch, columns(batch.windows()));
        }

        Chunk writableOnly(Set<Long> writable) {
            if (writable.containsAll(generations)) {
                return this;
            }
            WindowBatch kept = WindowBatch.of(results, writable::contains);
            return new Chunk(results, generations, kept, columns(kept.windows()));
        }

        Outcome write(JdbcClient jdbc) {
            if (batch.isEmpty()) {
                return new Outcome(0, 0, batch.skipped());
            }
            return jdbc.sql(WRITE)
                    .params(arrays)
                    .query((row, number) -> new Outcome(row.getInt(1), row.getInt(2), batch.skipped()))
                    .single();
        }
    }

    private static String selected(Field<WindowResult> field) {
        String column = "r." + field.column();
        return field.kind() == FlatFields.Kind.INSTANT
                ? "timestamptz 'epoch' + " + column + " * interval '1 millisecond' AS " + field.column()
                : column;
    }

    /** One array per field; a null stays null (an optional field), doubles travel bit for bit. */
    private static Map<String, Object> columns(List<WindowResult> rows) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Field<WindowResult> field : FIELDS) {
            Object[] values = rows.stream().map(field.value()).toArray();
            columns.put(field.name(), PgArrays.of(field.kind(), values));
        }
        return columns;
    }

    /**
     * What a batch changed.
     *
     * @param windowRows window rows inserted (0 for a redelivered batch)
     * @param scoreRows score rows inserted or moved to a newer window
     * @param skipped results of a stale generation, not written
     */
    record Outcome(int windowRows, int scoreRows, int skipped) {

        Outcome plus(Outcome more) {
            return new Outcome(windowRows + more.windowRows, scoreRows + more.scoreRows, skipped + more.skipped);
        }
    }
}
