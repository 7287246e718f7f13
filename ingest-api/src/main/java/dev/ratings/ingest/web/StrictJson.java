package dev.ratings.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request body as exactly one JSON object, refusing everything lenient parsers let through:
 * duplicate keys, trailing content, comments, single quotes, NaN, leading zeros, deep nesting, and
 * bodies over the endpoint's limit. Callers then check the object field by field, which gives
 * clearer messages than binding to a class.
 */
public final class StrictJson {

    static final int MAX_NESTING_DEPTH = 16;
    private static final int MAX_SHOWN = 60;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {}

    /** Reads the body, at most {@code limitBytes} of it, as a JSON object. */
    public static ObjectNode readObject(HttpServletRequest request, int limitBytes) {
        return readObject(readBody(request, limitBytes));
    }

    /** A body read with {@link #readBody}, as a JSON object. */
    public static ObjectNode readObject(byte[] body) {
        return asObject(parse(body));
    }

    /**
     * A parser of the body with the same strictness, for callers that read a small, fixed shape as
     * tokens (fewer objects than a tree) and leave every other body to {@link #readObject(byte[])}.
     */
    public static JsonParser parser(byte[] body) {
        return MAPPER.createParser(body);
    }

    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequestException("body", "must be a JSON object, got an empty body");
        }
        try {
            return MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidRequestException("body", "is not valid JSON: " + describe(e));
        }
    }

    static ObjectNode asObject(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new InvalidRequestException("body", "must be a JSON object, got nothing");
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object, got " + show(node));
        }
        return (ObjectNode) node;
    }

    /** A JSON value as the client wrote it, shortened for messages. */
    public static String show(JsonNode node) {
        return shorten(node.toString());
    }

    /** A string as a JSON literal, shortened for messages. */
    public static String quote(String text) {
        return shorten(MAPPER.writeValueAsString(text));
    }

    /** The body, at most {@code limitBytes} of it (413 beyond). */
    public static byte[] readBody(HttpServletRequest request, int limitBytes) {
        long length = request.getContentLengthLong();
        if (length > limitBytes) {
            throw new PayloadTooLargeException(limitBytes);
        }
        try (InputStream in = request.getInputStream()) {
            // with a Content-Length, exactly that many bytes (readNBytes would buffer up to the limit)
            byte[] body = length >= 0 ? in.readNBytes((int) length) : in.readNBytes(limitBytes + 1);
            if (body.length > limitBytes) {
                throw new PayloadTooLargeException(limitBytes);
            }
            return body;
        } catch (IOException e) {
            throw new InvalidRequestException("body", "could not be read: " + e.getMessage());
        }
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message;
    }

    private static String shorten(String text) {
        return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "…";
    }
}
