package dev.ratings.ingest.admission;

import dev.ratings.ingest.web.ConflictException;
import dev.ratings.ingest.web.ServiceUnavailableException;
import dev.ratings.ingest.web.TooManyRequestsException;
import dev.ratings.ingest.web.UnprocessableException;
import java.util.Optional;

/** Decides whether a user's write may go ahead: per-user rate limits and idempotency keys. */
public interface Admission {

    /**
     * Checks and records one request.
     *
     * @throws TooManyRequestsException over the user's rate limit (429)
     * @throws ConflictException the same key is still being processed (409)
     * @throws UnprocessableException the key was used for a different request (422)
     * @throws ServiceUnavailableException the key could not be checked in time (503)
     */
    Admitted admit(String userId, Action action, Optional<IdempotentRequest> request);
}
