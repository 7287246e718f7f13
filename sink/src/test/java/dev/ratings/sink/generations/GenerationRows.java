package dev.ratings.sink.generations;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code score_generations} as the generation tests set it up and read it back. */
final class GenerationRows {

    private GenerationRows() {}

    /** What an earlier Kafka left behind: generations 1 and 2 retired, 3 current. */
    static void leftByAnEarlierKafka(JdbcClient jdbc) {
        jdbc.sql("""
                        INSERT INTO score_generations (generation, state, activated_at, changed_at) VALUES
                            (1, 'retired', now() - interval '2 hours', now() - interval '2 hours'),
                            (2, 'retired', now() - interval '1 hour', now() - interval '1 hour'),
                            (3, 'current', now() - interval '1 hour', now() - interval '1 hour')
                        """).update();
    }

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
