package dev.ratings.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bench run's figures, {@code results.txt}: one {@code key=value} line each, appended as they are
 * measured, the last value of a key winning. The script and every bench tool share this one file;
 * a figure not measured (a phase skipped) reads as empty, and the table shows the gap.
 */
final class Results {

    private final Path file;
    private final Map<String, String> values = new LinkedHashMap<>();

    private Results(Path file) {
        this.file = file;
    }

    static Results in(Path file) {
        Results results = new Results(file);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int equals = line.indexOf('=');
                    if (equals > 0) {
                        results.values.put(line.substring(0, equals), line.substring(equals + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return results;
    }

    /** The value, or "" when it was not measured. */
    String get(String key) {
        return values.getOrDefault(key, "");
    }

    String getOr(String key, String fallback) {
        String value = get(key);
        return value.isEmpty() ? fallback : value;
    }

    double number(String key) {
        String value = get(key);
        try {
            return value.isEmpty() ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    String put(String key, String value) {
        values.put(key, value);
        if (file != null) {
            try {
                Files.writeString(
                        file,
                        key + "=" + value + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value;
    }

    /** Figures held in memory only: for tests. */
    static Results of(Map<String, String> values) {
        Results results = new Results(null);
        results.values.putAll(values);
        return results;
    }
}
