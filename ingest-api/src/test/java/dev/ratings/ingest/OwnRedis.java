package dev.ratings.ingest;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own on a free loopback port, with {@code noeviction} like the one
 * {@code ./ratings} starts, so that a test can make it full ({@link #fill}) without touching the
 * shared Redis. Stopped and its directory deleted on close.
 */
public final class OwnRedis implements AutoCloseable {

    private final Process process;
    private final Path directory;
    private final int port;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private OwnRedis(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.client = RedisClient.create(url());
        this.connection = client.connect();
    }

    /** Starts one; fails (never skips) when {@code redis-server} is not installed. */
    public static OwnRedis start() {
        try {
            Path directory = Files.createTempDirectory("own-redis");
            int port = freePort();
            Process process = new ProcessBuilder(List.of(
                            "redis-server",
                            "--port",
                            Integer.toString(port),
                            "--bind",
                            "127.0.0.1",
                            "--save",
                            "",
                            "--appendonly",
                            "no",
                            "--dir",
                            directory.toString(),
                            "--maxmemory-policy",
                            "noeviction"))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (true) {
                try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                    return new OwnRedis(process, directory, port);
                } catch (IOException notYet) {
                    if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                        process.destroyForcibly();
                        throw new IllegalStateException(
                                "redis-server did not start: " + Files.readString(directory.resolve("redis.log")));
                    }
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not start redis-server (is it installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** From now on every write that could grow memory is refused with an OOM error. */
    public void fill() {
        commands().configSet("maxmemory", "1");
    }

    /** Room again. */
    public void empty() {
        commands().configSet("maxmemory", "0");
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
