package dev.ratings.tools.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /admin/replays}, {@code {"set":{"ratings.decay.factor":"0.3"}}}, from
 * {@code --set key=value} arguments. Checked here only for shape, so that a typo fails before a
 * token is minted; the stream processor checks names and values.
 */
record ReplayRequest(Map<String, String> set) {

    private static final Pattern KEY = Pattern.compile("ratings\\.[a-z.-]+");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9.+-]+");

    static ReplayRequest of(List<String> pairs) {
        Map<String, String> set = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("--set " + pair + ": expected ratings.<param>=<value>");
            }
            String key = pair.substring(0, equals);
            String value = pair.substring(equals + 1);
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("--set " + pair + ": not a ratings.<param> setting");
            }
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        "--set " + pair + ": the value may hold only letters, digits, '.', '+' and '-'");
            }
            set.put(key, value);
        }
        return new ReplayRequest(Map.copyOf(set));
    }

    /** {@code key=value, ...} as the user typed them, for the progress line. */
    String described() {
        return set.isEmpty()
                ? ""
                : " with "
                        + String.join(
                                " ",
                                set.entrySet().stream()
                                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                                        .sorted()
                                        .toList());
    }
}
