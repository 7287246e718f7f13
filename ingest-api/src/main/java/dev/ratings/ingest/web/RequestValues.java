package dev.ratings.ingest.web;

/** Path and query values, parsed by hand so that a bad one gets a message naming it. */
public final class RequestValues {

    private static final int MAX_SHOWN = 40;

    private RequestValues() {}

    /** A post id: a positive 64-bit integer in plain decimal digits. */
    public static long postId(String raw) {
        if (raw != null && !raw.isEmpty() && raw.length() <= 19 && raw.chars().allMatch(RequestValues::isDigit)) {
            try {
                long id = Long.parseLong(raw);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException tooLarge) {
                // 19 digits can exceed Long.MAX_VALUE: refused below like any other bad id
            }
        }
        throw new InvalidRequestException("postId", "must be a positive 64-bit integer, got " + show(raw));
    }

    /** An optional integer query parameter within [min, max]. */
    public static int intParam(String name, String raw, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        if (!raw.isEmpty()
                && raw.length() <= 10
                && raw.chars().allMatch(RequestValues::isDigit)
                && Long.parseLong(raw) >= min
                && Long.parseLong(raw) <= max) {
            return Integer.parseInt(raw);
        }
        String range = max == Integer.MAX_VALUE ? "of at least " + min : "from " + min + " to " + max;
        throw new InvalidRequestException(name, "must be an integer " + range + ", got " + show(raw));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static String show(String raw) {
        if (raw == null) {
            return "nothing";
        }
        String shown = raw.length() <= MAX_SHOWN ? raw : raw.substring(0, MAX_SHOWN) + "…";
        return "'" + shown + "'";
    }
}
