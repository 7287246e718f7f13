package dev.ratings.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PromQL queries of a Grafana dashboard, and the metric names they read. */
final class DashboardQueries {

    static final Path PIPELINE_DASHBOARD = Path.of("..", "ops", "grafana", "dashboards", "ratings-pipeline.json");

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern SELECTOR = Pattern.compile(
            "([A-Za-z_:][A-Za-z0-9_:]*)\\{((?:\\s*\\w+\\s*(?:=~|!~|!=|=)\\s*\"(?:\\\\.|[^\"\\\\])*\"\\s*,?)*)\\s*}");
    private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)\\s*\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Set<String> KEYWORDS = Set.of(
            "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset");

    /** A series selector: the metric and the labels it must have with exactly these values. */
    record Selector(String metric, Map<String, String> equalTo) {}

    private DashboardQueries() {}

    /** Every {@code expr} of every panel, rows and nested panels included. */
    static List<String> expressions(Path dashboard) {
        try {
            List<String> expressions = new ArrayList<>();
            new JsonMapper()
                    .readTree(Files.readString(dashboard)).findValues("expr").stream()
                            .map(JsonNode::asString)
                            .forEach(expressions::add);
            return expressions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The metric names of all the dashboard's queries. */
    static Set<String> metricNames(Path dashboard) {
        Set<String> names = new TreeSet<>();
        expressions(dashboard).forEach(expr -> names.addAll(metricNames(expr)));
        return names;
    }

    /**
     * The metric names of one query: identifiers that are not functions (followed by a parenthesis),
     * keywords, label names or values (inside braces, or the list after {@code by}/{@code
     * without}/{@code on}/{@code ignoring}), ranges or Grafana variables.
     */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\$\\w+", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean isFunction = bare.substring(identifier.end()).stripLeading().startsWith("(");
            boolean isNumber = identifier.start() > 0 && Character.isDigit(bare.charAt(identifier.start() - 1));
            if (!isFunction && !isNumber && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The selectors with labels of all the dashboard's queries. */
    static List<Selector> selectors(Path dashboard) {
        List<Selector> selectors = new ArrayList<>();
        expressions(dashboard).forEach(expr -> selectors.addAll(selectors(expr)));
        return selectors;
    }

    /** The selectors of one query that name labels ({@code metric{label="value", ...}}). */
    static List<Selector> selectors(String expr) {
        List<Selector> selectors = new ArrayList<>();
        Matcher selector = SELECTOR.matcher(expr);
        while (selector.find()) {
            Map<String, String> equalTo = new LinkedHashMap<>();
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                if (matcher.group(2).equals("=")) {
                    equalTo.put(matcher.group(1), matcher.group(3));
                }
            }
            selectors.add(new Selector(selector.group(1), equalTo));
        }
        return selectors;
    }
}
