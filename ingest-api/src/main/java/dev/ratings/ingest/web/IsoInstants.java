package dev.ratings.ingest.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants in HTTP JSON: ISO-8601 UTC, always with milliseconds, e.g. 2026-01-01T00:05:00.000Z. */
public final class IsoInstants {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private IsoInstants() {}

    public static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String format(Instant instant) {
        return format(instant.toEpochMilli());
    }
}
