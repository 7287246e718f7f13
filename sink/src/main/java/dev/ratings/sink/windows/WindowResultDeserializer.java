package dev.ratings.sink.windows;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.WindowResult;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a window result with the contract's serde and refuses one that the tables cannot hold
 * faithfully, so that every record the listener gets is writable and every bad one reaches the
 * dead-letter topic with its original bytes. Used behind spring-kafka's {@code
 * ErrorHandlingDeserializer}, which turns the exception into a failed record.
 */
final class WindowResultDeserializer implements Deserializer<WindowResult> {

    /** 9999-12-31T23:59:59.999Z: beyond it an instant has no faithful ISO-8601 rendering. */
    static final long LATEST_INSTANT_MS = 253_402_300_799_999L;

    private final JsonSerde<WindowResult> json = JsonSerde.of(WindowResult.class);

    @Override
    public WindowResult deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        WindowResult result = json.deserialize(topic, data);
        String problem = problem(result);
        if (problem != null) {
            throw new SerializationException("Not a valid WindowResult on " + topic + ": " + problem);
        }
        return result;
    }

    private static String problem(WindowResult result) {
        if (result.postId() < 1) {
            return "postId must be positive, was " + result.postId();
        }
        if (result.generation() < 1) {
            return "generation must be at least 1, was " + result.generation();
        }
        if (result.window().start() < 0 || result.window().end() > LATEST_INSTANT_MS) {
            return "windowStart and windowEnd must lie between 1970 and 9999";
        }
        if (result.window().end() <= result.window().start()) {
            return "windowEnd must be after windowStart";
        }
        return null;
    }
}
