package dev.ratings.ingest.admission;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Admission} for slice tests: lets everything through unless told otherwise, and records
 * what it was asked and how each ticket ended.
 */
public final class ScriptedAdmission implements Admission {

    public record Call(String userId, Action action, Optional<IdempotentRequest> request) {}

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final List<StoredResponse> completed = new CopyOnWriteArrayList<>();
    public final AtomicInteger released = new AtomicInteger();
    private volatile RuntimeException refusal;
    private volatile StoredResponse replay;

    /** The next requests are refused with this exception. */
    public void refuseWith(RuntimeException refusal) {
        this.refusal = refusal;
    }

    /** The next requests are answered with this stored response. */
    public void replay(StoredResponse response) {
        this.replay = response;
    }

    public void reset() {
        calls.clear();
        completed.clear();
        released.set(0);
        refusal = null;
        replay = null;
    }

    @Override
    public Admitted admit(String userId, Action action, Optional<IdempotentRequest> request) {
        calls.add(new Call(userId, action, request));
        if (refusal != null) {
            throw refusal;
        }
        if (replay != null) {
            return new Admitted.Replay(replay);
        }
        return new Admitted.Go(new Admitted.Ticket() {
            @Override
            public void complete(StoredResponse response) {
                completed.add(response);
            }

            @Override
            public void release() {
                released.incrementAndGet();
            }
        });
    }
}
