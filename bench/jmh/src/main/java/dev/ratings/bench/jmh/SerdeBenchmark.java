package dev.ratings.bench.jmh;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.RatingEvent;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.WindowResult;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The contract's JSON serde on the hot paths: every rating event is read once by the stream
 * processor (per rating), every window result written once by it and read once by the sink (per
 * window).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    private final JsonSerde<RatingEvent> ratingSerde = JsonSerde.of(RatingEvent.class);
    private final JsonSerde<WindowResult> windowSerde = JsonSerde.of(WindowResult.class);
    private byte[] ratingJson;
    private WindowResult window;
    private byte[] windowJson;

    @Setup(Level.Trial)
    public void setUp() {
        ratingJson =
                ratingSerde.serialize(null, new RatingEvent(UUID.randomUUID(), 4711, "u012345", 4, 1_764_000_000_000L));
        window = WindowResult.of(
                4711,
                1_764_000_000_000L,
                new WindowResult.Counts(42, 17, 512, 1790, 3.49),
                new WindowResult.State(0.71, 23.5, 480.2, 1675.9, 3.49, 3.41),
                null,
                ScoreParameters.DEFAULTS,
                1);
        windowJson = windowSerde.serialize(null, window);
    }

    @Benchmark
    public RatingEvent perRatingReadEvent() {
        return ratingSerde.deserialize("ratings", ratingJson);
    }

    @Benchmark
    public byte[] perWindowWriteResult() {
        return windowSerde.serialize("post-rating-windows", window);
    }

    @Benchmark
    public WindowResult perWindowReadResult() {
        return windowSerde.deserialize("post-rating-windows", windowJson);
    }
}
