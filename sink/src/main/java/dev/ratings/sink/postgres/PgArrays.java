package dev.ratings.sink.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * PostgreSQL array parameters for {@code unnest(...)}: a whole column of a batch travels as one
 * parameter, so a batch is one statement and one round trip whatever its size.
 *
 * <p>pgjdbc's own {@link PGConnection#createArrayOf(String, Object)} takes primitive arrays (no
 * boxing) and sends them in binary, so doubles arrive bit for bit. Wrapping them in a {@link
 * SqlTypeValue} also keeps Spring's named parameters from expanding an array into an IN list.
 */
public final class PgArrays {

    private PgArrays() {}

    public static SqlTypeValue bigints(long[] values) {
        return of("int8", values);
    }

    public static SqlTypeValue doubles(double[] values) {
        return of("float8", values);
    }

    public static SqlTypeValue texts(String[] values) {
        return of("text", values);
    }

    private static SqlTypeValue of(String elementType, Object values) {
        return new AbstractSqlTypeValue() {
            @Override
            protected Object createTypeValue(Connection connection, int sqlType, String typeName) throws SQLException {
                return connection.unwrap(PGConnection.class).createArrayOf(elementType, values);
            }
        };
    }
}
