package dev.ratings.sink.windows;

import static dev.ratings.sink.windows.WindowResults.extreme;
import static dev.ratings.sink.windows.WindowResults.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.contract.JsonSerde;
import dev.ratings.contract.WindowResult;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WindowResultDeserializerTest {

    private static final String TOPIC = "post-rating-windows";

    private final JsonSerde<WindowResult> json = JsonSerde.of(WindowResult.class);
    private final WindowResultDeserializer deserializer = new WindowResultDeserializer();

    @Test
    void readsWhatTheContractSerdeWritesBitForBit() {
        WindowResult original = extreme(7, 3, 2);

        WindowResult read = deserializer.deserialize(TOPIC, json.serialize(TOPIC, original));

        assertThat(read).isEqualTo(original);
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes("not json")))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void rejectsAResultWithAMissingFieldNamingIt() {
        String withoutWindowEnd = json.write(result(7, 3, 1)).replaceFirst("\"windowEnd\":\\d+,", "");

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(withoutWindowEnd)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("windowEnd");
    }

    @Test
    void rejectsANullAlgorithm() {
        String nullAlgorithm = json.write(result(7, 3, 1)).replace("\"decay-v1\"", "null");

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(nullAlgorithm)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("algorithm");
    }

    @Test
    void rejectsAGenerationBelowOne() {
        String generationZero = json.write(result(7, 3, 1)).replace("\"generation\":1", "\"generation\":0");

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(generationZero)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("generation");
    }

    @Test
    void rejectsAWindowThatEndsBeforeItStarts() {
        WindowResult r = result(7, 3, 1);
        String backwards = json.write(r)
                .replace(
                        "\"windowEnd\":" + r.window().end(),
                        "\"windowEnd\":" + r.window().start());

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(backwards)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("windowEnd");
    }

    @Test
    void rejectsAnInstantBeyondTheYear9999() {
        WindowResult r = result(7, 3, 1);
        String farFuture = json.write(r)
                .replace(
                        "\"windowEnd\":" + r.window().end(),
                        "\"windowEnd\":" + (WindowResultDeserializer.LATEST_INSTANT_MS + 1));

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes(farFuture)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("9999");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
