package dev.ratings.ingest.it;

import dev.ratings.testsupport.TemporaryDatabase;
import dev.ratings.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a random port against a fresh PostgreSQL database and, under a key prefix of its
 * own, the shared Redis; subclasses add their broker and settings with {@code @TestPropertySource}.
 * Test classes run one after another, so the static database and prefix are the running class's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
abstract class RunningService {

    private static TemporaryDatabase database;
    static String redisPrefix;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    /** A client of the service, new for every test. */
    Api api;

    /** A client of its management port (actuator), new for every test. */
    Api management;

    @DynamicPropertySource
    static void isolate(DynamicPropertyRegistry registry) {
        database().addDataSourceProperties(registry::add);
        TestTokens.addSecretProperty(registry::add);
        String prefix = RedisKeys.uniquePrefix();
        redisPrefix = prefix;
        registry.add("ratings.redis.key-prefix", () -> prefix);
    }

    /** The running class's database, created on first use: by a subclass's property source, or by this one. */
    static TemporaryDatabase database() {
        if (database == null) {
            database = TemporaryDatabase.create();
        }
        return database;
    }

    @AfterAll
    static void cleanUp() {
        RedisKeys.deleteAll(redisPrefix);
        database.close();
        database = null;
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
        management = new Api(managementPort);
    }

    /** A loopback port nothing listens on: where a test puts a server that is down. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
