package dev.ratings.sink.postgres;

import dev.ratings.contract.FlatFields;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/**
 * PostgreSQL array parameters for {@code unnest(...)}: a whole column of a batch travels as one
 * parameter, so a batch is one statement and one round trip whatever its size.
 *
 * <p>pgjdbc's own {@link PGConnection#createArrayOf(String, Object)} takes primitive arrays and
 * sends them in binary, so doubles arrive bit for bit; a column with a null goes as boxed values,
 * which pgjdbc sends the same way with the nulls. Wrapping them in a {@link SqlTypeValue} also keeps
 * Spring's named parameters from expanding an array into an IN list.
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

    /**
     * A column of flat field values ({@link Long}, {@link Double}, {@link String} or null), instants as
     * epoch milliseconds.
     */
    public static SqlTypeValue of(FlatFields.Kind kind, Object[] values) {
        boolean hasNull = Arrays.stream(values).anyMatch(value -> value == null);
        return switch (kind) {
            case INTEGER, INSTANT ->
                hasNull
                        ? of("int8", Arrays.copyOf(values, values.length, Long[].class))
                        : bigints(Arrays.stream(values)
                                .mapToLong(value -> (Long) value)
                                .toArray());
            case NUMBER ->
                hasNull
                        ? of("float8", Arrays.copyOf(values, values.length, Double[].class))
                        : doubles(Arrays.stream(values)
                                .mapToDouble(value -> (Double) value)
                                .toArray());
            case TEXT -> texts(Arrays.copyOf(values, values.length, String[].class));
        };
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
