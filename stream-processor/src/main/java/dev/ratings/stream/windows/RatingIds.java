package dev.ratings.stream.windows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * The ids of the latest ratings one user gave one post, oldest first: what the decay stage
 * recognises a repeated rating event by. At most {@link #MAX} are kept, the oldest dropped first;
 * most users rate a post once, and the ingest API lets a user rate a post 3 times per window by
 * default ({@code ratings.rate-limit.per-post-per-window}), so nearly every entry holds one.
 */
final class RatingIds {

    static final int MAX = 8;
    static final int BYTES_PER_ID = 16;
    static final RatingIds NONE = new RatingIds(new long[0]);

    /** most and least significant bits of each id, in turn */
    private final long[] bits;

    private RatingIds(long[] bits) {
        this.bits = bits;
    }

    int size() {
        return bits.length / 2;
    }

    boolean contains(UUID id) {
        if (id == null) {
            return false;
        }
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        for (int i = 0; i < bits.length; i += 2) {
            if (bits[i] == most && bits[i + 1] == least) {
                return true;
            }
        }
        return false;
    }

    /** These ids and {@code id} (none added for a record without one), the oldest dropped past {@link #MAX}. */
    RatingIds with(UUID id) {
        if (id == null) {
            return this;
        }
        int drop = size() == MAX ? 2 : 0;
        long[] more = Arrays.copyOfRange(bits, drop, bits.length + 2);
        more[more.length - 2] = id.getMostSignificantBits();
        more[more.length - 1] = id.getLeastSignificantBits();
        return new RatingIds(more);
    }

    /** These ids, then {@code later}'s, the oldest dropped past {@link #MAX}. */
    RatingIds withAll(RatingIds later) {
        if (bits.length == 0) {
            return later;
        }
        long[] all = Arrays.copyOf(bits, bits.length + later.bits.length);
        System.arraycopy(later.bits, 0, all, bits.length, later.bits.length);
        return new RatingIds(Arrays.copyOfRange(all, Math.max(0, all.length - 2 * MAX), all.length));
    }

    void writeTo(ByteBuffer buffer) {
        for (long part : bits) {
            buffer.putLong(part);
        }
    }

    /** The ids that fill the rest of {@code buffer}. */
    static RatingIds readFrom(ByteBuffer buffer) {
        long[] bits = new long[buffer.remaining() / BYTES_PER_ID * 2];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = buffer.getLong();
        }
        return bits.length == 0 ? NONE : new RatingIds(bits);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RatingIds that && Arrays.equals(bits, that.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("RatingIds[");
        for (int i = 0; i < bits.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(new UUID(bits[i], bits[i + 1]));
        }
        return text.append(']').toString();
    }
}
