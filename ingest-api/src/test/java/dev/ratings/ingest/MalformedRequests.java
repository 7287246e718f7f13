package dev.ratings.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Requests the API must refuse, each with the exact status and the start of the problem's {@code
 * detail}. One table for the slice tests (fakes behind the real web and security setup) and the
 * corpus run against the whole service, so both hold the API to the same answers.
 *
 * <p>{@code {post}} in a path stands for a post that exists; every authorized request is made as
 * {@link #USER}.
 */
public final class MalformedRequests {

    public static final String POST = "{post}";
    public static final String USER = "corpus-user";

    private static final String RATE = "/api/posts/" + POST + "/rate";
    private static final String JSON = "application/json";
    private static final String RATING_RULE = "rating: must be a JSON integer from 0 to 5";
    private static final String NOT_JSON = "body: is not valid JSON";
    private static final String KEY_RULE = "Idempotency-Key: must be 1 to 255 printable ASCII characters";

    private MalformedRequests() {}

    /** A header as sent: each character of the value is one byte (ISO-8859-1). */
    public record Header(String name, String value) {}

    /**
     * @param body null for none
     * @param detail how the problem's {@code detail} starts
     */
    public record BadRequest(
            String name, String method, String path, List<Header> headers, byte[] body, int status, String detail) {

        public String path(long postId) {
            return path.replace(POST, Long.toString(postId));
        }

        @Override
        public String toString() {
            return status + " " + name;
        }
    }

    /** Every case of every table. */
    public static List<BadRequest> all() {
        return concat(
                        ratingBodies(),
                        postBodies(),
                        paging(),
                        windowLimits(),
                        postIds(),
                        unknownPosts(),
                        ratingTokens(),
                        otherTokens(),
                        ratingContentTypes(),
                        postContentTypes(),
                        idempotencyKeys(),
                        pathsAndMethods())
                .toList();
    }

    /** The tables' cases one after another, as a parameterized test's source. */
    @SafeVarargs
    public static Stream<BadRequest> concat(List<BadRequest>... tables) {
        return Stream.of(tables).flatMap(List::stream);
    }

    /** The table's cases made with this HTTP method. */
    public static List<BadRequest> withMethod(String method, List<BadRequest> table) {
        return table.stream().filter(bad -> bad.method().equals(method)).toList();
    }

    /** Rating bodies that are not exactly {@code {"rating": <integer 0-5>}}. */
    public static List<BadRequest> ratingBodies() {
        List<BadRequest> cases = new ArrayList<>();
        for (String[] bodyAndDetail : new String[][] {
            {"{\"rating\": 4.5}", RATING_RULE + ", got 4.5"},
            {"{\"rating\": 4.0}", RATING_RULE + ", got 4.0"},
            {"{\"rating\": 4e0}", RATING_RULE + ", got"},
            {"{\"rating\": \"5\"}", RATING_RULE + ", got \"5\""},
            {"{\"rating\": null}", RATING_RULE + ", got null"},
            {"{\"rating\": true}", RATING_RULE + ", got true"},
            {"{\"rating\": [4]}", RATING_RULE + ", got [4]"},
            {"{\"rating\": {\"value\": 4}}", RATING_RULE},
            {"{\"rating\": 6}", RATING_RULE + ", got 6"},
            {"{\"rating\": -1}", RATING_RULE + ", got -1"},
            {"{\"rating\": 99999999999999999999}", RATING_RULE},
            {"{}", "rating: is required"},
            {"{\"Rating\": 4}", "Rating: unknown field"},
            {"{\"rating\": 4, \"userId\": \"mallory\"}", "userId: unknown field"},
            {"{\"rating\": 4, \"rating\": 5}", NOT_JSON + ": Duplicate"},
            {"{\"rating\": 4} x", NOT_JSON},
            {"{\"rating\": 4}{\"rating\": 5}", NOT_JSON},
            {"{\"rating\": 4,}", NOT_JSON},
            {"/* five */ {\"rating\": 4}", NOT_JSON},
            {"{\"rating\": 4 // five\n}", NOT_JSON},
            {"# five\n{\"rating\": 4}", NOT_JSON},
            {"{'rating': 4}", NOT_JSON},
            {"{rating: 4}", NOT_JSON},
            {"{\"rating\": 04}", NOT_JSON},
            {"{\"rating\": NaN}", NOT_JSON},
            {"{\"rating\": 4", NOT_JSON},
            {"rating=4", NOT_JSON},
            {"", "body: must be a JSON object, got an empty body"},
            {"   ", "body: must be a JSON object"},
            {"4", "body: must be a JSON object, got 4"},
            {"[{\"rating\": 4}]", "body: must be a JSON object"},
            {"null", "body: must be a JSON object"},
            {"{\"rating\": " + "[".repeat(40) + "]".repeat(40) + "}", NOT_JSON},
        }) {
            cases.add(rating(bodyAndDetail[0], utf8(bodyAndDetail[0]), 400, bodyAndDetail[1]));
        }
        cases.add(rating(
                "a body in ISO-8859-1, not UTF-8",
                "{\"rating\": 4, \"n\u00e9\": 1}".getBytes(StandardCharsets.ISO_8859_1),
                400,
                NOT_JSON));
        cases.add(rating(
                "a body of 4097 bytes",
                utf8("{\"rating\": 4" + " ".repeat(4096) + "}"),
                413,
                "body: must be at most 4096 bytes"));
        return cases;
    }

    /** Post bodies that are not {@code {"title": 1-200 chars, "body": 0-10000 chars}}. */
    public static List<BadRequest> postBodies() {
        List<BadRequest> cases = new ArrayList<>();
        for (String[] bodyAndDetail : new String[][] {
            {"{\"body\": \"b\"}", "title: is required"},
            {"{\"title\": \"\", \"body\": \"b\"}", "title: must be a JSON string of 1 to 200 characters, got 0"},
            {"{\"title\": \"   \", \"body\": \"b\"}", "title: must not be blank"},
            {
                "{\"title\": \"" + "t".repeat(201) + "\", \"body\": \"b\"}",
                "title: must be a JSON string of 1 to 200 characters, got 201"
            },
            {"{\"title\": 5, \"body\": \"b\"}", "title: must be a JSON string of 1 to 200 characters, got 5"},
            {"{\"title\": null, \"body\": \"b\"}", "title: must be a JSON string"},
            {"{\"title\": \"a\\nb\", \"body\": \"b\"}", "title: must not contain control characters"},
            {"{\"title\": \"\\ud800\", \"body\": \"b\"}", "title: must be valid Unicode"},
            {"{\"title\": \"t\"}", "body: is required"},
            {"{\"title\": \"t\", \"body\": [\"b\"]}", "body: must be a JSON string of 0 to 10000 characters"},
            {
                "{\"title\": \"t\", \"body\": \"" + "b".repeat(10_001) + "\"}",
                "body: must be a JSON string of 0 to 10000 characters, got 10001"
            },
            {"{\"title\": \"t\", \"body\": \"a\\u0000b\"}", "body: must not contain NUL characters"},
            {"{\"title\": \"t\", \"body\": \"b\", \"authorId\": \"mallory\"}", "authorId: unknown field"},
            {"{\"title\": \"t\", \"title\": \"u\", \"body\": \"b\"}", NOT_JSON + ": Duplicate"},
            {"{\"title\": \"t\", \"body\": \"b\"} trailing", NOT_JSON},
            {"[]", "body: must be a JSON object"},
            {"", "body: must be a JSON object, got an empty body"},
            {"title=t&body=b", NOT_JSON},
        }) {
            cases.add(newPost(bodyAndDetail[0], utf8(bodyAndDetail[0]), 400, bodyAndDetail[1]));
        }
        cases.add(newPost(
                "a body of 64 KiB and more",
                utf8("{\"title\": \"t\", \"body\": \"b\"}" + " ".repeat(64 * 1024)),
                413,
                "body: must be at most 65536 bytes"));
        return cases;
    }

    /** {@code page} and {@code size} of the post list out of range or not integers. */
    public static List<BadRequest> paging() {
        List<BadRequest> cases = new ArrayList<>();
        for (String[] queryAndDetail : new String[][] {
            {"size=0", "size: must be an integer from 1 to 100, got '0'"},
            {"size=101", "size: must be an integer from 1 to 100, got '101'"},
            {"size=abc", "size: must be an integer from 1 to 100, got 'abc'"},
            {"size=", "size: must be an integer from 1 to 100, got ''"},
            {"size=2.5", "size: must be an integer from 1 to 100"},
            {"size=1e2", "size: must be an integer from 1 to 100, got '1e2'"},
            {"size=-5", "size: must be an integer from 1 to 100, got '-5'"},
            {"page=-1", "page: must be an integer of at least 0, got '-1'"},
            {"page=x", "page: must be an integer of at least 0, got 'x'"},
            {"page=99999999999", "page: must be an integer of at least 0"},
            {"page=1.0", "page: must be an integer of at least 0, got '1.0'"},
            {"page=21474836", "page: (page + 1) × size must be at most 10000"},
            {"page=100&size=100", "page: (page + 1) × size must be at most 10000"},
        }) {
            cases.add(get("GET ?" + queryAndDetail[0], "/api/posts?" + queryAndDetail[0], 400, queryAndDetail[1]));
        }
        return cases;
    }

    /** {@code limit} of the windows endpoint out of range or not an integer. */
    public static List<BadRequest> windowLimits() {
        List<BadRequest> cases = new ArrayList<>();
        for (String limit : List.of("0", "501", "-1", "ten", "", "2.5")) {
            cases.add(get(
                    "windows ?limit=" + limit,
                    "/api/posts/" + POST + "/windows?limit=" + limit,
                    400,
                    "limit: must be an integer from 1 to 500, got '" + limit + "'"));
        }
        return cases;
    }

    /** Post ids in paths that are not positive 64-bit integers (written URL-encoded). */
    public static List<BadRequest> postIds() {
        String rule = "postId: must be a positive 64-bit integer";
        List<BadRequest> cases = new ArrayList<>();
        for (String id : List.of("abc", "0", "-1", "1.5", "9223372036854775808", "1e3", "+1", "%201")) {
            cases.add(new BadRequest(
                    "rate post " + id,
                    "POST",
                    "/api/posts/" + id + "/rate",
                    authorizedJson(),
                    utf8("{\"rating\": 4}"),
                    400,
                    rule));
        }
        for (String id : List.of("abc", "0", "-1", "9223372036854775808", "1e3")) {
            cases.add(get("GET post " + id, "/api/posts/" + id, 400, rule));
        }
        for (String id : List.of("abc", "0", "-1")) {
            cases.add(get("windows of post " + id, "/api/posts/" + id + "/windows", 400, rule));
        }
        return cases;
    }

    /** Well-formed requests about a post that does not exist. */
    public static List<BadRequest> unknownPosts() {
        String missing = Long.toString(Long.MAX_VALUE);
        String detail = "postId: there is no post " + missing;
        return List.of(
                new BadRequest(
                        "rate an unknown post",
                        "POST",
                        "/api/posts/" + missing + "/rate",
                        authorizedJson(),
                        utf8("{\"rating\": 4}"),
                        404,
                        detail),
                get("GET an unknown post", "/api/posts/" + missing, 404, detail),
                get("windows of an unknown post", "/api/posts/" + missing + "/windows", 404, detail));
    }

    /** Ratings without a valid bearer token. */
    public static List<BadRequest> ratingTokens() {
        String rejected = "Authorization: the bearer token was rejected";
        List<BadRequest> cases = new ArrayList<>();
        for (Object[] nameAndToken : new Object[][] {
            {"an expired token", TestJwts.expired(USER)},
            // once a 500: the problem for this token had no type, and writing it failed
            {"a token signed with another secret", TestJwts.signedWithOtherSecret(USER)},
            {"an unsigned token (alg none)", TestJwts.unsigned(USER)},
            {"a token without sub", TestJwts.withoutSubject()},
            {"a token with an empty sub", TestJwts.withClaims(TestJwts.claims("\"\""))},
            {"a sub with a space", TestJwts.withClaims(TestJwts.claims("\"alice smith\""))},
            {"a sub with a colon", TestJwts.withClaims(TestJwts.claims("\"alice:admin\""))},
            {"a sub of 65 characters", TestJwts.withClaims(TestJwts.claims("\"" + "a".repeat(65) + "\""))},
            {"a token that is not a JWT", "not-a-jwt"},
            {"a truncated token", TestJwts.valid(USER).substring(0, 40)},
            {"a token claiming HS512", TestJwts.signedWithHeader("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", USER)},
        }) {
            cases.add(new BadRequest(
                    "rate with " + nameAndToken[0],
                    "POST",
                    RATE,
                    List.of(contentType(JSON), bearer((String) nameAndToken[1])),
                    utf8("{\"rating\": 4}"),
                    401,
                    rejected));
        }
        cases.add(new BadRequest(
                "rate with an empty bearer token",
                "POST",
                RATE,
                List.of(contentType(JSON), new Header("Authorization", "Bearer ")),
                utf8("{\"rating\": 4}"),
                401,
                rejected));
        String needed = "Authorization: this endpoint needs a bearer token";
        cases.add(new BadRequest(
                "rate without a token",
                "POST",
                RATE,
                List.of(contentType(JSON)),
                utf8("{\"rating\": 4}"),
                401,
                needed));
        cases.add(new BadRequest(
                "rate with Basic credentials",
                "POST",
                RATE,
                List.of(contentType(JSON), new Header("Authorization", "Basic YWxpY2U6c2VjcmV0")),
                utf8("{\"rating\": 4}"),
                401,
                needed));
        return cases;
    }

    /** Creating posts without a valid token, and reads with an invalid one (a bad token is never anonymous). */
    public static List<BadRequest> otherTokens() {
        String rejected = "Authorization: the bearer token was rejected";
        byte[] post = utf8("{\"title\": \"t\", \"body\": \"b\"}");
        return List.of(
                new BadRequest(
                        "create a post without a token",
                        "POST",
                        "/api/posts",
                        List.of(contentType(JSON)),
                        post,
                        401,
                        "Authorization: this endpoint needs a bearer token"),
                new BadRequest(
                        "create a post with an expired token",
                        "POST",
                        "/api/posts",
                        List.of(contentType(JSON), bearer(TestJwts.expired(USER))),
                        post,
                        401,
                        rejected),
                new BadRequest(
                        "create a post with a token signed with another secret",
                        "POST",
                        "/api/posts",
                        List.of(contentType(JSON), bearer(TestJwts.signedWithOtherSecret(USER))),
                        post,
                        401,
                        rejected),
                new BadRequest(
                        "create a post with an unsigned token",
                        "POST",
                        "/api/posts",
                        List.of(contentType(JSON), bearer(TestJwts.unsigned(USER))),
                        post,
                        401,
                        rejected),
                new BadRequest(
                        "read a post with a token signed with another secret",
                        "GET",
                        "/api/posts/" + POST,
                        List.of(bearer(TestJwts.signedWithOtherSecret(USER))),
                        null,
                        401,
                        rejected),
                new BadRequest(
                        "read a post with a token that is not a JWT",
                        "GET",
                        "/api/posts/" + POST,
                        List.of(bearer("not-a-jwt")),
                        null,
                        401,
                        rejected),
                new BadRequest(
                        "list posts with an expired token",
                        "GET",
                        "/api/posts",
                        List.of(bearer(TestJwts.expired(USER))),
                        null,
                        401,
                        rejected));
    }

    /** Ratings whose Content-Type is not JSON. */
    public static List<BadRequest> ratingContentTypes() {
        List<BadRequest> cases = new ArrayList<>();
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
            cases.add(new BadRequest(
                    "rate as " + type,
                    "POST",
                    RATE,
                    List.of(contentType(type), bearer(TestJwts.valid(USER))),
                    utf8("{\"rating\": 4}"),
                    415,
                    "Content-Type: must be application/json, got '" + type));
        }
        cases.add(new BadRequest(
                "rate without a Content-Type",
                "POST",
                RATE,
                List.of(bearer(TestJwts.valid(USER))),
                utf8("{\"rating\": 4}"),
                415,
                "Content-Type:"));
        return cases;
    }

    /** Posts whose Content-Type is not JSON. */
    public static List<BadRequest> postContentTypes() {
        return List.of(
                new BadRequest(
                        "create a post as text/plain",
                        "POST",
                        "/api/posts",
                        List.of(contentType("text/plain"), bearer(TestJwts.valid(USER))),
                        utf8("title=t"),
                        415,
                        "Content-Type: must be application/json, got 'text/plain"),
                new BadRequest(
                        "create a post without a Content-Type",
                        "POST",
                        "/api/posts",
                        List.of(bearer(TestJwts.valid(USER))),
                        utf8("{\"title\": \"t\", \"body\": \"b\"}"),
                        415,
                        "Content-Type:"));
    }

    /** Valid ratings with an Idempotency-Key that is not 1-255 printable ASCII characters, once. */
    public static List<BadRequest> idempotencyKeys() {
        return List.of(
                keyed("an empty Idempotency-Key", 400, KEY_RULE + ", got an empty value", ""),
                keyed("an Idempotency-Key of 256 characters", 400, KEY_RULE + ", got 256 characters", "k".repeat(256)),
                keyed("an Idempotency-Key with a tab", 400, KEY_RULE + ", got the character U+0009", "a\tb"),
                // header values are bytes: "café" as curl sends it from a UTF-8 terminal, read as ISO-8859-1
                keyed(
                        "an Idempotency-Key with an e-acute in UTF-8",
                        400,
                        KEY_RULE + ", got the character U+00C3 at position 4",
                        "caf\u00c3\u00a9"),
                keyed("two Idempotency-Keys", 400, "Idempotency-Key: must be sent once, got 2 values", "one", "two"));
    }

    /** Paths and methods the API does not have. */
    public static List<BadRequest> pathsAndMethods() {
        return List.of(
                new BadRequest(
                        "DELETE a post",
                        "DELETE",
                        "/api/posts/" + POST,
                        List.of(bearer(TestJwts.valid(USER))),
                        null,
                        405,
                        "method: DELETE is not allowed here"),
                new BadRequest(
                        "PUT a rating",
                        "PUT",
                        RATE,
                        authorizedJson(),
                        utf8("{\"rating\": 4}"),
                        405,
                        "method: PUT is not allowed here"),
                get("GET a rating", RATE, 405, "method: GET is not allowed here"),
                new BadRequest(
                        "POST to a post",
                        "POST",
                        "/api/posts/" + POST,
                        authorizedJson(),
                        utf8("{\"rating\": 4}"),
                        405,
                        "method: POST is not allowed here"),
                get(
                        "GET an unknown path",
                        "/api/nothing-here",
                        404,
                        "path: there is no endpoint at /api/nothing-here"));
    }

    private static BadRequest rating(String name, byte[] body, int status, String detail) {
        return new BadRequest(name, "POST", RATE, authorizedJson(), body, status, detail);
    }

    private static BadRequest newPost(String name, byte[] body, int status, String detail) {
        return new BadRequest(name, "POST", "/api/posts", authorizedJson(), body, status, detail);
    }

    private static BadRequest get(String name, String path, int status, String detail) {
        return new BadRequest(name, "GET", path, List.of(), null, status, detail);
    }

    private static BadRequest keyed(String name, int status, String detail, String... keys) {
        List<Header> headers = new ArrayList<>(authorizedJson());
        for (String key : keys) {
            headers.add(new Header("Idempotency-Key", key));
        }
        return new BadRequest(
                "rate with " + name, "POST", RATE, List.copyOf(headers), utf8("{\"rating\": 4}"), status, detail);
    }

    private static List<Header> authorizedJson() {
        return List.of(contentType(JSON), bearer(TestJwts.valid(USER)));
    }

    private static Header contentType(String type) {
        return new Header("Content-Type", type);
    }

    private static Header bearer(String token) {
        return new Header("Authorization", "Bearer " + token);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
