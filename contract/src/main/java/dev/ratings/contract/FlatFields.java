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
     * @param optional whether it belongs to a group of fields that is null as a whole where it does
     *     not apply (the trust fields under {@code decay-v1})
     * @param value the field of a value: a {@link Long} (for {@code INTEGER} and {@code INSTANT}), a
     *     {@link Double}, a {@link String}, or null for an optional field that does not apply
     */
    public record Field<T>(String name, String column, Kind kind, boolean optional, Function<T, Object> value) {

        /** The same field reached through a part of a larger value; null where the part is null. */
        <S> Field<S> of(Function<S, T> part) {
            return new Field<>(name, column, kind, optional, whole -> {
                T of = part.apply(whole);
                return of == null ? null : value.apply(of);
            });
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

    public static final Field<TrustParameters> TRUST_FLOOR =
            optional("trustFloor", Kind.NUMBER, TrustParameters::floor);
    public static final Field<TrustParameters> TRUST_AGE_WINDOWS =
            optional("trustAgeWindows", Kind.INTEGER, TrustParameters::ageWindows);
    public static final Field<TrustParameters> TRUST_POSTS =
            optional("trustPosts", Kind.INTEGER, TrustParameters::posts);
    public static final Field<TrustParameters> PROBATION_SHARE =
            optional("probationShare", Kind.NUMBER, TrustParameters::probationShare);
    public static final Field<TrustParameters> PROBATION_FLOOR =
            optional("probationFloor", Kind.NUMBER, TrustParameters::probationFloor);

    /** The flat fields of {@link TrustParameters}: null as a group under {@code decay-v1}. */
    public static final List<Field<TrustParameters>> TRUST =
            List.of(TRUST_FLOOR, TRUST_AGE_WINDOWS, TRUST_POSTS, PROBATION_SHARE, PROBATION_FLOOR);

    /** The flat fields of {@link ScoreParameters}, in order. */
    public static final List<Field<ScoreParameters>> PARAMETERS = parameterFields();

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

    public static final Field<WindowResult.Pools> TRUSTED_IN_WINDOW =
            optional("trustedInWindow", Kind.INTEGER, WindowResult.Pools::trustedInWindow);
    public static final Field<WindowResult.Pools> PROBATION_IN_WINDOW =
            optional("probationInWindow", Kind.INTEGER, WindowResult.Pools::probationInWindow);
    public static final Field<WindowResult.Pools> PROBATION_BURST_WEIGHT =
            optional("probationBurstWeight", Kind.NUMBER, WindowResult.Pools::probationBurstWeight);
    public static final Field<WindowResult.Pools> PROBATION_BASELINE =
            optional("probationBaseline", Kind.NUMBER, WindowResult.Pools::probationBaseline);
    public static final Field<WindowResult.Pools> TRUSTED_WEIGHT =
            optional("trustedWeight", Kind.NUMBER, WindowResult.Pools::trustedWeight);
    public static final Field<WindowResult.Pools> TRUSTED_WEIGHTED_SUM =
            optional("trustedWeightedSum", Kind.NUMBER, WindowResult.Pools::trustedWeightedSum);
    public static final Field<WindowResult.Pools> PROBATION_WEIGHT =
            optional("probationWeight", Kind.NUMBER, WindowResult.Pools::probationWeight);
    public static final Field<WindowResult.Pools> PROBATION_WEIGHTED_SUM =
            optional("probationWeightedSum", Kind.NUMBER, WindowResult.Pools::probationWeightedSum);
    public static final Field<WindowResult.Pools> PROBATION_SCALE =
            optional("probationScale", Kind.NUMBER, WindowResult.Pools::probationScale);

    /** The flat fields of {@link WindowResult.Pools}: null as a group under {@code decay-v1}. */
    public static final List<Field<WindowResult.Pools>> POOLS = List.of(
            TRUSTED_IN_WINDOW,
            PROBATION_IN_WINDOW,
            PROBATION_BURST_WEIGHT,
            PROBATION_BASELINE,
            TRUSTED_WEIGHT,
            TRUSTED_WEIGHTED_SUM,
            PROBATION_WEIGHT,
            PROBATION_WEIGHTED_SUM,
            PROBATION_SCALE);

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
        POOLS.forEach(field -> fields.add(field.of(WindowResult::pools)));
        PARAMETERS.forEach(field -> fields.add(field.of(WindowResult::parameters)));
        fields.add(GENERATION);
        return List.copyOf(fields);
    }

    private static List<Field<ScoreParameters>> parameterFields() {
        List<Field<ScoreParameters>> fields = new ArrayList<>(List.of(
                ALGORITHM,
                WINDOW_SIZE_MS,
                DECAY_FACTOR,
                PRIOR_MEAN,
                PRIOR_WEIGHT,
                BURST_FACTOR,
                BURST_FLOOR,
                BASELINE_SMOOTHING));
        TRUST.forEach(field -> fields.add(field.of(ScoreParameters::trust)));
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
                anyPresent(values, POOLS)
                        ? new WindowResult.Pools(
                                integer(values, TRUSTED_IN_WINDOW),
                                integer(values, PROBATION_IN_WINDOW),
                                number(values, PROBATION_BURST_WEIGHT),
                                number(values, PROBATION_BASELINE),
                                number(values, TRUSTED_WEIGHT),
                                number(values, TRUSTED_WEIGHTED_SUM),
                                number(values, PROBATION_WEIGHT),
                                number(values, PROBATION_WEIGHTED_SUM),
                                number(values, PROBATION_SCALE))
                        : null,
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
                number(values, BASELINE_SMOOTHING),
                anyPresent(values, TRUST)
                        ? new TrustParameters(
                                number(values, TRUST_FLOOR),
                                integer(values, TRUST_AGE_WINDOWS),
                                integer(values, TRUST_POSTS),
                                number(values, PROBATION_SHARE),
                                number(values, PROBATION_FLOOR))
                        : null);
    }

    /** An optional group is there when any of its fields is; then all of them must be. */
    private static boolean anyPresent(Values values, List<? extends Field<?>> group) {
        return group.stream().anyMatch(field -> values.get(field) != null);
    }

    private static <T> Field<T> field(String name, Kind kind, Function<T, Object> value) {
        return new Field<>(name, snakeCase(name), kind, false, value);
    }

    private static <T> Field<T> optional(String name, Kind kind, Function<T, Object> value) {
        return new Field<>(name, snakeCase(name), kind, true, value);
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
