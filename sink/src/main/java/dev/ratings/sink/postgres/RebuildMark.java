package dev.ratings.sink.postgres;

import dev.ratings.contract.DatabaseRebuild;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Sets and clears {@link DatabaseRebuild}'s mark. It is set by a Flyway callback before the first
 * migration, so that an empty database never shows its fresh tables unmarked to the ingest API.
 */
public final class RebuildMark implements Callback {

    private final JdbcClient jdbc;

    /** A data source, not the application's JdbcClient: that one waits for Flyway, which needs this. */
    public RebuildMark(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
    }

    public void clear() {
        jdbc.sql(DatabaseRebuild.CLEAR).update();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute(DatabaseRebuild.MARK);
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark the database as being rebuilt", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "ratings-rebuild-mark";
    }
}
