package dev.ratings.ingest.signin;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.StrictJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The body of {@code POST /api/dev/tokens}: {@code {"user": a user id}}, as a token's {@code sub} must be. */
record DemoUser(String name) {

    private static final String RULE = "must be a JSON string of 1 to 64 characters of [A-Za-z0-9_.@-]";

    static DemoUser from(ObjectNode json) {
        for (String field : json.propertyNames()) {
            if (!field.equals("user")) {
                throw new InvalidRequestException(
                        field, "unknown field " + StrictJson.quote(field) + "; the body has only \"user\"");
            }
        }
        JsonNode user = json.get("user");
        if (user == null) {
            throw new InvalidRequestException("user", "is required: " + RULE);
        }
        if (!user.isString() || !RatingEvent.USER_ID.matcher(user.asString()).matches()) {
            throw new InvalidRequestException("user", RULE + ", got " + StrictJson.show(user));
        }
        return new DemoUser(user.asString());
    }
}
