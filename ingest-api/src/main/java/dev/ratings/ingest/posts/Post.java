package dev.ratings.ingest.posts;

import dev.ratings.contract.WindowResult;
import java.time.Instant;

/**
 * A post with its latest closed window in the current generation, if it has one yet.
 *
 * @param latestWindow null before the first window
 */
record Post(long id, String title, String body, Instant createdAt, WindowResult latestWindow) {}
