package dev.ratings.tools.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Polls PostgreSQL every second for new windows of the run's posts and remembers when each window
 * end was first seen there: that moment, not {@code written_at}, which a replay rewrites, is when
 * readers could see it. A failed poll (PostgreSQL restarting) is simply tried again.
 */
final class WindowWatch implements AutoCloseable {

    private static final long POLL_MS = 1000;
    /** written_at is the writing transaction's start: look back this far beyond the last poll. */
    private static final long LOOK_BACK_MS = 15_000;

    private final Database database;
    private final Long[] posts;
    private final Map<List<Long>, Long> firstSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    WindowWatch(Database database, Collection<Long> posts) {
        this.database = database;
        this.posts = posts.toArray(Long[]::new);
        this.thread = new Thread(this::poll, "chaos-window-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once a window of the run's posts ending after {@code endMs} has been seen. */
    boolean seenEndingAfter(long endMs) {
        return firstSeen.keySet().stream().anyMatch(key -> key.get(1) > endMs);
    }

    List<Freshness.SeenWindow> seen() {
        List<Freshness.SeenWindow> seen = new ArrayList<>();
        firstSeen.forEach((key, at) -> seen.add(new Freshness.SeenWindow(key.get(0), key.get(1), at)));
        return seen;
    }

    private void poll() {
        long since = System.currentTimeMillis() - LOOK_BACK_MS;
        Connection connection = null;
        while (running) {
            long started = System.currentTimeMillis();
            try {
                if (connection == null || connection.isClosed()) {
                    connection = database.connect();
                }
                readSince(connection, since);
                since = started - LOOK_BACK_MS;
            } catch (SQLException e) {
                close(connection);
                connection = null;
            }
            try {
                Thread.sleep(Math.max(0, POLL_MS - (System.currentTimeMillis() - started)));
            } catch (InterruptedException e) {
                break;
            }
        }
        close(connection);
    }

    private void readSince(Connection connection, long sinceMs) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select post_id, window_end from" + " post_rating_windows where post_id = any(?) and written_at > ?")) {
            query.setArray(1, connection.createArrayOf("bigint", posts));
            query.setTimestamp(2, new Timestamp(sinceMs));
            try (ResultSet rows = query.executeQuery()) {
                long now = System.currentTimeMillis();
                while (rows.next()) {
                    firstSeen.putIfAbsent(
                            List.of(rows.getLong(1), rows.getTimestamp(2).getTime()), now);
                }
            }
        }
    }

    private static void close(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // it was broken already
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
    }
}
