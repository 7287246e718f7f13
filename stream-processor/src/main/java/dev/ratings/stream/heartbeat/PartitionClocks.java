package dev.ratings.stream.heartbeat;

import dev.ratings.stream.windows.StreamTimeObserver;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Where stream time stands on each partition this instance processes, and which partitions need a
 * heartbeat: a window there is due by the wall clock, stream time has not reached its close, and no
 * record has arrived for a while (a partition being caught up on is busy, not idle).
 */
public final class PartitionClocks {

    private record Clock(long streamTime, long nextCloseAt, long observedAt) {}

    private record Key(long generation, int partition) {}

    private final Map<Key, Clock> clocks = new ConcurrentHashMap<>();
    private final LongSupplier wallClock;

    public PartitionClocks(LongSupplier wallClock) {
        this.wallClock = wallClock;
    }

    /** The observer for one generation's topology. */
    public StreamTimeObserver observerFor(long generation) {
        return new StreamTimeObserver() {
            @Override
            public void advanced(int partition, long streamTime, long nextCloseAt) {
                clocks.put(new Key(generation, partition), new Clock(streamTime, nextCloseAt, wallClock.getAsLong()));
            }

            @Override
            public void released(int partition) {
                clocks.remove(new Key(generation, partition));
            }
        };
    }

    /** Forgets a generation that stopped. */
    public void forget(long generation) {
        clocks.keySet().removeIf(key -> key.generation() == generation);
    }

    /** Partitions that need a heartbeat now, given how long a partition must be quiet to be idle. */
    public Set<Integer> partitionsNeedingHeartbeat(long idleMs) {
        long now = wallClock.getAsLong();
        Set<Integer> due = new TreeSet<>();
        clocks.forEach((key, clock) -> {
            boolean windowDue = clock.nextCloseAt() <= now && clock.streamTime() < clock.nextCloseAt();
            boolean idle = now - clock.observedAt() >= idleMs;
            if (windowDue && idle) {
                due.add(key.partition());
            }
        });
        return due;
    }
}
