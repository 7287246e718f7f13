package dev.ratings.tools.chaos;

import dev.ratings.tools.chaos.RatingSchedule.Pair;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Steady ratings at a fixed rate, as a careful client sends them: every rating with its own
 * {@code Idempotency-Key}, retried with the same key after a 503, 409, 429, a refused connection or
 * a timeout (at most {@value #MAX_ATTEMPTS} attempts, honouring Retry-After up to 2 s). Each rating
 * is counted in the phase it was started in. At most {@value #IN_FLIGHT} ratings are in flight: when
 * the API stalls, the rate falls rather than the client's memory growing.
 */
public final class ChaosLoad implements AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    static final int IN_FLIGHT = 64;
    private static final Set<String> RETRIED = Set.of("503", "409", "429", "refused", "timeout", "io");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long TICK_MS = 20;

    private record Current(String phase, RatingSchedule schedule, AtomicLong next) {}

    private final URI api;
    private final Map<String, String> tokens;
    private final Tally tally;
    private final int perSecond;
    private final HttpClient client;
    private final ExecutorService senders;
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicReference<Current> current = new AtomicReference<>();
    private final Thread ticker;
    private volatile boolean running = true;

    /** @param tokens a bearer token per user id */
    public ChaosLoad(URI api, Map<String, String> tokens, Tally tally, int perSecond) {
        this.api = api;
        this.tokens = Map.copyOf(tokens);
        this.tally = tally;
        this.perSecond = perSecond;
        this.senders = Executors.newFixedThreadPool(IN_FLIGHT, runnable -> {
            Thread thread = new Thread(runnable, "chaos-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.ticker = new Thread(this::tick, "chaos-ticker");
        ticker.setDaemon(true);
    }

    /** From now on, new ratings belong to this phase and go to its posts. */
    public void phase(String name, List<String> users, List<Long> posts) {
        current.set(new Current(name, new RatingSchedule(users, posts), new AtomicLong()));
        if (!ticker.isAlive()) {
            ticker.start();
        }
    }

    private void tick() {
        long started = System.nanoTime();
        long sent = 0;
        while (running) {
            long due = (System.nanoTime() - started) / 1_000_000 * perSecond / 1000;
            try {
                for (; sent < due && running; sent++) {
                    inFlight.acquire();
                    Current phase = current.get();
                    long i = phase.next().getAndIncrement();
                    if (i >= phase.schedule().capacity()) {
                        inFlight.release();
                        continue;
                    }
                    senders.execute(() -> {
                        try {
                            rate(phase.phase(), phase.schedule().at(i));
                        } finally {
                            inFlight.release();
                        }
                    });
                }
                Thread.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void rate(String phase, Pair pair) {
        String key = UUID.randomUUID().toString();
        String body = "{\"rating\":" + ThreadLocalRandom.current().nextInt(6) + "}";
        String status = "";
        try {
            for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
                Answer answer = send(pair, key, body);
                status = answer.status();
                tally.attempt(phase, status);
                if (!RETRIED.contains(status) || attempt == MAX_ATTEMPTS) {
                    break;
                }
                Thread.sleep(answer.retryAfter().orElse(Duration.ofMillis(500)).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tally.finish(phase, pair, status.isEmpty() ? "io" : status);
    }

    private record Answer(String status, Optional<Duration> retryAfter) {}

    private Answer send(Pair pair, String key, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("api/posts/" + pair.post() + "/rate"))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + tokens.get(pair.user()))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            return new Answer(
                    Integer.toString(response.statusCode()),
                    response.headers().firstValue("Retry-After").map(ChaosLoad::retryAfter));
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Answer("refused", Optional.empty());
        } catch (HttpTimeoutException e) {
            return new Answer("timeout", Optional.empty());
        } catch (IOException e) {
            return new Answer(e.getCause() instanceof ConnectException ? "refused" : "io", Optional.empty());
        }
    }

    /** Retry-After in seconds, at most 2 s: the run keeps its rate, a real client might wait longer. */
    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.min(2, Math.max(0, Long.parseLong(header.trim()))));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(500);
        }
    }

    /** Stops starting ratings and waits for those in flight to get their final answer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        ticker.interrupt();
        ticker.join(5000);
        inFlight.tryAcquire(IN_FLIGHT, 2 * MAX_ATTEMPTS * TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        senders.shutdownNow();
    }
}
