package dev.ratings.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A fresh PostgreSQL database for one test class, dropped on close, so integration tests never see
 * each other's rows and can run in any order.
 *
 * <p>The server is the one on {@code 127.0.0.1:5432} unless {@code RATINGS_TEST_PG_HOST} or {@code
 * RATINGS_TEST_PG_PORT} say otherwise. The tests connect, in this order of preference, as {@code
 * RATINGS_TEST_PG_USER} with {@code RATINGS_TEST_PG_PASSWORD}; as the test role that {@code ./ratings
 * deps} creates ({@value #TEST_ROLE}, LOGIN CREATEDB, its password in {@value #PASSWORD_FILE} of the
 * checkout the tests run in); or as {@code postgres} without a password, which only a server that
 * trusts local connections accepts.
 */
public final class TemporaryDatabase implements AutoCloseable {

    static final String TEST_ROLE = "ratings_test";
    static final String PASSWORD_FILE = ".ratings/secrets/pg-test-password";

    private final String name;
    private final String serverUrl;
    private final Credentials credentials;

    private TemporaryDatabase(String name, String serverUrl, Credentials credentials) {
        this.name = name;
        this.serverUrl = serverUrl;
        this.credentials = credentials;
    }

    public static TemporaryDatabase create() {
        String host = env("RATINGS_TEST_PG_HOST").orElse("127.0.0.1");
        String port = env("RATINGS_TEST_PG_PORT").orElse("5432");
        String serverUrl = "jdbc:postgresql://" + host + ":" + port + "/";
        String name =
                "ratings_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        TemporaryDatabase database = new TemporaryDatabase(name, serverUrl, Credentials.find(Path.of("")));
        database.execute("CREATE DATABASE " + name);
        return database;
    }

    public String jdbcUrl() {
        return serverUrl + name;
    }

    public String user() {
        return credentials.user();
    }

    public String password() {
        return credentials.password();
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
        properties.accept("spring.datasource.password", this::password);
    }

    /** Drops the database under whatever uses it, as if it were lost. */
    public void drop() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Creates it again, empty (after {@link #drop()}), as an operator restoring nothing would. */
    public void createEmpty() {
        execute("CREATE DATABASE " + name);
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(
                        serverUrl + "postgres", credentials.user(), credentials.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + serverUrl + " refused " + sql + " as " + credentials.user() + " ("
                            + credentials.source() + "); ./ratings deps creates the test role, or set"
                            + " RATINGS_TEST_PG_USER and RATINGS_TEST_PG_PASSWORD",
                    e);
        }
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

    /** @param source where they come from, for error messages */
    record Credentials(String user, String password, String source) {

        static Credentials find(Path workingDirectory) {
            Optional<String> user = env("RATINGS_TEST_PG_USER");
            if (user.isPresent()) {
                return new Credentials(
                        user.get(), env("RATINGS_TEST_PG_PASSWORD").orElse(""), "RATINGS_TEST_PG_USER");
            }
            return passwordFile(workingDirectory)
                    .map(file -> new Credentials(TEST_ROLE, read(file), "password from " + file))
                    .orElseGet(() -> new Credentials("postgres", "", "no password"));
        }

        /** The checkout's password file: Maven runs each module's tests in the module's directory. */
        static Optional<Path> passwordFile(Path workingDirectory) {
            for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path file = dir.resolve(PASSWORD_FILE);
                if (Files.isReadable(file)) {
                    return Optional.of(file);
                }
            }
            return Optional.empty();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=(hidden), source=" + source + "]";
        }
    }
}
