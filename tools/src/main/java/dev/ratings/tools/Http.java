package dev.ratings.tools;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** JSON over HTTP to one of the services, with a bearer token on every request. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public Http(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same service as another user. */
    public Http as(String otherToken) {
        return new Http(base, otherToken);
    }

    /** An answer: its status, its body as JSON (missing when it is not JSON) and its Location, if any. */
    public record Answer(int status, JsonNode json, String body, Optional<String> location) {}

    public Answer get(String path) throws InterruptedException {
        return send(request(path).GET());
    }

    public Answer post(String path, Object body) throws InterruptedException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private Answer send(HttpRequest.Builder request) throws InterruptedException {
        HttpRequest built = request.build();
        HttpResponse<String> response;
        try {
            response = CLIENT.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new ToolException("nothing answers on " + base + ": is it up? (./ratings up, ./ratings status)");
        } catch (HttpTimeoutException e) {
            throw new ToolException(
                    built.method() + " " + built.uri() + " did not answer in " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new ToolException(built.method() + " " + built.uri() + " failed: " + e.getMessage());
        }
        return new Answer(
                response.statusCode(),
                json(response.body()),
                response.body(),
                response.headers().firstValue("Location"));
    }

    static JsonNode json(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }
}
