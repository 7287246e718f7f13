package dev.ratings.stream.windows;

import dev.ratings.stream.score.RaterState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary layouts of the state stores' keys and values.
 *
 * <p>Keys are big-endian, window start first, so RocksDB's byte order is window order and a prefix
 * scan finds one window's entries; ids are positive, so their bytes sort like the numbers.
 */
final class StoreCodecs {

    /** (window, post): the key of a window's event count. */
    record WindowPost(long windowStart, long postId) {}

    /** (window, post, user): the key of a user's latest rating in a window. */
    record WindowRater(long windowStart, long postId, String userId) {}

    /** (post, user): the key of a user's current rating of a post. */
    record PostRater(long postId, String userId) {}

    static final Serde<WindowPost> WINDOW_POST = Serdes.serdeFrom(
            (Serializer<WindowPost>) (topic, key) -> ByteBuffer.allocate(16)
                    .putLong(key.windowStart())
                    .putLong(key.postId())
                    .array(),
            (Deserializer<WindowPost>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new WindowPost(buffer.getLong(), buffer.getLong());
            });

    static final Serde<WindowRater> WINDOW_RATER = Serdes.serdeFrom(
            (Serializer<WindowRater>) (topic, key) -> {
                byte[] user = key.userId().getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(16 + user.length)
                        .putLong(key.windowStart())
                        .putLong(key.postId())
                        .put(user)
                        .array();
            },
            (Deserializer<WindowRater>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new WindowRater(
                        buffer.getLong(),
                        buffer.getLong(),
                        new String(bytes, 16, bytes.length - 16, StandardCharsets.UTF_8));
            });

    static final Serde<PostRater> POST_RATER = Serdes.serdeFrom(
            (Serializer<PostRater>) (topic, key) -> {
                byte[] user = key.userId().getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(8 + user.length)
                        .putLong(key.postId())
                        .put(user)
                        .array();
            },
            (Deserializer<PostRater>) (topic, bytes) -> new PostRater(
                    ByteBuffer.wrap(bytes).getLong(), new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8)));

    static final Serde<RaterState> RATER_STATE = Serdes.serdeFrom(
            (Serializer<RaterState>) (topic, state) -> ByteBuffer.allocate(9)
                    .put((byte) state.rating())
                    .putDouble(state.weight())
                    .array(),
            (Deserializer<RaterState>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new RaterState(buffer.get(), buffer.getDouble());
            });

    private StoreCodecs() {}
}
