package dev.ratings.ingest.admission;

/** What the caller may do with a request that was let through. */
public sealed interface Admitted {

    /** Go ahead; report how it ended on the ticket. */
    record Go(Ticket ticket) implements Admitted {}

    /** The same request was completed before: answer with its response, do nothing else. */
    record Replay(StoredResponse response) implements Admitted {}

    /** The idempotency reservation of an admitted request. Both methods return at once and never throw. */
    interface Ticket {

        /** Nothing reserved: the request had no key, or Redis was unavailable. */
        Ticket NONE = new Ticket() {
            @Override
            public void complete(StoredResponse response) {}

            @Override
            public void release() {}
        };

        /** The request succeeded: keep its response for retries with the same key. */
        void complete(StoredResponse response);

        /** The request failed: free the key, so that a retry can do it properly. */
        void release();
    }
}
