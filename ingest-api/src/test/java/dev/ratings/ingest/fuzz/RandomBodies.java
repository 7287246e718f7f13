package dev.ratings.ingest.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Request bodies for property tests: random bytes, and random JSON-like documents that are never a
 * valid rating ({@code {"rating": n}} with n an integer from 0 to 5, and nothing else). Validity is
 * decided from how a document was built, not by parsing it, so the server's parser is not its own
 * judge.
 */
public final class RandomBodies {

    private static final List<String> KEYS =
            List.of("rating", "rating", "rating", "Rating", "RATING", "ratings", "title", "body", "", "userId", "r");
    private static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "1",
            "4",
            "5",
            "6",
            "-1",
            "4.0",
            "4.5",
            "4e0",
            "1E1",
            "0.5",
            "-0.0",
            "1e400",
            "-1e-400",
            "99999999999999999999",
            "-9223372036854775809",
            "2147483648",
            "00",
            "05",
            "+1",
            ".5",
            "5.",
            "0x5",
            "NaN",
            "Infinity",
            "-Infinity",
            "1_0");
    private static final List<String> VALID_RATINGS = List.of("0", "1", "2", "3", "4", "5", "-0");
    private static final List<String> WHITESPACE = List.of("", "", "", " ", "  ", "\n", "\t", "\r\n");
    private static final List<String> GARBAGE =
            List.of("x", "}", "{}", ",", "// c", "/* c */", "\u0000", "]", "null", "\"", "'", "#", "{\"rating\": 4}");
    private static final String JSONISH = "{}[]\":,0123456789-+.eEtrufalsn \n\\/u";

    private RandomBodies() {}

    /** Any bytes, mostly short, sometimes over the 4 KiB limit; half of them from JSON's alphabet. */
    public static byte[] bytes(SplittableRandom random) {
        int size = switch (random.nextInt(10)) {
            case 0 -> random.nextInt(1025, 6000);
            case 1, 2 -> random.nextInt(65, 1025);
            default -> random.nextInt(0, 65);
        };
        byte[] bytes = new byte[size];
        boolean jsonish = random.nextBoolean();
        for (int i = 0; i < size; i++) {
            bytes[i] = jsonish ? (byte) JSONISH.charAt(random.nextInt(JSONISH.length())) : (byte) random.nextInt(256);
        }
        return bytes;
    }

    /** A JSON-like document, UTF-8, that is not a valid rating. */
    public static byte[] notARating(SplittableRandom random) {
        while (true) {
            Document document = document(random);
            if (!document.validRating()) {
                return document.text().getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** Smaller versions of a sample: halves, quarters, ... down to single bytes removed. */
    public static Stream<byte[]> smaller(byte[] sample) {
        return IntStream.iterate(Math.max(1, sample.length / 2), size -> size >= 1, size -> size / 2)
                .boxed()
                .flatMap(size -> IntStream.iterate(0, start -> start < sample.length, start -> start + size)
                        .mapToObj(start -> without(sample, start, Math.min(sample.length, start + size))));
    }

    /** A sample as a readable, bounded string: printable ASCII as is, everything else escaped. */
    public static String show(byte[] sample) {
        StringBuilder shown = new StringBuilder().append(sample.length).append(" bytes: ");
        for (int i = 0; i < Math.min(sample.length, 300); i++) {
            int b = sample[i] & 0xff;
            shown.append(b >= 0x20 && b < 0x7f && b != '\\' ? String.valueOf((char) b) : "\\x%02x".formatted(b));
        }
        return sample.length > 300 ? shown.append("…").toString() : shown.toString();
    }

    record Document(String text, boolean validRating) {}

    static Document document(SplittableRandom random) {
        Document document;
        if (random.nextInt(10) < 7) {
            document = object(random);
        } else {
            // anything but an object at the top, so never a rating (an object is made above)
            document = new Document(pad(random, random.nextBoolean() ? array(random, 0) : scalar(random)), false);
        }
        return random.nextInt(4) == 0 ? mutated(random, document) : document;
    }

    private static Document object(SplittableRandom random) {
        int members = random.nextInt(4);
        List<String> written = new ArrayList<>();
        boolean valid = members == 1;
        for (int i = 0; i < members; i++) {
            String key = random.nextInt(8) == 0 ? text(random) : KEYS.get(random.nextInt(KEYS.size()));
            String value;
            if (key.equals("rating") && random.nextInt(3) > 0) {
                value = random.nextBoolean()
                        ? VALID_RATINGS.get(random.nextInt(VALID_RATINGS.size()))
                        : NUMBERS.get(random.nextInt(NUMBERS.size()));
            } else {
                value = value(random, 1);
            }
            valid &= key.equals("rating") && VALID_RATINGS.contains(value);
            written.add(pad(random, string(random, key)) + ":" + pad(random, value));
        }
        return new Document(pad(random, "{" + String.join(",", written) + "}"), valid);
    }

    /** Changes that make any document invalid as a rating (a valid one included). */
    private static Document mutated(SplittableRandom random, Document document) {
        String text = document.text();
        int lastBrace = Math.max(0, text.lastIndexOf('}'));
        String changed = switch (random.nextInt(6)) {
            case 0 -> text + GARBAGE.get(random.nextInt(GARBAGE.size()));
            case 1 -> text.substring(0, random.nextInt(lastBrace + 1));
            case 2 -> GARBAGE.get(random.nextInt(GARBAGE.size() - 1)) + text;
            case 3 -> insert(random, text, "/*" + random.nextInt(10) + "*/");
            case 4 -> text.replaceFirst("\"", "'");
            default -> text.startsWith("{") && text.length() > 2 ? "{\"rating\": 4, " + text.substring(1) : text + "{";
        };
        return new Document(changed, false);
    }

    private static String value(SplittableRandom random, int depth) {
        return switch (depth > 6 ? 0 : random.nextInt(4)) {
            case 0 -> scalar(random);
            case 1 -> array(random, depth);
            case 2 -> object(random).text();
            default -> random.nextInt(4) == 0 ? deep(random) : array(random, depth);
        };
    }

    private static String scalar(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> List.of("null", "true", "false", "nul", "True").get(random.nextInt(5));
            case 1, 2 -> NUMBERS.get(random.nextInt(NUMBERS.size()));
            case 3 -> Integer.toString(random.nextInt());
            default -> string(random, text(random));
        };
    }

    private static String array(SplittableRandom random, int depth) {
        List<String> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            items.add(pad(random, value(random, depth + 1)));
        }
        return "[" + String.join(",", items) + "]";
    }

    /** Nesting around the parser's depth limit (16). */
    private static String deep(SplittableRandom random) {
        int levels = random.nextInt(10, 40);
        return "[".repeat(levels) + "4" + "]".repeat(levels);
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(
                    switch (random.nextInt(6)) {
                        case 0 -> random.nextInt(0x20);
                        case 1 -> random.nextInt(0x80, 0x800);
                        case 2 -> random.nextInt(0x1F600, 0x1F650);
                        case 3 -> random.nextInt(0xD800, 0xE000); // a lone surrogate
                        default -> random.nextInt(0x20, 0x7f);
                    });
        }
        return text.toString();
    }

    /** A JSON string literal of {@code text}, escaping at random (sometimes not where JSON must). */
    private static String string(SplittableRandom random, String text) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20 && random.nextInt(5) > 0) {
                literal.append("\\u%04x".formatted((int) c));
            } else if (random.nextInt(10) == 0) {
                literal.append("\\u%04X".formatted((int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    private static String pad(SplittableRandom random, String token) {
        return WHITESPACE.get(random.nextInt(WHITESPACE.size()))
                + token
                + WHITESPACE.get(random.nextInt(WHITESPACE.size()));
    }

    private static String insert(SplittableRandom random, String text, String inserted) {
        int at = random.nextInt(text.length() + 1);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private static byte[] without(byte[] sample, int from, int to) {
        byte[] shorter = new byte[sample.length - (to - from)];
        System.arraycopy(sample, 0, shorter, 0, from);
        System.arraycopy(sample, to, shorter, from, sample.length - to);
        return shorter;
    }
}
