package dev.ratings.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one description of the flat shape of a {@link WindowResult} (and of the {@link
 * ScoreParameters} inside it): each field's JSON name, SQL column and kind, in order, and how it is
 * taken from and put back into the nested Java value. The JSON serde, the sink's statements, the
 * readers of the tables and the HTTP view are all derived from it; a test holds the JSON Schema and
 * the Flyway migrations to it.
 */
public final class FlatFields {

    /** How a field is represented at the edges. */
    public enum Kind {
        /** A JSON integer, a {@code bigint} column. */
        INTEGER,
        /** A JSON number, a {@code double precision} column. */
        NUMBER,
        /** Epoch milliseconds as a JSON integer, a {@code timestamptz} column (ISO-8601 in HTTP). */
        INSTANT,
        /** A JSON string, a {@code text} column. */
        TEXT
    }

    /**
     * One flat field of a value of type {@code T}.
     *
     * @param name the JSON property
     * @param column the SQL column
     * @param value the field of a value: a {@link Long} (for {@code INTEGER} and {@code INSTANT}), a
     *     {@link Double} or a {@link String}
     */
    public record Field<T>(String name, String column, Kind kind, Function<T, Object> value) {

        /** The same field reached through a part of a larger value. */
        <S> Field<S> of(Function<S, T> part) {
            return new Field<>(name, column, kind, whole -> value.apply(part.apply(whole)));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A flat record being read: by JSON name or by column, whichever the edge has. */
    public interface Values {

        /** Whether the record has the field at all (a JSON property may be absent; a column never is). */
        boolean has(Field<?> field);

        /** The field's value ({@link Long}, {@link Double} or {@link String}), null when null or absent. */
        Object get(Field<?> field);
    }

    public static final Field<ScoreParameters> ALGORITHM =
            field("algorithm", Kind.TEXT, p -> p.algorithm().id());
    public static final Field<ScoreParameters> WINDOW_SIZE_MS =
            field("windowSizeMs", Kind.INTEGER, ScoreParameters::windowSizeMs);
    public static final Field<ScoreParameters> DECAY_FACTOR =
            field("decayFactor", Kind.NUMBER, ScoreParameters::decayFactor);
    public static final Field<ScoreParameters> PRIOR_MEAN = field("priorMean", Kind.NUMBER, ScoreParameters::priorMean);
    public static final Field<ScoreParameters> PRIOR_WEIGHT =
            field("priorWeight", Kind.NUMBER, ScoreParameters::priorWeight);
    public static final Field<ScoreParameters> BURST_FACTOR =
            field("burstFactor", Kind.NUMBER, ScoreParameters::burstFactor);
    public static final Field<ScoreParameters> BURST_FLOOR =
            field("burstFloor", Kind.NUMBER, ScoreParameters::burstFloor);
    public static final Field<ScoreParameters> BASELINE_SMOOTHING =
            field("baselineSmoothing", Kind.NUMBER, ScoreParameters::baselineSmoothing);

    /** The flat fields of {@link ScoreParameters}, in order. */
    public static final List<Field<ScoreParameters>> PARAMETERS = List.of(
            ALGORITHM,
            WINDOW_SIZE_MS,
            DECAY_FACTOR,
            PRIOR_MEAN,
            PRIOR_WEIGHT,
            BURST_FACTOR,
            BURST_FLOOR,
            BASELINE_SMOOTHING);

    public static final Field<WindowResult> POST_ID = field("postId", Kind.INTEGER, WindowResult::postId);
    public static final Field<WindowResult> WINDOW_START =
            field("windowStart", Kind.INSTANT, r -> r.window().start());
    public static final Field<WindowResult> WINDOW_END =
            field("windowEnd", Kind.INSTANT, r -> r.window().end());
    public static final Field<WindowResult> RATINGS_IN_WINDOW =
            field("ratingsInWindow", Kind.INTEGER, r -> r.counts().ratingsInWindow());
    public static final Field<WindowResult> NEW_RATERS =
            field("newRaters", Kind.INTEGER, r -> r.counts().newRaters());
    public static final Field<WindowResult> BURST_WEIGHT =
            field("burstWeight", Kind.NUMBER, r -> r.state().burstWeight());
    public static final Field<WindowResult> BASELINE =
            field("baseline", Kind.NUMBER, r -> r.state().baseline());
    public static final Field<WindowResult> RATING_COUNT =
            field("ratingCount", Kind.INTEGER, r -> r.counts().ratingCount());
    public static final Field<WindowResult> RATING_SUM =
            field("ratingSum", Kind.INTEGER, r -> r.counts().ratingSum());
    public static final Field<WindowResult> RAW_AVERAGE =
            field("rawAverage", Kind.NUMBER, r -> r.counts().rawAverage());
    public static final Field<WindowResult> WEIGHTED_COUNT =
            field("weightedCount", Kind.NUMBER, r -> r.state().weightedCount());
    public static final Field<WindowResult> WEIGHTED_SUM =
            field("weightedSum", Kind.NUMBER, r -> r.state().weightedSum());
    public static final Field<WindowResult> TARGET =
            field("target", Kind.NUMBER, r -> r.state().target());
    public static final Field<WindowResult> SCORE =
            field("score", Kind.NUMBER, r -> r.state().score());
    public static final Field<WindowResult> GENERATION = field("generation", Kind.INTEGER, WindowResult::generation);

    /** The flat fields of {@link WindowResult}, in order: the JSON properties and the table columns. */
    public static final List<Field<WindowResult>> WINDOW_RESULT = windowResultFields();

    private FlatFields() {}

    private static List<Field<WindowResult>> windowResultFields() {
        List<Field<WindowResult>> fields = new ArrayList<>(List.of(
                POST_ID,
                WINDOW_START,
                WINDOW_END,
                RATINGS_IN_WINDOW,
                NEW_RATERS,
                BURST_WEIGHT,
                BASELINE,
                RATING_COUNT,
                RATING_SUM,
                RAW_AVERAGE,
                WEIGHTED_COUNT,
                WEIGHTED_SUM,
                TARGET,
                SCORE));
        PARAMETERS.forEach(field -> fields.add(field.of(WindowResult::parameters)));
        fields.add(GENERATION);
        return List.copyOf(fields);
    }

    /** Puts a flat record back together; a missing or null field is an error naming it. */
    public static WindowResult windowResult(Values values) {
        return new WindowResult(
                integer(values, POST_ID),
                new WindowResult.Window(integer(values, WINDOW_START), integer(values, WINDOW_END)),
                new WindowResult.Counts(
                        integer(values, RATINGS_IN_WINDOW),
                        integer(values, NEW_RATERS),
                        integer(values, RATING_COUNT),
                        integer(values, RATING_SUM),
                        number(values, RAW_AVERAGE)),
                new WindowResult.State(
                        number(values, BURST_WEIGHT),
                        number(values, BASELINE),
                        number(values, WEIGHTED_COUNT),
                        number(values, WEIGHTED_SUM),
                        number(values, TARGET),
                        number(values, SCORE)),
                parameters(values, true),
                integer(values, GENERATION));
    }

    /**
     * Puts flat parameters back together.
     *
     * @param algorithmRequired false where parameters were written before there was a choice of
     *     algorithm (generation events): an absent algorithm is then {@code decay-v1}
     */
    public static ScoreParameters parameters(Values values, boolean algorithmRequired) {
        ScoreAlgorithm algorithm = !algorithmRequired && !values.has(ALGORITHM)
                ? ScoreAlgorithm.DECAY_V1
                : ScoreAlgorithm.of(text(values, ALGORITHM));
        return new ScoreParameters(
                algorithm,
                integer(values, WINDOW_SIZE_MS),
                number(values, DECAY_FACTOR),
                number(values, PRIOR_MEAN),
                number(values, PRIOR_WEIGHT),
                number(values, BURST_FACTOR),
                number(values, BURST_FLOOR),
                number(values, BASELINE_SMOOTHING));
    }

    private static <T> Field<T> field(String name, Kind kind, Function<T, Object> value) {
        return new Field<>(name, snakeCase(name), kind, value);
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static long integer(Values values, Field<?> field) {
        return ((Number) required(values, field)).longValue();
    }

    private static double number(Values values, Field<?> field) {
        return ((Number) required(values, field)).doubleValue();
    }

    private static String text(Values values, Field<?> field) {
        return (String) required(values, field);
    }

    private static Object required(Values values, Field<?> field) {
        Object value = values.get(field);
        if (value == null) {
            throw new IllegalArgumentException(field.name() + " is " + (values.has(field) ? "null" : "missing"));
        }
        return value;
    }
}
