package dev.ratings.contract;

import dev.ratings.contract.FlatFields.Field;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * Reads a row of {@code post_rating_windows} or {@code post_scores} (same columns, see the Flyway
 * migrations beside and {@link FlatFields#WINDOW_RESULT}) back into a {@link WindowResult}, so that
 * readers compute scores with the contract's code.
 */
public final class WindowResultRows {

    /**
     * The rows of the generation readers see: join a window table aliased {@code w} with this to
     * leave out generations still being built by a replay, or retired.
     */
    public static final String CURRENT_GENERATION =
            "JOIN score_generations g ON g.generation = w.generation AND g.state = 'current'";

    private WindowResultRows() {}

    /** True when the row has window columns (a left join may leave them all null). */
    public static boolean present(ResultSet rs) throws SQLException {
        return rs.getObject(FlatFields.GENERATION.column()) != null;
    }

    public static WindowResult map(ResultSet rs) throws SQLException {
        try {
            return FlatFields.windowResult(new FlatFields.Values() {
                @Override
                public boolean has(Field<?> field) {
                    return true;
                }

                @Override
                public Object get(Field<?> field) {
                    try {
                        return column(rs, field);
                    } catch (SQLException e) {
                        throw new ColumnUnreadable(e);
                    }
                }
            });
        } catch (ColumnUnreadable e) {
            throw e.getCause();
        }
    }

    private static Object column(ResultSet rs, Field<?> field) throws SQLException {
        return switch (field.kind()) {
            case INTEGER -> rs.getObject(field.column(), Long.class);
            case NUMBER -> rs.getObject(field.column(), Double.class);
            case TEXT -> rs.getString(field.column());
            case INSTANT -> {
                OffsetDateTime instant = rs.getObject(field.column(), OffsetDateTime.class);
                yield instant == null ? null : instant.toInstant().toEpochMilli();
            }
        };
    }

    /** Carries a checked exception through the value reader. */
    private static final class ColumnUnreadable extends RuntimeException {
        ColumnUnreadable(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
