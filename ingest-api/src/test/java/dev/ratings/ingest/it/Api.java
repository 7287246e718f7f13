package dev.ratings.ingest.it;

import dev.ratings.ingest.MalformedRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running service: raw bodies and headers, exactly as sent. */
final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> get(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token);
        headers.forEach(request::header);
        return send(request.GET());
    }

    HttpResponse<String> postJson(String path, String body, String token) {
        return postJson(path, body, token, Map.of());
    }

    HttpResponse<String> postJson(String path, String body, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method, headers exactly as listed (repeats included), and a body of raw bytes or none. */
    HttpResponse<String> send(String method, String path, List<MalformedRequests.Header> headers, byte[] body) {
        HttpRequest.Builder request = request(path, null);
        headers.forEach(header -> request.header(header.name(), header.value()));
        return send(request.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Creates a post as {@code user} and returns its id. */
    long createPost(String title, String user) {
        HttpResponse<String> created = postJson(
                "/api/posts/",
                "{\"title\": \"" + title + "\", \"body\": \"text\"}",
                dev.ratings.ingest.TestJwts.valid(user));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create a post: " + created.statusCode() + " " + created.body());
        }
        return json(created).get("id").asLong();
    }

    static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
