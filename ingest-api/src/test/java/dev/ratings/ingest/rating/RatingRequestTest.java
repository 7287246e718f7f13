package dev.ratings.ingest.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratings.contract.RatingEvent;
import dev.ratings.ingest.MalformedRequests;
import dev.ratings.ingest.fuzz.RandomBodies;
import dev.ratings.ingest.web.InvalidRequestException;
import dev.ratings.ingest.web.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token reading of a rating body accepts only what the strict tree reading accepts, with the
 * same rating, so the quick way in can never let through or refuse differently.
 */
class RatingRequestTest {

    @ParameterizedTest
    @ValueSource(strings = {"{\"rating\": 4}", "{\"rating\":0}", " { \"rating\" : 5 }\n", "{\"rating\": -0}"})
    void aPlainRatingIsReadAsTokens(String body) {
        int rating = RatingRequest.plainRating(utf8(body));

        assertThat(rating).isBetween(0, 5).isEqualTo(strict(utf8(body)));
    }

    @Test
    void everyMalformedBodyIsLeftToTheStrictReadingWhichRefusesIt() {
        for (MalformedRequests.BadRequest bad : MalformedRequests.ratingBodies()) {
            if (bad.status() != 400) {
                continue;
            }
            assertThat(RatingRequest.plainRating(bad.body())).as(bad.name()).isEqualTo(-1);
            assertThatThrownBy(() -> RatingRequest.rating(bad.body()))
                    .as(bad.name())
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageStartingWith(bad.detail());
        }
    }

    @Test
    void onRandomBodiesTheTokenReadingNeverDisagreesWithTheStrictOne() {
        SplittableRandom random = new SplittableRandom(20261202);
        for (int i = 0; i < 20_000; i++) {
            byte[] body = i % 2 == 0 ? RandomBodies.notARating(random) : RandomBodies.bytes(random);
            int quick = RatingRequest.plainRating(body);
            if (quick >= 0) {
                assertThat(strict(body)).as(RandomBodies.show(body)).isEqualTo(quick);
            }
        }
    }

    @Test
    void the202BodyIsTheRecordAsJacksonWritesIt() {
        RatingEvent event = new RatingEvent(UUID.randomUUID(), 9_007_199_254_740_993L, "alice", 3, 1_764_633_600_123L);

        String json = RatingAccepted.json(event);

        JsonMapper mapper = JsonMapper.builder().build();
        assertThat(json)
                .isEqualTo(mapper.writeValueAsString(new RatingAccepted(
                        event.ratingId().toString(), event.postId(), 3, "2025-12-02T00:00:00.123Z")));
    }

    private static int strict(byte[] body) {
        return RatingRequest.rating(StrictJson.readObject(body));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
