package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.StrictJson;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A rating as asked for: the post, the body's rating, the optional Idempotency-Key.
 *
 * <p>The body is exactly {@code {"rating": n}} with n a JSON integer from 0 to 5. Nearly every body
 * is just that, so it is first read as tokens (no tree, no databind); anything else goes
 * to the strict tree reading, which alone decides what is wrong with it, so the two can never
 * disagree on a refusal.
 */
record RatingRequest(long postId, int rating, Optional<IdempotencyKey> key) {

    static final String RULE =
            "must be a JSON integer from " + RatingEvent.MIN_RATING + " to " + RatingEvent.MAX_RATING;

    /**
     * What the request asks for, canonically ({@code rate post=7 rating=4}): a retry with the same
     * key must ask for the same thing, whatever its JSON whitespace or key order.
     */
    String fingerprint() {
        return "rate post=" + postId + " rating=" + rating;
    }

    /** The rating of a body; a 400 naming the field or the body for anything else. */
    static int rating(byte[] body) {
        int rating = plainRating(body);
        return rating >= 0 ? rating : rating(StrictJson.readObject(body));
    }

    /** The rating of a body read as an object; a 400 naming the field for anything else. */
    static int rating(ObjectNode json) {
        for (String name : json.propertyNames()) {
            if (!name.equals("rating")) {
                throw new InvalidRequestException(
                        name, "unknown field " + StrictJson.quote(name) + "; the only field is \"rating\"");
            }
        }
        JsonNode rating = json.get("rating");
        if (rating == null) {
            throw new InvalidRequestException("rating", "is required and " + RULE);
        }
        // isIntegralNumber is false for 4.0 and 4e0: a rating is written as an integer
        if (!rating.isIntegralNumber()
                || !rating.canConvertToInt()
                || rating.intValue() < RatingEvent.MIN_RATING
                || rating.intValue() > RatingEvent.MAX_RATING) {
            throw new InvalidRequestException("rating", RULE + ", got " + StrictJson.show(rating));
        }
        return rating.intValue();
    }

    /**
     * The rating if the body's tokens are exactly {@code {"rating": <int 0-5>}} and nothing after,
     * read with the same strict parser settings; -1 for any other body, valid or not.
     */
    static int plainRating(byte[] body) {
        try (JsonParser parser = StrictJson.parser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT
                    || parser.nextToken() != JsonToken.PROPERTY_NAME
                    || !"rating".equals(parser.currentName())
                    || parser.nextToken() != JsonToken.VALUE_NUMBER_INT
                    || parser.getNumberType() != JsonParser.NumberType.INT) {
                return -1;
            }
            int rating = parser.getIntValue();
            if (rating < RatingEvent.MIN_RATING
                    || rating > RatingEvent.MAX_RATING
                    || parser.nextToken() != JsonToken.END_OBJECT
                    || parser.nextToken() != null) {
                return -1;
            }
            return rating;
        } catch (JacksonException e) {
            return -1;
        }
    }
}
