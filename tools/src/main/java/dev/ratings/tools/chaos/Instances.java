package dev.ratings.tools.chaos;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which process of a kind to strike, from the names of {@code ./ratings}' pid files: {@code sink} when
 * one instance of each runs, {@code sink-1}, {@code sink-2} (and {@code kafka-1..3}) with
 * {@code up --brokers 3 --replicas 2}. The second instance when there are several, so the first keeps
 * serving; the only one otherwise.
 */
final class Instances {

    private Instances() {}

    static Optional<String> pick(String kind, Collection<String> names) {
        return pick(kind, names, Optional.empty());
    }

    /** As {@link #pick(String, Collection)}, but {@code preferred} when it runs (a broker: the controller). */
    static Optional<String> pick(String kind, Collection<String> names, Optional<String> preferred) {
        if (preferred.isPresent() && names.contains(preferred.get())) {
            return preferred;
        }
        for (String name : new String[] {kind + "-2", kind, kind + "-1"}) {
            if (names.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    static long count(String kind, Collection<String> names) {
        Pattern instance = Pattern.compile(Pattern.quote(kind) + "(-\\d+)?");
        return names.stream().filter(name -> instance.matcher(name).matches()).count();
    }
}
