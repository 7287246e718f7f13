package dev.ratings.stream.streams;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which open transactions belong to instances that have left their generation's group. Kafka
 * Streams (exactly-once v2) names a stream thread's transactional id {@code <application
 * id>-<process id>-<thread>} and its main consumer's client id {@code <application id>-<process
 * id>-StreamThread-<n>-consumer}: a process id that no member of the group carries is an instance
 * the group has dropped. Pure: the broker's answers in, the ids to fence out.
 */
final class LostInstances {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Pattern TRANSACTIONAL_ID = Pattern.compile("(.+)-(" + UUID + ")-\\d+");
    private static final Pattern PROCESS_ID = Pattern.compile(UUID);

    private LostInstances() {}

    /** A Kafka Streams thread's transactional id, taken apart. */
    record ThreadTransaction(String transactionalId, String applicationId, String processId) {}

    static Optional<ThreadTransaction> parse(String transactionalId, Predicate<String> isApplicationId) {
        Matcher matcher = TRANSACTIONAL_ID.matcher(transactionalId);
        if (!matcher.matches() || !isApplicationId.test(matcher.group(1))) {
            return Optional.empty();
        }
        return Optional.of(new ThreadTransaction(transactionalId, matcher.group(1), matcher.group(2)));
    }

    /**
     * The transactions whose process no member of their group carries. A group with a member whose
     * client id names no process id (a {@code client.id} set by hand) is left alone: its members
     * cannot be told apart, and fencing a live instance would cost it a rebalance for nothing.
     *
     * @param memberClientIds per application id, the client ids of its group's members (none when the
     *     group is gone)
     */
    static List<String> orphans(Collection<ThreadTransaction> open, Map<String, List<String>> memberClientIds) {
        Map<String, Optional<Set<String>>> live = memberClientIds.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> processIds(entry.getValue())));
        return open.stream()
                .filter(transaction -> live.getOrDefault(transaction.applicationId(), Optional.empty())
                        .map(processes -> !processes.contains(transaction.processId()))
                        .orElse(false))
                .map(ThreadTransaction::transactionalId)
                .sorted()
                .toList();
    }

    private static Optional<Set<String>> processIds(List<String> clientIds) {
        Set<String> ids = new java.util.HashSet<>();
        for (String clientId : clientIds) {
            Matcher matcher = PROCESS_ID.matcher(clientId);
            if (!matcher.find()) {
                return Optional.empty();
            }
            ids.add(matcher.group());
        }
        return Optional.of(ids);
    }
}
