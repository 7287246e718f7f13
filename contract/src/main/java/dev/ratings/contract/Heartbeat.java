package dev.ratings.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;

/**
 * A time marker on {@link Topics#RATINGS}: the stream processor writes one to every partition every
 * few seconds so that windows close when no rating arrives. It carries only a timestamp (the record
 * timestamp) and is recognised by its header; consumers of {@code ratings} skip it.
 *
 * <p>Because heartbeats are part of the log, a replay sees the same ones at the same places and
 * closes the same windows.
 */
public final class Heartbeat {

    public static final String HEADER = "ratings-heartbeat";

    private static final byte[] HEADER_VALUE = "1".getBytes(StandardCharsets.US_ASCII);

    private Heartbeat() {}

    public static boolean isHeartbeat(Headers headers) {
        return headers != null && headers.lastHeader(HEADER) != null;
    }

    public static void mark(Headers headers) {
        headers.add(HEADER, HEADER_VALUE);
    }
}
