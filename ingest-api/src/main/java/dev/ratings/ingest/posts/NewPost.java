package dev.ratings.ingest.posts;

import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.StrictJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The body of {@code POST /api/posts/}: {@code {"title": 1-200 chars, "body": 0-10000 chars}}. */
record NewPost(String title, String body) {

    static final int MAX_TITLE = 200;
    static final int MAX_BODY = 10_000;

    static NewPost from(ObjectNode json) {
        for (String name : json.propertyNames()) {
            if (!name.equals("title") && !name.equals("body")) {
                throw new InvalidRequestException(
                        name, "unknown field " + StrictJson.quote(name) + "; a post has only \"title\" and \"body\"");
            }
        }
        String title = text(json, "title", 1, MAX_TITLE);
        if (title.isBlank()) {
            throw new InvalidRequestException("title", "must not be blank");
        }
        if (title.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("title", "must not contain control characters such as line breaks");
        }
        String body = text(json, "body", 0, MAX_BODY);
        if (body.indexOf('\0') >= 0) {
            throw new InvalidRequestException("body", "must not contain NUL characters");
        }
        return new NewPost(title, body);
    }

    private static String text(ObjectNode json, String field, int min, int max) {
        JsonNode node = json.get(field);
        String rule = "must be a JSON string of " + min + " to " + max + " characters";
        if (node == null) {
            throw new InvalidRequestException(field, "is required: " + rule);
        }
        if (!node.isString()) {
            throw new InvalidRequestException(field, rule + ", got " + StrictJson.show(node));
        }
        String text = node.asString();
        if (!wellFormed(text)) {
            throw new InvalidRequestException(field, "must be valid Unicode (it has an unpaired surrogate escape)");
        }
        int length = text.codePointCount(0, text.length());
        if (length < min || length > max) {
            throw new InvalidRequestException(field, rule + ", got " + length);
        }
        return text;
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
