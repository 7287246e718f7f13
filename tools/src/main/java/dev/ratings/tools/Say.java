package dev.ratings.tools;

import java.time.Duration;

/** Progress lines shaped like {@code ./ratings}' own ("==> ..."). */
public final class Say {

    private Say() {}

    public static void say(String line) {
        System.out.println("==> " + line);
    }

    /** Seconds since a {@link System#nanoTime()} reading, with one decimal. */
    public static String since(long startNanos) {
        long tenths = Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
