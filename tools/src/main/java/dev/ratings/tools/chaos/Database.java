package dev.ratings.tools.chaos;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sink's PostgreSQL database, as the run reads it: short timeouts, since it restarts under the run. */
public record Database(String url, String user, String password) {

    /** The current generation's window size and grace, from the event that started it. */
    public record Windowing(Duration window, Duration grace) {}

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(url, properties);
    }

    Windowing windowing() throws SQLException {
        try (Connection connection = connect();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("select started_by::text from score_generations where state = 'current'")) {
            if (!row.next() || row.getString(1) == null) {
                throw new SQLException("no current generation in score_generations: is the stream processor up?");
            }
            JsonNode started = JsonMapper.builder().build().readTree(row.getString(1));
            return new Windowing(
                    Duration.ofMillis(
                            started.path("parameters").path("windowSizeMs").asLong()),
                    Duration.ofMillis(started.path("graceMs").asLong()));
        }
    }

    long currentGeneration() throws SQLException {
        try (Connection connection = connect();
                ResultSet row = connection
                        .createStatement()
                        .executeQuery("select generation from score_generations where state = 'current'")) {
            return row.next() ? row.getLong(1) : -1;
        }
    }

    /** Per post, the sum of ratings_in_window over the current generation's windows. */
    Map<Long, Long> counted(Collection<Long> posts) throws SQLException {
        Map<Long, Long> counted = new HashMap<>();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "select post_id, sum(ratings_in_window) from post_rating_windows where generation ="
                                + " (select generation from score_generations where state = 'current')"
                                + " and post_id = any(?) group by post_id")) {
            query.setArray(1, posts(connection, posts));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counted.put(rows.getLong(1), rows.getLong(2));
                }
            }
        }
        return counted;
    }

    /** Rows of the current generation beyond one per (post, window start): the primary key should make it 0. */
    long duplicateRows(Collection<Long> posts) throws SQLException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) - count(distinct (post_id, window_start)) from post_rating_windows"
                                + " where generation = (select generation from score_generations where state ="
                                + " 'current') and post_id = any(?)")) {
            query.setArray(1, posts(connection, posts));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * A generation's window results of the posts. Read before that generation is retired: the sink
     * deletes a retired generation's rows.
     */
    Map<ReplayComparison.Window, ReplayComparison.Result> windowResults(long generation, Collection<Long> posts)
            throws SQLException {
        Map<ReplayComparison.Window, ReplayComparison.Result> results = new HashMap<>();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "select post_id, (extract(epoch from window_start) * 1000)::bigint, ratings_in_window,"
                                + " rating_count, score from post_rating_windows where generation = ?"
                                + " and post_id = any(?)")) {
            query.setLong(1, generation);
            query.setArray(2, posts(connection, posts));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    results.put(
                            new ReplayComparison.Window(rows.getLong(1), rows.getLong(2)),
                            new ReplayComparison.Result(rows.getLong(3), rows.getLong(4), rows.getDouble(5)));
                }
            }
        }
        return results;
    }

    private static Array posts(Connection connection, Collection<Long> posts) throws SQLException {
        return connection.createArrayOf("bigint", posts.toArray());
    }
}
