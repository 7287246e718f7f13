package dev.ratings.tools;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where the three services answer: {@code RATINGS_APP_HOST} (what {@code ./ratings} reaches them
 * on, 127.0.0.1 by default) and their ports, as {@code ./ratings up} starts them: 8080-8082, or
 * the ports {@code ./ratings} passes in {@code RATINGS_APP_PORT_INGEST_API}, {@code
 * RATINGS_APP_PORT_STREAM_PROCESSOR} and {@code RATINGS_APP_PORT_SINK} when it runs several
 * instances (the front door, and one live instance of each of the others).
 */
public record Services(String host, int ingestApiPort, int streamProcessorPort, int sinkPort) {

    public static final int INGEST_API_PORT = 8080;
    public static final int STREAM_PROCESSOR_PORT = 8081;
    public static final int SINK_PORT = 8082;

    public Services(String host) {
        this(host, INGEST_API_PORT, STREAM_PROCESSOR_PORT, SINK_PORT);
    }

    public static Services from(Map<String, String> env) {
        String host = env.get("RATINGS_APP_HOST");
        return new Services(
                host == null || host.isBlank() ? "127.0.0.1" : host,
                port(env, "RATINGS_APP_PORT_INGEST_API", INGEST_API_PORT),
                port(env, "RATINGS_APP_PORT_STREAM_PROCESSOR", STREAM_PROCESSOR_PORT),
                port(env, "RATINGS_APP_PORT_SINK", SINK_PORT));
    }

    public URI ingestApi() {
        return uri(ingestApiPort);
    }

    public URI streamProcessor() {
        return uri(streamProcessorPort);
    }

    public URI sink() {
        return uri(sinkPort);
    }

    /** True for 127.0.0.1, ::1 or localhost: traffic generators stay on this machine. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static int port(Map<String, String> env, String variable, int fallback) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + ": must be a port from 1 to 65535, got " + value);
    }

    private URI uri(int port) {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }
}
