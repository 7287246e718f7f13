package dev.ratings.sink.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.contract.DatabaseRebuild;
import dev.ratings.testsupport.TemporaryDatabase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The mark is on before the first table of an empty database exists, and goes with clear(). */
class RebuildMarkIT {

    @Test
    void anEmptyDatabaseIsMarkedBeforeItsFirstMigrationAndUnmarkedByClear() {
        try (TemporaryDatabase database = TemporaryDatabase.create()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setURL(database.jdbcUrl());
            dataSource.setUser(database.user());
            dataSource.setPassword(database.password());
            JdbcClient jdbc = JdbcClient.create(dataSource);
            RebuildMark mark = new RebuildMark(dataSource);
            FirstMigrationWitness witness = new FirstMigrationWitness();

            Flyway.configure()
                    .dataSource(dataSource)
                    .callbacks(mark, witness)
                    .load()
                    .migrate();

            assertThat(witness.seen).isEqualTo("marked, no posts table");
            assertThat(inProgress(jdbc)).isTrue();
            mark.clear();
            assertThat(inProgress(jdbc)).isFalse();
            mark.clear(); // again is harmless: the rebuild check retries after a failure
            assertThat(jdbc.sql("SELECT count(*) FROM posts").query(Long.class).single())
                    .isZero();
        }
    }

    private static boolean inProgress(JdbcClient jdbc) {
        return jdbc.sql(DatabaseRebuild.IN_PROGRESS).query(Boolean.class).single();
    }

    /** What a reader would see just before the first migration runs. */
    private static final class FirstMigrationWitness implements Callback {

        private String seen;

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE && seen == null;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try (Statement statement = context.getConnection().createStatement();
                    ResultSet rs =
                            statement.executeQuery(DatabaseRebuild.IN_PROGRESS + ", to_regclass('posts') IS NULL")) {
                rs.next();
                seen = (rs.getBoolean(1) ? "marked" : "unmarked") + (rs.getBoolean(2) ? ", no posts table" : ", posts");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getCallbackName() {
            return "first-migration-witness";
        }
    }
}
