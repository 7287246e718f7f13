package dev.ratings.contract;

import java.util.regex.Pattern;

/**
 * One created post, the value of a {@link Topics#POSTS} record (key: the post id as a decimal
 * string, record timestamp: {@code createdAt}). The topic is the source of truth for posts:
 * PostgreSQL's {@code posts} table is written from it and can be rebuilt from it.
 *
 * <p>The constructor rejects what the ingest API would never have accepted, so a record that does
 * not hold up fails deserialization and goes to the dead-letter topic instead of into the table.
 *
 * @param id positive, never given twice (see docs/design.md, "Post ids")
 * @param title 1 to 200 characters
 * @param body 0 to 10,000 characters
 * @param authorId the {@code sub} claim of the author's token
 * @param createdAt epoch milliseconds; equal to the Kafka record timestamp
 */
public record PostEvent(long id, String title, String body, String authorId, long createdAt) {

    public static final int MAX_TITLE = 200;
    public static final int MAX_BODY = 10_000;
    private static final Pattern AUTHOR_ID = RatingEvent.USER_ID;

    public PostEvent {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive, was " + id);
        }
        if (title == null || title.isEmpty() || title.codePointCount(0, title.length()) > MAX_TITLE) {
            throw new IllegalArgumentException("title must be 1-" + MAX_TITLE + " characters");
        }
        if (body == null || body.codePointCount(0, body.length()) > MAX_BODY) {
            throw new IllegalArgumentException("body must be 0-" + MAX_BODY + " characters");
        }
        if (authorId == null || !AUTHOR_ID.matcher(authorId).matches()) {
            throw new IllegalArgumentException("authorId must be 1-64 chars of [A-Za-z0-9_.@-]");
        }
        if (createdAt <= 0) {
            throw new IllegalArgumentException("createdAt must be positive epoch milliseconds");
        }
    }
}
