package dev.ratings.stream.windows;

import dev.ratings.stream.score.RaterHistory;
import dev.ratings.stream.score.RaterState;
import dev.ratings.stream.score.Trust;
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
 *
 * <p>decay-v2 adds to the values of decay-v1 only where a rating is on probation: a count, rating
 * or rater state of trusted raters has decay-v1's layout, one with raters on probation a few bytes
 * more (told apart by length). decay-v1's state is unchanged and a rater-in-post grows by a flag.
 *
 * <p>A rater's entries end with the ids of their ratings ({@link RatingIds}, 16 bytes each, usually
 * one): the length modulo 16 still tells the layouts apart, and an entry written before ids were
 * kept reads as one without ids.
 */
final class StoreCodecs {

    /** (window, post): the key of a window's event count. */
    record WindowPost(long windowStart, long postId) {}

    /** (window, post, user): the key of a user's latest rating in a window. */
    record WindowRater(long windowStart, long postId, String userId) {}

    /** (post, user): the key of a user's current rating of a post. */
    record PostRater(long postId, String userId) {}

    /** A window's rating events of a post: by trusted raters and by raters on probation. */
    record EventCounts(long trusted, long probation) {
        static final EventCounts NONE = new EventCounts(0, 0);

        EventCounts plus(Trust trust) {
            return trust.trusted() ? new EventCounts(trusted + 1, probation) : new EventCounts(trusted, probation + 1);
        }
    }

    /** A user's latest rating of a post in an open window, with its trust and the ids of all the window's. */
    record LatestRating(int rating, Trust trust, RatingIds ids) {}

    /** A user's rating of a post counted in closed windows, and the ids of their latest ratings of it. */
    record CountedRating(RaterState state, RatingIds ids) {}

    /** (window, user): the key of the posts a user rated in a window (decay-v2's user stage). */
    record WindowUser(long windowStart, String userId) {}

    /** (window, arrival): a rating the user stage holds until its rater's history is complete. */
    record WindowArrival(long windowStart, long offset) {}

    static final Serde<WindowPost> WINDOW_POST = codec(
            (Serializer<WindowPost>) (topic, key) -> ByteBuffer.allocate(16)
                    .putLong(key.windowStart())
                    .putLong(key.postId())
                    .array(),
            (Deserializer<WindowPost>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new WindowPost(buffer.getLong(), buffer.getLong());
            });

    static final Serde<WindowRater> WINDOW_RATER = codec(
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

    static final Serde<PostRater> POST_RATER = codec(
            (Serializer<PostRater>) (topic, key) -> {
                byte[] user = key.userId().getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(8 + user.length)
                        .putLong(key.postId())
                        .put(user)
                        .array();
            },
            (Deserializer<PostRater>) (topic, bytes) -> new PostRater(
                    ByteBuffer.wrap(bytes).getLong(), new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8)));

    /** rating (1), weight (8), a probation flag (1) only for a rater on probation, then the ids. */
    static final Serde<CountedRating> COUNTED_RATING = codec(
            (Serializer<CountedRating>) (topic, counted) -> {
                RaterState state = counted.state();
                ByteBuffer buffer = ByteBuffer.allocate((state.probation() ? 10 : 9)
                                + RatingIds.BYTES_PER_ID * counted.ids().size())
                        .put((byte) state.rating())
                        .putDouble(state.weight());
                if (state.probation()) {
                    buffer.put((byte) 1);
                }
                counted.ids().writeTo(buffer);
                return buffer.array();
            },
            (Deserializer<CountedRating>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                RaterState state =
                        new RaterState(buffer.get(), buffer.getDouble(), bytes.length % RatingIds.BYTES_PER_ID == 10);
                if (state.probation()) {
                    buffer.get();
                }
                return new CountedRating(state, RatingIds.readFrom(buffer));
            });

    /** trusted events (8), and probation events (8) only when there are some. */
    static final Serde<EventCounts> EVENT_COUNTS = codec(
            (Serializer<EventCounts>) (topic, counts) -> counts.probation() == 0
                    ? ByteBuffer.allocate(8).putLong(counts.trusted()).array()
                    : ByteBuffer.allocate(16)
                            .putLong(counts.trusted())
                            .putLong(counts.probation())
                            .array(),
            (Deserializer<EventCounts>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new EventCounts(buffer.getLong(), bytes.length > 8 ? buffer.getLong() : 0);
            });

    /** rating (4), τ (8) only when on probation, then the ids. */
    static final Serde<LatestRating> LATEST_RATING = codec(
            (Serializer<LatestRating>) (topic, latest) -> {
                boolean probation = !latest.trust().trusted();
                ByteBuffer buffer = ByteBuffer.allocate((probation ? 12 : 4)
                                + RatingIds.BYTES_PER_ID * latest.ids().size())
                        .putInt(latest.rating());
                if (probation) {
                    buffer.putDouble(latest.trust().tau());
                }
                latest.ids().writeTo(buffer);
                return buffer.array();
            },
            (Deserializer<LatestRating>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                int rating = buffer.getInt();
                Trust trust = bytes.length % RatingIds.BYTES_PER_ID == 12
                        ? Trust.probation(buffer.getDouble())
                        : Trust.TRUSTED;
                return new LatestRating(rating, trust, RatingIds.readFrom(buffer));
            });

    /** window (8), user id: a window's entries lie together. */
    static final Serde<WindowUser> WINDOW_USER = codec(
            (Serializer<WindowUser>) (topic, key) -> {
                byte[] user = key.userId().getBytes(StandardCharsets.UTF_8);
                return ByteBuffer.allocate(8 + user.length)
                        .putLong(key.windowStart())
                        .put(user)
                        .array();
            },
            (Deserializer<WindowUser>) (topic, bytes) -> new WindowUser(
                    ByteBuffer.wrap(bytes).getLong(), new String(bytes, 8, bytes.length - 8, StandardCharsets.UTF_8)));

    /** post ids (8 each), ascending. */
    static final Serde<long[]> POSTS = codec(
            (Serializer<long[]>) (topic, posts) -> {
                ByteBuffer buffer = ByteBuffer.allocate(8 * posts.length);
                buffer.asLongBuffer().put(posts);
                return buffer.array();
            },
            (Deserializer<long[]>) (topic, bytes) -> {
                long[] posts = new long[bytes.length / 8];
                ByteBuffer.wrap(bytes).asLongBuffer().get(posts);
                return posts;
            });

    static final Serde<WindowArrival> WINDOW_ARRIVAL = codec(
            (Serializer<WindowArrival>) (topic, key) -> ByteBuffer.allocate(16)
                    .putLong(key.windowStart())
                    .putLong(key.offset())
                    .array(),
            (Deserializer<WindowArrival>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                return new WindowArrival(buffer.getLong(), buffer.getLong());
            });

    /** first window (8), then (post (8), first rated (8)) per kept post. */
    static final Serde<RaterHistory> RATER_HISTORY = codec(
            (Serializer<RaterHistory>) (topic, history) -> {
                ByteBuffer buffer = ByteBuffer.allocate(8 + 16 * history.posts().length);
                buffer.putLong(history.firstWindow());
                for (int i = 0; i < history.posts().length; i++) {
                    buffer.putLong(history.posts()[i]).putLong(history.firstRated()[i]);
                }
                return buffer.array();
            },
            (Deserializer<RaterHistory>) (topic, bytes) -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                long first = buffer.getLong();
                int count = (bytes.length - 8) / 16;
                long[] posts = new long[count];
                long[] firstRated = new long[count];
                for (int i = 0; i < count; i++) {
                    posts[i] = buffer.getLong();
                    firstRated[i] = buffer.getLong();
                }
                return new RaterHistory(first, posts, firstRated);
            });

    private StoreCodecs() {}

    /** A serde that passes null through: deleting an entry writes a null value. */
    static <T> Serde<T> codec(Serializer<T> serializer, Deserializer<T> deserializer) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : serializer.serialize(topic, value),
                (topic, bytes) -> bytes == null ? null : deserializer.deserialize(topic, bytes));
    }
}
