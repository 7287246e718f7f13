package dev.ratings.ingest.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one Redis connection of this instance, shared by every request (Lettuce connections are
 * thread-safe and pipeline commands in order).
 *
 * <p>Redis is a cache here, so its absence must never hold up a request: commands time out after
 * {@code ratings.redis.command-timeout}, are rejected at once while the connection is down, and
 * when Redis is unreachable at startup the service starts anyway and keeps trying in the background
 * (once connected, Lettuce reconnects by itself).
 *
 * <p>It also names what went wrong with a command, as the {@code reason} tag of the metrics that
 * count work skipped or refused because of Redis: {@value #UNAVAILABLE} (not connected, or the
 * connection failed), {@value #TIMEOUT} (no answer within {@code ratings.redis.command-timeout}),
 * {@value #FULL} (Redis refused a write: {@code maxmemory} reached under {@code noeviction}) or
 * {@value #ERROR}. A full Redis is logged once per episode: when the first write is refused, and
 * when a write succeeds again.
 */
@Component
public class SharedRedisConnection implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SharedRedisConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    public static final String UNAVAILABLE = "unavailable";
    public static final String TIMEOUT = "timeout";
    public static final String FULL = "full";
    public static final String ERROR = "error";

    private final RedisClient client;
    private final RedisURI uri;
    private final long reconnectIntervalMillis;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> attempt =
            new AtomicReference<>();
    private volatile boolean closed;
    private volatile boolean loggedUnreachable;
    private final AtomicBoolean full = new AtomicBoolean();

    public SharedRedisConnection(RedisSettings settings) {
        this.uri = RedisURI.create(settings.url());
        // the URI timeout also bounds the connection handshake, which takes far longer than a
        // command on a cold JVM; commands get the short timeout from the timeout options below
        this.uri.setTimeout(CONNECT_TIMEOUT);
        this.reconnectIntervalMillis = settings.reconnectInterval().toMillis();
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .build());
        connect();
    }

    /** The connection if there is one; empty while Redis has not been reached yet. */
    public Optional<StatefulRedisConnection<String, String>> connection() {
        CompletableFuture<StatefulRedisConnection<String, String>> connection = attempt.get();
        if (connection.isDone() && !connection.isCompletedExceptionally()) {
            return Optional.of(connection.join());
        }
        return Optional.empty();
    }

    /** Where Redis is, without credentials, for health details and logs. */
    public String address() {
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Why a command failed, as a metric tag (see the class comment); the first refusal of a full
     * Redis is logged, the ones after it are only counted until {@link #wrote()} ends the episode.
     */
    public String failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RedisCommandTimeoutException) {
            return TIMEOUT;
        }
        if (cause instanceof RedisConnectionException
                || (cause.getMessage() != null && cause.getMessage().contains("not connected"))) {
            return UNAVAILABLE;
        }
        if (cause.getMessage() != null && cause.getMessage().startsWith("OOM ")) {
            if (full.compareAndSet(false, true)) {
                log.warn(
                        "Redis at {} is full (maxmemory): cache writes are skipped and ratings with an"
                                + " Idempotency-Key are refused with 503 until it has room again; limits still"
                                + " hold: {}",
                        address(),
                        cause.getMessage());
            }
            return FULL;
        }
        // an error Redis answered is the command's; any other client error is the connection's
        return cause instanceof RedisCommandExecutionException ? ERROR : UNAVAILABLE;
    }

    /** A write that a full Redis would have refused went through: the episode, if any, is over. */
    public void wrote() {
        if (full.get() && full.compareAndSet(true, false)) {
            log.info("Redis at {} accepts writes again", address());
        }
    }

    /** Connects in the background, trying again every reconnect interval until it succeeds. */
    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> connection =
                client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        attempt.set(connection);
        connection.whenComplete((connected, error) -> {
            if (error == null) {
                log.info("Connected to Redis at {}", address());
                return;
            }
            if (!loggedUnreachable) {
                loggedUnreachable = true;
                log.warn(
                        "Redis at {} is unreachable, running without the rating cache until it is: {}",
                        address(),
                        error.toString());
            }
            CompletableFuture.delayedExecutor(reconnectIntervalMillis, TimeUnit.MILLISECONDS)
                    .execute(this::connect);
        });
    }

    @Override
    public void destroy() {
        closed = true;
        connection().ifPresent(StatefulRedisConnection::close);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
