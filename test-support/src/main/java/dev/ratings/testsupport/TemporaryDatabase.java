package dev.ratings.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A fresh PostgreSQL database for one test class, dropped on close, so integration tests never see
 * each other's rows and can run in any order.
 *
 * <p>The server is the one on {@code 127.0.0.1:5432} unless {@code RATINGS_TEST_PG_HOST}, {@code
 * RATINGS_TEST_PG_PORT} or {@code RATINGS_TEST_PG_USER} say otherwise.
 */
public final class TemporaryDatabase implements AutoCloseable {

    private final String name;
    private final String serverUrl;
    private final String user;

    private TemporaryDatabase(String name, String serverUrl, String user) {
        this.name = name;
        this.serverUrl = serverUrl;
        this.user = user;
    }

    public static TemporaryDatabase create() {
        String host = env("RATINGS_TEST_PG_HOST", "127.0.0.1");
        String port = env("RATINGS_TEST_PG_PORT", "5432");
        String user = env("RATINGS_TEST_PG_USER", "postgres");
        String serverUrl = "jdbc:postgresql://" + host + ":" + port + "/";
        String name =
                "ratings_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TemporaryDatabase database = new TemporaryDatabase(name, serverUrl, user);
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    public String jdbcUrl() {
        return serverUrl + name;
    }

    public String user() {
        return user;
    }

    public String name() {
        return name;
    }

    /**
     * Points Spring's data source at this database: pass a {@code DynamicPropertyRegistry}'s {@code
     * add} (a plain function here, so that this module needs no Spring).
     */
    public void addDataSourceProperties(BiConsumer<String, Supplier<Object>> properties) {
        properties.accept("spring.datasource.url", this::jdbcUrl);
        properties.accept("spring.datasource.username", this::user);
        properties.accept("spring.datasource.password", () -> "");
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl + " refused: " + sql, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
