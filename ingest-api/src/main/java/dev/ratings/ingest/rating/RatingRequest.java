package dev.ratings.ingest.rating;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.StrictJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The body of a rating: exactly {@code {"rating": n}} with n a JSON integer from 0 to 5. */
record RatingRequest(int rating) {

    static final String RULE =
            "must be a JSON integer from " + RatingEvent.MIN_RATING + " to " + RatingEvent.MAX_RATING;

    static RatingRequest from(ObjectNode json) {
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
        return new RatingRequest(rating.intValue());
    }
}
