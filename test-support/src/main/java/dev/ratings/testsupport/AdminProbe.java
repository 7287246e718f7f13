package dev.ratings.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls an endpoint of a running service as nobody, as an ordinary user and as an admin, for the
 * services' tests of who may do what.
 */
public final class AdminProbe {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AdminProbe() {}

    /**
     * @param anonymous without a token
     * @param user with an ordinary user's token
     * @param admin with a token carrying scope {@code ratings:admin}
     */
    public record Answers(HttpResponse<String> anonymous, HttpResponse<String> user, HttpResponse<String> admin) {}

    /** {@code method} on {@code url} three times; a POST sends an empty JSON object. */
    public static Answers probe(String method, String url) {
        return new Answers(
                send(method, url, null),
                send(method, url, TestTokens.forUser("probe-user")),
                send(method, url, TestTokens.forAdmin("probe-admin")));
    }

    /** A refusal as the tests expect it, e.g. {@code "401 application/problem+json Bearer"}. */
    public static String refusal(int status) {
        return status + " application/problem+json Bearer";
    }

    /**
     * The same summary of an answer: its status, content type and whether it says how to
     * authenticate ({@code WWW-Authenticate: Bearer}, RFC 6750), with the body when it is no refusal.
     */
    public static String summary(HttpResponse<String> response) {
        String summary = response.statusCode() + " "
                + response.headers().firstValue("Content-Type").orElse("-") + " "
                + (response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer") ? "Bearer" : "-");
        return response.statusCode() == 401 || response.statusCode() == 403 ? summary : summary + " " + response.body();
    }

    public static HttpResponse<String> send(String method, String url, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
