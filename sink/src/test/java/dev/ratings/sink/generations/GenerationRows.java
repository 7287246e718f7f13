package dev.ratings.sink.generations;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code score_generations} as the generation tests set it up and read it back. */
final class GenerationRows {

    private GenerationRows() {}

    /** Every generation's state, by generation. */
    static Map<Long, String> states(JdbcClient jdbc) {
        return new TreeMap<>(jdbc
                .sql("SELECT generation, state FROM score_generations")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
