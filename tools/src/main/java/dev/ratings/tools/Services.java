package dev.ratings.tools;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Where the three services answer: {@code RATINGS_APP_HOST} (what {@code ./ratings} reaches them
 * on, 127.0.0.1 by default) and their fixed ports, as {@code ./ratings up} starts them.
 */
public record Services(String host) {

    public static final int INGEST_API_PORT = 8080;
    public static final int STREAM_PROCESSOR_PORT = 8081;
    public static final int SINK_PORT = 8082;

    public static Services from(Map<String, String> env) {
        String host = env.get("RATINGS_APP_HOST");
        return new Services(host == null || host.isBlank() ? "127.0.0.1" : host);
    }

    public URI ingestApi() {
        return uri(INGEST_API_PORT);
    }

    public URI streamProcessor() {
        return uri(STREAM_PROCESSOR_PORT);
    }

    public URI sink() {
        return uri(SINK_PORT);
    }

    /** True for 127.0.0.1, ::1 or localhost: traffic generators stay on this machine. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private URI uri(int port) {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/");
    }
}
