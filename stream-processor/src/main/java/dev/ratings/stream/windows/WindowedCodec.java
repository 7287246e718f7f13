package dev.ratings.stream.windows;

import dev.ratings.stream.score.Trust;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The records of decay-v2's repartition topics (and of the user stage's held ratings): every rating
 * crosses two topics, so each byte counts twice per rating. A rating leaves out what its record's key
 * carries already (its user by user, its post by post); the stage that reads it puts it back from
 * the key ({@link Windowed.Rating#withUserId}, {@link Windowed.Rating#withPostId}).
 *
 * <p>A rating: kind {@link #COMPACT}, flags (rating 3 bits, trust 2, late 1, user left out 1, post
 * left out 1), post (unsigned varint, unless left out), window start (unsigned varint), τ (8) on
 * probation, rating id (16), user id (UTF-8, the rest, unless left out). A watermark: kind, source
 * (4), sources (4), stream time (8).
 *
 * <p>Still read, as written before: kinds 0, 2 and 3, a rating with fixed-size post (8), window (8),
 * rating (1), trust (1, and τ (8) on probation), rating id (16, not for kind 0) and user id. A rating
 * without an id is still written that way.
 */
final class WindowedCodec {

    /** Ratings with every field: the held ratings, and what a test writes by user. */
    static final Serde<Windowed> FULL = serde(false, false);

    /** decay-v2's topic by user, keyed by user id. */
    static final Serde<Windowed> BY_USER = serde(true, false);

    /** decay-v2's topic by post, keyed by post id. */
    static final Serde<Windowed> BY_POST = serde(false, true);

    /** A rating written before ratings carried their id (no id, never late). */
    private static final byte RATING_WITHOUT_ID = 0;

    private static final byte WATERMARK = 1;
    private static final byte RATING = 2;
    private static final byte LATE_RATING = 3;
    private static final byte COMPACT = 4;

    private static final int UNKNOWN_TRUST = 0;
    private static final int TRUSTED = 1;
    private static final int PROBATION = 2;

    private static final int RATING_BITS = 0b111;
    private static final int TRUST_SHIFT = 3;
    private static final int LATE = 1 << 5;
    private static final int NO_USER = 1 << 6;
    private static final int NO_POST = 1 << 7;

    private WindowedCodec() {}

    private static Serde<Windowed> serde(boolean withoutUser, boolean withoutPost) {
        return StoreCodecs.codec(
                (Serializer<Windowed>) (topic, entry) -> entry instanceof Windowed.Watermark watermark
                        ? ByteBuffer.allocate(17)
                                .put(WATERMARK)
                                .putInt(watermark.source())
                                .putInt(watermark.sources())
                                .putLong(watermark.streamTime())
                                .array()
                        : write((Windowed.Rating) entry, withoutUser, withoutPost),
                (Deserializer<Windowed>) (topic, bytes) -> read(bytes));
    }

    private static byte[] write(Windowed.Rating rating, boolean withoutUser, boolean withoutPost) {
        UUID id = rating.ratingId();
        if (id == null || rating.rating() < 0 || rating.rating() > RATING_BITS || rating.postId() < 0) {
            return writeFixed(rating);
        }
        Trust trust = rating.trust();
        boolean probation = trust != null && !trust.trusted();
        byte[] user = withoutUser ? new byte[0] : rating.userId().getBytes(StandardCharsets.UTF_8);
        int flags = rating.rating()
                | (trust == null ? UNKNOWN_TRUST : probation ? PROBATION : TRUSTED) << TRUST_SHIFT
                | (rating.late() ? LATE : 0)
                | (withoutUser ? NO_USER : 0)
                | (withoutPost ? NO_POST : 0);
        ByteBuffer buffer = ByteBuffer.allocate(2
                        + (withoutPost ? 0 : Varints.size(rating.postId()))
                        + Varints.size(rating.windowStart())
                        + (probation ? 8 : 0)
                        + 16
                        + user.length)
                .put(COMPACT)
                .put((byte) flags);
        if (!withoutPost) {
            Varints.write(rating.postId(), buffer);
        }
        Varints.write(rating.windowStart(), buffer);
        if (probation) {
            buffer.putDouble(trust.tau());
        }
        return buffer.putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits())
                .put(user)
                .array();
    }

    private static Windowed read(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte kind = buffer.get();
        if (kind == WATERMARK) {
            return new Windowed.Watermark(buffer.getInt(), buffer.getInt(), buffer.getLong());
        }
        if (kind != COMPACT) {
            return readFixed(kind, buffer, bytes);
        }
        int flags = buffer.get() & 0xff;
        long post = (flags & NO_POST) != 0 ? Windowed.Rating.KEYED_POST : Varints.read(buffer);
        long window = Varints.read(buffer);
        Trust trust = trust((flags >> TRUST_SHIFT) & 0b11, buffer);
        UUID id = new UUID(buffer.getLong(), buffer.getLong());
        String user = (flags & NO_USER) != 0 ? null : rest(bytes, buffer);
        return new Windowed.Rating(post, user, flags & RATING_BITS, window, trust, id, (flags & LATE) != 0);
    }

    private static byte[] writeFixed(Windowed.Rating rating) {
        byte[] user = rating.userId().getBytes(StandardCharsets.UTF_8);
        Trust trust = rating.trust();
        boolean probation = trust != null && !trust.trusted();
        UUID id = rating.ratingId();
        ByteBuffer buffer = ByteBuffer.allocate(19 + (probation ? 8 : 0) + (id == null ? 0 : 16) + user.length)
                .put(id == null ? RATING_WITHOUT_ID : rating.late() ? LATE_RATING : RATING)
                .putLong(rating.postId())
                .putLong(rating.windowStart())
                .put((byte) rating.rating())
                .put((byte) (trust == null ? UNKNOWN_TRUST : probation ? PROBATION : TRUSTED));
        if (probation) {
            buffer.putDouble(trust.tau());
        }
        if (id != null) {
            buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        }
        return buffer.put(user).array();
    }

    private static Windowed.Rating readFixed(byte kind, ByteBuffer buffer, byte[] bytes) {
        long post = buffer.getLong();
        long window = buffer.getLong();
        int rating = buffer.get();
        Trust trust = trust(buffer.get(), buffer);
        UUID id = kind == RATING_WITHOUT_ID ? null : new UUID(buffer.getLong(), buffer.getLong());
        return new Windowed.Rating(post, rest(bytes, buffer), rating, window, trust, id, kind == LATE_RATING);
    }

    private static Trust trust(int kind, ByteBuffer buffer) {
        return switch (kind) {
            case TRUSTED -> Trust.TRUSTED;
            case PROBATION -> Trust.probation(buffer.getDouble());
            default -> null;
        };
    }

    private static String rest(byte[] bytes, ByteBuffer buffer) {
        return new String(bytes, buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
    }

    /** Unsigned LEB128: 7 bits a byte, low first; a window start in ms takes 6 bytes, a post id 1-3. */
    static final class Varints {

        private Varints() {}

        static int size(long value) {
            return Math.max(1, (70 - Long.numberOfLeadingZeros(value)) / 7);
        }

        static void write(long value, ByteBuffer buffer) {
            while ((value & ~0x7fL) != 0) {
                buffer.put((byte) ((value & 0x7f) | 0x80));
                value >>>= 7;
            }
            buffer.put((byte) value);
        }

        static long read(ByteBuffer buffer) {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte next = buffer.get();
                value |= (long) (next & 0x7f) << shift;
                if (next >= 0) {
                    return value;
                }
            }
        }
    }
}
