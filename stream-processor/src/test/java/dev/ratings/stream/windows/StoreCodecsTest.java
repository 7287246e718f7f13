package dev.ratings.stream.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ratings.stream.score.RaterState;
import dev.ratings.stream.score.Trust;
import dev.ratings.stream.windows.StoreCodecs.CountedRating;
import dev.ratings.stream.windows.StoreCodecs.LatestRating;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The rating ids in the stores and on the repartition topics, and what was written before them. */
class StoreCodecsTest {

    private static final UUID A = UUID.fromString("00000000-0000-3000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-3000-8000-00000000000b");

    @Test
    void aRatingTravelsWithItsIdAndWhetherItIsLate() {
        Windowed.Rating onTime = new Windowed.Rating(7, "alice", 4, 600_000, Trust.probation(0.25), A, false);
        Windowed.Rating late = new Windowed.Rating(7, "alice", 4, 600_000, Trust.TRUSTED, B, true);

        assertThat(roundTrip(WindowedCodec.FULL, onTime)).isEqualTo(onTime);
        assertThat(roundTrip(WindowedCodec.FULL, late)).isEqualTo(late);
    }

    @Test
    void eachRepartitionTopicLeavesTheKeysFieldToTheKey() {
        Windowed.Rating rating = new Windowed.Rating(7, "alice", 5, 1_796_229_000_000L, Trust.probation(0.25), A, true);

        Windowed.Rating byUser = (Windowed.Rating) roundTrip(WindowedCodec.BY_USER, rating);
        Windowed.Rating byPost = (Windowed.Rating) roundTrip(WindowedCodec.BY_POST, rating);

        assertThat(byUser.userId()).isNull();
        assertThat(byUser.withUserId("alice")).isEqualTo(rating);
        assertThat(byPost.postId()).isEqualTo(Windowed.Rating.KEYED_POST);
        assertThat(byPost.withPostId(7)).isEqualTo(rating);
        // kind, flags, post (1), window (6), τ (8), id (16); the user id (5) only by post
        assertThat(WindowedCodec.BY_USER.serializer().serialize("t", rating)).hasSize(33);
        assertThat(WindowedCodec.BY_POST.serializer().serialize("t", rating)).hasSize(37);
    }

    @Test
    void aRatingWrittenWithFixedSizeFieldsStillReads() {
        Windowed.Rating rating = new Windowed.Rating(7, "alice", 4, 600_000, Trust.TRUSTED, A, true);
        byte[] fixed = fixedLayout((byte) 3, A);

        assertThat(WindowedCodec.BY_POST.deserializer().deserialize("t", fixed)).isEqualTo(rating);
        assertThat(WindowedCodec.FULL.serializer().serialize("t", rating)).hasSizeLessThan(fixed.length);
    }

    @Test
    void aRatingWrittenBeforeIdsTravelledReadsWithoutOne() {
        byte[] old = fixedLayout((byte) 0, null);

        assertThat(WindowedCodec.FULL.deserializer().deserialize("t", old))
                .isEqualTo(new Windowed.Rating(7, "alice", 4, 600_000, Trust.TRUSTED, null, false));
    }

    @Test
    void ratersKeepTheirIdsWithEitherTrust() {
        RatingIds ids = RatingIds.NONE.with(A).with(B);
        LatestRating trusted = new LatestRating(3, Trust.TRUSTED, ids);
        LatestRating probation = new LatestRating(3, Trust.probation(0.5), ids);
        CountedRating counted = new CountedRating(new RaterState(3, 0.75, false), ids);
        CountedRating onProbation = new CountedRating(new RaterState(3, 0.75, true), RatingIds.NONE.with(A));

        assertThat(roundTrip(StoreCodecs.LATEST_RATING, trusted)).isEqualTo(trusted);
        assertThat(roundTrip(StoreCodecs.LATEST_RATING, probation)).isEqualTo(probation);
        assertThat(roundTrip(StoreCodecs.COUNTED_RATING, counted)).isEqualTo(counted);
        assertThat(roundTrip(StoreCodecs.COUNTED_RATING, onProbation)).isEqualTo(onProbation);
    }

    @Test
    void raterEntriesWrittenBeforeIdsWereKeptReadWithoutIds() {
        byte[] latest = ByteBuffer.allocate(12).putInt(3).putDouble(0.5).array();
        byte[] counted = ByteBuffer.allocate(10)
                .put((byte) 3)
                .putDouble(0.75)
                .put((byte) 1)
                .array();

        assertThat(StoreCodecs.LATEST_RATING.deserializer().deserialize("t", latest))
                .isEqualTo(new LatestRating(3, Trust.probation(0.5), RatingIds.NONE));
        assertThat(StoreCodecs.COUNTED_RATING.deserializer().deserialize("t", counted))
                .isEqualTo(new CountedRating(new RaterState(3, 0.75, true), RatingIds.NONE));
    }

    @Test
    void idsAreBoundedAndTheOldestGoFirst() {
        RatingIds ids = RatingIds.NONE;
        for (int i = 0; i < RatingIds.MAX; i++) {
            ids = ids.with(new UUID(0, i));
        }
        RatingIds more = ids.with(A).withAll(RatingIds.NONE.with(B));

        assertThat(more.size()).isEqualTo(RatingIds.MAX);
        assertThat(more.contains(new UUID(0, 0))).isFalse();
        assertThat(more.contains(new UUID(0, 1))).isFalse();
        assertThat(more.contains(new UUID(0, 2))).isTrue();
        assertThat(more.contains(A)).isTrue();
        assertThat(more.contains(B)).isTrue();
    }

    /** Alice's trusted rating 4 of post 7 in window 600,000, laid out as before kind 4. */
    private static byte[] fixedLayout(byte kind, UUID id) {
        byte[] user = "alice".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(19 + (id == null ? 0 : 16) + user.length)
                .put(kind)
                .putLong(7)
                .putLong(600_000)
                .put((byte) 4)
                .put((byte) 1);
        if (id != null) {
            buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        return buffer.put(user).array();
    }

    private static <T> T roundTrip(Serde<T> serde, T value) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }
}
