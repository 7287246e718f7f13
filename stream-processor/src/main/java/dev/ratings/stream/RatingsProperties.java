package dev.ratings.stream;

import dev.ratings.contract.ScoreAlgorithm;
import dev.ratings.contract.ScoreParameters;
import dev.ratings.contract.TrustParameters;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The stream processor's {@code ratings.*} settings; every one can also be set as an environment
 * variable ({@code RATINGS_WINDOW_SIZE=PT10S}, {@code RATINGS_DECAY_FACTOR=0.3}, ...).
 *
 * @param algorithm the score: {@code decay-v1}, or {@code decay-v2} with rater trust
 */
@ConfigurationProperties("ratings")
public record RatingsProperties(
        @DefaultValue("decay-v1") String algorithm,
        @DefaultValue Window window,
        @DefaultValue Decay decay,
        @DefaultValue Prior prior,
        @DefaultValue Burst burst,
        @DefaultValue Baseline baseline,
        @DefaultValue Trust trust,
        @DefaultValue Probation probation,
        @DefaultValue Heartbeat heartbeat,
        @DefaultValue Streams streams,
        @DefaultValue Kafka kafka,
        @DefaultValue Replay replay) {

    /**
     * The score parameters; invalid values stop the service at startup (and a replay asking for them)
     * with the rule they break. The trust settings are checked whatever the algorithm, so that
     * switching to decay-v2 later cannot fail on a value set long before; they belong to the
     * parameters only under decay-v2.
     */
    public ScoreParameters scoreParameters() {
        ScoreAlgorithm chosen = ScoreAlgorithm.of(algorithm);
        TrustParameters trustParameters = new TrustParameters(
                trust.floor(), trust.ageWindows(), trust.posts(), probation.share(), probation.floor());
        return new ScoreParameters(
                chosen,
                window.size().toMillis(),
                decay.factor(),
                prior.mean(),
                prior.weight(),
                burst.factor(),
                burst.floor(),
                baseline.smoothing(),
                chosen == ScoreAlgorithm.DECAY_V2 ? trustParameters : null);
    }

    /**
     * The tumbling windows ratings are scored in.
     *
     * @param size W, the length of a window {@code [k·W, (k+1)·W)} in event time
     * @param grace how long a window accepts ratings after its end
     */
    public record Window(
            @DefaultValue("PT5M") Duration size,
            @DefaultValue("PT10S") Duration grace) {}

    /** @param factor δ in [0, 1): the share of the previous score kept per window */
    public record Decay(@DefaultValue("0.5") double factor) {}

    /**
     * The Bayesian prior.
     *
     * @param mean m, the score of an unrated post
     * @param weight k, how many ratings' worth of weight the prior carries
     */
    public record Prior(
            @DefaultValue("2.5") double mean,
            @DefaultValue("0") double weight) {}

    /**
     * How much one window may count compared with the post's usual volume.
     *
     * @param factor β: a window counts at most β × the usual volume
     * @param floor f: the usual volume assumed for a quiet post
     */
    public record Burst(
            @DefaultValue("3") double factor,
            @DefaultValue("10") double floor) {}

    /** @param smoothing λ: how fast the usual volume follows the real one */
    public record Baseline(@DefaultValue("0.2") double smoothing) {}

    /**
     * decay-v2: when a rater's history makes their ratings trusted.
     *
     * @param floor τ₀, the trust of a rater without history
     * @param ageWindows A, windows since the first rating anywhere (2016 = 7 days of 5-minute windows)
     * @param posts D, distinct other posts rated before
     */
    public record Trust(
            @DefaultValue("0.05") double floor,
            @DefaultValue("2016") long ageWindows,
            @DefaultValue("5") long posts) {}

    /**
     * decay-v2: how much raters on probation may weigh together.
     *
     * @param share σ: at most σ × the trusted weight
     * @param floor f_E: the trusted weight assumed for that bound when there is less
     */
    public record Probation(
            @DefaultValue("0.1") double share,
            @DefaultValue("10") double floor) {}

    /** @param interval how often idle partitions are checked for windows that are due to close */
    public record Heartbeat(@DefaultValue("PT1S") Duration interval) {}

    /**
     * Kafka Streams settings.
     *
     * @param applicationIdPrefix the application id is this plus {@code -g<generation>}
     * @param stateDir where the RocksDB state lives, one directory per application id; relative to
     *     the working directory unless absolute ({@code ./ratings} puts it under {@code .ratings/})
     * @param threads stream threads per generation
     * @param commitInterval how often state and output are committed (exactly-once transactions):
     *     a commit stalls processing while the transaction ends, so 0.1 s cost a quarter of the
     *     throughput; 1 s delays a closed window's result by at most 1 s (freshness: grace + 15 s)
     * @param replayCommitInterval the same for a generation a replay starts: it reads the whole history
     *     at once, where fewer transactions (and the RocksDB flushes and changelog writes each one
     *     brings) save work; it keeps the interval once current (closing a live window commits at
     *     once, so freshness does not depend on it) until the service restarts
     * @param cacheMaxBytes record cache in front of the state stores
     * @param standbyReplicas warm copies of each task's state on other instances, so a task moves
     *     without rebuilding its state from the changelog: 1 when several instances run
     * @param rocksdb the memory all RocksDB stores of the process share
     * @param sessionTimeout how long an instance that stopped answering (killed, frozen) keeps its
     *     tasks before the others take them over; Kafka's default of 45 s would hold its windows
     *     back that long
     * @param lostInstanceCheck how often each instance looks for transactions left open by an
     *     instance its group has dropped (killed) and fences them: the broker would abort them only
     *     after the transaction timeout, holding the sink's read_committed reads back until then
     */
    public record Streams(
            @DefaultValue("ratings-scores") String applicationIdPrefix,
            @DefaultValue(".ratings/streams") String stateDir,
            @DefaultValue("1") int threads,
            @DefaultValue("PT1S") Duration commitInterval,
            @DefaultValue("PT1S") Duration replayCommitInterval,
            @DefaultValue("10485760") long cacheMaxBytes,
            @DefaultValue("0") int standbyReplicas,
            @DefaultValue RocksDb rocksdb,
            @DefaultValue("PT10S") Duration sessionTimeout,
            @DefaultValue("PT2S") Duration lostInstanceCheck) {

        public Streams {
            if (standbyReplicas < 0) {
                throw new IllegalArgumentException("ratings.streams.standby-replicas must not be negative");
            }
            if (lostInstanceCheck.isNegative() || lostInstanceCheck.isZero()) {
                throw new IllegalArgumentException("ratings.streams.lost-instance-check must be positive");
            }
        }
    }

    /**
     * One block cache for every store of every generation in the process, and a write buffer
     * manager per generation charged to it (see {@code BoundedRocksDbMemory}).
     *
     * @param memory off-heap bytes for all stores together: blocks read, index and filter blocks,
     *     and memtables, which are charged to the same cache
     * @param writeBufferRatio the share of {@code memory} each generation's memtables may take before
     *     being flushed
     */
    public record RocksDb(
            @DefaultValue("256MB") DataSize memory,
            @DefaultValue("0.25") double writeBufferRatio) {

        public RocksDb {
            if (memory.toBytes() < DataSize.ofMegabytes(8).toBytes()) {
                throw new IllegalArgumentException("ratings.streams.rocksdb.memory must be at least 8MB");
            }
            if (!(writeBufferRatio > 0 && writeBufferRatio < 1)) {
                throw new IllegalArgumentException("ratings.streams.rocksdb.write-buffer-ratio must be in (0, 1)");
            }
        }
    }

    /**
     * How replays are followed.
     *
     * @param cleanupRetry how often removing a retired generation's consumer group is tried again
     *     while another instance still runs it
     */
    public record Replay(@DefaultValue("PT2S") Duration cleanupRetry) {}

    /**
     * @param partitions partitions of the topics this service declares
     * @param replicationFactor replicas of each topic this service creates and of Kafka Streams'
     *     internal topics (repartition, changelogs); -1 takes the broker's default
     */
    public record Kafka(
            @DefaultValue("6") int partitions,
            @DefaultValue("-1") short replicationFactor) {}
}
