package dev.ratings.ingest.rating;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An admission for slice tests: lets everything through unless told otherwise, and records what it
 * was asked and how each ticket ended.
 */
final class ScriptedAdmission implements RatingIntake.Admission {

    record Call(String userId, long postId, Optional<IdempotentRequest> request) {}

    final List<Call> calls = new CopyOnWriteArrayList<>();
    final List<StoredResponse> completed = new CopyOnWriteArrayList<>();
    final AtomicInteger released = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    private volatile RatingOutcome.Decision answer;
    private volatile Long resendAt;

    /** The next requests get this answer instead of going ahead. */
    void answer(RatingOutcome.Decision answer) {
        this.answer = answer;
    }

    /** The next requests are retries of one whose event may be in the log since {@code acceptedAt}. */
    void resendFrom(long acceptedAt) {
        this.resendAt = acceptedAt;
    }

    void reset() {
        resendAt = null;
        calls.clear();
        completed.clear();
        released.set(0);
        cancelled.set(0);
        answer = null;
    }

    @Override
    public RatingOutcome.Decision admit(
            String userId, long postId, long acceptedAt, Optional<IdempotentRequest> request) {
        calls.add(new Call(userId, postId, request));
        if (answer != null) {
            return answer;
        }
        return new RatingOutcome.Admitted(
                new RatingIntake.Ticket() {
                    @Override
                    public void complete(StoredResponse response) {
                        completed.add(response);
                    }

                    @Override
                    public void release() {
                        released.incrementAndGet();
                    }

                    @Override
                    public void cancel() {
                        cancelled.incrementAndGet();
                    }
                },
                resendAt == null ? acceptedAt : resendAt);
    }
}
