package dev.ratings.e2e;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition, as {@code /actuator/prometheus} answers it. */
record Exposition(String text) {

    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:\\\\.|[^\"\\\\])*)\"");

    /** One sample's series: its name and labels. */
    record Series(String name, Map<String, String> labels) {

        boolean has(Map<String, String> wanted) {
            return labels.entrySet().containsAll(wanted.entrySet());
        }
    }

    /** The sample lines (no comments). */
    List<String> samples() {
        return text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
    }

    /** The names of the series the samples belong to ({@code _bucket}, {@code _count}, ... included). */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        samples().forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }

    /** The series of every sample. */
    List<Series> series() {
        return samples().stream().map(Exposition::seriesOf).toList();
    }

    private static Series seriesOf(String sample) {
        int braces = sample.indexOf('{');
        int space = sample.indexOf(' ');
        if (braces < 0 || braces > space) {
            return new Series(sample.substring(0, space), Map.of());
        }
        Map<String, String> labels = new HashMap<>();
        Matcher label = LABEL.matcher(sample.substring(braces, sample.lastIndexOf('}')));
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return new Series(sample.substring(0, braces), labels);
    }
}
