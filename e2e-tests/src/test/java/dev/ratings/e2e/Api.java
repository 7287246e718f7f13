package dev.ratings.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.testsupport.TestTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of the ingest API as a user would call it. */
final class Api {

    private static final JsonMapper JSON = new JsonMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    long createPost(String user, String title) {
        JsonNode post = send("POST", "/api/posts/", user, "{\"title\":\"" + title + "\",\"body\":\"e2e\"}", 201);
        return post.get("id").asLong();
    }

    /** Rates and returns the acceptedAt instant of the 202. */
    Instant rate(String user, long postId, int rating) {
        JsonNode accepted = send("POST", "/api/posts/" + postId + "/rate/", user, "{\"rating\":" + rating + "}", 202);
        assertThat(accepted.get("postId").asLong()).isEqualTo(postId);
        assertThat(accepted.get("rating").asInt()).isEqualTo(rating);
        return Instant.parse(accepted.get("acceptedAt").asString());
    }

    JsonNode post(long postId, String user) {
        return send("GET", "/api/posts/" + postId + "/", user, null, 200);
    }

    /** The first page of posts, as large as a page gets. */
    JsonNode posts() {
        return send("GET", "/api/posts/?size=100", null, null, 200);
    }

    /** A GET as it is answered, whatever the status. */
    HttpResponse<String> raw(String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode windows(long postId) {
        return send("GET", "/api/posts/" + postId + "/windows/", null, null, 200);
    }

    private JsonNode send(String method, String path, String user, String body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + TestTokens.forUser(user));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as("%s %s answered %s", method, path, response.body())
                    .isEqualTo(expectedStatus);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
