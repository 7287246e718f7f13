package dev.ratings.tools.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The run's table in markdown: one row per phase, the columns RELIABILITY.md explains. */
public final class ChaosTable {

    static final String HEADER = """
            | fault | requests failed during it (by status) | answers other than 202, retries included | windows fresh again after | slowest window, end → PostgreSQL | ratings accepted / counted |
            |---|---|---|---|---|---|
            """;

    private ChaosTable() {}

    public static String render(List<Verdict.Row> rows) {
        StringBuilder table = new StringBuilder(HEADER);
        for (Verdict.Row row : rows) {
            table.append("| ")
                    .append(row.fault())
                    .append(" | ")
                    .append(failed(row.sent(), row.failed()))
                    .append(" | ")
                    .append(answers(row.answeredOtherThan202()))
                    .append(" | ")
                    .append(Verdict.seconds(row.freshness().freshAfterMs()))
                    .append(" | ")
                    .append(Verdict.seconds(row.freshness().slowestMs()))
                    .append(" | ")
                    .append(number(row.accepted()))
                    .append(" / ")
                    .append(number(row.counted()))
                    .append(row.acceptedButMissing() > 0 ? " (" + number(row.acceptedButMissing()) + " lost)" : "")
                    .append(" |\n");
        }
        return table.toString();
    }

    /** "0 of 7,500" or "5,300 of 12,000: refused 5,200, 503 100", largest first. */
    static String failed(long sent, Map<String, Long> failed) {
        long total = failed.values().stream().mapToLong(Long::longValue).sum();
        String text = number(total) + " of " + number(sent);
        return total == 0 ? text : text + ": " + byStatus(failed);
    }

    /** "none" or "503 64, 409 8", largest first. */
    static String answers(Map<String, Long> answers) {
        return answers.isEmpty() ? "none" : byStatus(answers);
    }

    private static String byStatus(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(entry -> entry.getKey() + " " + number(entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
